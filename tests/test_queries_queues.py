"""Known answers for the queues (bandejas), on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Engine

from queries.filters import CaseFilters
from queries.queues import assignee_queues, department_queues
from tests.builders import World, add_case, small_world

AS_OF = datetime(2026, 3, 10, 12, 0)
BUCKETS = ["age_0-2", "age_3-7", "age_8-30", "age_31-90", "age_90+"]


@pytest.fixture
def world(engine: Engine) -> World:
    w = small_world(engine)
    add_case(engine, w, created_at=datetime(2026, 3, 9), assignee=w.juan)  # 1 day old
    add_case(engine, w, created_at=datetime(2026, 3, 5), due_in=timedelta(days=2))  # overdue
    add_case(engine, w, created_at=datetime(2026, 1, 1), assignee=w.juan)  # 68 days, overdue
    add_case(engine, w, created_at=AS_OF - timedelta(days=3))  # exactly 3 days: bucket 3–7
    add_case(engine, w, created_at=datetime(2025, 10, 1), department=w.housing)  # 160 days
    add_case(  # closed before the cut-off: in no queue
        engine, w, created_at=datetime(2026, 3, 1), closed_at=datetime(2026, 3, 2)
    )
    add_case(engine, w, created_at=datetime(2026, 3, 10, 13))  # after the cut-off
    return w


def filters(**dimensions) -> CaseFilters:
    return CaseFilters(date(2026, 3, 1), date(2026, 3, 10), AS_OF, **dimensions)


def test_department_queues(engine: Engine, world: World) -> None:
    with engine.connect() as connection:
        frame = department_queues(connection, filters()).set_index("department")
    food, housing = frame.loc["Asistencia Alimentaria"], frame.loc["Hábitat y Vivienda"]
    assert (food["open_cases"], food["overdue_cases"]) == (4, 2)
    assert food[BUCKETS].tolist() == [1, 2, 0, 1, 0]
    assert food["oldest_created_at"] == datetime(2026, 1, 1)
    assert food["load"] == pytest.approx(4 / 50)
    assert (housing["open_cases"], housing["overdue_cases"]) == (1, 1)
    assert housing[BUCKETS].tolist() == [0, 0, 0, 0, 1]
    assert housing["load"] == pytest.approx(1 / 30)


def test_assignee_queues_list_unassigned_cases_first(engine: Engine, world: World) -> None:
    with engine.connect() as connection:
        frame = assignee_queues(connection, filters())
    rows = frame[["department", "assignee", "open_cases", "overdue_cases"]].fillna("—")
    assert rows.values.tolist() == [
        ["Asistencia Alimentaria", "—", 2, 1],
        ["Asistencia Alimentaria", "Juan Gómez", 2, 1],
        ["Hábitat y Vivienda", "—", 1, 1],
    ]
    assert frame.loc[frame["assignee"] == "Juan Gómez", "load"].tolist() == [pytest.approx(0.2)]


def test_queues_respect_the_supervisors_scope(engine: Engine, world: World) -> None:
    with engine.connect() as connection:
        frame = department_queues(connection, filters(scope=(world.housing,)))
    assert frame["department"].tolist() == ["Hábitat y Vivienda"]
