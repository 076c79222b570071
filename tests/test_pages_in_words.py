"""Pages that put stored values into words: whole business days in a case's deadline, the
capacity form starting at the stored value, and the audit log in words."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from auth.roles import Actor
from dashboard import commands
from dashboard.domain import Role, local_now
from dashboard.i18n import translate
from dashboard.models import Case, Department
from tests.apptest_pages import page_as

OVERDUE = {
    "es": r"Vencida: venció el \d\d/\d\d/\d{4} \d\d:\d\d, hace \d+ días hábiles\.",
    "en": r"Overdue: it fell due on \d{4}-\d\d-\d\d \d\d:\d\d, \d+ business days ago\.",
}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_an_overdue_case_says_how_late_in_whole_business_days(
    app_database: Engine, lang: str
) -> None:
    with app_database.connect() as connection:
        code = connection.execute(select(Case.code).where(Case.due_at < local_now())).scalar_one()
    at = page_as("supervisora", "solicitud", lang)
    at.text_input(key="codigo").input(code).run()
    [state] = [error.value for error in at.error]
    assert re.fullmatch(OVERDUE[lang], state), state


def _capacity_caption(at: AppTest) -> str:
    [caption] = [c.value for c in at.caption if "capacidad" in c.value.lower()]
    return caption


def test_the_capacity_form_starts_at_the_stored_capacity(app_database: Engine) -> None:
    at = page_as("admin", "catalogo")
    assert at.number_input[0].value == 50  # Asistencia Alimentaria, the first by name
    assert at.checkbox[0].value is True
    assert _capacity_caption(at) == translate(
        "catalogo.capacity.current", department="Asistencia Alimentaria", capacity="50"
    )
    at.selectbox[0].select_index(1).run()
    assert at.number_input[0].value == 30
    assert _capacity_caption(at) == translate(
        "catalogo.capacity.current", department="Hábitat y Vivienda", capacity="30"
    )
    at.selectbox[0].select_index(2).run()  # an intake area with no capacity set
    assert at.number_input[0].value is None
    assert _capacity_caption(at) == translate("catalogo.capacity.none", department="Modernización")


def test_after_a_change_the_capacity_form_shows_the_new_value(app_database: Engine) -> None:
    at = page_as("admin", "catalogo")
    at.selectbox[0].select_index(1).run()
    at.number_input[0].set_value(1250)
    at.checkbox[0].uncheck()
    at.button[0].click().run()
    assert not at.exception
    assert at.number_input[0].value == 1250
    assert at.checkbox[0].value is False
    assert _capacity_caption(at) == translate(
        "catalogo.capacity.current", department="Hábitat y Vivienda", capacity="1.250"
    )
    # Another department still shows its own stored value, not what was typed for this one.
    at.selectbox[0].select_index(0).run()
    assert at.number_input[0].value == 50


def _audit_table(lang: str) -> tuple[list[str], list[str]]:
    frame = page_as("admin", "auditoria", lang).dataframe[0].value
    return frame["action"].tolist(), frame["details"].tolist()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_audit_log_reads_in_words(app_database: Engine, lang: str) -> None:
    admin = Actor("admin", Role.ADMIN)
    with app_database.begin() as connection:
        housing = connection.execute(
            select(Department.id).where(Department.code == "DIR-HAB")
        ).scalar_one()
        commands.audit(connection, admin, "reasignar", target="MDC-2026-000001",
                       details={"de": "Asistencia Alimentaria", "a": "Hábitat y Vivienda",
                                "motivo": "competencia_de_otra_area"})  # fmt: skip
        commands.audit(connection, admin, "accion_del_futuro", details={"campo_nuevo": 7})
    commands.set_department_capacity(app_database, admin, housing, 75, True)
    actions, details = _audit_table(lang)
    assert {
        translate("audit.action.cambiar_capacidad", lang),
        translate("audit.action.reasignar", lang),
        translate("audit.action.crear_usuario", lang),  # the fixture's users
        "Accion del futuro",
    } <= set(actions)
    assert not any("_" in action for action in actions)
    shown = [text for text in details if text != "—"]
    capacity, active, yes = (
        translate(key, lang)
        for key in ("audit.detail.capacidad_semanal", "audit.detail.activa", "audit.yes")
    )
    assert f"{capacity}: 75 · {active}: {yes}" in shown
    assert "campo nuevo: 7" in shown
    assert any(translate("reason.competencia_de_otra_area", lang) in text for text in shown)
    assert not any(mark in text for text in shown for mark in '{}"_')


def test_the_action_filter_offers_words_and_keeps_only_that_action(app_database: Engine) -> None:
    at = page_as("admin", "auditoria")
    created = translate("audit.action.crear_usuario")
    assert created in at.selectbox[0].options
    assert not any("_" in option for option in at.selectbox[0].options)
    at.selectbox[0].select("crear_usuario").run()
    assert set(at.dataframe[0].value["action"]) == {created}
