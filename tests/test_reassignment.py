"""Reassignment rules, optimistic concurrency and per-case atomicity, on both databases."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from sqlalchemy import Engine, func, insert, select, update

from auth.roles import Actor
from dashboard import commands
from dashboard.commands import Outcome, Reason, ShownCase, reassign
from dashboard.deadlines import resumed_due_at
from dashboard.domain import Role, Status
from dashboard.models import Case, CaseEvent, Staff
from tests.builders import add_case, add_role_users, small_world

NOTE = "La dirección de hábitat tiene la competencia"


@pytest.fixture
def world(engine: Engine):
    w = small_world(engine)
    add_role_users(engine, w)
    with engine.begin() as connection:
        connection.execute(
            insert(Staff),
            [
                {"department_id": w.housing, "name": "Rosa Díaz", "weekly_capacity": 10,
                 "active": True},
                {"department_id": w.housing, "name": "Inactiva", "weekly_capacity": 10,
                 "active": False},
            ],
        )  # fmt: skip
    return w


def supervisor(world) -> Actor:
    return Actor("supervisora", Role.SUPERVISOR, (world.food,))


def shown(engine: Engine, case_id: int) -> ShownCase:
    with engine.connect() as connection:
        row = connection.execute(select(Case.code, Case.version).where(Case.id == case_id)).one()
    return ShownCase(row.code, row.version)


def staff_id(engine: Engine, name: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(Staff.id).where(Staff.name == name)).scalar_one()


def state(engine: Engine, case_id: int) -> tuple:
    with engine.connect() as connection:
        case = connection.execute(
            select(Case.department_id, Case.assignee_id, Case.version).where(Case.id == case_id)
        ).one()
        events = connection.execute(
            select(func.count()).where(CaseEvent.case_id == case_id, CaseEvent.kind == "reasignada")
        ).scalar_one()
    return (*case, events)


def test_a_case_moves_with_its_event_and_a_new_version(engine: Engine, world) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4))
    rosa = staff_id(engine, "Rosa Díaz")
    [outcome] = reassign(
        engine, supervisor(world), [shown(engine, case_id)], world.housing, rosa,
        Reason.OTHER_COMPETENCE, NOTE,
    )  # fmt: skip
    assert outcome.moved, outcome.message
    assert state(engine, case_id) == (world.housing, rosa, 2, 1)
    with engine.connect() as connection:
        event = connection.execute(select(CaseEvent).where(CaseEvent.kind == "reasignada")).one()
    assert (event.from_department_id, event.to_department_id, event.reason, event.note) == (
        world.food, world.housing, "competencia_de_otra_area", NOTE,
    )  # fmt: skip


def test_moving_a_waiting_case_restarts_its_clock(engine: Engine, world) -> None:
    due, paused = datetime(2026, 12, 30, 10), datetime(2026, 5, 20, 9)
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4), due_at=due,
                       paused_at=paused)  # fmt: skip
    [outcome] = reassign(engine, supervisor(world), [shown(engine, case_id)], world.housing,
                         None, Reason.ABSENCE, NOTE)  # fmt: skip
    assert outcome.moved, outcome.message
    with engine.connect() as connection:
        case = connection.execute(
            select(Case.status, Case.due_at, Case.paused_at).where(Case.id == case_id)
        ).one()
        moved_at = connection.execute(
            select(CaseEvent.at).where(CaseEvent.kind == "reasignada")
        ).scalar_one()
    assert (case.status, case.paused_at) == ("asignada", None)
    assert case.due_at == resumed_due_at(due, paused, moved_at) > due


def test_a_stale_form_is_refused_naming_the_case_and_the_change(engine: Engine, world) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4))
    seen = shown(engine, case_id)
    with engine.begin() as connection:
        connection.execute(
            update(Case).where(Case.id == case_id)
            .values(status=Status.EN_ESPERA, version=Case.version + 1)
        )  # fmt: skip
    [outcome] = reassign(engine, supervisor(world), [seen], world.housing, None, Reason.OTHER, NOTE)
    assert not outcome.moved
    assert seen.code in outcome.message and "en_espera" in outcome.message
    assert state(engine, case_id) == (world.food, None, 2, 0)


def test_a_bulk_move_reports_each_case_and_moves_the_fresh_ones(engine: Engine, world) -> None:
    ids = [add_case(engine, world, created_at=datetime(2026, 5, day)) for day in (1, 2, 3)]
    forms = [shown(engine, case_id) for case_id in ids]
    with engine.begin() as connection:  # someone else touched the second case meanwhile
        connection.execute(update(Case).where(Case.id == ids[1]).values(version=Case.version + 1))
    outcomes = reassign(engine, supervisor(world), forms, world.housing, None, Reason.ABSENCE, NOTE)
    assert [o.moved for o in outcomes] == [True, False, True]
    assert [state(engine, case_id)[3] for case_id in ids] == [1, 0, 1]  # events only with moves
    assert [state(engine, case_id)[0] for case_id in ids] == [world.housing, world.food,
                                                               world.housing]  # fmt: skip


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("outside", "no está entre las solicitudes de tus áreas"),
        ("closed", "no se puede mover"),
    ],
)
def test_cases_outside_scope_or_closed_are_not_moved(
    engine: Engine, world, setup: str, message: str
) -> None:
    if setup == "outside":
        case_id = add_case(engine, world, created_at=datetime(2026, 5, 4), department=world.housing)
    else:
        case_id = add_case(
            engine, world, created_at=datetime(2026, 5, 4), closed_at=datetime(2026, 5, 6)
        )
    [outcome] = reassign(
        engine, supervisor(world), [shown(engine, case_id)], world.housing, None, Reason.OTHER, NOTE
    )
    assert not outcome.moved and message in outcome.message
    assert state(engine, case_id)[3] == 0


@pytest.mark.parametrize("who", ["Juan Gómez", "Inactiva"])
def test_the_assignee_must_be_active_staff_of_the_target(engine: Engine, world, who: str) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4))
    with pytest.raises(commands.CommandError):
        reassign(engine, supervisor(world), [shown(engine, case_id)], world.housing,
                 staff_id(engine, who), Reason.OTHER, NOTE)  # fmt: skip
    assert state(engine, case_id)[3] == 0


@pytest.mark.parametrize("role", [Role.GABINETE, Role.MESA, Role.ADMIN])
def test_only_supervisors_reassign(engine: Engine, world, role: Role) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4))
    with pytest.raises(commands.PermissionDenied):
        reassign(engine, Actor("x", role), [shown(engine, case_id)], world.housing, None,
                 Reason.OTHER, NOTE)  # fmt: skip


@pytest.mark.parametrize(
    ("target", "reason", "note", "message"),
    [
        (None, Reason.OTHER, NOTE, "Elegí el área de destino."),
        ("housing", None, NOTE, "Elegí un motivo de la lista."),
        ("housing", "vacaciones", NOTE, "Elegí un motivo de la lista."),
        ("housing", Reason.OTHER, "  corto  ", "Explicá el motivo en al menos 10 caracteres."),
    ],
)
def test_target_listed_reason_and_explanation_are_required(
    engine: Engine, world, target, reason, note: str, message: str
) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4))
    with pytest.raises(commands.CommandError, match=message):
        reassign(engine, supervisor(world), [shown(engine, case_id)],
                 getattr(world, target) if target else None, None, reason, note)  # fmt: skip
    assert state(engine, case_id)[-1] == 0


@pytest.mark.postgres
@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_two_racing_reassignments_one_wins(engine: Engine, world) -> None:
    """Two supervisors submit the same form at the same moment on two connections."""
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4))
    seen = shown(engine, case_id)
    barrier = threading.Barrier(2)
    results: list[Outcome] = []

    def move(target: int) -> None:
        barrier.wait()
        results.extend(
            reassign(engine, supervisor(world), [seen], target, None, Reason.OTHER, NOTE)
        )

    threads = [threading.Thread(target=move, args=(world.housing,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o.moved for o in results) == [False, True]
    assert state(engine, case_id) == (world.housing, None, 2, 1)
