"""Reassignment rules, optimistic concurrency and per-case atomicity, on both databases."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

import pytest
from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy import event as db_events

from auth.roles import Actor
from dashboard import commands
from dashboard.commands import CaseChange, Outcome, OutcomeKind, Reason, ShownCase, reassign
from dashboard.deadlines import resumed_due_at
from dashboard.domain import EventKind, Role, Status
from dashboard.models import AuditEntry, Case, CaseEvent, Staff
from tests.builders import add_case, add_event, add_role_users, add_user, small_world

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


@pytest.fixture
def colleague(engine: Engine, world) -> Actor:
    """A second supervisor of Asistencia Alimentaria, working at the same time."""
    add_user(engine, "supervisora_b", Role.SUPERVISOR, (world.food,))
    return Actor("supervisora_b", Role.SUPERVISOR, (world.food,))


def shown(engine: Engine, case_id: int) -> ShownCase:
    with engine.connect() as connection:
        row = connection.execute(select(Case.code, Case.version).where(Case.id == case_id)).one()
    return ShownCase(row.code, row.version)


def staff_id(engine: Engine, name: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(Staff.id).where(Staff.name == name)).scalar_one()


def moves_audited(engine: Engine) -> list[tuple[str, str]]:
    """(who, which case) of every reassignment in the audit log, oldest first."""
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                select(AuditEntry.username, AuditEntry.target)
                .where(AuditEntry.action == "reasignar")
                .order_by(AuditEntry.id)
            )
        ]


def hub_changes(
    engine: Engine, case_id: int, kind: EventKind, at: datetime, status: Status, **values
) -> None:
    """The hub changes a case's status (a new version) and records it, done by Juan Gómez."""
    with engine.begin() as connection:
        connection.execute(
            update(Case)
            .where(Case.id == case_id)
            .values(status=status, version=Case.version + 1, **values)
        )
    add_event(engine, case_id, kind, at, to_status=status,
              actor_staff=staff_id(engine, "Juan Gómez"))  # fmt: skip


@contextmanager
def between_read_and_write(engine: Engine, meanwhile: Callable[[], object]) -> Iterator[list]:
    """Run ``meanwhile`` once, on its own connection, just before the next UPDATE of a case
    (after the command read the case, before it writes it); yields what it returned."""
    pending, returned = [meanwhile], []

    def interleave(_connection, _cursor, statement: str, *_args) -> None:
        if pending and statement.lstrip().upper().startswith("UPDATE CASES"):
            returned.append(pending.pop()())

    db_events.listen(engine, "before_cursor_execute", interleave)
    try:
        yield returned
    finally:
        db_events.remove(engine, "before_cursor_execute", interleave)
    assert not pending, "the command never wrote the case"


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


@pytest.mark.parametrize(
    ("target", "person", "status"),
    [
        # Handed to another department, nobody there yet: the lifecycle's "derivada".
        ("housing", None, Status.DERIVADA),
        ("housing", "Rosa Díaz", Status.ASIGNADA),
        # Back to her own department's queue: assigned to the department, as at intake.
        ("food", None, Status.ASIGNADA),
    ],
)
def test_the_status_after_a_move_says_whether_someone_holds_it(
    engine: Engine, world, target: str, person: str | None, status: Status
) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4), status=Status.EN_CURSO,
                       assignee=world.juan)  # fmt: skip
    assignee = staff_id(engine, person) if person else None
    [outcome] = reassign(engine, supervisor(world), [shown(engine, case_id)],
                         getattr(world, target), assignee, Reason.OTHER, NOTE)  # fmt: skip
    assert outcome.moved, outcome.message
    with engine.connect() as connection:
        case_status = connection.execute(select(Case.status).where(Case.id == case_id)).scalar()
        event = connection.execute(
            select(CaseEvent.from_status, CaseEvent.to_status).where(CaseEvent.kind == "reasignada")
        ).one()
    assert (case_status, *event) == (status, Status.EN_CURSO, status)


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
    assert (case.status, case.paused_at) == ("derivada", None)
    assert case.due_at == resumed_due_at(due, paused, moved_at) > due


def test_a_stale_form_is_refused_naming_the_case_and_the_change(engine: Engine, world) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4))
    seen = shown(engine, case_id)
    on_hold = datetime(2026, 5, 6, 9, 30)
    hub_changes(engine, case_id, EventKind.STATUS_CHANGED, on_hold, Status.EN_ESPERA,
                paused_at=on_hold)  # fmt: skip
    [outcome] = reassign(engine, supervisor(world), [seen], world.housing, None, Reason.OTHER, NOTE)
    assert (outcome.moved, outcome.kind) == (False, OutcomeKind.CHANGED)
    assert outcome.change == CaseChange(
        on_hold, EventKind.STATUS_CHANGED, "Juan Gómez", "Asistencia Alimentaria", Status.EN_ESPERA
    )
    assert outcome.message == (
        f"{seen.code} no se movió: cambió desde que la marcaste. Última novedad: cambio de estado "
        "por Juan Gómez el 06/05/2026 09:30; ahora está en Asistencia Alimentaria, estado en "
        "espera."
    )
    assert state(engine, case_id) == (world.food, None, 2, 0)
    assert moves_audited(engine) == []


