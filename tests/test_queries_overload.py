"""Known answers for the overload hotspots, on SQLite and on PostgreSQL."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, update

from dashboard.models import Department
from queries import overload
from queries.backlog import weekly_department_flows
from queries.filters import CaseFilters
from queries.overload import overload_hotspots, recent_weeks, weekly_ratios
from tests.builders import World, add_case, small_world

#: Cut at the end of Sunday 15 March 2026: the last four weeks start on Monday 16 February.
FILTERS = CaseFilters(date(2026, 3, 2), date(2026, 3, 15), datetime(2026, 3, 16))
SOON, LATER = timedelta(days=2), timedelta(days=30)


@pytest.fixture
def few_cases_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """These worlds hold a handful of cases: let them be judged (the floor has its own test)."""
    monkeypatch.setattr(overload, "MIN_OPEN_CASES", 1)


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
    engine: Engine, world: World, few_cases_count: None
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
    # Most exceeded first: growth 1.5 weeks of capacity / 0.25, ratio 4 / 1.1, overdue
    # 0.6 / 0.3, load 2.5 / 2; heat adds up the log2 of each.
    assert food["recent_growth_weeks"] == 1.5
    assert food["reasons"] == "crecimiento,ingresos,vencidas,carga"
    assert food["hot_measures"] == 4
    assert food["heat"] == pytest.approx(math.log2(6 * 4 / 1.1 * 1.25 * 2))
    assert (housing["open_cases"], housing["staff"], housing["overdue_share"]) == (1, 0, 0)
    assert pd.isna(housing["open_per_staff"]) and pd.isna(housing["recent_growth_share"])
    # Twice as much in as out, but one open case for a capacity of 30: not on alert.
    assert (housing["recent_ratio"], housing["reasons"], housing["hot_measures"]) == (2.0, "", 0)
    assert housing["heat"] == 0


@pytest.mark.parametrize(("open_cases", "reasons"), [(3, ""), (5, "carga")])
def test_load_alone_raises_the_alert_only_when_severe(
    engine: Engine, open_cases: int, reasons: str, few_cases_count: None
) -> None:
    """Hábitat, capacity 1: old cases not yet due and no movement in the last four weeks, so
    load is the only measure past its threshold (2): at 3 weeks of work it is not enough on
    its own, at 5 (past twice the threshold) it is."""
    w = small_world(engine)
    with engine.begin() as connection:
        connection.execute(update(Department).where(Department.id == w.housing).values(
            weekly_capacity=1))  # fmt: skip
    for day in range(open_cases):
        add_case(engine, w, created_at=datetime(2026, 1, 5 + day), department=w.housing,
                 due_in=timedelta(days=120))  # fmt: skip
    with engine.connect() as connection:
        hot = overload_hotspots(connection, FILTERS).set_index("department")
    housing = hot.loc["Hábitat y Vivienda"]
    assert (housing["load"], housing["overdue_share"], housing["recent_growth"]) == (
        open_cases, 0, 0,
    )  # fmt: skip
    assert housing["reasons"] == reasons
    assert housing["hot_measures"] == (1 if reasons else 0)


def test_too_few_open_cases_raise_no_alert(engine: Engine, world: World) -> None:
    """Asistencia Alimentaria is past every threshold, with five open cases: too few to judge."""
    with engine.connect() as connection:
        food = overload_hotspots(connection, FILTERS).iloc[0]
    assert (food["department"], food["open_cases"], food["load"]) == (
        "Asistencia Alimentaria", 5, 2.5,
    )  # fmt: skip
    assert (food["reasons"], food["hot_measures"], food["heat"]) == ("", 0, 0)


def test_only_departments_with_capacity_are_measured(engine: Engine, world: World) -> None:
    add_case(engine, world, created_at=datetime(2026, 3, 9), department=world.intake)
    with engine.connect() as connection:
        hot = overload_hotspots(connection, FILTERS)
    assert "Modernización" not in hot["department"].tolist()  # no capacity recorded


def test_a_department_with_nothing_open_counts_zero_in_whole_numbers(
    engine: Engine, world: World
) -> None:
    """Counts stay whole numbers when a measured department has no open case, so the page
    writes "5", not "5,0"."""
    with engine.begin() as connection:
        connection.execute(update(Department).where(Department.id == world.intake).values(
            weekly_capacity=10))  # fmt: skip
    with engine.connect() as connection:
        hot = overload_hotspots(connection, FILTERS).set_index("department")
    assert hot.loc["Modernización", "open_cases"] == 0
    assert pd.api.types.is_integer_dtype(hot["open_cases"])
    assert pd.api.types.is_integer_dtype(hot["overdue_cases"])


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
