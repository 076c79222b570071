"""Known answers for the weekly backlog of each department, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine

from queries.backlog import growth_ranking, weekly_department_flows
from queries.filters import CaseFilters
from queries.queues import department_queues
from tests.builders import World, add_case, small_world

FOOD, HOUSING = "Asistencia Alimentaria", "Hábitat y Vivienda"
#: Two whole weeks, Monday 2 to Sunday 15 March 2026, cut at the end of the Sunday.
PERIOD = CaseFilters(date(2026, 3, 2), date(2026, 3, 15), datetime(2026, 3, 16))


@pytest.fixture
def world(engine: Engine) -> World:
    w = small_world(engine)
    add_case(engine, w, created_at=datetime(2026, 2, 20))  # open before: opening backlog
    add_case(engine, w, created_at=datetime(2026, 2, 25), closed_at=datetime(2026, 3, 4))
    add_case(engine, w, created_at=datetime(2026, 3, 3))  # in, week 1
    add_case(engine, w, created_at=datetime(2026, 3, 10), closed_at=datetime(2026, 3, 12))
    add_case(engine, w, created_at=datetime(2026, 3, 11))  # in, week 2
    add_case(engine, w, created_at=datetime(2026, 1, 10), closed_at=datetime(2026, 2, 1))
    add_case(engine, w, created_at=datetime(2026, 3, 16, 10))  # after the cut-off
    add_case(engine, w, created_at=datetime(2026, 2, 10), department=w.housing,
             closed_at=datetime(2026, 3, 9, 8))  # fmt: skip
    return w


def series(engine: Engine, filters: CaseFilters) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        weekly = weekly_department_flows(connection, filters)
    return {
        name: [
            (row.week_start.date().isoformat(), row.inflow, row.outflow, row.backlog)
            for row in rows.itertuples()
        ]
        for name, rows in weekly.groupby("department")
    }


def test_the_backlog_is_the_opening_stock_plus_inflow_minus_outflow(
    engine: Engine, world: World
) -> None:
    assert series(engine, PERIOD) == {
        FOOD: [("2026-03-02", 1, 1, 2), ("2026-03-09", 2, 1, 3)],
        HOUSING: [("2026-03-02", 0, 0, 1), ("2026-03-09", 0, 1, 0)],
    }


def test_the_last_backlog_equals_the_open_cases_of_the_queue(engine: Engine, world: World) -> None:
    with engine.connect() as connection:
        weekly = weekly_department_flows(connection, PERIOD)
        queues = department_queues(connection, PERIOD)
    last = weekly.groupby("department")["backlog"].last()
    assert last[FOOD] == queues.set_index("department").loc[FOOD, "open_cases"] == 3
    assert last[HOUSING] == 0 and HOUSING not in queues["department"].tolist()


def test_a_period_starting_midweek_begins_on_its_monday_and_the_running_week_stops_at_the_cut_off(
    engine: Engine, world: World
) -> None:
    running = CaseFilters(date(2026, 3, 4), date(2026, 3, 11), datetime(2026, 3, 11, 12))
    # Week 2 so far: two cases in (10th and 11th at midnight), none out yet (the 12th is later).
    assert series(engine, running)[FOOD] == [("2026-03-02", 1, 1, 2), ("2026-03-09", 2, 0, 4)]


def test_departments_are_ranked_by_growth(engine: Engine, world: World) -> None:
    with engine.connect() as connection:
        ranked = growth_ranking(weekly_department_flows(connection, PERIOD))
    food, housing = ranked.to_dict("records")
    assert food["department"] == FOOD
    assert (food["backlog_start"], food["backlog_end"], food["growth"]) == (2, 3, 1)
    assert (food["growth_share"], food["inflow"], food["outflow"]) == (0.5, 3, 2)
    assert food["ratio"] == pytest.approx(1.5)
    assert (housing["backlog_start"], housing["backlog_end"], housing["growth"]) == (1, 0, -1)
    assert housing["ratio"] == 0


def test_the_scope_limits_the_departments(engine: Engine, world: World) -> None:
    scoped = CaseFilters(PERIOD.date_from, PERIOD.date_to, PERIOD.as_of, scope=(world.housing,))
    assert list(series(engine, scoped)) == [HOUSING]
