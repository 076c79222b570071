"""End to end, at 1440x900: the destination list opens on the supervisor's own department, and
the preview of the move fits the form's column."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, expect

from dashboard.db import build_engine
from dashboard.domain import DepartmentKind, Role, local_now
from dashboard.migrate import upgrade
from tests.builders import PASSWORD, add_case, add_department, add_user, case_code, small_world
from tests.e2e_queue import choose, open_first_row
from tests.e2e_server import chromium, log_in, running_app, wait_for_run

pytestmark = pytest.mark.e2e

#: Departments whose names sort before "Hábitat y Vivienda", hers.
OTHERS = (
    ("DEL-RI", "Delegación Región I (Bahía Blanca)"),
    ("DEL-RII", "Delegación Región II (Azul)"),
    ("DIR-ZOO", "Dirección de Zoonosis"),
)


@pytest.fixture
def database(tmp_path: Path) -> tuple[str, str]:
    """Two open cases in Hábitat y Vivienda and a supervisor of Hábitat only."""
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    for code, name in OTHERS:
        add_department(engine, code, name, DepartmentKind.INTERNAL)
    now = local_now()
    code = case_code(
        engine, add_case(engine, world, created_at=now - timedelta(days=3),
                         department=world.housing)
    )  # fmt: skip
    add_case(engine, world, created_at=now - timedelta(days=1), department=world.housing)
    add_user(engine, "habitat", Role.SUPERVISOR, (world.housing,))
    engine.dispose()
    return url, code


def right_edge(locator: Locator) -> float:
    box = locator.bounding_box()
    assert box is not None, "not drawn"
    return box["x"] + box["width"]


def test_her_department_leads_the_list_and_the_preview_fits(database, tmp_path: Path) -> None:
    url, code = database
    with running_app(url, tmp_path / "streamlit.log") as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        log_in(page, base, "habitat", PASSWORD, "/bandejas")
        page.get_by_text("Solicitudes en bandeja").wait_for()
        open_first_row(page, code)

        destination = page.get_by_role("combobox", name="Área de destino")
        destination.scroll_into_view_if_needed()
        wait_for_run(page)
        destination.click()
        options = page.get_by_role("option")
        expect(options.first).to_have_text("Hábitat y Vivienda · tu área")
        assert options.all_inner_texts() == [
            "Hábitat y Vivienda · tu área",
            "Asistencia Alimentaria",
            "Dirección de Zoonosis",
            "Delegación Región I (Bahía Blanca)",
            "Delegación Región II (Azul)",
        ]
        page.keyboard.press("Escape")

        # Asistencia Alimentaria and Juan Gómez: the preview has both rows, the widest.
        choose(page, "Área de destino", "Asistencia Alimentaria")
        choose(page, "Responsable (opcional)", "Juan Gómez")
        preview = page.get_by_test_id("stTable").filter(has_text="Abiertas (hoy → después)")
        expect(preview).to_contain_text("Persona: Juan Gómez")
        form = page.get_by_test_id("stColumn").filter(
            has=page.get_by_role("button", name="Confirmar reasignación")
        )
        assert right_edge(preview.locator("th").last) <= right_edge(form.last) + 1
