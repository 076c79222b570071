"""Registering and editing process changes (issue 15 §1), on SQLite and PostgreSQL: who may,
what is refused in Spanish, and that a refused write leaves nothing behind."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, func, select

from auth.roles import Actor
from dashboard.commands import (
    CommandError,
    PermissionDenied,
    edit_process_change,
    register_process_change,
)
from dashboard.domain import DepartmentKind, Role, local_now
from dashboard.models import AuditEntry, ProcessChange
from queries.process_changes import changes_between, process_change, process_changes
from tests.builders import World, add_department, small_world

MESA = Actor("mesa", Role.MESA)
ADMIN = Actor("admin", Role.ADMIN)
TURNOS = "Turnos por WhatsApp"


@pytest.fixture
def world(engine: Engine) -> World:
    return small_world(engine)


def register(engine: Engine, world: World, actor: Actor = MESA, name: str = TURNOS, **changed):
    values = {
        "description": "Las consultas de turnos entran por WhatsApp y no por correo.",
        "effective_on": date(2026, 3, 2),
        "touches": {"channel": [world.whatsapp], "department": [world.food]},
        **changed,
    }
    return register_process_change(engine, actor, name, **values)


def edit(engine: Engine, world: World, change_id: int, version: int, actor: Actor = ADMIN,
         **changed):  # fmt: skip
    values = {
        "name": TURNOS,
        "description": "Las consultas de turnos entran por WhatsApp y no por correo.",
        "effective_on": date(2026, 3, 2),
        "touches": {"channel": [world.whatsapp], "department": [world.food]},
        **changed,
    }
    return edit_process_change(engine, actor, change_id, version, **values)


def stored(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        return connection.execute(
            select(ProcessChange.name, ProcessChange.description, ProcessChange.effective_on,
                   ProcessChange.touches, ProcessChange.version)
            .order_by(ProcessChange.id)
        ).all()  # fmt: skip


def audited(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        return connection.execute(
            select(AuditEntry.username, AuditEntry.action, AuditEntry.target, AuditEntry.details)
            .order_by(AuditEntry.id)
        ).all()  # fmt: skip


def test_mesa_registers_a_change_and_it_is_audited_with_what_it_touched(
    engine: Engine, world: World
) -> None:
    outcome = register(engine, world)
    with engine.connect() as connection:
        record = process_change(connection, "turnos por whatsapp")
        listed = process_changes(connection)
    assert (outcome.name, outcome.version) == (TURNOS, 1)
    assert record.id == outcome.change_id and record.registered_by == "mesa"
    assert record.touches["channel"] == (world.whatsapp,)
    assert record.touches["department"] == (world.food,)
    assert listed["channel_names"].tolist() == [("WhatsApp",)]
    assert listed["department_names"].tolist() == [("Asistencia Alimentaria",)]
    ((username, action, target, details),) = audited(engine)
    assert (username, action, target) == ("mesa", "registrar_cambio_proceso", TURNOS)
    assert json.loads(details)["toca"] == {"department": [world.food], "channel": [world.whatsapp]}


@pytest.mark.parametrize("role", [Role.GABINETE, Role.SUPERVISOR, Role.INGRESO])
def test_other_roles_are_refused_by_the_server(engine: Engine, world: World, role: Role) -> None:
    with pytest.raises(PermissionDenied, match="Solo la mesa de trabajo y los administradores"):
        register(engine, world, Actor("otra", role, (world.food,)))
    outcome = register(engine, world)
    with pytest.raises(PermissionDenied):
        edit(engine, world, outcome.change_id, 1, Actor("otra", role), name="Otro nombre")
    assert [row.name for row in stored(engine)] == [TURNOS]
    assert [row.action for row in audited(engine)] == ["registrar_cambio_proceso"]


def test_a_duplicate_name_is_refused_whatever_its_case(engine: Engine, world: World) -> None:
    register(engine, world)
    with pytest.raises(CommandError, match="Ya hay un cambio de proceso llamado"):
        register(engine, world, ADMIN, name="  turnos POR whatsapp ")
    other = register(engine, world, name="Mesa de entradas única")
    with pytest.raises(CommandError, match="Ya hay un cambio de proceso llamado"):
        edit(engine, world, other.change_id, 1, name=TURNOS)
    assert [row.name for row in stored(engine)] == [TURNOS, "Mesa de entradas única"]


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ({"name": "ab"}, "al menos 3 caracteres"),
        ({"name": "x" * 121}, "no puede pasar de 120 caracteres"),
        ({"description": "  "}, "Completá la descripción"),
        ({"effective_on": date(1999, 12, 31)}, "La fecha en que rige debe estar entre"),
        ({"effective_on": local_now().date() + timedelta(days=366)}, "debe estar entre"),
        ({"touches": {}}, "Indicá qué tocó el cambio"),
        ({"touches": {"channel": []}}, "Indicá qué tocó el cambio"),
        ({"touches": {"partido": [1]}}, "No se entiende qué tocó"),
    ],
)
def test_wrong_values_are_refused_in_spanish(
    engine: Engine, world: World, changed: dict, message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        register(engine, world, **{"name": TURNOS, **changed})
    assert stored(engine) == [] and audited(engine) == []


def test_a_change_dated_a_year_ahead_is_accepted(engine: Engine, world: World) -> None:
    ahead = local_now().date() + timedelta(days=365)
    register(engine, world, effective_on=ahead)
    assert stored(engine)[0].effective_on == ahead


def test_touched_ids_must_exist_and_be_of_their_kind(engine: Engine, world: World) -> None:
    outside = add_department(engine, "MUN-LP", "Municipio de La Plata", DepartmentKind.MUNICIPALITY)
    wrong = [
        {"department": [world.intake]},  # an intake area is not a department
        {"department": [outside]},  # nor is an outside actor
        {"intake_area": [world.food]},
        {"channel": [999]},
        {"category_group": [world.flood]},  # a category, not its group
    ]
    for touches in wrong:
        with pytest.raises(CommandError, match="no existe o no es de ese tipo"):
            register(engine, world, touches=touches)
    register(engine, world, touches={"intake_area": [world.intake],
                                     "category_group": [world.group_emergency]})  # fmt: skip
    assert stored(engine)[0].name == TURNOS


def test_an_edit_writes_a_new_version_and_audits_what_changed(engine: Engine, world: World) -> None:
    first = register(engine, world)
    outcome = edit(engine, world, first.change_id, 1, name="Turnos sólo por WhatsApp",
                   effective_on=date(2026, 3, 9))  # fmt: skip
    assert outcome.version == 2
    with engine.connect() as connection:
        record = process_change(connection, first.change_id)
    assert (record.name, record.effective_on, record.version) == (
        "Turnos sólo por WhatsApp", date(2026, 3, 9), 2)  # fmt: skip
    assert (record.registered_by, record.updated_by) == ("mesa", "admin")
    username, action, target, details = audited(engine)[-1]
    assert (username, action, target) == ("admin", "editar_cambio_proceso",
                                          "Turnos sólo por WhatsApp")  # fmt: skip
    assert json.loads(details) == {
        "antes": {"nombre": TURNOS, "rige_desde": "2026-03-02"},
        "despues": {"nombre": "Turnos sólo por WhatsApp", "rige_desde": "2026-03-09"},
    }


def test_a_stale_version_is_refused_and_nothing_is_written(engine: Engine, world: World) -> None:
    first = register(engine, world)
    edit(engine, world, first.change_id, 1, description="Primera edición, guardada antes.")
    before, audit_before = stored(engine), audited(engine)
    with pytest.raises(CommandError, match="otra persona lo cambió mientras lo mirabas"):
        edit(engine, world, first.change_id, 1, ADMIN, description="Segunda, sobre lo viejo.")
    assert stored(engine) == before and audited(engine) == audit_before
    assert before[0].description == "Primera edición, guardada antes."


def test_an_edit_that_changes_nothing_writes_nothing(engine: Engine, world: World) -> None:
    first = register(engine, world)
    with pytest.raises(CommandError, match="No cambiaste nada"):
        edit(engine, world, first.change_id, 1)
    assert stored(engine)[0].version == 1 and len(audited(engine)) == 1


def test_the_markers_read_the_changes_of_a_span(engine: Engine, world: World) -> None:
    register(engine, world, effective_on=date(2026, 3, 2))
    register(engine, world, name="Mesa de entradas única", effective_on=date(2026, 5, 4))
    with engine.connect() as connection:
        march = changes_between(connection, date(2026, 3, 1), date(2026, 3, 31))
        both = changes_between(connection, date(2026, 3, 2), date(2026, 5, 4))
        total = connection.execute(select(func.count()).select_from(ProcessChange)).scalar()
    assert march["name"].tolist() == [TURNOS]
    assert both["name"].tolist() == [TURNOS, "Mesa de entradas única"]
    assert total == 2


def test_a_change_is_found_by_its_id_written_as_text(engine: Engine, world: World) -> None:
    outcome = register(engine, world)
    with engine.connect() as connection:
        assert process_change(connection, str(outcome.change_id)).name == TURNOS
        assert process_change(connection, "Otro cambio") is None
