"""End to end: the real server in headless Chromium shows the figures SQL computes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from sqlalchemy import text

from dashboard.db import build_engine
from dashboard.domain import EventKind, Status, local_now
from dashboard.i18n import format_percent
from dashboard.migrate import upgrade
from tests.builders import PASSWORD, add_case, add_event, add_role_users, small_world
from tests.e2e_server import chromium, close_sessions, log_in, running_app, wait_for_run

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"

# The same four figures, written directly in SQL (not through queries/), cut at now.
DIRECT_SQL = """
SELECT
  SUM(CASE WHEN created_at >= :period_start AND created_at < :now THEN 1 ELSE 0 END)
    AS received,
  SUM(CASE WHEN created_at >= :period_start AND created_at < :now AND status = 'duplicada'
      THEN 1 ELSE 0 END) AS merged,
  SUM(CASE WHEN created_at < :now AND (closed_at IS NULL OR closed_at >= :now)
      THEN 1 ELSE 0 END) AS open_cases,
  SUM(CASE WHEN created_at >= :week_ago AND created_at < :now THEN 1 ELSE 0 END) AS inflow,
  SUM(CASE WHEN created_at < :now AND (closed_at IS NULL OR closed_at >= :now)
      AND due_at < :now THEN 1 ELSE 0 END) AS overdue
FROM cases
"""


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('home') / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    now = local_now()
    for days_ago, due_in_days, closed_days_ago in [
        (1, 10, None), (3, 10, None), (12, 5, None), (30, 5, None),
        (5, 10, 2), (60, 10, 50), (2, 1, None),
    ]:  # fmt: skip
        add_case(
            engine, world, created_at=now - timedelta(days=days_ago),
            due_in=timedelta(days=due_in_days),
            closed_at=now - timedelta(days=closed_days_ago) if closed_days_ago else None,
        )  # fmt: skip
    add_case(engine, world, created_at=now - timedelta(days=4), municipality=world.tandil)
    # A request logged twice, the second merged into the first 18 days ago (a merge made
    # seconds ago would fall after the page's cut-off, which is truncated to the minute).
    add_case(engine, world, created_at=now - timedelta(days=20))
    merged_at = now - timedelta(days=18)
    duplicate = add_case(engine, world, created_at=now - timedelta(days=19),
                         status=Status.DUPLICADA, closed_at=merged_at)  # fmt: skip
    add_event(engine, duplicate, EventKind.MERGED, merged_at, from_status=Status.NUEVA,
              to_status=Status.DUPLICADA)  # fmt: skip
    add_role_users(engine, world)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def served(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Browser]]:
    """One app and browser for the module (its tests read; the export only adds its audit
    entry, which the other test does not read)."""
    log = tmp_path_factory.mktemp("home_log") / "streamlit.log"
    with running_app(database_url, log) as base, chromium() as browser:
        yield base, browser


@pytest.fixture
def app(served: tuple[str, Browser]) -> Iterator[tuple[str, Browser]]:
    """The module's app; the browser session a test opened is closed after it."""
    yield served
    close_sessions(served[1])


def test_home_page_figures_equal_sql(database_url: str, app: tuple[str, Browser]) -> None:
    base, browser = app
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    log_in(page, base, "gabinete", PASSWORD)
    page.get_by_text("Solicitudes abiertas").first.wait_for()
    shown = _metrics(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "resumen.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar CSV").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
    entry = _export_audit_entry(database_url)  # written by the click's rerun

    now = local_now().replace(second=0, microsecond=0)
    period_start = datetime.combine(now.date() - timedelta(days=90), datetime.min.time())
    with build_engine(database_url).connect() as connection:
        row = connection.execute(
            text(DIRECT_SQL),
            {"now": now, "week_ago": now - timedelta(days=7), "period_start": period_start},
        ).one()  # fmt: skip
    assert shown == {
        "Solicitudes abiertas": str(row.open_cases),
        "Ingresos últimos 7 días": str(row.inflow),
        "Vencidas": str(row.overdue),
        "Tasa de duplicadas": format_percent(row.merged / row.received),
    }
    assert row.open_cases > 0 and row.overdue > 0 and row.merged > 0  # not vacuous
    assert exported.splitlines()[0] == "channel_code;channel;cases;share"
    assert entry is not None, "the export left no audit entry"
    assert (entry.username, entry.target) == ("gabinete", "resumen_por_canal")
    assert '"date_from"' in entry.details and '"formato": "csv"' in entry.details


def _metrics(page) -> dict[str, str]:
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    return {label.strip(): value.strip() for label, value in zip(labels, values, strict=True)}


def test_a_shared_link_carries_its_filters_and_language(app: tuple[str, Browser]) -> None:
    base, browser = app
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    log_in(page, base, "gabinete", PASSWORD)
    page.goto(f"{base}/?partido=Tandil&lang=English")
    wait_for_run(page)
    page.get_by_text("Open cases").first.wait_for()
    shown = _metrics(page)
    title = page.locator("h1").first.inner_text()
    chosen = page.get_by_test_id("stMultiSelect").filter(has_text="Municipality").inner_text()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "resumen_tandil_en.png", full_page=True)

    assert title == "Summary"
    assert "Tandil" in chosen
    assert shown == {"Open cases": "1", "Inflow, last 7 days": "1", "Overdue": "0",
                     "Duplicate rate": "0.0%"}  # fmt: skip


def _export_audit_entry(database_url: str, timeout: float = 15.0):
    """The audit entry of the export, waiting for the server to write it."""
    engine = build_engine(database_url)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            with engine.connect() as connection:
                entry = connection.execute(
                    text(
                        "SELECT username, target, details FROM audit_log WHERE action = 'exportar'"
                    )
                ).first()
            if entry is not None:
                return entry
            time.sleep(0.2)
        return None
    finally:
        engine.dispose()