def test_a_case_a_colleague_moved_away_is_described_though_now_outside_scope(
    engine: Engine, world, colleague: Actor
) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4))
    seen = shown(engine, case_id)  # both supervisors tick it
    [theirs] = reassign(engine, colleague, [seen], world.housing, None, Reason.OTHER, NOTE)
    [outcome] = reassign(engine, supervisor(world), [seen], world.food, None, Reason.OTHER, NOTE)
    assert theirs.moved and (outcome.moved, outcome.kind) == (False, OutcomeKind.CHANGED)
    assert outcome.change is not None
    assert (outcome.change.event, outcome.change.by, outcome.change.department,
            outcome.change.status) == (EventKind.REASSIGNED, "Supervisora_B",
                                       "Hábitat y Vivienda", Status.DERIVADA)  # fmt: skip
    for fact in ("reasignación por Supervisora_B", "Hábitat y Vivienda", "estado derivada"):
        assert fact in outcome.message
    assert "no está entre las solicitudes de tus áreas" not in outcome.message
    assert state(engine, case_id) == (world.housing, None, 2, 1)
    assert moves_audited(engine) == [("supervisora_b", seen.code)]


def test_a_case_the_hub_closed_meanwhile_names_who_closed_it(engine: Engine, world) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4))
    seen = shown(engine, case_id)
    closed = datetime(2026, 5, 7, 16, 5)
    hub_changes(engine, case_id, EventKind.CLOSED, closed, Status.CERRADA, closed_at=closed)
    [outcome] = reassign(engine, supervisor(world), [seen], world.housing, None, Reason.OTHER, NOTE)
    assert (outcome.moved, outcome.kind) == (False, OutcomeKind.CHANGED)
    assert outcome.change == CaseChange(
        closed, EventKind.CLOSED, "Juan Gómez", "Asistencia Alimentaria", Status.CERRADA
    )
    assert "cierre por Juan Gómez el 07/05/2026 16:05" in outcome.message
    assert "estado cerrada" in outcome.message
    assert moves_audited(engine) == []


def test_a_made_up_version_tells_nothing_of_a_case_never_in_scope(engine: Engine, world) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4), department=world.housing)
    real = shown(engine, case_id)
    made_up = ShownCase(real.code, real.version + 3)
    [outcome] = reassign(engine, supervisor(world), [made_up], world.food, None, Reason.OTHER,
                         NOTE)  # fmt: skip
    assert (outcome.moved, outcome.kind, outcome.change) == (False, OutcomeKind.OUTSIDE, None)
    assert outcome.message == f"{real.code} no está entre las solicitudes de tus áreas."
    assert "Hábitat" not in outcome.message
    assert state(engine, case_id) == (world.housing, None, 1, 0)
    assert moves_audited(engine) == []


def test_a_code_that_does_not_exist_is_reported_as_such(engine: Engine, world) -> None:
    [outcome] = reassign(engine, supervisor(world), [ShownCase("MDC-2026-999999", 1)],
                         world.housing, None, Reason.OTHER, NOTE)  # fmt: skip
    assert (outcome.moved, outcome.kind) == (False, OutcomeKind.MISSING)
    assert outcome.message == "MDC-2026-999999 no existe."


def test_a_change_between_the_read_and_the_write_is_re_read_and_described(
    engine: Engine, world, colleague: Actor
) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4))
    seen = shown(engine, case_id)

    def colleague_moves() -> list[Outcome]:
        return reassign(engine, colleague, [seen], world.housing, None, Reason.OTHER, NOTE)

    with between_read_and_write(engine, colleague_moves) as meanwhile:
        [outcome] = reassign(engine, supervisor(world), [seen], world.food, None, Reason.OTHER,
                             NOTE)  # fmt: skip
    [[theirs]] = meanwhile
    assert theirs.moved and (outcome.moved, outcome.kind) == (False, OutcomeKind.CHANGED)
    assert outcome.change is not None
    assert (outcome.change.by, outcome.change.department) == ("Supervisora_B",
                                                               "Hábitat y Vivienda")  # fmt: skip
    assert "reasignación por Supervisora_B" in outcome.message
    assert state(engine, case_id) == (world.housing, None, 2, 1)
    assert moves_audited(engine) == [("supervisora_b", seen.code)]


def test_a_bulk_move_reports_each_case_and_moves_the_fresh_ones(engine: Engine, world) -> None:
    ids = [add_case(engine, world, created_at=datetime(2026, 5, day)) for day in (1, 2, 3)]
    forms = [shown(engine, case_id) for case_id in ids]
    with engine.begin() as connection:  # someone else touched the second case meanwhile
        connection.execute(update(Case).where(Case.id == ids[1]).values(version=Case.version + 1))
    outcomes = reassign(engine, supervisor(world), forms, world.housing, None, Reason.ABSENCE, NOTE)
    assert [o.moved for o in outcomes] == [True, False, True]
    assert [o.kind for o in outcomes] == [OutcomeKind.MOVED, OutcomeKind.CHANGED, OutcomeKind.MOVED]
    assert [state(engine, case_id)[3] for case_id in ids] == [1, 0, 1]  # events only with moves
    assert [state(engine, case_id)[0] for case_id in ids] == [world.housing, world.food,
                                                               world.housing]  # fmt: skip


@pytest.mark.parametrize(
    ("setup", "kind", "message"),
    [
        ("outside", OutcomeKind.OUTSIDE, "no está entre las solicitudes de tus áreas"),
        ("closed", OutcomeKind.CLOSED, "está cerrada: no se puede mover"),
    ],
)
def test_cases_outside_scope_or_closed_are_not_moved(
    engine: Engine, world, setup: str, kind: OutcomeKind, message: str
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
    assert (outcome.moved, outcome.kind, outcome.change) == (False, kind, None)
    assert message in outcome.message
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
    assert {o.kind for o in results} == {OutcomeKind.MOVED, OutcomeKind.CHANGED}
    assert state(engine, case_id) == (world.housing, None, 2, 1)
    assert moves_audited(engine) == [("supervisora", seen.code)]
