"""Known answers for the overload hotspots, on SQLite and on PostgreSQL."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, update

from dashboard.models import Department
from queries.backlog import weekly_department_flows
from queries.filters import CaseFilters
from queries.overload import overload_hotspots, recent_weeks, weekly_ratios
from tests.builders import World, add_case, small_world

#: Cut at the end of Sunday 15 March 2026: the last four weeks start on Monday 16 February.
FILTERS = CaseFilters(date(2026, 3, 2), date(2026, 3, 15), datetime(2026, 3, 16))
SOON, LATER = timedelta(days=2), timedelta(days=30)


@pytest.fixture
def world(engine: Engine) -> World:
    """Asistencia Alimentaria: capacity 2 a week, one person (Juan), five open cases.
    Hábitat: capacity 30, nobody on staff, one open case."""
    w = small_world(engine)
    with engine.begin() as connection:
        connection.execute(update(Department).where(Department.id == w.food).values(
            weekly_capacity=2))  # fmt: skip
    for created, due_in in [((2, 10), SOON), ((2, 20), SOON), ((3, 3), SOON), ((3, 10), LATER),
                            ((3, 11), LATER)]:  # fmt: skip
        add_case(engine, w, created_at=datetime(2026, *created), due_in=due_in)
    add_case(engine, w, created_at=datetime(2026, 2, 1), closed_at=datetime(2026, 3, 5))
    add_case(engine, w, created_at=datetime(2026, 3, 12), department=w.housing, due_in=LATER)
    add_case(engine, w, created_at=datetime(2026, 2, 17), department=w.housing,
             closed_at=datetime(2026, 3, 2))  # fmt: skip
    return w


def test_recent_weeks_are_the_four_that_end_with_the_cut_off() -> None:
    assert recent_weeks(FILTERS).date_from == date(2026, 2, 16)
    midweek = CaseFilters(date(2026, 3, 2), date(2026, 3, 11), datetime(2026, 3, 11, 9))
    assert recent_weeks(midweek).date_from == date(2026, 2, 16)


def test_hotspots_say_which_measures_put_each_department_there(
    engine: Engine, world: World
) -> None:
    with engine.connect() as connection:
        hot = overload_hotspots(connection, FILTERS)
    assert hot["department"].tolist() == ["Asistencia Alimentaria", "Hábitat y Vivienda"]
    food, housing = hot.to_dict("records")
    assert (food["open_cases"], food["overdue_cases"], food["staff"]) == (5, 3, 1)
    assert food["overdue_share"] == pytest.approx(0.6)
    assert food["load"] == pytest.approx(5 / 2)
    assert (food["open_per_staff"], food["capacity_per_staff"]) == (5, 2)
    # Four weeks: 2 open on 16 February, 4 in, 1 out → 5 open; ratio 4, growth 3 (150 %).
    assert (food["recent_inflow"], food["recent_outflow"], food["recent_growth"]) == (4, 1, 3)
    assert (food["recent_ratio"], food["recent_growth_share"]) == (4.0, 1.5)
    # Most exceeded first: growth 1.5 weeks of capacity / 0.25, ratio 4 / 1.1, load 2.5 / 2,
    # overdue 0.6 / 0.5; heat adds up the log2 of each.
    assert food["recent_growth_weeks"] == 1.5
    assert food["reasons"] == "crecimiento,ingresos,carga,vencidas"
    assert food["hot_measures"] == 4
    assert food["heat"] == pytest.approx(math.log2(6 * 4 / 1.1 * 1.25 * 1.2))
    assert (housing["open_cases"], housing["staff"], housing["overdue_share"]) == (1, 0, 0)
    assert pd.isna(housing["open_per_staff"]) and pd.isna(housing["recent_growth_share"])
    assert (housing["recent_ratio"], housing["reasons"], housing["hot_measures"]) == (
        2.0, "ingresos", 1,
    )  # fmt: skip


def test_only_departments_with_capacity_are_measured(engine: Engine, world: World) -> None:
    add_case(engine, world, created_at=datetime(2026, 3, 9), department=world.intake)
    with engine.connect() as connection:
        hot = overload_hotspots(connection, FILTERS)
    assert "Modernización" not in hot["department"].tolist()  # no capacity recorded


def test_weekly_ratios_follow_the_hotspot_order(engine: Engine, world: World) -> None:
    with engine.connect() as connection:
        weekly = weekly_department_flows(connection, recent_weeks(FILTERS))
    ratios = weekly_ratios(weekly, [world.housing, world.food])
    assert ratios["department"].tolist() == ["Hábitat y Vivienda"] * 4 + [
        "Asistencia Alimentaria"
    ] * 4  # fmt: skip
    food = ratios[ratios["department_id"] == world.food]
    # Weeks of 16 Feb (1 in, 0 out), 23 Feb (nothing), 2 Mar (1 in, 1 out), 9 Mar (2 in).
    assert food["ratio"].fillna(-1).tolist() == [-1, -1, 1.0, -1]
