"""Importar planillas in AppTest: a clerk uploads her area's sheet, reads the preview, imports
it once, finds nothing new the second time, and undoes the batch."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Engine, func, insert, select
from streamlit.testing.v1 import AppTest

from dashboard.i18n import translate
from dashboard.imports.plan import error_sheet, plan_import
from dashboard.imports.readers import read_source
from dashboard.models import Case, Category, Channel, Citizen
from tests.apptest_pages import metrics, page_as
from tests.test_imports import HEADER, ROWS, sheet
from tests.test_number_formats import DAY, display_text


@pytest.fixture
def intake(app_database: Engine) -> Engine:
    with app_database.begin() as connection:
        connection.execute(insert(Channel).values(code="presencial", name="Presencial"))
    return app_database


def upload(at: AppTest, content: bytes) -> AppTest:
    at.file_uploader[0].set_value(("planilla.csv", content, "text/csv"))
    return at.run()


def cases(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(Case)).scalar_one()


def column_box(at: AppTest, header: str):
    """The choice of field for the sheet's column ``header``."""
    return next(box for box in at.selectbox if box.key.startswith("importar_columna:")
                and box.label == header)  # fmt: skip


def import_button(at: AppTest):
    return next(b for b in at.button if b.label.startswith("Importar "))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_clerk_sees_what_will_happen_before_anything_is_written(
    intake: Engine, lang: str
) -> None:
    at = upload(page_as("ingreso", "importar", lang), sheet(ROWS))
    assert not at.exception and not at.error
    shown = metrics(at)
    assert shown[translate("importar.to_import", lang)] == "2"
    assert shown[translate("importar.with_errors", lang)] == "2"
    errors = next(f.value for f in at.dataframe if "reason" in f.value.columns)
    assert sorted(errors["row"].tolist()) == [4, 5]
    assert column_box(at, "DNI/CUIL").value == "dni_cuil"
    assert cases(intake) == 3  # the fixture's own three: nothing written yet


def test_an_import_happens_once_and_can_be_undone(intake: Engine) -> None:
    at = upload(page_as("ingreso", "importar"), sheet(ROWS))
    assert import_button(at).label == translate("importar.confirm", count="2")
    at = import_button(at).click().run()
    assert not at.exception and cases(intake) == 5
    batches = next(f for f in at.dataframe if "rows_imported" in f.value.columns)
    assert batches.value["rows_imported"].tolist() == [2]  # a number: the column sorts as one
    written = display_text(batches).iloc[0]
    assert re.fullmatch(DAY["es"] + r" \d\d:\d\d", written["imported_at"])
    assert (written["rows_imported"], written["undone_at"]) == ("2", "—")

    at = upload(at, sheet(ROWS))
    assert metrics(at)[translate("importar.already")] == "2"
    assert not [b for b in at.button if b.label.startswith("Importar ")]

    form_reason = next(w for w in at.text_input if w.label == translate("importar.undo.reason"))
    form_reason.input("Era la planilla de la semana pasada")
    at = next(b for b in at.button if b.label == translate("importar.undo.confirm")).click().run()
    assert not at.error
    with intake.connect() as connection:
        voided = connection.execute(
            select(func.count()).where(Case.status == "anulada")
        ).scalar_one()
    assert voided == 2


def test_a_file_that_cannot_be_read_is_said_in_spanish(intake: Engine) -> None:
    at = upload(page_as("ingreso", "importar"), b"\x00\x01\x02\x03 basura")
    assert not at.exception
    assert len(at.error) == 1 and cases(intake) == 3


def value_box(at: AppTest, value: str, rows: int):
    label = translate("importar.values.label", value=value, rows=str(rows))
    return next(box for box in at.selectbox if box.label == label)


def test_a_column_and_an_unknown_value_are_mapped_on_the_page_and_saved(intake: Engine) -> None:
    at = upload(page_as("ingreso", "importar"), sheet(ROWS))
    values_shown = [box.label for box in at.selectbox if box.key.startswith("importar_valor:")]
    # "En trámite", "Cerrado" and "Abierto" map by themselves; only the area's own topic asks
    assert values_shown == [translate("importar.values.label", value="Voladura de techo", rows="1")]
    at = value_box(at, "Voladura de techo", 1).set_value("temporal").run()
    at = column_box(at, "Tel.").set_value("—").run()
    assert not at.exception and metrics(at)[translate("importar.warnings")] == "0"
    saving = next(w for w in at.text_input if w.label == translate("importar.save.name"))
    saving.input("Semanal")
    at = next(b for b in at.button if b.label == translate("importar.save")).click().run()
    assert not at.error

    at = upload(page_as("ingreso", "importar"), sheet([ROWS[1], ROWS[0]]))  # next week's sheet
    saved = next(box for box in at.selectbox if box.label == translate("importar.saved"))
    assert saved.value == "Semanal"  # chosen by itself: it knows every header
    assert column_box(at, "Tel.").value == "—"
    assert value_box(at, "Voladura de techo", 1).value == "temporal"
    at = import_button(at).click().run()
    with intake.connect() as connection:
        imported = connection.execute(
            select(Category.code, Citizen.phone).join(Case, Case.category_id == Category.id)
            .join(Citizen, Citizen.id == Case.citizen_id).where(Citizen.dni == "31234567")
        ).one()  # fmt: skip
    assert tuple(imported) == ("temporal", None)


def test_the_rows_with_errors_download_as_a_sheet_to_fix_and_upload_again(
    intake: Engine,
) -> None:
    at = upload(page_as("ingreso", "importar"), sheet(ROWS))
    [download] = at.get("download_button")
    assert download.proto.label == translate("importar.errors.download")
    area = at.session_state["importar_area"]
    with intake.connect() as connection:
        planned = plan_import(connection, sheet(ROWS), "planilla.csv", area)
        bad = {error.row: error for error in planned.prepared.errors}
        fixes = read_source(error_sheet(planned), "errores.xlsx").tables[0]
        assert fixes.headers == [*HEADER, "Fila original", "Errores a corregir"]
        assert [row[-2] for row in fixes.rows] == sorted(bad)
        for row in fixes.rows:
            original = ROWS[int(row[-2]) - 2]
            assert [str(cell or "") for cell in row[:3]] == original[:3]
            assert bad[int(row[-2])].reason in row[-1]
        fixed = [[*row[:-2]] for row in fixes.rows]
        impossible = next(row for row in fixed if row[1] == "31/02/2026")
        impossible[1] = "28/02/2026"  # the clerk fixes one of them
        again = plan_import(connection, sheet([[str(c or "") for c in r] for r in fixed]),
                            "errores.csv", area)  # fmt: skip
    assert again.prepared.rows_with_errors == len(fixed) - 1 and again.to_import == 1
