"""End to end: the cabinet opens Indicadores in Chromium, narrows it to a channel and sees the
cards follow the query, downloads the breakdown as a workbook that opens, and two people
looking at different channels at the same time each keep their own figures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from python_calamine import CalamineWorkbook

from dashboard.db import build_engine
from dashboard.domain import local_now
from dashboard.migrate import upgrade
from dashboard.periods import DEFAULT_PRESET, preset_range
from queries.filters import CaseFilters
from queries.indicators import indicator_figures
from tests.builders import PASSWORD, World, add_case, add_role_users, small_world
from tests.e2e_server import chromium, close_sessions, running_app, submit_login, wait_for_run

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
VIEWPORT = {"width": 1400, "height": 1000}
FLOW_CARDS = ("Ingresos", "Egresos", "Stock pendiente al corte")


@dataclass(frozen=True)
class Served:
    base: str
    browser: Browser
    world: World
    database_url: str


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Four WhatsApp cases (one closed) and two by e-mail (one closed), within 90 days."""
    folder = tmp_path_factory.mktemp("indicadores")
    url = f"sqlite:///{folder / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    now = local_now()
    for days, channel, closed in ((3, world.whatsapp, None), (12, world.whatsapp, None),
                                  (20, world.whatsapp, 2), (40, world.whatsapp, None),
                                  (8, world.email, 1), (30, world.email, None)):  # fmt: skip
        add_case(engine, world, created_at=now - timedelta(days=days), channel=channel,
                 closed_at=now - timedelta(days=closed) if closed else None)  # fmt: skip
    add_role_users(engine, world)
    engine.dispose()
    with running_app(url, folder / "streamlit.log") as base, chromium() as browser:
        yield Served(base, browser, world, url)
        close_sessions(browser)


@pytest.fixture
def app(served: Served) -> Iterator[Served]:
    """The module's app; the browser sessions a test opened are closed after it."""
    yield served
    close_sessions(served.browser)


def queried(served: Served, channel: int | None = None) -> dict[str, str]:
    """The flow cards as ``queries.indicators`` counts them for the default 90 days."""
    now = local_now()
    start, end = preset_range(DEFAULT_PRESET, now.date())
    filters = CaseFilters.for_period(start, end, now, channel_ids=(channel,) if channel else ())
    with build_engine(served.database_url).connect() as connection:
        row = indicator_figures(connection, filters).iloc[0]
    counts = (int(row.inflow), int(row.outflow), int(row.backlog))
    return dict(zip(FLOW_CARDS, map(str, counts), strict=True))


def card_value(page: Page, label: str) -> Locator:
    return (
        page.get_by_test_id("stMetric").filter(has_text=label).first.get_by_test_id("stMetricValue")
    )


def cards(page: Page) -> dict[str, str]:
    """The flow cards as the page shows them: label → value."""
    return {label: card_value(page, label).inner_text().strip() for label in FLOW_CARDS}


def wait_for_page(page: Page) -> None:
    page.get_by_role("button", name="Cerrar sesión").wait_for(timeout=90_000)
    page.get_by_role("heading", name="Indicadores", level=1).wait_for(timeout=90_000)
    wait_for_run(page, 90_000)


def open_indicators(served: Served, query: str = "") -> Page:
    page = served.browser.new_context(viewport=VIEWPORT).new_page()
    submit_login(page, served.base, "gabinete", PASSWORD, f"/indicadores{query}")
    wait_for_page(page)
    return page


def choose_channel(page: Page, channel: str) -> None:
    """Pick one channel in the sidebar's filter, as a person does."""
    box = page.get_by_role("combobox", name="Canal")
    box.click()
    box.press_sequentially(channel)
    page.get_by_role("option", name=channel).click()
    page.keyboard.press("Escape")
    page.wait_for_url("**canal=**")  # the filter is bound to the address once it applies
    wait_for_run(page, 90_000)


def break_down_by(page: Page, dimension: str) -> None:
    page.get_by_role("radio", name=dimension, exact=True).click()


def wait_for_breakdown(page: Page, dimension: str) -> None:
    """Wait for the rerun that draws the breakdown by ``dimension`` (its first header)."""
    page.get_by_test_id("stDataFrame").filter(has_text=dimension).wait_for(timeout=90_000)
    wait_for_run(page, 90_000)


def test_a_channel_filter_changes_the_cards_and_the_breakdown_downloads(app: Served) -> None:
    page = open_indicators(app)
    everything = cards(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "indicadores.png")
    choose_channel(page, "Correo electrónico")
    expected = queried(app, app.world.email)
    expect(card_value(page, "Ingresos")).to_have_text(expected["Ingresos"])
    by_email = cards(page)
    page.get_by_role("heading", name="Cada indicador por grupo").scroll_into_view_if_needed()
    break_down_by(page, "Canal")
    wait_for_breakdown(page, "Canal")
    page.screenshot(path=SCREENSHOTS / "indicadores_por_canal.png")
    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar Excel").first.click()
    workbook = CalamineWorkbook.from_path(download.value.path())
    rows = workbook.get_sheet_by_index(0).to_python()

    assert everything == queried(app) == {"Ingresos": "6", "Egresos": "2",
                                          "Stock pendiente al corte": "4"}  # fmt: skip
    assert by_email == expected == {
        "Ingresos": "2", "Egresos": "1", "Stock pendiente al corte": "1"
    }  # fmt: skip
    assert download.value.suggested_filename.startswith("indicadores_por_channel_")
    assert rows[0][:4] == ["Canal", "Ingresos", "Egresos", "Stock pendiente al corte"]
    assert [row[:2] for row in rows[1:]] == [["Correo electrónico", 2]]


def test_two_sessions_with_different_channels_keep_their_own_figures(app: Served) -> None:
    """Both log in at once, one looking at WhatsApp and the other at e-mail; each then reruns
    its page (another breakdown) and still sees its own channel's figures."""
    pages = []
    for query in ("?canal=WhatsApp", "?canal=Correo+electr%C3%B3nico"):
        page = app.browser.new_context(viewport=VIEWPORT).new_page()
        submit_login(page, app.base, "gabinete", PASSWORD, f"/indicadores{query}")
        pages.append(page)
    for page in pages:
        wait_for_page(page)
    first = [cards(page) for page in pages]
    dimensions = ("Partido", "Canal")
    for page, dimension in zip(pages, dimensions, strict=True):
        break_down_by(page, dimension)
    for page, dimension in zip(pages, dimensions, strict=True):
        wait_for_breakdown(page, dimension)
    again = [cards(page) for page in pages]

    expected = [queried(app, app.world.whatsapp), queried(app, app.world.email)]
    assert expected[0] != expected[1]
    assert first == again == expected
