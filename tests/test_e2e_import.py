"""End to end: a clerk maps a sheet on the page (a column fixed, an unknown value mapped),
imports it, a supervisor finds the new case in her queue, and the clerk merges the row that
another door had already logged (the survivor's history then shows both); two people import
the same sheet at once and it is written once."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import func, insert, select

from dashboard.db import build_engine
from dashboard.domain import Role
from dashboard.migrate import upgrade
from dashboard.models import Case, CaseSource, Category, Channel, Citizen, ImportBatch
from tests.builders import PASSWORD, add_case, add_user, case_code, small_world, world_of
from tests.e2e_queue import case_table, choose, open_queue
from tests.e2e_server import chromium, log_in, open_page, running_app, wait_for_run
from tests.test_imports import ROWS, sheet

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    with engine.begin() as connection:
        connection.execute(insert(Channel).values(code="presencial", name="Presencial"))
    add_user(engine, "clara", Role.INGRESO, (world.intake,))
    add_user(engine, "admin", Role.ADMIN)
    add_user(engine, "sofia", Role.SUPERVISOR, (world.food,))
    engine.dispose()
    return url


def previewed(browser: Browser, base: str, username: str, planilla: Path) -> Page:
    """``username`` in a session of their own, with ``planilla`` uploaded and previewed."""
    page = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
    log_in(page, base, username, PASSWORD, "/importar")
    page.locator('input[type="file"]').set_input_files(planilla)
    page.get_by_role("button", name="Importar 2 solicitudes").wait_for()
    wait_for_run(page)
    return page


def test_the_same_sheet_imported_by_two_people_at_once_is_written_once(
    database: str, tmp_path: Path
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    planilla = tmp_path / "planilla.csv"
    planilla.write_bytes(sheet(ROWS))
    with running_app(database, tmp_path / "streamlit.log") as base, chromium() as browser:
        clara = previewed(browser, base, "clara", planilla)
        expect(clara.get_by_text("Filas con errores (no se importan)")).to_be_visible()
        clara.screenshot(path=SCREENSHOTS / "importar_vista_previa.png", full_page=True)
        admin = previewed(browser, base, "admin", planilla)

        clara.get_by_role("button", name="Importar 2 solicitudes").click()
        clara.get_by_text("Se importaron 2 solicitudes (0 ya estaban).").wait_for()
        admin.get_by_role("button", name="Importar 2 solicitudes").click()
        admin.get_by_text("Se importaron 0 solicitudes (2 ya estaban).").wait_for()
        wait_for_run(clara)
        clara.screenshot(path=SCREENSHOTS / "importar_lotes.png", full_page=True)

        open_page(admin, "Bandejas")
        search = admin.get_by_role("textbox", name="Buscar")
        search.fill("30.123.456")
        search.press("Enter")
        admin.get_by_text("Filas 1 a 1 de 1 solicitudes").wait_for()
        listed = admin.locator('[data-testid="stDataFrame"]').filter(has_text="Prioridad")
        expect(listed).to_contain_text("Asistencia Alimentaria")

    engine = build_engine(database)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Case)).scalar_one() == 2
    engine.dispose()


def test_a_clerk_fixes_the_mapping_imports_and_a_supervisor_finds_the_case(
    database: str, tmp_path: Path
) -> None:
    planilla = tmp_path / "planilla.csv"
    planilla.write_bytes(sheet(ROWS))
    # Ana Pérez's flood request, logged two days earlier by another door (WhatsApp): the
    # sheet's row A-1 is the same request, which the import proposes as a duplicate.
    engine = build_engine(database)
    world = world_of(engine)
    logged = case_code(engine, add_case(engine, world, created_at=datetime(2026, 11, 1, 8),
                                        channel=world.whatsapp))  # fmt: skip
    engine.dispose()
    with running_app(database, tmp_path / "streamlit.log") as base, chromium() as browser:
        clara = previewed(browser, base, "clara", planilla)
        expect(clara.get_by_text("1 probablemente ya están en la base")).to_be_visible()
        choose(clara, "Tel.", "no importar")  # the column holds nothing the hub should keep
        choose(clara, "«Voladura de techo» (1 filas)", "Temporal")  # the area's own label
        expect(clara.get_by_text("categoría sin equivalencia")).to_have_count(0)
        clara.get_by_role("button", name="Importar 2 solicitudes").click()
        clara.get_by_text("Se importaron 2 solicitudes (0 ya estaban).").wait_for()

        engine = build_engine(database)
        with engine.connect() as connection:
            category = connection.execute(
                select(Category.code).join(Case, Case.category_id == Category.id)
                .join(Citizen, Citizen.id == Case.citizen_id).where(Citizen.dni == "31234567")
            ).scalar_one()  # fmt: skip
            mapping = json.loads(connection.execute(select(ImportBatch.mapping)).scalar_one())
            food_case = connection.execute(
                select(Case.code).join(Citizen).join(CaseSource)
                .where(Citizen.dni == "30123456")
            ).scalar_one()  # fmt: skip
        engine.dispose()
        assert (category, mapping["columns"]["Tel."]) == ("temporal", None)

        sofia = open_queue(browser, base, "sofia")
        search = sofia.get_by_role("textbox", name="Buscar")
        search.fill(food_case)
        search.press("Enter")
        sofia.get_by_text("Filas 1 a 1 de 1 solicitudes").wait_for()
        expect(case_table(sofia, food_case)).to_contain_text("Inundación")
        sofia.screenshot(path=SCREENSHOTS / "importar_en_bandeja.png", full_page=True)

        # The clerk merges the sheet's row into the request logged first, and its history
        # now tells both.
        open_page(clara, "Duplicados")
        clara.get_by_text("Por qué se parecen").wait_for()
        clara.get_by_role("button", name="Unificar…").click()
        wait_for_run(clara)
        clara.get_by_role("button", name="Confirmar la unificación").click()
        expect(clara.get_by_text(f"{food_case} quedó como duplicada de {logged}.")).to_be_visible()
        admin = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
        log_in(admin, base, "admin", PASSWORD, f"/solicitud?codigo={logged}")
        history = admin.locator('[data-testid="stDataFrame"]').filter(has_text="Qué pasó")
        expect(history).to_contain_text(food_case)
        expect(history).to_contain_text("unificada como duplicada")
