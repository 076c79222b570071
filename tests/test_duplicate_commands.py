"""Deciding about probable duplicates on both databases: merge, undo, not a duplicate, later;
who may, what is written, and what is refused when someone else got there first."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import aliased

from auth.roles import Actor
from dashboard.commands import (
    CommandError,
    PermissionDenied,
    mark_not_duplicate,
    merge_duplicates,
    postpone_duplicate,
    undo_merge,
)
from dashboard.domain import DepartmentKind, DuplicateDecision, EventKind, Role, Status
from dashboard.duplicates import review_scope_clause
from dashboard.duplicates.find import scan
from dashboard.models import AuditEntry, Case, CaseEvent, DuplicatePair, User
from dashboard.text import CONTROL
from tests.builders import (
    add_case,
    add_department,
    add_user,
    case_code,
    small_world,
)

T0 = datetime(2026, 3, 2, 9, 30)
ADMIN = Actor("admin", Role.ADMIN)
REASON = "Eran dos pedidos distintos de la misma vecina"


@pytest.fixture
def pair(engine: Engine) -> dict:
    """Ana Pérez's request logged twice, two days apart, both in Asistencia Alimentaria; the
    second one was closed before anyone saw the pair."""
    world = small_world(engine)
    first = add_case(engine, world, created_at=T0)
    closed_at = T0 + timedelta(days=2, hours=5)
    second = add_case(engine, world, created_at=T0 + timedelta(days=2), channel=world.email,
                      closed_at=closed_at)  # fmt: skip
    assert scan(engine).found == 1
    with engine.connect() as connection:
        pair_id = connection.execute(select(DuplicatePair.id)).scalar_one()
    return {"engine": engine, "world": world, "id": pair_id, "first": case_code(engine, first),
            "second": case_code(engine, second), "closed_at": closed_at}  # fmt: skip


def shown(engine: Engine, *codes: str) -> dict[str, int]:
    """The versions a page would show now."""
    with engine.connect() as connection:
        rows = connection.execute(select(Case.code, Case.version).where(Case.code.in_(codes)))
        return dict(rows.all())


def case_row(engine: Engine, code: str):
    with engine.connect() as connection:
        return connection.execute(select(Case).where(Case.code == code)).one()


def events(engine: Engine, code: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(
            select(CaseEvent.id, CaseEvent.kind, CaseEvent.from_status, CaseEvent.to_status,
                   CaseEvent.reason, CaseEvent.note)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(Case.code == code).order_by(CaseEvent.id)
        )]  # fmt: skip


def stored_pair(engine: Engine):
    with engine.connect() as connection:
        return connection.execute(select(DuplicatePair)).one()


def audited(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditEntry.username, AuditEntry.action, AuditEntry.target)
            .where(AuditEntry.action != "crear_usuario")
            .order_by(AuditEntry.id)
        )
        return [tuple(row) for row in rows]


def test_merge_closes_the_duplicate_into_the_survivor_with_an_event_on_each(pair) -> None:
    engine, first, second = pair["engine"], pair["first"], pair["second"]
    add_user(engine, "admin", Role.ADMIN)  # the events name the dashboard user who merged
    with pytest.raises(CommandError, match="MDC-1999-000001 no es una de las dos"):
        merge_duplicates(engine, ADMIN, pair["id"], "MDC-1999-000001", {})
    with pytest.raises(CommandError, match="No existe el par"):
        merge_duplicates(engine, ADMIN, pair["id"] + 1, first, {})
    outcome = merge_duplicates(engine, ADMIN, pair["id"], first, shown(engine, first, second))
    assert (outcome.survivor_code, outcome.duplicate_code) == (first, second)
    assert outcome.message == f"{second} quedó como duplicada de {first}."
    survivor, duplicate = case_row(engine, first), case_row(engine, second)
    assert duplicate.status == Status.DUPLICADA
    assert duplicate.duplicate_of_id == survivor.id
    assert duplicate.closed_at > pair["closed_at"] and duplicate.paused_at is None
    assert (survivor.version, duplicate.version, survivor.status) == (2, 2, Status.ASIGNADA)
    assert events(engine, second)[-1][1:] == (
        EventKind.MERGED,
        Status.CERRADA,
        Status.DUPLICADA,
        f"Duplicada de {first}",
        None,
    )
    assert events(engine, first)[-1][1:] == (
        EventKind.NOTE,
        None,
        None,
        f"Se le unificó {second}",
        None,
    )
    with engine.connect() as connection:
        admin_id = connection.execute(select(User.id).where(User.username == "admin")).scalar()
        authors = connection.execute(
            select(CaseEvent.actor_user_id).where(CaseEvent.kind.in_(["fusionada", "nota"]))
        ).scalars().all()  # fmt: skip
    assert authors == [admin_id, admin_id]
    stored = stored_pair(engine)
    assert (stored.decision, stored.decided_by, stored.survivor_id) == (
        DuplicateDecision.MERGED,
        "admin",
        survivor.id,
    )
    assert audited(engine) == [("admin", "unificar_duplicadas", second)]


def test_a_version_that_changed_since_the_page_showed_it_is_refused(pair) -> None:
    engine, first, second = pair["engine"], pair["first"], pair["second"]
    seen = shown(engine, first, second)
    with engine.begin() as connection:  # someone reassigns the survivor meanwhile
        connection.execute(update(Case).where(Case.code == first).values(version=Case.version + 1))
    with pytest.raises(CommandError, match=f"{first} cambió mientras la mirabas"):
        merge_duplicates(engine, ADMIN, pair["id"], second, seen)
    with pytest.raises(CommandError, match="cambió mientras la mirabas"):
        mark_not_duplicate(engine, ADMIN, pair["id"], seen)
    assert stored_pair(engine).decision is None
    assert case_row(engine, second).status == Status.CERRADA
    assert [kind for _, kind, *_ in events(engine, second)] == [
        EventKind.CREATED, EventKind.ASSIGNED, EventKind.CLOSED,
    ]  # fmt: skip
    assert audited(engine) == []


def test_a_pair_someone_else_decided_is_refused_naming_who_and_when(pair) -> None:
    engine, first, second = pair["engine"], pair["first"], pair["second"]
    seen = shown(engine, first, second)
    merge_duplicates(engine, ADMIN, pair["id"], first, seen)
    decided_at = stored_pair(engine).decided_at
    clerk = Actor("ingreso", Role.INGRESO, (pair["world"].intake,))
    expected = f"Este par ya lo decidió admin el {decided_at:%d/%m/%Y %H:%M}: las unificó."
    for attempt in (
        lambda: merge_duplicates(engine, clerk, pair["id"], second, seen),
        lambda: mark_not_duplicate(engine, clerk, pair["id"], seen),
        lambda: postpone_duplicate(engine, clerk, pair["id"]),
    ):
        with pytest.raises(CommandError) as refusal:
            attempt()
        assert str(refusal.value) == expected


def test_who_may_decide_and_the_sql_scope_agrees_with_the_commands(pair) -> None:
    engine, world, first, second = pair["engine"], pair["world"], pair["first"], pair["second"]
    other_intake = add_department(engine, "ING-GAB", "Coordinación de Gabinete",
                                  DepartmentKind.INTAKE)  # fmt: skip
    actors = {
        "gabinete": (Actor("gabinete", Role.GABINETE), False),
        "mesa": (Actor("mesa", Role.MESA), False),
        "supervisora de otra área": (Actor("s2", Role.SUPERVISOR, (world.housing,)), False),
        "ingreso de otra área": (Actor("i2", Role.INGRESO, (other_intake,)), False),
        "supervisora": (Actor("supervisora", Role.SUPERVISOR, (world.food,)), True),
        "ingreso": (Actor("ingreso", Role.INGRESO, (world.intake,)), True),
        "admin": (ADMIN, True),
    }
    first_case, second_case = aliased(Case), aliased(Case)
    for name, (actor, may) in actors.items():
        with engine.connect() as connection:
            visible = connection.execute(
                select(DuplicatePair.id)
                .join(first_case, first_case.id == DuplicatePair.case_id)
                .join(second_case, second_case.id == DuplicatePair.other_case_id)
                .where(review_scope_clause(actor, first_case, second_case))
            ).scalars().all()  # fmt: skip
        assert visible == ([pair["id"]] if may else []), name
        if not may:
            with pytest.raises(PermissionDenied):
                postpone_duplicate(engine, actor, pair["id"])
    supervisor = actors["supervisora"][0]
    with engine.begin() as connection:  # the survivor-to-be moves out of her departments
        connection.execute(update(Case).where(Case.code == first)
                           .values(department_id=world.housing))  # fmt: skip
    seen = shown(engine, first, second)
    with pytest.raises(PermissionDenied, match=f"{first} está en otra"):
        merge_duplicates(engine, supervisor, pair["id"], second, seen)
    outcome = merge_duplicates(engine, supervisor, pair["id"], first, seen)
    assert outcome.duplicate_code == second


def test_undo_restores_the_status_and_closing_exactly_and_deletes_nothing(pair) -> None:
    engine, first, second = pair["engine"], pair["first"], pair["second"]
    history = events(engine, second)
    merge_duplicates(engine, ADMIN, pair["id"], first, shown(engine, first, second))
    with pytest.raises(CommandError, match="al menos 10"):
        undo_merge(engine, ADMIN, pair["id"], "   corto  ")
    outcome = undo_merge(engine, ADMIN, pair["id"], REASON)
    assert outcome.message == f"{second} volvió a estar cerrada; el par quedó pendiente."
    restored = case_row(engine, second)
    assert (restored.status, restored.closed_at, restored.duplicate_of_id, restored.version) == (
        Status.CERRADA, pair["closed_at"], None, 3
    )  # fmt: skip
    after = events(engine, second)
    assert after[: len(history)] == history
    assert [event[1:] for event in after[len(history):]] == [
        (EventKind.MERGED, Status.CERRADA, Status.DUPLICADA, f"Duplicada de {first}", None),
        (EventKind.REOPENED, Status.DUPLICADA, Status.CERRADA,
         f"Se deshizo la unificación con {first}", REASON),
    ]  # fmt: skip
    assert events(engine, first)[-1][1:] == (
        EventKind.NOTE,
        None,
        None,
        f"Se deshizo la unificación de {second}",
        REASON,
    )
    stored = stored_pair(engine)
    assert (stored.decision, stored.decided_by, stored.survivor_id) == (None, None, None)
    assert audited(engine)[-1] == ("admin", "deshacer_unificacion", second)
    with pytest.raises(CommandError, match="no están unificadas"):
        undo_merge(engine, ADMIN, pair["id"], REASON)


def test_undo_of_an_open_case_reopens_it(pair) -> None:
    engine, first, second = pair["engine"], pair["first"], pair["second"]
    merge_duplicates(engine, ADMIN, pair["id"], second, shown(engine, first, second))
    undo_merge(engine, ADMIN, pair["id"], REASON)
    reopened = case_row(engine, first)
    assert (reopened.status, reopened.closed_at, reopened.duplicate_of_id) == (
        Status.ASIGNADA,
        None,
        None,
    )


def test_not_a_duplicate_is_remembered_across_a_rescan(pair) -> None:
    engine, first, second = pair["engine"], pair["first"], pair["second"]
    clerk = Actor("ingreso", Role.INGRESO, (pair["world"].intake,))
    outcome = mark_not_duplicate(engine, clerk, pair["id"], shown(engine, first, second))
    assert outcome.message == (
        f"Quedó registrado que {first} y {second} no son duplicadas: no se vuelven a proponer."
    )
    assert scan(engine).found == 0
    stored = stored_pair(engine)
    assert (stored.decision, stored.decided_by) == (DuplicateDecision.NOT_DUPLICATE, "ingreso")
    assert audited(engine) == [("ingreso", "no_duplicadas", first)]


def test_a_pair_left_for_later_can_still_be_merged(pair) -> None:
    engine, first, second = pair["engine"], pair["first"], pair["second"]
    postpone_duplicate(engine, ADMIN, pair["id"])
    assert stored_pair(engine).decision == DuplicateDecision.LATER
    merge_duplicates(engine, ADMIN, pair["id"], first, shown(engine, first, second))
    assert stored_pair(engine).decision == DuplicateDecision.MERGED


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(reason=st.text(max_size=400))
def test_any_reason_to_undo_gives_a_result_or_a_spanish_refusal(pair, reason: str) -> None:
    engine, first, second = pair["engine"], pair["first"], pair["second"]
    if stored_pair(engine).decision is None:
        merge_duplicates(engine, ADMIN, pair["id"], first, shown(engine, first, second))
    try:
        outcome = undo_merge(engine, ADMIN, pair["id"], reason)
    except CommandError as refusal:
        assert str(refusal).startswith(("Indicá el motivo", "El motivo no puede"))
    else:
        assert outcome.duplicate_code == second
        assert events(engine, second)[-1][5] == CONTROL.sub("", reason).strip()
