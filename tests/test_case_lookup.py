"""Buscar solicitud: masked for everyone by default, revealed only in scope and with a reason."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from dashboard.i18n import translate
from dashboard.models import AuditEntry, Case
from tests.apptest_pages import APP, open_page, signed_in

FULL_DATA = ("30123456", "Pérez", "Ana")  # the citizen of every case in the fixture


def lookup(engine: Engine, username: str, department_filter=None) -> tuple[AppTest, str]:
    with engine.connect() as connection:
        query = select(Case.code).order_by(Case.id)
        if department_filter is not None:
            query = query.where(department_filter)
        code = connection.execute(query.limit(1)).scalar_one()
    at = open_page(
        signed_in(AppTest.from_file(APP, default_timeout=30), username).run(), "solicitud"
    )
    at.text_input(key="codigo").input(code).run()
    return at, code


def shown_text(at: AppTest) -> str:
    """Everything the page put on screen, tables included."""
    parts = [element.value for element in [*at.markdown, *at.caption, *at.info, *at.error]]
    parts += [frame.value.to_string() for frame in at.dataframe]
    return "\n".join(str(part) for part in parts)


@pytest.mark.parametrize("username", ["gabinete", "mesa", "supervisora", "admin"])
def test_personal_data_is_masked_by_default(app_database: Engine, username: str) -> None:
    at, _ = lookup(app_database, username, Case.department_id.isnot(None))
    text = shown_text(at)
    assert "**.***.456" in text and "A. P." in text
    assert not any(value in text for value in FULL_DATA)


@pytest.mark.parametrize("username", ["gabinete", "mesa"])
def test_masked_roles_are_not_offered_a_reveal(app_database: Engine, username: str) -> None:
    at, _ = lookup(app_database, username)
    assert translate("solicitud.masked_role", "es") in [info.value for info in at.info]
    assert not at.text_area


def test_a_supervisor_reveals_with_a_reason_and_it_is_audited(app_database: Engine) -> None:
    at, code = lookup(app_database, "supervisora")
    at.text_area[0].input("corto")
    at.button[0].click().run()
    assert "motivo" in at.error[0].value
    at.text_area[0].input("Coordinar la entrega del módulo alimentario")
    at.button[0].click().run()
    text = shown_text(at)
    assert all(value in text for value in FULL_DATA)
    with app_database.connect() as connection:
        entry = connection.execute(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.username, entry.action, entry.target) == ("supervisora", "revelar_datos", code)


def test_a_case_outside_the_supervisors_scope_is_not_found(app_database: Engine) -> None:
    with app_database.connect() as connection:
        housing = connection.execute(
            select(Case.department_id).order_by(Case.department_id.desc())
        ).scalar()
    at, code = lookup(app_database, "supervisora", Case.department_id == housing)
    assert at.warning[0].value == translate("solicitud.not_found", "es", code=code)
    assert "30123456" not in shown_text(at)
