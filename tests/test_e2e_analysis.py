"""End to end: the analysis pages draw their charts in Chromium, on a small seeded province."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from dashboard.db import build_engine
from dashboard.domain import Role, local_now
from dashboard.seed import seed_database
from tests.builders import PASSWORD, add_user
from tests.e2e_server import chromium, close_sessions, log_in, running_app, wait_for_run

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
#: A year of the whole period so the heatmap has many weeks and the flood is inside it.
YEAR = "periodo={start}&periodo={end}"
FLOW_COUNT = re.compile(r"Este flujo: ([\d.]+) solicitudes")
POLYGONS = ".scatterlayer path.js-fill"
LIST_TOTAL = re.compile(r"Filas 1 a \d+ de ([\d.]+) solicitudes")
SETTLED_AND_AGREEING = """() => {
  const text = document.body.innerText;
  const flow = text.match(/Este flujo: ([\\d.]+) solicitudes/);
  const list = text.match(/Filas 1 a \\d+ de ([\\d.]+) solicitudes/);
  const app = document.querySelector('[data-testid="stApp"]');
  return app.dataset.testScriptState === "notRunning" && flow && list && flow[1] === list[1];
}"""


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Six thousand demo cases over a year, with their histories, and a cabinet user."""
    url = f"sqlite:///{tmp_path_factory.mktemp('analysis') / 'e2e.sqlite3'}"
    engine = build_engine(url)
    seed_database(engine, cases=6000, seed=3, years=1)
    add_user(engine, "gabinete", Role.GABINETE)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def served(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Browser]]:
    """One app and browser for the module: its tests only read the database."""
    log = tmp_path_factory.mktemp("analysis_log") / "streamlit.log"
    with running_app(database_url, log) as base, chromium() as browser:
        yield base, browser


@pytest.fixture
def gabinete(served: tuple[str, Browser]) -> Iterator[tuple[str, Browser]]:
    """The module's app; the browser session a test opened is closed after it."""
    yield served
    close_sessions(served[1])


def year_query() -> str:
    today = local_now().date()
    return YEAR.format(start=today.replace(year=today.year - 1).isoformat(), end=today.isoformat())


def chart_count(page: Page, selector: str) -> int:
    return page.locator(selector).count()


def test_the_overload_page_draws_its_heatmap_and_map(gabinete: tuple[str, Browser]) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    base, browser = gabinete
    page = browser.new_page(viewport={"width": 1400, "height": 3600})
    log_in(page, base, "gabinete", PASSWORD, f"/sobrecarga?{year_query()}")
    wait_for_run(page, 60_000)
    page.get_by_text("Mapa por partido").first.wait_for()
    # Plotly draws in the browser after the page's run: wait for the drawing itself.
    page.locator(".heatmaplayer image").first.wait_for()
    page.wait_for_function(f"() => document.querySelectorAll('{POLYGONS}').length >= 134")
    page.screenshot(path=SCREENSHOTS / "sobrecarga.png")
    heatmap_cells = chart_count(page, ".heatmaplayer image")
    partidos = chart_count(page, POLYGONS)
    spikes_shown = page.get_by_text("Picos de ingresos").count()

    assert heatmap_cells == 1  # Plotly paints a heatmap as one image of all its cells
    assert partidos >= 134  # every partido filled (Greater Buenos Aires twice, in the inset)
    assert spikes_shown == 1


def test_the_referral_page_draws_its_diagram_and_lists_a_flows_cases(
    gabinete: tuple[str, Browser],
) -> None:
    base, browser = gabinete
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    log_in(page, base, "gabinete", PASSWORD, "/derivaciones")
    wait_for_run(page, 60_000)
    page.get_by_text("Flujo mínimo").first.scroll_into_view_if_needed()
    page.locator(".sankey .sankey-link").first.wait_for()
    page.screenshot(path=SCREENSHOTS / "derivaciones.png")
    links = chart_count(page, ".sankey .sankey-link")
    nodes = chart_count(page, ".sankey .sankey-node")

    destination = page.get_by_role("combobox", name="Destino del flujo")
    destination.scroll_into_view_if_needed()
    destination.click()
    option = page.get_by_role("option").nth(1)  # the origin's second destination
    chosen = option.inner_text()
    option.click()
    expect(destination).to_have_value(chosen)
    # Once the run for that flow is over, the flow's count and its list's total agree.
    page.wait_for_function(SETTLED_AND_AGREEING, timeout=30_000)
    counted = FLOW_COUNT.search(page.get_by_text(FLOW_COUNT).inner_text()).group(1)
    listed = LIST_TOTAL.search(page.get_by_text(LIST_TOTAL).inner_text()).group(1)
    page.screenshot(path=SCREENSHOTS / "derivaciones_flujo.png")

    assert links > 10 and nodes > 10
    assert counted == listed
