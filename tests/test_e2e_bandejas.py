"""End to end: a supervisor finds a case in her queue, moves it, and sees where it went."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from dashboard.db import build_engine
from dashboard.domain import Role, local_now
from dashboard.migrate import upgrade
from tests.builders import PASSWORD, add_case, add_user, case_code, small_world
from tests.e2e_queue import case_table, choose, open_first_row, table_with
from tests.e2e_server import chromium, log_in, running_app, wait_for_run

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
NOTE = "Es un pedido de vivienda: lo atiende Hábitat"


@pytest.fixture
def database(tmp_path: Path) -> tuple[str, str]:
    """Four open cases in Asistencia Alimentaria, one in Hábitat; a supervisor of both."""
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    now = local_now()
    codes = [
        case_code(engine, add_case(engine, world, created_at=now - timedelta(days=days)))
        for days in (1, 4, 9, 40)
    ]
    add_case(engine, world, created_at=now - timedelta(days=2), department=world.housing)
    add_user(engine, "coordinadora", Role.SUPERVISOR, (world.food, world.housing))
    engine.dispose()
    return url, codes[1]


def test_a_supervisor_reassigns_a_case_and_follows_it(database, tmp_path: Path) -> None:
    url, code = database
    SCREENSHOTS.mkdir(exist_ok=True)
    with running_app(url, tmp_path / "streamlit.log") as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        log_in(page, base, "coordinadora", PASSWORD, "/bandejas")
        page.get_by_text("Solicitudes en bandeja").wait_for()
        page.screenshot(path=SCREENSHOTS / "bandejas.png")

        search = page.get_by_role("textbox", name="Buscar")
        search.fill(code)
        search.press("Enter")
        page.get_by_text("Filas 1 a 1 de 1 solicitudes").wait_for()
        wait_for_run(page)
        cases = case_table(page, code)
        assert "Asistencia Alimentaria" in cases.text_content()
        open_first_row(page, code)

        choose(page, "Área de destino", "Hábitat y Vivienda")
        choose(page, "Motivo", "competencia de otra área")
        page.get_by_role("textbox", name="Explicación").fill(NOTE)
        page.get_by_role("textbox", name="Explicación").press("Tab")
        wait_for_run(page)
        preview = page.get_by_test_id("stTable").filter(has_text="Abiertas (hoy → después)")
        assert "Hábitat y Vivienda" in preview.text_content()
        page.get_by_text("Efecto en quien recibe").scroll_into_view_if_needed()
        page.screenshot(path=SCREENSHOTS / "bandejas_reasignar.png")
        page.get_by_role("button", name="Confirmar reasignación").click()
        page.get_by_text("Se movieron 1 de 1 solicitudes.").wait_for()
        case_table(page, code).filter(has_text="Hábitat y Vivienda").wait_for(state="attached")
        wait_for_run(page)
        assert "Asistencia Alimentaria" not in case_table(page, code).text_content()
        open_first_row(page, code)
        # The history sits below the case's fields and the path: a table off screen is not
        # drawn, nor are its columns beyond the right edge (the note is the last one).
        page.get_by_role("heading", name="Historial").scroll_into_view_if_needed()
        history = table_with(page, "reasignación").text_content()
        assert "Coordinadora" in history and "Hábitat y Vivienda" in history
        page.screenshot(path=SCREENSHOTS / "bandejas_historial.png")
