"""End to end, the task force's whole path in Chromium: register a process change, open its
evidence and see the verdict and both charts, then freeze a baseline and download it.

The base is a small demo seed ending today (the evidence is cut at today's midnight), so the
weeks around a change twenty weeks back hold cases on both sides."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from python_calamine import CalamineWorkbook

from dashboard.db import build_engine
from dashboard.domain import Role, local_now
from dashboard.formats import format_date
from dashboard.prepare import DEMO_SEED
from dashboard.seed import seed_database
from queries.weeks import monday_of
from tests.builders import PASSWORD, add_user
from tests.e2e_queue import choose
from tests.e2e_server import chromium, log_in, open_page, running_app, wait_for_run

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
CHANGE = "Turnos con motivo en Programas"
DEPARTMENT = "Dirección de Programas Sociales"
VERDICTS = ("Mejoró.", "Empeoró.", "Sin evidencia suficiente.", "Subió.", "Bajó.")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('evidencia') / 'e2e.sqlite3'}"
    engine = build_engine(url)
    seed_database(engine, cases=12_000, seed=DEMO_SEED, years=1, until=local_now().date())
    add_user(engine, "mesa", Role.MESA)
    engine.dispose()
    yield url


def register(page: Page, name: str, effective_on: str) -> None:
    form = page.get_by_test_id("stForm").filter(
        has=page.get_by_role("button", name="Registrar el cambio")
    )
    form.get_by_role("textbox", name="Nombre del cambio").fill(name)
    form.get_by_role("textbox", name="Descripción").fill("Toda derivación lleva un motivo.")
    # The date field is three segments; focused (not clicked, which opens the calendar over
    # the fields below), it takes the digits typed.
    date_field = form.get_by_test_id("stDateInput").filter(has_text="Rige desde")
    date_field.get_by_role("spinbutton").first.focus()
    page.keyboard.type(effective_on.replace("/", ""))
    page.keyboard.press("Escape")
    form.get_by_role("combobox", name="Áreas", exact=True).click()
    page.keyboard.type(DEPARTMENT)
    page.get_by_role("option", name=DEPARTMENT).click()
    page.keyboard.press("Escape")
    form.get_by_role("button", name="Registrar el cambio").click()
    wait_for_run(page, 90_000)
    expect(page.get_by_text("Listo: el cambio quedó guardado y auditado.").first).to_be_visible()


def test_register_a_change_see_its_evidence_and_download_a_baseline(
    database: str, tmp_path: Path
) -> None:
    effective_on = monday_of(local_now().date() - timedelta(weeks=20)).date()
    with running_app(database, tmp_path / "streamlit.log") as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1800},
                                      accept_downloads=True)  # fmt: skip
        page = context.new_page()
        log_in(page, base, "mesa", PASSWORD, "/cambios")
        register(page, CHANGE, format_date(effective_on, "es"))
        page.get_by_test_id("stDataFrame").filter(has_text=CHANGE).wait_for()

        open_page(page, "Evidencia")
        choose(page, "Cambio de proceso", f"{CHANGE} ({format_date(effective_on, 'es')})")
        wait_for_run(page, 120_000)
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "evidencia.png", full_page=True)
        verdict = page.get_by_test_id("stAlert").filter(has_text="IC 95 %").first
        expect(verdict).to_be_visible(timeout=120_000)
        assert any(word in verdict.inner_text() for word in VERDICTS)
        expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2)
        expect(page.get_by_role("heading", name="Factores de confusión")).to_be_visible()
        assert not page.get_by_test_id("stException").count()

        open_page(page, "Línea de base")
        page.get_by_role("textbox", name="Nombre de la línea de base").fill("Antes del cambio")
        page.get_by_role("button", name="Congelar línea de base").click()
        wait_for_run(page, 90_000)
        expect(page.get_by_text("Línea de base «Antes del cambio» congelada")).to_be_visible()
        with page.expect_download() as started:
            page.get_by_role("button", name="Descargar Excel").click()
        workbook = CalamineWorkbook.from_filelike(
            io.BytesIO(Path(started.value.path()).read_bytes())
        )
        assert workbook.sheet_names[:2] == ["Línea de base", "Cifras principales"]
        context.close()
