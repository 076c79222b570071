"""The ``case_stays`` read model agrees with the raw history, on SQLite and on PostgreSQL.

Nothing here calls a refresh to build it: the trigger on ``case_events`` does, as each
event is written, which is what the tests rely on.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import groupby

import pytest
from sqlalchemy import Connection, Engine, delete, insert, select

from dashboard.domain import EventKind, Status
from dashboard.models import CaseEvent, CaseStay
from dashboard.stays import READ_MODEL
from queries.case_detail import case_path
from tests.builders import World, add_case, add_event, case_code, small_world

START = datetime(2026, 3, 2, 9, 0)


def hours(n: float) -> datetime:
    return START + timedelta(hours=n)


def move(engine: Engine, case_id: int, kind: EventKind, at: float, origin: int, target: int):
    add_event(engine, case_id, kind, hours(at), from_department=origin, to_department=target)


@pytest.fixture
def world(engine: Engine) -> World:
    return small_world(engine)


@pytest.fixture
def histories(engine: Engine, world: World) -> dict[str, int]:
    """Intake I, Asistencia Alimentaria F, Hábitat H.

    bounce: I → F (1 h) → H (5 h) → F (9 h), with a status change in between (no move).
    inside: I → F (2 h), reassigned to another person inside F (4 h), then → H (6 h).
    tie:    two moves at the same minute (3 h): F first, then H, by event order.
    waiting: never left the intake area.
    """
    food, housing, intake = world.food, world.housing, world.intake
    bounce = add_case(engine, world, created_at=START, history=False)
    move(engine, bounce, EventKind.ASSIGNED, 1, intake, food)
    add_event(engine, bounce, EventKind.STATUS_CHANGED, hours(2), to_status=Status.EN_CURSO)
    move(engine, bounce, EventKind.REFERRED, 5, food, housing)
    move(engine, bounce, EventKind.REFERRED, 9, housing, food)
    inside = add_case(engine, world, created_at=START, history=False)
    move(engine, inside, EventKind.ASSIGNED, 2, intake, food)
    move(engine, inside, EventKind.REASSIGNED, 4, food, food)
    move(engine, inside, EventKind.REASSIGNED, 6, food, housing)
    tie = add_case(engine, world, created_at=START, history=False)
    move(engine, tie, EventKind.ASSIGNED, 3, intake, food)
    move(engine, tie, EventKind.REFERRED, 3, food, housing)
    waiting = add_case(engine, world, created_at=START, history=False)
    return {"bounce": bounce, "inside": inside, "tie": tie, "waiting": waiting}


def stored(engine: Engine, case_id: int | None = None) -> list[tuple]:
    with engine.connect() as connection:
        return stored_in(connection, case_id)


def stored_in(connection: Connection, case_id: int | None = None) -> list[tuple]:
    query = select(
        CaseStay.case_id, CaseStay.step, CaseStay.department_id, CaseStay.entered_at,
        CaseStay.left_at, CaseStay.next_department_id, CaseStay.revisit,
    ).order_by(CaseStay.case_id, CaseStay.step)  # fmt: skip
    if case_id is not None:
        query = query.where(CaseStay.case_id == case_id)
    return [tuple(row) for row in connection.execute(query)]


def stays_by_hand(engine: Engine) -> list[tuple]:
    """The definition, applied in plain Python to every moving event in history order."""
    query = (
        select(CaseEvent.case_id, CaseEvent.at, CaseEvent.to_department_id)
        .where(CaseEvent.to_department_id.is_not(None))
        .order_by(CaseEvent.case_id, CaseEvent.at, CaseEvent.id)
    )
    with engine.connect() as connection:
        events = connection.execute(query).all()
    rows = []
    for case_id, moves in groupby(events, key=lambda event: event.case_id):
        stays: list[tuple[datetime, int]] = []
        for _, at, department in moves:
            if not stays or stays[-1][1] != department:
                stays.append((at, department))
        for step, (at, department) in enumerate(stays):
            following = stays[step + 1] if step + 1 < len(stays) else (None, None)
            earlier = {d for _, d in stays[:step]}
            rows.append((case_id, step, department, at, *following, department in earlier))
    return rows


def test_the_rollup_agrees_with_the_events(engine: Engine, histories: dict[str, int]) -> None:
    assert stored(engine) == stays_by_hand(engine)


def test_known_stays(engine: Engine, world: World, histories: dict[str, int]) -> None:
    intake, food, housing = world.intake, world.food, world.housing
    assert stored(engine, histories["bounce"]) == [
        (histories["bounce"], 0, intake, START, hours(1), food, False),
        (histories["bounce"], 1, food, hours(1), hours(5), housing, False),
        (histories["bounce"], 2, housing, hours(5), hours(9), food, False),
        (histories["bounce"], 3, food, hours(9), None, None, True),  # back: ping-pong
    ]
    # The move inside Asistencia Alimentaria starts no stay.
    assert [row[2:5] for row in stored(engine, histories["inside"])] == [
        (intake, START, hours(2)), (food, hours(2), hours(6)), (housing, hours(6), None),
    ]  # fmt: skip
    assert [row[2] for row in stored(engine, histories["tie"])] == [intake, food, housing]
    assert [row[1:] for row in stored(engine, histories["waiting"])] == [
        (0, intake, START, None, None, False)
    ]


def test_the_stays_follow_the_case_path(
    engine: Engine, world: World, histories: dict[str, int]
) -> None:
    """Without moves inside one department, the stays are the case detail's path."""
    case_id = histories["bounce"]
    with engine.connect() as connection:
        path = case_path(connection, case_code(engine, case_id), None)
    rows = stored(engine, case_id)
    assert [row[3] for row in rows] == path["entered_at"].tolist()
    assert [row[4] for row in rows[:-1]] == path["left_at"].tolist()[:-1]


def test_a_new_move_rebuilds_its_case_at_once(
    engine: Engine, world: World, histories: dict[str, int]
) -> None:
    waiting = histories["waiting"]
    move(engine, waiting, EventKind.ASSIGNED, 12, world.intake, world.housing)
    assert [row[2] for row in stored(engine, waiting)] == [world.intake, world.housing]
    assert stored(engine) == stays_by_hand(engine)


def test_a_move_rolled_back_leaves_no_stay(
    engine: Engine, world: World, histories: dict[str, int]
) -> None:
    before = stored(engine)
    with engine.connect() as connection:
        connection.execute(
            insert(CaseEvent).values(case_id=histories["waiting"], kind=EventKind.ASSIGNED,
                                     at=hours(12), to_department_id=world.food)
        )  # fmt: skip
        assert len(stored_in(connection, histories["waiting"])) == 2  # seen inside
        connection.rollback()
    assert stored(engine) == before


def test_refreshing_some_cases_leaves_the_others(
    engine: Engine, world: World, histories: dict[str, int]
) -> None:
    waiting, tie = histories["waiting"], histories["tie"]
    with engine.begin() as connection:  # lose two cases' stays, as a damaged table would
        connection.execute(delete(CaseStay).where(CaseStay.case_id.in_([waiting, tie])))
        READ_MODEL.refresh(connection, [waiting])
    assert len(stored(engine, waiting)) == 1
    assert stored(engine, tie) == []  # not asked for: still missing
    with engine.begin() as connection:
        READ_MODEL.refresh(connection, select(CaseEvent.case_id).where(CaseEvent.case_id == tie))
    assert stored(engine) == stays_by_hand(engine)
