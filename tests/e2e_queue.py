"""Reading and working the queue page (Bandejas) in Chromium, as a supervisor does."""

from __future__ import annotations

from playwright.sync_api import Browser, Locator, Page

from tests.builders import PASSWORD
from tests.e2e_server import log_in, wait_for_run

#: Where the first row's tick box sits in a table, and the height of each row (pixels).
FIRST_TICK = {"x": 14, "y": 52}
ROW_HEIGHT = 35


def table_with(page: Page, text: str) -> Locator:
    """The data table whose cells hold ``text`` (read through the grid's accessible table)."""
    return page.locator('[data-testid="stDataFrame"]').filter(has_text=text).last


def case_table(page: Page, code: str) -> Locator:
    """The queue's case table (its header has "Prioridad") while it lists ``code``."""
    return table_with(page, "Prioridad").filter(has_text=code)


def tick_row(table: Locator, row: int) -> None:
    """Click the tick box of ``row`` (0 is the first) of ``table`` and wait for the run."""
    table.click(position={"x": FIRST_TICK["x"], "y": FIRST_TICK["y"] + ROW_HEIGHT * row})
    wait_for_run(table.page)


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the select box ``label`` once the page has settled (a rerun that
    finishes while the list is open would close it)."""
    wait_for_run(page)
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.press_sequentially(option)
    page.get_by_role("option", name=option).click()
    wait_for_run(page)


def fill_reassignment(page: Page, target: str, reason: str, note: str) -> None:
    """Fill in the reassignment form (not confirmed)."""
    choose(page, "Área de destino", target)
    choose(page, "Motivo", reason)
    explanation = page.get_by_role("textbox", name="Explicación")
    explanation.fill(note)
    explanation.press("Tab")
    wait_for_run(page)


def confirm(page: Page) -> None:
    page.get_by_role("button", name="Confirmar reasignación").click()
    page.get_by_text("Se movieron").wait_for()
    wait_for_run(page)


def open_queue(browser: Browser, base: str, username: str, query: str = "") -> Page:
    """A supervisor's own browser session (its own cookies), logged in, on Bandejas."""
    page = browser.new_context(viewport={"width": 1400, "height": 1400}).new_page()
    log_in(page, base, username, PASSWORD)
    page.goto(f"{base}/bandejas{query}")
    wait_for_run(page)
    page.get_by_text("Solicitudes en bandeja").wait_for()
    return page
