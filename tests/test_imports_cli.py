"""``python -m dashboard.imports``: the same preview as the page, then the import, exit codes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import xlsxwriter
from sqlalchemy import func, insert, select

from dashboard.db import build_engine
from dashboard.imports.__main__ import main
from dashboard.migrate import upgrade
from dashboard.models import Case, CaseSource, Category, Channel, ImportBatch
from tests.builders import small_world
from tests.test_imports import HEADER, NEXT_WEEK, ROWS, sheet


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'base.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    small_world(engine)
    with engine.begin() as connection:
        connection.execute(insert(Channel).values(code="presencial", name="Presencial"))
    engine.dispose()
    return url


def cases(url: str) -> int:
    engine = build_engine(url)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(Case)).scalar_one()
    engine.dispose()
    return count


def run(url: str, *args: str) -> int:
    return main([*args, "--area", "ING-MOD", "--database-url", url])


def test_a_dry_run_previews_then_the_import_writes_once(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    planilla = tmp_path / "planilla.csv"
    planilla.write_bytes(sheet(ROWS))
    assert run(database, str(planilla), "--dry-run") == 0
    preview = capsys.readouterr().out
    assert "Filas a importar: 2" in preview and "Filas con errores: 2" in preview
    assert "codificación cp1252, separador ;" in preview
    assert cases(database) == 0
    assert run(database, str(planilla)) == 0
    assert "Importadas 2 solicitudes" in capsys.readouterr().out
    assert run(database, str(planilla)) == 0
    assert "Nada nuevo" in capsys.readouterr().out
    assert cases(database) == 2


def test_a_column_and_a_value_can_be_mapped_by_hand(database: str, tmp_path: Path) -> None:
    planilla = tmp_path / "planilla.csv"
    planilla.write_bytes(sheet(ROWS))
    args = ("--map", "Tema=", "--value", "status:En trámite=en_espera")
    assert run(database, str(planilla), *args) == 0
    engine = build_engine(database)
    with engine.connect() as connection:
        written = connection.execute(
            select(Case.status, Category.code).join(Category).order_by(Case.id)
        ).all()
    engine.dispose()
    assert written == [("en_espera", "sin_clasificar"), ("cerrada", "sin_clasificar")]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "vac"),
        (b"\x00\x01\x02 no es una planilla", "No se importó nada"),
        (b"Fecha ingreso;DNI\r\n31/02/2026;30123456\r\n", "ninguna fila es válida"),
    ],
)
def test_unreadable_files_and_sheets_without_valid_rows_exit_2(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes,
    reason: str,
) -> None:  # fmt: skip
    planilla = tmp_path / "planilla.csv"
    planilla.write_bytes(content)
    assert run(database, str(planilla)) == 2
    assert reason in capsys.readouterr().err
    assert cases(database) == 0


def test_a_missing_file_exits_2_with_a_reason(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(database, str(tmp_path / "no-existe.csv")) == 2
    assert "no se puede leer" in capsys.readouterr().err


def workbook(sheets: dict[str, list[list[str]]]) -> bytes:
    """An .xlsx with a sheet per month under the same header, and a sheet of notes."""
    output = io.BytesIO()
    with xlsxwriter.Workbook(output, {"in_memory": True}) as book:
        for name, rows in sheets.items():
            sheet_ = book.add_worksheet(name)
            for line, cells in enumerate([HEADER, *rows]):
                sheet_.write_row(line, 0, cells)
        book.add_worksheet("Notas").write_string(0, 0, "Una fila por pedido.")
    return output.getvalue()


def test_all_sheets_with_the_same_columns_import_as_one_batch(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    november = [ROWS[1], ROWS[0], NEXT_WEEK]  # ROWS[0] again: a row repeated across sheets
    planilla = tmp_path / "libro.xlsx"
    planilla.write_bytes(workbook({"Octubre": ROWS, "Noviembre": november}))
    assert run(database, str(planilla), "--all-sheets") == 0
    out = capsys.readouterr().out
    assert "hoja «Octubre, Noviembre»" in out and "Filas repetidas dentro del archivo: 2" in out
    assert "hoja «Octubre», fila 5" in out  # errors say their sheet
    engine = build_engine(database)
    with engine.connect() as connection:
        batch = connection.execute(select(ImportBatch.sheet, ImportBatch.rows_imported)).one()
        rows = connection.execute(
            select(CaseSource.source_id, CaseSource.sheet, CaseSource.row_number)
            .order_by(CaseSource.case_id)
        ).all()  # fmt: skip
    engine.dispose()
    assert tuple(batch) == ("Octubre, Noviembre", 3)
    assert [tuple(row) for row in rows] == [
        ("A-1", "Octubre", 2), ("A-2", "Octubre", 3), ("A-5", "Noviembre", 4)
    ]  # fmt: skip
