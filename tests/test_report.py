"""Informe mensual: the workbook and the PDF of a hand-built November 2026, on both databases.

Cases (small_world; Asistencia Alimentaria is "food", Hábitat "housing"):
- three created in November through WhatsApp, all in food: one closed on 10 November, one
  still open at the cut-off, one open and past its due date (due 20 November);
- one created on 20 October, closed on 5 November, and one created on 1 October and closed on
  the 3rd (the month before has two cases: not the 30 days before, which would miss it);
- one created in November through a channel named like a formula (``=1+1``), open in housing.
Inflow 4, outflow 2, backlog at 1 December 00:00: 3.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from dashboard.business_calendar import fill_business_days
from dashboard.domain import EventKind, Status
from dashboard.models import AuditEntry, Channel
from dashboard.report import AUDIT_WHAT, Report, build_report
from dashboard.report.__main__ import main
from dashboard.report_view import complete_months
from tests.builders import World, add_case, add_event, add_imported_case, small_world

NOVEMBER = date(2026, 11, 1)
GENERATED_AT = datetime(2026, 12, 3, 9, 30)
SHEETS = ["Portada", "Indicadores", "Tendencias", "Por área", "Por área de ingreso",
          "Por canal", "Por partido", "Sobrecarga", "Protocolo", "Definiciones"]  # fmt: skip
PDF_PAGES = 4


def _november(engine: Engine) -> tuple[World, dict[str, int]]:
    world = small_world(engine)
    with engine.begin() as connection:
        fill_business_days(connection)  # the PostgreSQL fixture empties every table
    with Session(engine) as session:
        formula = Channel(code="formula", name="=1+1")
        session.add(formula)
        session.commit()
        formula_id = formula.id
    day = datetime(2026, 11, 2, 10)
    cases = {
        "closed": add_case(engine, world, created_at=day, closed_at=day + timedelta(days=8)),
        "open": add_case(engine, world, created_at=day + timedelta(days=3),
                         due_in=timedelta(days=60)),
        "late": add_case(engine, world, created_at=day + timedelta(days=5),
                         due_at=datetime(2026, 11, 20)),
        "october": add_case(engine, world, created_at=datetime(2026, 10, 20, 9),
                            closed_at=datetime(2026, 11, 5, 12)),
        "october_first": add_case(engine, world, created_at=datetime(2026, 10, 1, 9),
                                  closed_at=datetime(2026, 10, 3, 9)),
        "formula": add_case(engine, world, created_at=day + timedelta(days=10),
                            department=world.housing, channel=formula_id,
                            due_in=timedelta(days=60)),
    }  # fmt: skip
    return world, cases


def _report(engine: Engine, generated_by: str = "gabinete") -> Report:
    with engine.connect() as connection:
        return build_report(connection, NOVEMBER, generated_by=generated_by,
                            generated_at=GENERATED_AT)  # fmt: skip


def _sheets(report: Report) -> dict[str, list[list]]:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(report.xlsx))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def _row(rows: list[list], first: str) -> list:
    return next(row for row in rows if row and row[0] == first)


def test_the_workbook_has_every_section_with_native_charts_and_the_months_figures(
    engine: Engine,
) -> None:
    _november(engine)
    report = _report(engine)
    sheets = _sheets(report)
    assert list(sheets) == SHEETS
    with zipfile.ZipFile(io.BytesIO(report.xlsx)) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        line_charts = [name for name in charts if b"<c:lineChart>" in archive.read(name)]
    # indicators, four trends, three breakdowns, partidos, overload, protocol
    assert len(charts) == 11
    assert len(line_charts) == 4
    cover = sheets["Portada"]
    assert cover[0][0] == "Informe mensual — Ministerio de Desarrollo de la Comunidad"
    assert _row(cover, "Mes")[1] == "noviembre de 2026"
    assert _row(cover, "Corte")[1] == "01/12/2026 00:00"
    assert _row(cover, "Alcance")[1] == "Toda la provincia"
    assert _row(cover, "Generado el")[1] == "03/12/2026 09:30"
    assert _row(cover, "Generado por")[1] == "gabinete"
    assert _row(cover, "Hash del contenido (SHA-256)")[1] == report.content_hash
    indicators = sheets["Indicadores"]
    assert indicators[0][:4] == ["Indicador", "Unidad", "Mes del informe", "Mes anterior"]
    assert _row(indicators, "Ingresos")[2:4] == [4.0, 2.0]  # the whole of October
    assert _row(indicators, "Egresos")[2] == 2.0
    assert _row(indicators, "Stock pendiente al corte")[2] == 3.0
    assert _row(indicators, "Vencidas sobre abiertas")[2] == pytest.approx(33.3)
    # Three of the four November cases were still open: half never closed by the cut-off, so
    # the median is only known to pass the longest wait (5 November to the cut-off, in days).
    assert _row(indicators, "Tiempo hasta el cierre, mediana (días)")[2] == "más de 26,0"
    trends = sheets["Tendencias"]
    assert len(trends) == 1 + 24  # the header and 24 months, November 2026 last
    assert trends[-1][0] == date(2026, 11, 1) and trends[-1][1] == 4.0
    by_area = sheets["Por área"]
    assert _row(by_area, "Asistencia Alimentaria")[1] == 3.0
    definitions = sheets["Definiciones"]
    assert _row(definitions, "Ingresos")[1] == "Solicitudes creadas en el período."


def test_a_supervisors_report_covers_her_departments_only(engine: Engine) -> None:
    world, _ = _november(engine)
    with engine.connect() as connection:
        report = build_report(connection, NOVEMBER, scope=(world.food,),
                              generated_by="supervisora", generated_at=GENERATED_AT)  # fmt: skip
    sheets = _sheets(report)
    assert _row(sheets["Portada"], "Alcance")[1] == "Asistencia Alimentaria"
    assert [row[0] for row in sheets["Por área"][1:]] == ["Asistencia Alimentaria"]
    assert _row(sheets["Indicadores"], "Ingresos")[2] == 3.0  # not the case in housing
    assert report.content_hash != _report(engine).content_hash


def test_text_cells_that_look_like_formulas_are_neutralised(engine: Engine) -> None:
    _november(engine)
    report = _report(engine, generated_by='=HYPERLINK("http://x")')
    sheets = _sheets(report)
    assert _row(sheets["Por canal"], "'=1+1")[1] == 1.0
    assert _row(sheets["Portada"], "Generado por")[1] == '\'=HYPERLINK("http://x")'
    with zipfile.ZipFile(io.BytesIO(report.xlsx)) as archive:
        sheets_xml = [archive.read(name) for name in archive.namelist()
                      if name.startswith("xl/worksheets/sheet")]  # fmt: skip
    assert not any(b"<f>" in xml for xml in sheets_xml)  # not one formula in the workbook


def test_the_pdf_has_four_pages_with_the_months_figures_and_definitions(engine: Engine) -> None:
    _november(engine)
    report = _report(engine)
    reader = PdfReader(io.BytesIO(report.pdf))
    assert len(reader.pages) == PDF_PAGES
    pages = [page.extract_text() for page in reader.pages]
    first = pages[0]
    assert "Informe mensual — Ministerio de Desarrollo de la Comunidad" in first
    assert "noviembre de 2026" in first and report.content_hash in first
    assert "Ingresos [1]" in first and "Definiciones" in first
    assert "Vencidas sobre abiertas" in first and "33,3 %" in first
    assert "más de 26,0" in first
    assert "Tendencias de los últimos 24 meses" in pages[1]
    assert "por partido" in pages[2]
    assert "Cumplimiento del protocolo" in pages[3]
    assert all(f"Página {n} de {PDF_PAGES}" in page for n, page in enumerate(pages, start=1))


def test_an_import_after_the_month_ended_is_told_on_the_cover_and_the_first_pdf_page(
    engine: Engine,
) -> None:
    world, _ = _november(engine)
    assert not _history_notices(_report(engine))
    batch = add_imported_case(engine, world, created_at=datetime(2026, 11, 25, 10),
                              imported_at=datetime(2026, 12, 2, 8, 15))  # fmt: skip
    report = _report(engine)
    [on_cover, on_pdf] = _history_notices(report)
    for notice in (on_cover, on_pdf):
        assert f"el 02/12/2026 08:15 se importó el lote {batch} («planilla_vieja.xlsx»)" in notice
    assert len(PdfReader(io.BytesIO(report.pdf)).pages) == PDF_PAGES


def _history_notices(report: Report) -> list[str]:
    """The history notice on the workbook's cover and on the PDF's first page, if any."""
    said = "La historia de este mes cambió después del corte"
    cover = [str(cell) for row in _sheets(report)["Portada"] for cell in row if cell]
    first_page = " ".join(PdfReader(io.BytesIO(report.pdf)).pages[0].extract_text().split())
    in_pdf = [first_page[first_page.index(said) :]] if said in first_page else []
    return [text for text in cover if said in text] + in_pdf


def test_the_same_month_gives_the_same_hash_after_later_moves_and_closings(
    engine: Engine,
) -> None:
    world, cases = _november(engine)
    first = _report(engine, generated_by="gabinete")
    # December: the open case moves to housing, the late one is closed.
    add_event(engine, cases["open"], EventKind.REASSIGNED, datetime(2026, 12, 1, 9),
              from_department=world.food, to_department=world.housing,
              to_status=Status.ASIGNADA)  # fmt: skip
    add_event(engine, cases["late"], EventKind.CLOSED, datetime(2026, 12, 2, 9),
              to_status=Status.CERRADA)  # fmt: skip
    again = _report(engine, generated_by="mesa")
    assert again.content_hash == first.content_hash
    assert len(first.content_hash) == 64
    # A closing inside November is another month's story: the hash says so.
    add_event(engine, cases["open"], EventKind.CLOSED, datetime(2026, 11, 28, 9),
              to_status=Status.CERRADA)  # fmt: skip
    assert _report(engine).content_hash != first.content_hash


def test_the_command_line_writes_both_files_and_audits_the_generation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dashboard.db import build_engine
    from dashboard.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'base.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    _november(engine)
    out = tmp_path / "informes"
    assert main(["--month", "2026-11", "--out", str(out), "--database-url", url]) == 0
    printed = capsys.readouterr().out
    xlsx, pdf = out / "informe_2026-11.xlsx", out / "informe_2026-11.pdf"
    assert xlsx.read_bytes()[:2] == b"PK" and pdf.read_bytes()[:5] == b"%PDF-"
    assert str(xlsx) in printed and str(pdf) in printed
    digest = printed.split("Hash del contenido (SHA-256): ")[1].strip()
    cover = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_name("Portada").to_python()
    assert _row(cover, "Hash del contenido (SHA-256)")[1] == digest
    with engine.connect() as connection:
        entry = connection.execute(select(AuditEntry.__table__)).one()
    assert (entry.action, entry.target) == ("exportar", AUDIT_WHAT)
    assert entry.username.startswith("consola:")
    assert json.loads(entry.details)["filtros"] == {"mes": "2026-11", "hash": digest}
    engine.dispose()


@pytest.mark.parametrize(
    ("month", "said"),
    [("2026-13", "el mes «2026-13» no es válido: usá AAAA-MM"),
     ("noviembre", "el mes «noviembre» no es válido"),
     ("2999-01", "el mes 01/2999 todavía no empezó")],
)  # fmt: skip
def test_a_bad_month_is_refused_in_spanish_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], month: str, said: str
) -> None:
    assert main(["--month", month, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("No se generó el informe: ") and said in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_the_page_offers_the_complete_months_the_last_one_first() -> None:
    months = complete_months(date(2026, 12, 3))
    assert months[:3] == [date(2026, 11, 1), date(2026, 10, 1), date(2026, 9, 1)]
    assert len(months) == 36


def _section_script() -> None:
    """The report section alone, as the Indicadores page holds it."""
    from datetime import datetime

    from dashboard.report_view import report_section
    from queries.filters import CaseFilters

    now = datetime.now()
    report_section(CaseFilters.for_period(now.date().replace(day=1), now.date(), now))


def test_the_page_section_builds_the_report_and_offers_both_downloads(app_database) -> None:
    from streamlit.testing.v1 import AppTest

    from auth.accounts import load_account

    at = AppTest.from_function(_section_script, default_timeout=120)
    with app_database.connect() as connection:
        at.session_state["account"] = load_account(connection, "gabinete")
    at.run()
    assert at.selectbox(key="informe.mes").value == complete_months(date.today())[0]
    assert not at.get("download_button")
    at.button(key="informe.preparar").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Informe de ")
    assert "Hash del contenido: " in at.success[0].value
    downloads = at.get("download_button")
    assert [button.proto.label for button in downloads] == [
        "Descargar el informe (Excel)",
        "Descargar el informe (PDF)",
    ]
