"""Importar planillas in AppTest: a clerk uploads her area's sheet, reads the preview, imports
it once, finds nothing new the second time, and undoes the batch."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, insert, select
from streamlit.testing.v1 import AppTest

from dashboard.i18n import translate
from dashboard.models import Case, Channel
from tests.apptest_pages import metrics, page_as
from tests.test_imports import ROWS, sheet


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
    mapping = next(f.value for f in at.dataframe if "header" in f.value.columns)
    assert dict(zip(mapping["header"], mapping["field"], strict=True))["DNI/CUIL"] == "dni_cuil"
    assert cases(intake) == 3  # the fixture's own three: nothing written yet


def test_an_import_happens_once_and_can_be_undone(intake: Engine) -> None:
    at = upload(page_as("ingreso", "importar"), sheet(ROWS))
    assert import_button(at).label == translate("importar.confirm", count="2")
    at = import_button(at).click().run()
    assert not at.exception and cases(intake) == 5
    batches = next(f.value for f in at.dataframe if "rows_imported" in f.value.columns)
    assert batches["rows_imported"].tolist() == ["2"]

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
