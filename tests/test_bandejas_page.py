"""Bandejas in AppTest: queue figures per scope, case detail, and the reassignment form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select
from streamlit.testing.v1 import AppTest

from auth.roles import Actor
from dashboard.commands import Reason, ShownCase, reassign
from dashboard.data import clear_cached_queries
from dashboard.domain import EventKind, Role, local_now
from dashboard.i18n import translate
from dashboard.models import Case, CaseEvent
from tests.apptest_pages import metrics, page_as
from tests.builders import add_user, world_of


def queue(username: str, lang: str = "es") -> AppTest:
    return page_as(username, "bandejas", lang)


def case_table(at: AppTest):
    """The case table: the one whose key the page gives it, ``casos:…``."""
    return next(frame for frame in at.dataframe if "code" in frame.value.columns)


def tick(at: AppTest, rows: list[int]) -> AppTest:
    """Tick rows of the case table, as a click on their checkboxes would."""
    at.session_state[case_table(at).key] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    return at.run()


def choose(at: AppTest, key: str, label: str) -> AppTest:
    """Pick an option of a select box by the text the user reads."""
    widget = at.selectbox(key=key)
    return widget.select_index(widget.options.index(label)).run()


def confirm(at: AppTest) -> AppTest:
    button = next(b for b in at.button if b.label == translate("reasignar.confirm"))
    return button.click().run()


def reassignments(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(
            select(func.count()).where(CaseEvent.kind == EventKind.REASSIGNED)
        ).scalar_one()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_supervisor_sees_her_departments_queue(app_database: Engine, lang: str) -> None:
    at = queue("supervisora", lang)
    assert not at.exception and not at.error
    assert metrics(at) == {
        translate("metric.open_cases", lang): "2",
        translate("metric.overdue", lang): "1",
        translate("metric.unassigned", lang): "2",
    }
    table = case_table(at).value
    assert set(table["department"]) == {"Asistencia Alimentaria"} and len(table) == 2
    assert "dni" in table.columns


def test_the_cabinet_sees_every_department_but_no_dni_and_no_form(app_database: Engine) -> None:
    at = tick(queue("gabinete"), [0])
    assert metrics(at)[translate("metric.open_cases")] == "3"
    assert translate("reasignar.confirm") not in [button.label for button in at.button]
    assert any(header.value.startswith("Solicitud MDC-") for header in at.subheader)


def test_overdue_only_narrows_the_table(app_database: Engine) -> None:
    at = queue("supervisora")
    at.toggle(key="vencidas").set_value(True).run()
    assert case_table(at).value["overdue"].tolist() == [True]


def test_a_ticked_case_shows_its_detail_and_history(app_database: Engine) -> None:
    at = tick(queue("supervisora"), [0])
    code = case_table(at).value["code"].iloc[0]
    assert translate("bandejas.detail", code=code) in [header.value for header in at.subheader]
    timeline = next(frame.value for frame in at.dataframe if "actor" in frame.value.columns)
    assert timeline["event"].tolist() == [translate("event.creada"), translate("event.asignada")]


def test_the_detail_says_how_late_an_overdue_case_is(app_database: Engine) -> None:
    at = queue("supervisora")
    at.toggle(key="vencidas").set_value(True).run()
    at = tick(at, [0])
    [state] = [error.value for error in at.error]
    assert state.startswith("Vencida: venció el ") and "días hábiles" in state


@pytest.mark.parametrize(
    ("target", "reason", "note", "message"),
    [
        (None, None, "", "Elegí el área de destino."),
        ("Hábitat y Vivienda", None, "", "Elegí un motivo de la lista."),
        ("Hábitat y Vivienda", "otro", "corto", "Explicá el motivo en al menos 10 caracteres."),
    ],
)
def test_the_form_says_what_is_missing_and_moves_nothing(
    app_database: Engine, target: str | None, reason: str | None, note: str, message: str
) -> None:
    at = tick(queue("supervisora"), [0, 1])
    if target:
        choose(at, "destino", target)
    if reason:
        choose(at, "motivo", translate(f"reason.{reason}"))
    at.text_area(key="nota").input(note)
    at = confirm(at)
    assert [error.value for error in at.error] == [message]
    assert reassignments(app_database) == 0
    assert metrics(at)[translate("metric.open_cases")] == "2"


def test_a_confirmed_move_reports_each_case_and_leaves_the_queue(app_database: Engine) -> None:
    at = tick(queue("supervisora"), [0])
    code = case_table(at).value["code"].iloc[0]
    choose(at, "destino", "Hábitat y Vivienda")
    choose(at, "motivo", translate("reason.competencia_de_otra_area"))
    opened = translate("reasignar.col.open")
    preview = next(table.value for table in at.table if opened in table.value.columns)
    assert preview[opened].tolist() == ["1 → 2"]
    at.text_area(key="nota").input("Corresponde a vivienda, no a alimentos")
    at = confirm(at)
    assert not at.error
    assert [success.value for success in at.success] == [
        translate("reasignar.result", moved="1", total="1")
    ]
    assert reassignments(app_database) == 1
    assert metrics(at)[translate("metric.open_cases")] == "1"
    assert code not in case_table(at).value["code"].tolist()


@pytest.mark.parametrize(("username", "found"), [("supervisora", 2), ("gabinete", 0)])
def test_only_roles_that_see_personal_data_search_by_dni(
    app_database: Engine, username: str, found: int
) -> None:
    at = queue(username)
    at.text_input(key="buscar").input("30.123.456").run()
    shown = [frame.value for frame in at.dataframe if "code" in frame.value.columns]
    assert sum(len(frame) for frame in shown) == found
    if not found:
        assert translate("bandejas.no_cases") in [info.value for info in at.info]


def test_a_selection_and_its_form_survive_the_next_minute(
    app_database: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cut-off moves every minute; the ticked rows and the half-filled form must not."""
    at = tick(queue("supervisora"), [0])
    code = case_table(at).value["code"].iloc[0]
    choose(at, "destino", "Hábitat y Vivienda")
    later = local_now() + timedelta(minutes=2)
    monkeypatch.setattr("dashboard.data.local_now", lambda: later)
    at.run()
    assert translate("bandejas.detail", code=code) in [header.value for header in at.subheader]
    assert at.selectbox(key="destino").value is not None
    assert translate("reasignar.confirm") in [button.label for button in at.button]


