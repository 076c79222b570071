"""Reading and working the queue page (Bandejas) in Chromium, as a supervisor does; the
queue two supervisors share in the race tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine, select

from dashboard.db import build_engine
from dashboard.domain import Role, local_now
from dashboard.migrate import upgrade
from dashboard.models import Case, Department
from tests.builders import PASSWORD, World, add_case, add_user, case_code, small_world
from tests.e2e_server import log_in, wait_for_run

HOUSING = "Hábitat y Vivienda"
REASON = "competencia de otra área"
#: The explanation the first supervisor types when she moves a case to Hábitat.
NOTE_ANA = "Lo atiende Hábitat según el protocolo"
#: What the other supervisor writes when moving cases meanwhile (``move_now``).
NOTE_MEANWHILE = "Pasan a Hábitat por competencia"

#: Where the first row's tick box sits in a table, and the height of each row (pixels).
FIRST_TICK = {"x": 14, "y": 52}
ROW_HEIGHT = 35


def table_with(page: Page, text: str) -> Locator:
    """The data table whose cells hold ``text`` (read through the grid's accessible table)."""
    return page.locator('[data-testid="stDataFrame"]').filter(has_text=text).last


def table_headed(page: Page, column: str) -> Locator:
    """The data tables with a column named ``column``.

    By header, not by text: a case's detail is a table of its fields whose *cells* say
    "Prioridad" and the case's code, drawn under the queue as soon as one case is ticked.
    """
    # The grid's accessible copy is hidden from the accessibility tree (the canvas is what
    # is seen), so its header cells are found by their markup, not by role.
    header = page.locator('th[role="columnheader"]', has_text=re.compile(f"^{re.escape(column)}$"))
    return page.get_by_test_id("stDataFrame").filter(has=header)


def case_table(page: Page, code: str) -> Locator:
    """The queue's case table (its header has "Prioridad") while it lists ``code``."""
    return table_headed(page, "Prioridad").filter(has_text=code)


def tick_row(table: Locator, row: int) -> None:
    """Click the tick box of ``row`` (0 is the first) of ``table`` and wait until the grid
    shows it ticked; the rerun this starts is for the caller to wait on, by what it draws
    (the page has not started that run yet when the grid shows the tick)."""
    table.click(position={"x": FIRST_TICK["x"], "y": FIRST_TICK["y"] + ROW_HEIGHT * row})
    # The grid's accessible copy numbers its rows from 1, the header included.
    expect(table.locator(f'tr[aria-rowindex="{row + 2}"]')).to_have_attribute(
        "aria-selected", "true"
    )


def open_first_row(page: Page, code: str) -> None:
    """Tick the first row of the queue listing ``code`` and wait for that case's detail (and
    the reassignment form beside it)."""
    tick_row(case_table(page, code), 0)
    page.get_by_role("heading", name=f"Solicitud {code}").wait_for()
    wait_for_run(page)


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
    log_in(page, base, username, PASSWORD, f"/bandejas{query}")
    page.get_by_text("Solicitudes en bandeja").wait_for()
    return page


@dataclass(frozen=True)
class Queue:
    """A database with open cases of Asistencia Alimentaria (``codes`` oldest first, which is
    also the queue's order: each is due ten days after it came in) and two of its supervisors
    (ana, beto)."""

    url: str
    engine: Engine
    world: World
    codes: list[str]


def queue_of(url: str, cases: int) -> Queue:
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    now = local_now()
    codes = [
        case_code(engine, add_case(engine, world, created_at=now - timedelta(days=90, hours=-i)))
        for i in range(cases)
    ]
    add_user(engine, "ana", Role.SUPERVISOR, (world.food,))
    add_user(engine, "beto", Role.SUPERVISOR, (world.food,))
    return Queue(url, engine, world, codes)


def queue_at(url: str, cases: int) -> Iterator[Queue]:
    """``queue_of`` for a fixture: its engine is closed after the test."""
    queue = queue_of(url, cases)
    yield queue
    queue.engine.dispose()


def where(queue: Queue, code: str) -> tuple[str, int]:
    """The department holding ``code`` now and the case's version."""
    with queue.engine.connect() as connection:
        row = connection.execute(
            select(Department.name, Case.version)
            .join(Department, Department.id == Case.department_id)
            .where(Case.code == code)
        ).one()
    return row.name, row.version


def move_now(
    browser: Browser, base: str, username: str, codes: list[str], first_row: int = 0
) -> None:
    """``username``, in a session of their own, ticks ``codes`` (consecutive rows of the
    queue from ``first_row``) and moves them to Hábitat."""
    page = open_queue(browser, base, username)
    for ticked in range(1, len(codes) + 1):
        tick_row(case_table(page, codes[0]), first_row + ticked - 1)
        # The page took this tick before the next one: each click is then made on the
        # queue as that run drew it.
        page.get_by_text(f"Marcaste {ticked}: {', '.join(codes[:ticked])}.").wait_for()
    fill_reassignment(page, HOUSING, REASON, NOTE_MEANWHILE)
    confirm(page)
    page.get_by_text(f"Se movieron {len(codes)} de {len(codes)} solicitudes.").wait_for()
