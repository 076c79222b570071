"""End to end: the period is set with the mouse (a named period) and with the keyboard (typed
dates) in the sidebar of the real app in Chromium, and the figures follow."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from dashboard.db import build_engine
from dashboard.domain import local_now
from dashboard.migrate import upgrade
from dashboard.periods import preset_range
from tests.builders import PASSWORD, add_case, add_role_users, small_world
from tests.e2e_server import chromium, close_sessions, log_in, running_app, wait_for_run

pytestmark = pytest.mark.e2e

BAR_LABELS = ".barlayer .bartext"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Browser]]:
    """Two cases last month and one today, so "mes pasado" and the default 90 days differ."""
    folder = tmp_path_factory.mktemp("periods")
    url = f"sqlite:///{folder / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    now = local_now()
    last_month_start = datetime.combine(preset_range("mes_pasado", now.date())[0], time(10))
    today = max(now - timedelta(minutes=5), datetime.combine(now.date(), time(0)))
    for created_at in (last_month_start, last_month_start, today):
        add_case(engine, world, created_at=created_at)
    add_role_users(engine, world)
    engine.dispose()
    with running_app(url, folder / "streamlit.log") as base, chromium() as browser:
        yield base, browser
        close_sessions(browser)


def starts_with(count: str) -> re.Pattern[str]:
    return re.compile(rf"^{count}\b")


def shown(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def period_in_sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar").get_by_test_id("stDateInput")


def expect_period(page: Page, start: date, end: date) -> None:
    """The two dates as the range field writes them (day/month/year, one segment each)."""
    for side, day in (("start", start), ("end", end)):
        field = period_in_sidebar(page).locator(f'[data-range-field="{side}"] [role="group"]')
        expect(field).to_have_text(shown(day))


def cases_in_chart(page: Page) -> int:
    """The count written on the single bar of "Solicitudes por canal" ("3 (100 %)")."""
    label = page.locator(BAR_LABELS).first
    label.wait_for()
    return int((label.text_content() or "").split()[0])


def test_the_period_is_set_with_the_mouse_and_with_the_keyboard(
    served: tuple[str, Browser],
) -> None:
    base, browser = served
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    log_in(page, base, "gabinete", PASSWORD)  # the cabinet starts on Resumen
    today = local_now().date()
    expect_period(page, *preset_range("ultimos_90_dias", today))
    assert cases_in_chart(page) == 3

    presets = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Períodos frecuentes")
    expect(presets).to_have_value("Últimos 90 días")

    # Mouse: open the list of named periods and click one.
    presets.click()
    page.get_by_role("option", name="Mes pasado").click()
    wait_for_run(page)
    expect(presets).to_have_value("Mes pasado")
    last_month = preset_range("mes_pasado", today)
    expect_period(page, *last_month)
    expect(page.locator(BAR_LABELS).first).to_have_text(starts_with("2"))

    # Mouse: the range's own calendar opens (the sidebar header must not take the click).
    period_in_sidebar(page).get_by_test_id("stDateInputCalendarButton").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()

    # Keyboard: focus the end date's day, type day, month and year, and leave the field. The
    # range field of Streamlit 1.67 commits typed dates when focus leaves it (Enter alone does
    # not send them): Tab moves to its calendar button, a second Tab out of the widget.
    end_day = period_in_sidebar(page).locator('[data-range-field="end"] [data-type="day"]')
    end_day.focus()
    page.keyboard.type(today.strftime("%d%m%Y"))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(BAR_LABELS).first).to_have_text(starts_with("3"))
    wait_for_run(page)
    expect_period(page, last_month[0], today)
    expect(presets).to_have_value("Personalizado")
    assert f"periodo={today.isoformat()}" in page.url
