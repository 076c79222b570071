"""Spike alerts: known answers on hand-built weekly inflow, then the seeded flood found.

The hand-built weeks (both databases) run from Monday 5 January 2026: weeks 1–8 are the
baseline, weeks 9 and 10 are judged, week 11 is still running at the cut-off.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, insert

from dashboard.db import build_engine
from dashboard.domain import Priority, Status
from dashboard.models import Case
from dashboard.seed import FLOOD_PARTIDOS, flood_window, seed_database
from queries.filters import CaseFilters
from queries.spikes import (
    department_spikes,
    judged_weeks,
    partido_spikes,
)
from tests.builders import World, small_world

WEEK_1 = datetime(2026, 1, 5)  # a Monday
#: Asistencia Alimentaria in La Plata: a varied baseline, a jump, an ordinary week, and a
#: running week that is larger still but not over.
FOOD_WEEKS = [8, 16, 12, 9, 15, 12, 10, 14, 30, 15, 35]
#: Hábitat in Tandil: one case a week, then eight: far above its threshold of 5, but only
#: 7 cases above its median, under the minimum excess of 10.
HOUSING_WEEKS = [1, 1, 1, 1, 1, 1, 1, 1, 8, 1]
#: The cut-off: Wednesday noon of week 11.
AS_OF = datetime(2026, 3, 18, 12, 0)


def week(number: int) -> datetime:
    return WEEK_1 + (number - 1) * timedelta(days=7)


def week_of_cases(
    world: World, number: int, count: int, department: int, partido: int
) -> list[dict]:
    """``count`` cases created in week ``number`` (none after the cut-off): the first on
    Monday 00:00, the second on Sunday 23:59, the rest three hours apart from Monday 08:00."""
    start = week(number)
    moments = [start, start + timedelta(days=6, hours=23, minutes=59)]
    moments += [start + timedelta(hours=8 + 3 * i) for i in range(count - 2)]
    return [
        {
            "code": f"MDC-2026-{department}{number:02d}{i:03d}",
            "citizen_id": world.citizen,
            "channel_id": world.whatsapp,
            "intake_department_id": world.intake,
            "category_id": world.flood,
            "priority": Priority.MEDIA,
            "status": Status.ASIGNADA,
            "department_id": department,
            "municipality_id": partido,
            "created_at": moment,
            "due_at": moment + timedelta(days=10),
        }
        for i, moment in enumerate(moments[:count])
        if moment < AS_OF
    ]


@pytest.fixture
def weekly(engine: Engine) -> tuple[Engine, World]:
    """The weeks above as case rows (one bulk insert; the spike reads need no history)."""
    world = small_world(engine)
    rows = [
        row
        for weeks, department, partido in (
            (FOOD_WEEKS, world.food, world.la_plata),
            (HOUSING_WEEKS, world.housing, world.tandil),
        )
        for number, count in enumerate(weeks, start=1)
        for row in week_of_cases(world, number, count, department, partido)
    ]
    with engine.begin() as connection:
        connection.execute(insert(Case), rows)
    return engine, world


def period(**dimensions) -> CaseFilters:
    """Weeks 9 to 11 (2 to 18 March), cut off on Wednesday noon of week 11."""
    return CaseFilters.for_period(date(2026, 3, 2), date(2026, 3, 18), AS_OF, **dimensions)


def test_only_weeks_that_ended_by_the_cut_off_are_judged() -> None:
    assert judged_weeks(period()) == [week(9), week(10)]
    # A period ending on a Sunday judges its last week; one starting midweek, its first.
    sunday = CaseFilters.for_period(date(2026, 3, 4), date(2026, 3, 15), datetime(2026, 4, 1))
    assert judged_weeks(sunday) == [week(9), week(10)]


def test_a_jump_over_a_varied_baseline_is_flagged_with_its_exact_excess(weekly) -> None:
    engine, world = weekly
    with engine.connect() as connection:
        spikes = department_spikes(connection, period())
    assert len(spikes) == 1
    spike = spikes.iloc[0]
    # Baseline weeks 1–8: 8 9 10 12 12 14 15 16 → median 12; deviations 0 0 2 2 3 3 4 4 → MAD
    # 2.5; spread max(1.4826 × 2.5, √12) = 3.7065; threshold 12 + 4 × 3.7065 = 26.826.
    assert spike["department_id"] == world.food
    assert spike["department"] == "Asistencia Alimentaria"
    assert spike["week_start"] == week(9)
    assert spike["inflow"] == 30
    assert spike["baseline_median"] == 12
    assert spike["mad"] == 2.5
    assert spike["spread"] == pytest.approx(3.7065)
    assert spike["threshold"] == pytest.approx(26.826)
    assert spike["excess"] == 18
    assert spike["ratio"] == 2.5


def test_an_ordinary_week_and_a_tiny_unit_are_not_flagged(weekly) -> None:
    engine, world = weekly
    with engine.connect() as connection:
        weeks = department_spikes(connection, period(), all_weeks=True)
    by_unit = {(row.department_id, row.week_start): row for row in weeks.itertuples()}
    assert len(weeks) == 4  # two departments × two judged weeks; week 11 is not judged

    ordinary = by_unit[(world.food, week(10))]
    # Baseline weeks 2–9 hold the jump: 9 10 12 12 14 15 16 30 → median 13, the jump moves it
    # by one case only.
    assert (ordinary.inflow, ordinary.baseline_median, ordinary.spike) == (15, 13, False)

    tiny = by_unit[(world.housing, week(9))]
    # Median 1, MAD 0, spread √1 = 1, threshold 5: 8 cases is above it, 7 is below 10.
    assert (tiny.inflow, tiny.baseline_median, tiny.threshold) == (8, 1, 5)
    assert tiny.inflow > tiny.threshold and tiny.excess == 7 and not tiny.spike


def test_partidos_are_judged_the_same_way(weekly) -> None:
    engine, world = weekly
    with engine.connect() as connection:
        spikes = partido_spikes(connection, period())
        weeks = partido_spikes(connection, period(), all_weeks=True)
    columns = ["municipality_id", "clave", "partido", "week_start", "inflow", "excess"]
    assert spikes[columns].to_dict("records") == [
        {"municipality_id": world.la_plata, "clave": "LA PLATA", "partido": "La Plata",
         "week_start": pd.Timestamp(week(9)), "inflow": 30, "excess": 18.0},
    ]  # fmt: skip
    assert set(weeks["clave"]) == {"LA PLATA", "TANDIL"}


def test_filters_and_scope_narrow_what_is_counted(weekly) -> None:
    engine, world = weekly
    with engine.connect() as connection:
        assert department_spikes(connection, period(scope=(world.housing,))).empty
        assert partido_spikes(connection, period(channel_ids=(world.email,))).empty
        assert len(partido_spikes(connection, period(municipality_ids=(world.la_plata,)))) == 1
        # A lower minimum excess lets the tiny unit alarm: the rule, not an accident, stops it.
        lower = department_spikes(connection, period(), min_excess=5)
    assert set(lower["department_id"]) == {world.food, world.housing}


def test_no_complete_week_means_no_rows(weekly) -> None:
    engine, _ = weekly
    running = CaseFilters.for_period(date(2026, 3, 16), date(2026, 3, 18), AS_OF)
    with engine.connect() as connection:
        spikes = department_spikes(connection, running)
    assert spikes.empty and "excess" in spikes.columns


# The seeded demo: 30,000 cases over one year (the flood partidos then have a few cases a week
# each, enough for the flood to clear the minimum excess of 10), on SQLite.
UNTIL = date(2026, 11, 24)
SEEDED_CASES = 30_000
#: Ordinary unit-weeks may be flagged at most this often. With a threshold of four standard
#: deviations, Poisson noise alone would flag well under 1 week in 10,000; the seed's counts
#: vary more than that (repeat and duplicate requests of one citizen come together, winter
#: and the hub's growth move the level, and a department's inflow depends on where cases have
#: moved since), so a few ordinary weeks do cross. 1 in 400 is a handful a year for the
#: province's 134 partidos, next to the flood's ten partido-weeks.
ORDINARY_SHARE = 1 / 400


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Iterator[Engine]:
    engine = build_engine(f"sqlite:///{tmp_path_factory.mktemp('spikes') / 'seed.sqlite3'}")
    seed_database(engine, cases=SEEDED_CASES, seed=11, years=1, until=UNTIL)
    yield engine
    engine.dispose()


def year_filters() -> CaseFilters:
    """Every week with eight weeks of data before it, up to the end of the data."""
    first_day = UNTIL - timedelta(days=365)
    return CaseFilters.for_period(
        first_day + timedelta(weeks=8), UNTIL - timedelta(days=1), datetime(2026, 12, 1)
    )


def flood_weeks() -> set[pd.Timestamp]:
    """The two calendar weeks of the seeded flood (it starts on a Monday, lasts 14 days)."""
    start, _ = flood_window(UNTIL)
    return {pd.Timestamp(start), pd.Timestamp(start + timedelta(days=7))}


def test_the_seeded_flood_is_found_in_every_flood_partido(seeded: Engine) -> None:
    flood = flood_weeks()
    with seeded.connect() as connection:
        weeks = partido_spikes(connection, year_filters(), all_weeks=True)
        spikes = partido_spikes(connection, year_filters())
    assert weeks["week_start"].nunique() >= 40

    in_flood = spikes["clave"].isin(FLOOD_PARTIDOS) & spikes["week_start"].isin(flood)
    assert set(spikes.loc[in_flood, "clave"]) == set(FLOOD_PARTIDOS)
    # La Plata, the largest flood partido, tops the list with both flood weeks.
    top = spikes.head(2)
    assert list(top["clave"]) == ["LA PLATA", "LA PLATA"]
    assert set(top["week_start"]) == flood

    ordinary = (~in_flood).sum()
    assert ordinary <= ORDINARY_SHARE * len(weeks), spikes[~in_flood]


def test_the_seeded_flood_tops_the_department_alarms(seeded: Engine) -> None:
    flood = flood_weeks()
    with seeded.connect() as connection:
        weeks = department_spikes(connection, year_filters(), all_weeks=True)
        spikes = department_spikes(connection, year_filters())
    # The flood's requests go to the emergency department: it alarms in both weeks, first.
    assert set(spikes.head(2)["week_start"]) == flood
    assert spikes.head(2)["department"].nunique() == 1
    ordinary = (~spikes["week_start"].isin(flood)).sum()
    assert ordinary <= ORDINARY_SHARE * len(weeks), spikes[~spikes["week_start"].isin(flood)]
    assert not math.isnan(spikes["ratio"].iloc[0])
