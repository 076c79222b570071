"""End to end: from a department's backlog, one click opens its queue on the same view."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from dashboard.db import build_engine
from dashboard.domain import local_now
from dashboard.migrate import upgrade
from tests.builders import PASSWORD, add_case, add_role_users, small_world
from tests.e2e_server import chromium, log_in, running_app, wait_for_run

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """Hábitat: two WhatsApp cases and one by e-mail; Asistencia Alimentaria: one WhatsApp."""
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    now = local_now()
    for days, channel in ((3, world.whatsapp), (12, world.whatsapp), (20, world.email)):
        add_case(engine, world, created_at=now - timedelta(days=days), department=world.housing,
                 channel=channel)  # fmt: skip
    add_case(engine, world, created_at=now - timedelta(days=5))
    add_role_users(engine, world)
    engine.dispose()
    return url


def test_a_department_link_opens_its_queue_with_the_filters(
    database_url: str, tmp_path: Path
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    with running_app(database_url, tmp_path / "streamlit.log") as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        log_in(page, base, "gabinete", PASSWORD, "/pendientes?canal=WhatsApp")
        page.screenshot(path=SCREENSHOTS / "pendientes.png")
        page.get_by_text("Áreas según cuánto creció su stock").scroll_into_view_if_needed()
        ranking = page.locator('[data-testid="stDataFrame"]').filter(has_text="Variación")
        listed = ranking.text_content()  # the grid's accessible copy, in row order
        assert listed.index("Hábitat y Vivienda") < listed.index("Asistencia Alimentaria")
        box = ranking.bounding_box()
        page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first row's box: Hábitat
        page.wait_for_url("**/bandejas?**")
        page.get_by_text("Solicitudes en bandeja").wait_for()
        wait_for_run(page)
        area = page.get_by_test_id("stMultiSelect").filter(has_text="Área").inner_text()
        channel = page.get_by_test_id("stMultiSelect").filter(has_text="Canal").inner_text()
        open_cases = page.locator('[data-testid="stMetricValue"]').first.inner_text()
        page.screenshot(path=SCREENSHOTS / "pendientes_a_bandeja.png")
        queue_url = page.url

    assert "/bandejas?" in queue_url
    assert "Hábitat y Vivienda" in area and "WhatsApp" in channel
    assert open_cases.strip() == "2"  # Hábitat's two WhatsApp cases, not the e-mail one