def other_supervisor_moves(engine: Engine, code: str) -> None:
    """Beto, a second supervisor of Asistencia Alimentaria, moves ``code`` to Hábitat in his
    own session (which clears the query cache the way any move does)."""
    world = world_of(engine)
    add_user(engine, "beto", Role.SUPERVISOR, (world.food,))
    with engine.connect() as connection:
        version = connection.execute(select(Case.version).where(Case.code == code)).scalar_one()
    [outcome] = reassign(engine, Actor("beto", Role.SUPERVISOR, (world.food,)),
                         [ShownCase(code, version)], world.housing, None, Reason.OTHER,
                         "Lo toma Hábitat por competencia")  # fmt: skip
    assert outcome.moved
    clear_cached_queries()


def test_a_ticked_case_moved_by_someone_else_is_named_and_not_moved(
    app_database: Engine,
) -> None:
    at = tick(queue("supervisora"), [0])
    code = case_table(at).value["code"].iloc[0]
    choose(at, "destino", "Hábitat y Vivienda")
    choose(at, "motivo", translate("reason.otro"))
    at.text_area(key="nota").input("Se ocupa otra área del ministerio")
    other_supervisor_moves(app_database, code)
    at.run()
    [warning] = [w.value for w in at.warning]
    assert warning.startswith(f"{code} cambió desde que la marcaste (reasignación por Beto el ")
    assert "ahora está en Hábitat y Vivienda, estado derivada" in warning
    at = confirm(at)
    assert [w.value for w in at.warning] == [translate("reasignar.result", moved="0", total="1")]
    [result] = [table.value for table in at.table]
    assert result["Movida"].tolist() == ["no"]
    assert result["Detalle"].iloc[0].startswith(f"{code} no se movió: cambió desde que")
    assert reassignments(app_database) == 1  # Beto's only


def test_ticks_follow_the_case_when_the_rows_shift(app_database: Engine) -> None:
    at = tick(queue("supervisora"), [1])
    first, second = case_table(at).value["code"].tolist()
    other_supervisor_moves(app_database, first)
    at.run()
    assert case_table(at).value["code"].tolist() == [second]
    assert translate("seleccion.picked", count="1", codes=second) in [
        markdown.value for markdown in at.markdown
    ]
    assert translate("bandejas.detail", code=second) in [header.value for header in at.subheader]
    assert at.session_state[case_table(at).key]["selection"]["rows"] == [0]
