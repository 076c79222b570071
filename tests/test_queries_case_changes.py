"""What last happened to a case, and which ticked cases changed since: known answers."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, select, update

from dashboard.domain import EventKind, Role, Status
from dashboard.models import Case, User
from queries.case_changes import changed_cases, latest_change
from tests.builders import World, add_case, add_event, add_user, case_code, small_world

DAY = datetime(2026, 3, 2, 9, 0)


def changed(
    engine: Engine, seen: list[tuple[str, int]], scope: tuple[int, ...] | None = None
) -> pd.DataFrame:
    with engine.connect() as connection:
        return changed_cases(connection, tuple(seen), scope)


def bump(engine: Engine, case_id: int, **values) -> None:
    """Someone else's write: the case gets a new version (and whatever ``values`` say)."""
    with engine.begin() as connection:
        connection.execute(
            update(Case).where(Case.id == case_id).values(version=Case.version + 1, **values)
        )


def user_id(engine: Engine, username: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(User.id).where(User.username == username)).scalar_one()


def moved_to_housing(engine: Engine, world: World, at: datetime) -> str:
    """A case of Asistencia Alimentaria that a colleague moved to Hábitat y Vivienda at ``at``
    (version 2), after Juan Gómez had noted something on it."""
    case_id = add_case(engine, world, created_at=DAY)
    add_event(engine, case_id, EventKind.NOTE, DAY.replace(hour=10), actor_staff=world.juan)
    add_event(engine, case_id, EventKind.REASSIGNED, at, from_department=world.food,
              to_department=world.housing, to_status=Status.ASIGNADA,
              actor_user=user_id(engine, "colega"))  # fmt: skip
    bump(engine, case_id, department_id=world.housing)
    return case_code(engine, case_id)


def test_only_changed_cases_are_listed_each_with_its_newest_event(engine: Engine) -> None:
    world = small_world(engine)
    add_user(engine, "colega", Role.SUPERVISOR, (world.food,))
    untouched = case_code(engine, add_case(engine, world, created_at=DAY))
    moved_at = DAY.replace(hour=11, minute=45)
    moved = moved_to_housing(engine, world, moved_at)

    frame = changed(engine, [(untouched, 1), (moved, 1)])

    assert frame.to_dict("records") == [
        {
            "code": moved, "seen_version": 1, "version": 2, "status": "asignada",
            "department": "Hábitat y Vivienda", "event": "reasignada", "at": pd.Timestamp(moved_at),
            "by": "Colega", "to_department": "Hábitat y Vivienda",
        }
    ]  # fmt: skip
    assert changed(engine, [(untouched, 1), (moved, 2)]).empty  # seen after the move


def test_events_at_the_same_moment_are_ordered_by_id(engine: Engine) -> None:
    world = small_world(engine)
    case_id = add_case(engine, world, created_at=DAY)
    same_moment = DAY.replace(hour=12)
    add_event(engine, case_id, EventKind.REFERRED, same_moment, from_department=world.food,
              to_department=world.housing, actor_staff=world.juan)  # fmt: skip
    add_event(engine, case_id, EventKind.NOTE, same_moment)  # written later: the latest
    with engine.connect() as connection:
        row = connection.execute(latest_change([case_code(engine, case_id)])).one()
    assert (row.event, row.at, row.by, row.to_department) == ("nota", same_moment, None, None)
    assert (row.version, row.status, row.department) == (1, "asignada", "Asistencia Alimentaria")


def test_a_code_that_does_not_exist_comes_back_with_only_what_was_seen(engine: Engine) -> None:
    small_world(engine)
    [row] = changed(engine, [("MDC-2026-999999", 4)]).to_dict("records")
    assert (row.pop("code"), row.pop("seen_version")) == ("MDC-2026-999999", 4)
    assert all(pd.isna(value) for value in row.values())


def test_a_scoped_reader_learns_where_her_case_went_but_not_about_others(engine: Engine) -> None:
    world = small_world(engine)
    add_user(engine, "colega", Role.SUPERVISOR, (world.food,))
    hers = moved_to_housing(engine, world, DAY.replace(hour=11))  # left her area: still hers
    elsewhere_id = add_case(engine, world, created_at=DAY, department=world.housing)
    bump(engine, elsewhere_id, status=Status.EN_CURSO)
    elsewhere = case_code(engine, elsewhere_id)

    frame = changed(engine, [(hers, 1), (elsewhere, 1)], scope=(world.food,)).set_index("code")

    assert frame.loc[hers, "department"] == "Hábitat y Vivienda"
    assert frame.loc[hers, "by"] == "Colega"
    never_hers = frame.loc[elsewhere].drop("seen_version")
    assert never_hers.isna().all()  # listed as not movable, but nothing told about it
    at_its_version = changed(engine, [(elsewhere, 2)], scope=(world.food,))
    assert at_its_version["version"].isna().all()  # not even whether it changed
    assert not changed(engine, [(elsewhere, 1)], scope=(world.housing,)).empty


def test_no_seen_cases_mean_no_rows(engine: Engine) -> None:
    small_world(engine)
    frame = changed(engine, [])
    assert frame.empty and list(frame.columns)[:2] == ["code", "seen_version"]
