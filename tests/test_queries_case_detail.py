"""A case's timeline and its path through departments, on both databases."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import Engine

from dashboard.domain import EventKind, Status
from queries.case_detail import case_path, case_timeline
from tests.builders import World, add_case, add_event, case_code, small_world

CREATED = datetime(2026, 3, 2, 9, 0)
ASSIGNED = datetime(2026, 3, 2, 11, 0)
REFERRED = datetime(2026, 3, 3, 12, 0)
CLOSED = datetime(2026, 3, 5, 12, 0)


@pytest.fixture
def world(engine: Engine) -> World:
    return small_world(engine)


def referred_case(engine: Engine, world: World, closed_at: datetime | None = None) -> str:
    """Intake → Asistencia Alimentaria (2 h later) → Hábitat (the next day at noon)."""
    case_id = add_case(engine, world, created_at=CREATED, department=world.housing,
                       closed_at=closed_at, history=False)  # fmt: skip
    add_event(engine, case_id, EventKind.ASSIGNED, ASSIGNED, from_department=world.intake,
              to_department=world.food, to_status=Status.ASIGNADA,
              actor_staff=world.juan)  # fmt: skip
    add_event(engine, case_id, EventKind.STATUS_CHANGED, datetime(2026, 3, 2, 15, 0),
              to_status=Status.EN_CURSO, actor_staff=world.juan)  # fmt: skip
    add_event(engine, case_id, EventKind.REFERRED, REFERRED, from_department=world.food,
              to_department=world.housing, to_status=Status.DERIVADA, actor_staff=world.juan,
              reason="Corresponde a vivienda")  # fmt: skip
    return case_code(engine, case_id)


def test_the_path_lists_each_stay_with_its_start_and_end(engine: Engine, world: World) -> None:
    code = referred_case(engine, world, closed_at=CLOSED)
    with engine.connect() as connection:
        path = case_path(connection, code, None)
    assert path["department"].tolist() == ["Modernización", "Asistencia Alimentaria",
                                           "Hábitat y Vivienda"]  # fmt: skip
    assert path["entered_at"].tolist() == [CREATED, ASSIGNED, REFERRED]
    assert path["left_at"].tolist() == [ASSIGNED, REFERRED, CLOSED]


def test_the_current_stay_of_an_open_case_has_no_end(engine: Engine, world: World) -> None:
    code = referred_case(engine, world)
    with engine.connect() as connection:
        path = case_path(connection, code, None)
    assert path["left_at"].isna().tolist() == [False, False, True]


def test_the_timeline_says_who_did_what_and_why(engine: Engine, world: World) -> None:
    code = referred_case(engine, world)
    with engine.connect() as connection:
        events = case_timeline(connection, code.lower(), None)
    assert events["kind"].tolist() == ["creada", "asignada", "cambio_estado", "derivada"]
    assert events["actor"].tolist()[1:] == ["Juan Gómez"] * 3
    referral = events.iloc[-1]
    assert (referral["from_department"], referral["to_department"]) == (
        "Asistencia Alimentaria", "Hábitat y Vivienda",
    )  # fmt: skip
    assert referral["reason"] == "Corresponde a vivienda"


def test_a_case_outside_the_scope_shows_nothing(engine: Engine, world: World) -> None:
    code = referred_case(engine, world)  # now in Hábitat
    with engine.connect() as connection:
        assert case_path(connection, code, (world.food,)).empty
        assert case_timeline(connection, code, (world.food,)).empty
        assert len(case_timeline(connection, code, (world.housing,))) == 4
