"""Cambios de proceso in AppTest: who sees the forms, registering and editing through them,
refusals in Spanish, and the changes marked on Pendientes' and Indicadores' charts."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from auth.roles import Actor
from dashboard.commands import edit_process_change, register_process_change
from dashboard.domain import Role, local_now
from dashboard.i18n import translate
from dashboard.models import AuditEntry, ProcessChange
from tests.apptest_pages import page_as
from tests.builders import world_of

TURNOS = "Turnos por WhatsApp"
NEW_FORM = "cambios.nuevo.0"


def add_change(engine: Engine, name: str = TURNOS, effective_on: date | None = None) -> int:
    world = world_of(engine)
    return register_process_change(
        engine, Actor("mesa", Role.MESA), name, "Los turnos se piden por WhatsApp.",
        effective_on or local_now().date() - timedelta(days=10),
        {"channel": [world.whatsapp], "department": [world.food]},
    ).change_id  # fmt: skip


def button(at: AppTest, key: str, lang: str = "es"):
    return next(b for b in at.button if b.label == translate(key, lang))


def listed(at: AppTest):
    return at.dataframe[0].value


def stored_names(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return (
            connection.execute(select(ProcessChange.name).order_by(ProcessChange.id))
            .scalars()
            .all()
        )


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize(("username", "forms"), [("mesa", True), ("admin", True),
                                                 ("gabinete", False)])  # fmt: skip
def test_the_list_for_everyone_and_the_forms_for_the_task_force(
    app_database: Engine, username: str, forms: bool, lang: str
) -> None:
    add_change(app_database)
    at = page_as(username, "cambios", lang)
    assert not at.exception and not at.error
    assert at.title[0].value == translate("page.cambios", lang)
    row = listed(at).iloc[0]
    assert row["name"] == TURNOS
    kinds = (translate("cambios.kind.department", lang), translate("cambios.kind.channel", lang))
    assert row["touched"] == f"{kinds[0]}: Asistencia Alimentaria · {kinds[1]}: WhatsApp"
    assert row["registered"].startswith("Mesa, ")
    labels = [b.label for b in at.button]
    assert (translate("cambios.register.submit", lang) in labels) is forms
    assert bool(at.selectbox(key="cambios.elegido") if forms else False) is forms
    infos = [info.value for info in at.info]
    assert (translate("cambios.read_only", lang) in infos) is not forms


def test_mesa_registers_a_change_and_the_list_shows_it(app_database: Engine) -> None:
    world = world_of(app_database)
    at = page_as("mesa", "cambios")
    assert at.info[0].value == translate("cambios.empty", "es")
    at.text_input(key=f"{NEW_FORM}.nombre").input("Mesa de entradas única")
    at.text_area(key=f"{NEW_FORM}.descripcion").input("Una sola mesa recibe los pedidos.")
    at.date_input(key=f"{NEW_FORM}.fecha").set_value(date(2026, 2, 2))
    at.multiselect(key=f"{NEW_FORM}.intake_area").select(world.intake)
    button(at, "cambios.register.submit").click().run()
    assert not at.exception and not at.error
    assert at.toast[0].value == translate("usuarios.done", "es")
    assert listed(at)["name"].tolist() == ["Mesa de entradas única"]
    assert listed(at)["effective_on"].tolist() == [date(2026, 2, 2)]
    assert at.text_input(key="cambios.nuevo.1.nombre").value == ""  # a new, empty form
    with app_database.connect() as connection:
        last = connection.execute(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (last.username, last.action) == ("mesa", "registrar_cambio_proceso")


def test_a_refused_registration_says_why_and_keeps_what_was_typed(app_database: Engine) -> None:
    add_change(app_database)
    at = page_as("admin", "cambios")
    at.text_input(key=f"{NEW_FORM}.nombre").input("turnos por whatsapp")
    at.text_area(key=f"{NEW_FORM}.descripcion").input("Otra descripción.")
    at.multiselect(key=f"{NEW_FORM}.channel").select(world_of(app_database).email)
    button(at, "cambios.register.submit").click().run()
    assert not at.exception
    assert at.error[0].value.startswith("Ya hay un cambio de proceso llamado")
    assert at.text_input(key=f"{NEW_FORM}.nombre").value == "turnos por whatsapp"
    assert stored_names(app_database) == [TURNOS]


def test_admin_edits_a_change_and_the_list_shows_the_edit(app_database: Engine) -> None:
    change_id = add_change(app_database)
    at = page_as("admin", "cambios", "en")
    at.selectbox(key="cambios.elegido").select(change_id).run()
    form = f"cambios.editar.{change_id}.1"
    assert at.text_input(key=f"{form}.nombre").value == TURNOS
    at.text_input(key=f"{form}.nombre").input("Turnos sólo por WhatsApp")
    button(at, "cambios.edit.submit", "en").click().run()
    assert not at.exception and not at.error
    assert listed(at)["name"].tolist() == ["Turnos sólo por WhatsApp"]
    assert listed(at)["last_edit"].iloc[0].startswith("Admin, ")
    assert at.text_input(key=f"cambios.editar.{change_id}.2.nombre").value == (
        "Turnos sólo por WhatsApp"
    )


def test_an_edit_on_a_version_someone_else_replaced_is_refused(app_database: Engine) -> None:
    change_id = add_change(app_database)
    at = page_as("mesa", "cambios")
    at.selectbox(key="cambios.elegido").select(change_id).run()
    form = f"cambios.editar.{change_id}.1"
    at.text_area(key=f"{form}.descripcion").input("Lo que escribo yo.")
    # Someone else saves meanwhile (another session, the same command).
    world = world_of(app_database)
    edit_process_change(
        app_database, Actor("admin", Role.ADMIN), change_id, 1, "Turnos (versión admin)",
        "Lo que escribió otra persona.", local_now().date() - timedelta(days=10),
        {"channel": [world.whatsapp]},
    )  # fmt: skip
    button(at, "cambios.edit.submit").click().run()
    assert not at.exception
    assert "otra persona lo cambió mientras lo mirabas" in at.error[0].value
    assert stored_names(app_database) == ["Turnos (versión admin)"]


def figure_json(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def marked(figure: dict) -> list[str]:
    return [note["text"] for note in figure["layout"].get("annotations", [])]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_pendientes_marks_the_changes_of_its_weeks(app_database: Engine, lang: str) -> None:
    add_change(app_database)
    add_change(app_database, "Un cambio de hace dos años", local_now().date() - timedelta(days=730))
    at = page_as("supervisora", "pendientes", lang)
    assert not at.exception
    weekly = next(f for f in figure_json(at) if f["layout"]["title"]["text"] == translate(
        "pendientes.chart.title", lang))  # fmt: skip
    assert marked(weekly) == [TURNOS]  # the old one is outside the period's weeks
    legend = [trace.get("name") for trace in weekly["data"]]
    assert translate("chart.process_change", lang) in legend


def test_the_indicator_trend_marks_the_changes_of_its_months(app_database: Engine) -> None:
    add_change(app_database)
    at = page_as("gabinete", "indicadores")
    assert not at.exception
    trends = [f for f in figure_json(at) if TURNOS in marked(f)]
    assert len(trends) == 1  # the trend chart, not the small sparklines
