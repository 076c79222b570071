"""``case_milestones`` (the first moment of each milestone) and ``case_closings`` (every
closing, on time or not), on both databases: kept by their triggers exactly as a rebuild
computes them, and built by the seed for every case."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from dashboard.closings import READ_MODEL as CLOSINGS
from dashboard.deadlines import business_clock
from dashboard.domain import DepartmentKind, EventKind, Status
from dashboard.milestones import READ_MODEL as MILESTONES
from dashboard.models import Case, CaseClosing, CaseMilestones, Department
from dashboard.seed import seed_database
from tests.builders import add_case, add_event, small_world

T0 = datetime(2026, 3, 2, 9, 0)  # a Monday
DAY = timedelta(days=1)


@pytest.fixture
def world(engine: Engine):
    return small_world(engine)


def external_actor(engine: Engine) -> int:
    with Session(engine) as session, session.begin():
        actor = Department(code="MUN-TANDIL", name="Municipio de Tandil",
                           kind=DepartmentKind.MUNICIPALITY)  # fmt: skip
        session.add(actor)
        session.flush()
        return actor.id


def milestones(engine: Engine, case_id: int) -> CaseMilestones:
    with Session(engine) as session:
        return session.get(CaseMilestones, case_id)


def clock(moment: datetime) -> float:
    return float(business_clock(np.array([moment], dtype="datetime64[s]"))[0])


def test_each_milestone_is_the_first_of_its_kind(engine, world) -> None:
    """Intake, assignment, a referral to housing (step 2), one to an outside actor, closing,
    reopening, closing again: each milestone keeps its first moment."""
    actor = external_actor(engine)
    case_id = add_case(engine, world, created_at=T0, department=world.intake, history=False)
    path = [
        (EventKind.ASSIGNED, T0 + 2 * DAY, world.intake, world.food, Status.NUEVA, Status.ASIGNADA),
        (EventKind.REFERRED, T0 + 3 * DAY, world.food, world.housing, Status.ASIGNADA,
         Status.DERIVADA),
        (EventKind.REFERRED, T0 + 4 * DAY, world.housing, actor, Status.DERIVADA,
         Status.DERIVADA),
        (EventKind.STATUS_CHANGED, T0 + 5 * DAY, None, None, Status.DERIVADA, Status.CERRADA),
        (EventKind.REOPENED, T0 + 6 * DAY, None, None, Status.CERRADA, Status.EN_CURSO),
        (EventKind.STATUS_CHANGED, T0 + 7 * DAY, None, None, Status.EN_CURSO, Status.RESUELTA),
    ]  # fmt: skip
    for kind, at, source, target, before, after in path:
        add_event(engine, case_id, kind, at, from_department=source, to_department=target,
                  from_status=before, to_status=after)  # fmt: skip

    row = milestones(engine, case_id)
    assert (row.created_at, row.first_action_at, row.referred_at, row.external_at) == (
        T0,
        T0 + 2 * DAY,
        T0 + 3 * DAY,
        T0 + 4 * DAY,
    )
    assert (row.closed_at, row.reopened_at) == (T0 + 5 * DAY, T0 + 6 * DAY)
    # Monday 9:00 to Wednesday 9:00 and to Saturday 9:00: 48 and 111 business hours.
    assert row.first_action_clock - row.created_clock == pytest.approx(48)
    assert row.closed_clock - row.created_clock == pytest.approx(111)
    assert row.created_clock == pytest.approx(clock(T0))


def test_the_first_department_and_the_first_return_are_kept(engine, world) -> None:
    """Intake, then food (step 1), housing, back to food (a ping-pong), housing again: the
    first department is food from day 2, the first return the one to food on day 4."""
    case_id = add_case(engine, world, created_at=T0, department=world.intake, history=False)
    path = [(world.intake, world.food, 2), (world.food, world.housing, 3),
            (world.housing, world.food, 4), (world.food, world.housing, 5)]  # fmt: skip
    for source, target, day in path:
        add_event(engine, case_id, EventKind.REFERRED, T0 + day * DAY, from_department=source,
                  to_department=target, to_status=Status.DERIVADA)  # fmt: skip

    row = milestones(engine, case_id)
    assert (row.first_department_id, row.first_department_at) == (world.food, T0 + 2 * DAY)
    assert row.revisited_at == T0 + 4 * DAY


def test_a_case_never_sent_on_has_no_first_department(engine, world) -> None:
    case_id = add_case(engine, world, created_at=T0, department=world.intake, history=False)
    row = milestones(engine, case_id)
    assert (row.first_department_id, row.first_department_at, row.revisited_at) == (None,) * 3


def test_a_move_within_the_first_department_is_no_referral_nor_undoing_a_merge_a_reopening(
    engine, world
) -> None:
    case_id = add_case(engine, world, created_at=T0, department=world.food, assignee=world.juan)
    add_event(engine, case_id, EventKind.REASSIGNED, T0 + DAY, from_department=world.food,
              to_department=world.food)  # fmt: skip
    add_event(engine, case_id, EventKind.STATUS_CHANGED, T0 + 2 * DAY,
              from_status=Status.ASIGNADA, to_status=Status.DUPLICADA)  # fmt: skip
    add_event(engine, case_id, EventKind.REOPENED, T0 + 3 * DAY,
              from_status=Status.DUPLICADA, to_status=Status.ASIGNADA)  # fmt: skip

    row = milestones(engine, case_id)
    assert row.first_action_at == T0  # the assignment at intake
    assert (row.referred_at, row.external_at, row.reopened_at) == (None, None, None)
    assert row.closed_at == T0 + 2 * DAY  # a merge closes the case


def test_the_trigger_and_a_rebuild_agree(engine, world) -> None:
    first = add_case(engine, world, created_at=T0, department=world.food, assignee=world.juan)
    add_case(engine, world, created_at=T0 + DAY, closed_at=T0 + 3 * DAY)
    add_event(engine, first, EventKind.REFERRED, T0 + 2 * DAY, from_department=world.food,
              to_department=world.housing, to_status=Status.DERIVADA)  # fmt: skip
    ordered = select(CaseMilestones).order_by(CaseMilestones.case_id)
    with engine.connect() as connection:
        kept = [tuple(row) for row in connection.execute(ordered)]
    with engine.begin() as connection:
        MILESTONES.refresh(connection)
    with engine.connect() as connection:
        assert [tuple(row) for row in connection.execute(ordered)] == kept
    assert len(kept) == 2


def test_the_seed_gives_every_case_its_milestones(engine) -> None:
    seed_database(engine, cases=800, seed=3, years=1, until=date(2026, 11, 25))
    with engine.connect() as connection:
        missing = connection.execute(
            select(func.count())
            .select_from(Case)
            .outerjoin(CaseMilestones, CaseMilestones.case_id == Case.id)
            .where(CaseMilestones.created_at.is_distinct_from(Case.created_at))
        ).scalar_one()
    assert missing == 0


def test_each_closing_counts_once_and_knows_whether_it_was_on_time(engine, world) -> None:
    """Resolved then closed is one closing (on time, due in 10 days); reopened and closed
    again after the due date is a second, late one."""
    case_id = add_case(engine, world, created_at=T0, department=world.food, assignee=world.juan)
    path = [
        (EventKind.STATUS_CHANGED, T0 + 2 * DAY, Status.ASIGNADA, Status.RESUELTA),
        (EventKind.STATUS_CHANGED, T0 + 3 * DAY, Status.RESUELTA, Status.CERRADA),
        (EventKind.REOPENED, T0 + 4 * DAY, Status.CERRADA, Status.EN_CURSO),
        (EventKind.STATUS_CHANGED, T0 + 12 * DAY, Status.EN_CURSO, Status.CERRADA),
    ]
    for kind, at, before, after in path:
        add_event(engine, case_id, kind, at, from_status=before, to_status=after)
    ordered = select(CaseClosing.at, CaseClosing.on_time).order_by(CaseClosing.at)
    with engine.connect() as connection:
        kept = [tuple(row) for row in connection.execute(ordered)]
    assert kept == [(T0 + 2 * DAY, True), (T0 + 12 * DAY, False)]
    with engine.begin() as connection:
        CLOSINGS.refresh(connection)
    with engine.connect() as connection:
        assert [tuple(row) for row in connection.execute(ordered)] == kept
