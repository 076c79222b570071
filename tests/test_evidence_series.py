"""Evidencia: the weekly series of a before/after analysis, on hand-built cases with known
dates, on both databases.

Weeks start on Mondays: 2, 9 and 16 March 2026. Each cohort is followed for 28 days (672 h)
after each case's creation: an event on day 29, or exactly 28 days after, does not count.
A week with no cases has no row in the cohort counts (the analysis reindexes).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, create_engine, update

from dashboard.domain import EventKind, Status
from dashboard.models import Case
from queries.evidence import HORIZON_HOURS, evidence_weeks, weekly_cohorts, weekly_stock
from queries.filters import CaseFilters
from tests.builders import World, add_case, add_event, small_world

MARCH_WEEKS = [datetime(2026, 3, 2), datetime(2026, 3, 9), datetime(2026, 3, 16)]
LATE = datetime(2026, 6, 1)  # every March cohort followed for its whole 28 days


def _filters(as_of: datetime, **dimensions: tuple[int, ...]) -> CaseFilters:
    return CaseFilters(date_from=date(2026, 3, 1), date_to=as_of.date(), as_of=as_of,
                       **dimensions)  # fmt: skip


def _refer(engine: Engine, case_id: int, at: datetime, to: int) -> None:
    add_event(engine, case_id, EventKind.REFERRED, at, to_department=to, to_status=Status.DERIVADA)


def _close(engine: Engine, case_id: int, at: datetime) -> None:
    add_event(engine, case_id, EventKind.CLOSED, at, to_status=Status.CERRADA)


def _reopen(engine: Engine, case_id: int, at: datetime) -> None:
    add_event(engine, case_id, EventKind.REOPENED, at, from_status=Status.CERRADA,
              to_status=Status.EN_CURSO)  # fmt: skip


def _unsent(engine: Engine, world: World, created_at: datetime) -> int:
    """A case still at the intake area, sent to no department."""
    return add_case(engine, world, created_at=created_at, department=world.intake,
                    status=Status.NUEVA)  # fmt: skip


def _group(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _counts(frame: pd.DataFrame, columns: list[str]) -> dict:
    """``{(week, group_id): (columns...)}`` of a counts frame."""
    return {(row.week, _group(row.group_id)): tuple(int(getattr(row, c)) for c in columns)
            for row in frame.itertuples()}  # fmt: skip


def _histogram(frame: pd.DataFrame, measure: str, week: datetime, group: int | None) -> dict:
    """``{duration in hours: (events, censored)}`` of one measure, week and group."""
    rows = frame[(frame["measure"] == measure) & (frame["week"] == week)]
    rows = rows[rows["group_id"].isna() if group is None else rows["group_id"] == group]
    return {float(row.duration): (int(row.events), int(row.censored)) for row in rows.itertuples()}


def test_events_count_in_the_week_of_creation_only_within_the_follow_up(engine: Engine) -> None:
    world = small_world(engine)
    food, housing = world.food, world.housing
    created = datetime(2026, 3, 3, 10)  # Tuesday of the week of 2 March
    day = timedelta(days=1)

    def new() -> int:
        return add_case(engine, world, created_at=created, department=food)

    inside, at_horizon, reopened_late, reopened = new(), new(), new(), new()
    # Referred and bounced back to food in the last hour of the follow-up: both count.
    _refer(engine, inside, created + 27 * day + timedelta(hours=23), housing)
    _refer(engine, inside, created + 27 * day + timedelta(hours=23, minutes=30), food)
    # Referred exactly 28 days after creation and back on day 29: neither counts.
    _refer(engine, at_horizon, created + 28 * day, housing)
    _refer(engine, at_horizon, created + 29 * day, food)
    _close(engine, reopened_late, created + 2 * day)
    _reopen(engine, reopened_late, created + 28 * day + timedelta(hours=1))
    _close(engine, reopened, created + day)
    _reopen(engine, reopened, created + 3 * day)
    # Monday 16 March 00:00 opens the third week; the day before the first week is in none.
    add_case(engine, world, created_at=datetime(2026, 3, 16), department=food)
    add_case(engine, world, created_at=datetime(2026, 3, 1, 23), department=food)

    with engine.connect() as connection:
        counts, _ = weekly_cohorts(connection, _filters(LATE), MARCH_WEEKS)

    columns = ["inflow", "referred", "closed_once", "reopened", "ping_pong"]
    assert _counts(counts, columns) == {
        (datetime(2026, 3, 2), food): (4, 1, 2, 1, 1),
        (datetime(2026, 3, 16), food): (1, 0, 0, 0, 0),
    }  # the week of 9 March had no cases: no row
    assert counts["complete"].all()


def test_a_case_without_the_event_in_its_follow_up_is_censored_at_its_end(
    engine: Engine,
) -> None:
    world = small_world(engine)
    food = world.food
    add_case(engine, world, created_at=datetime(2026, 3, 2, 10), department=food,
             closed_at=datetime(2026, 3, 2, 15))  # fmt: skip
    slow = add_case(engine, world, created_at=datetime(2026, 3, 2, 12), department=food)
    _close(engine, slow, datetime(2026, 4, 3, 12))  # 32 days: after its 28
    # Created 60 hours before the cut-off: followed only that long.
    _unsent(engine, world, datetime(2026, 4, 17, 12))
    as_of = datetime(2026, 4, 20)
    weeks = [datetime(2026, 3, 2) + timedelta(weeks=i) for i in range(7)]

    with engine.connect() as connection:
        counts, histograms = weekly_cohorts(connection, _filters(as_of), weeks)

    first, last = weeks[0], weeks[-1]
    assert HORIZON_HOURS == 672
    assert _histogram(histograms, "close", first, food) == {5.0: (1, 0), 672.0: (0, 1)}
    assert _histogram(histograms, "first_action", first, food) == {0.0: (2, 0)}
    assert _histogram(histograms, "close", last, None) == {60.0: (0, 1)}
    assert _histogram(histograms, "first_action", last, None) == {60.0: (0, 1)}
    # The first week was followed for its whole 28 days by the cut-off; the last was not.
    complete = dict(zip(counts["week"], counts["complete"], strict=True))
    assert complete == {first: True, last: False}


def test_a_case_belongs_to_the_first_department_it_was_sent_to(engine: Engine) -> None:
    world = small_world(engine)
    food, housing = world.food, world.housing
    created = datetime(2026, 3, 2, 10)
    moved = _unsent(engine, world, created)
    add_event(engine, moved, EventKind.ASSIGNED, created + timedelta(hours=2), to_department=food,
              to_status=Status.ASIGNADA)  # fmt: skip
    _refer(engine, moved, created + timedelta(days=1), housing)
    with engine.begin() as connection:  # today's row says housing: no figure may read it
        connection.execute(update(Case).where(Case.id == moved).values(department_id=housing))
    add_case(engine, world, created_at=created, department=housing)
    late = _unsent(engine, world, created)  # sent to food only on day 30
    add_event(engine, late, EventKind.ASSIGNED, created + timedelta(days=30), to_department=food,
              to_status=Status.ASIGNADA)  # fmt: skip
    _unsent(engine, world, created)  # never sent

    with engine.connect() as connection:
        counts, histograms = weekly_cohorts(connection, _filters(LATE), MARCH_WEEKS)
        in_food, _ = weekly_cohorts(connection, _filters(LATE, department_ids=(food,)),
                                    MARCH_WEEKS)  # fmt: skip

    week = MARCH_WEEKS[0]
    assert _counts(counts, ["inflow", "referred"]) == {
        (week, food): (1, 1), (week, housing): (1, 0), (week, None): (2, 0),
    }  # fmt: skip
    assert _histogram(histograms, "first_action", week, food) == {2.0: (1, 0)}
    # The department filter selects by the first department too.
    assert _counts(in_food, ["inflow", "referred"]) == {(week, food): (1, 1)}


def test_filters_and_other_dimensions_narrow_and_group_the_cohorts(engine: Engine) -> None:
    world = small_world(engine)
    created = datetime(2026, 3, 10, 9)
    add_case(engine, world, created_at=created, channel=world.email, category=world.storm)
    add_case(engine, world, created_at=created, channel=world.whatsapp, category=world.flood)
    add_case(engine, world, created_at=created, channel=world.whatsapp, category=world.flood,
             municipality=world.tandil)  # fmt: skip

    def inflow(filters: CaseFilters, dimension: str) -> dict:
        with engine.connect() as connection:
            counts, _ = weekly_cohorts(connection, filters, MARCH_WEEKS, dimension)
        return {group: n for (_, group), (n,) in _counts(counts, ["inflow"]).items()}

    assert inflow(_filters(LATE), "channel") == {world.email: 1, world.whatsapp: 2}
    assert inflow(_filters(LATE, channel_ids=(world.email,)), "channel") == {world.email: 1}
    # Categories count in their top-level group.
    assert inflow(_filters(LATE), "category_group") == {world.group_emergency: 3}
    assert inflow(_filters(LATE, category_ids=(world.storm,)), "intake_area") == {world.intake: 1}
    assert inflow(_filters(LATE, municipality_ids=(world.tandil,)), "department") == {world.food: 1}


def test_weekly_stock_counts_the_backlog_at_each_monday(engine: Engine) -> None:
    """X: in food from Mon 2 Mar, due 12 Mar, closed Wed 11 Mar (on time). Y: in food from
    Wed 4 Mar, due 12 Mar, referred to housing Tue 10 Mar, still open (overdue from 12 Mar).
    The last week ends at the cut-off, Thu 19 Mar 12:00."""
    world = small_world(engine)
    food, housing = world.food, world.housing
    due = datetime(2026, 3, 12)
    add_case(engine, world, created_at=datetime(2026, 3, 2, 10), department=food, due_at=due,
             closed_at=datetime(2026, 3, 11, 10))  # fmt: skip
    y = add_case(engine, world, created_at=datetime(2026, 3, 4, 10), department=food, due_at=due)
    _refer(engine, y, datetime(2026, 3, 10, 10), housing)
    as_of = datetime(2026, 3, 19, 12)

    with engine.connect() as connection:
        stock = weekly_stock(connection, _filters(as_of), MARCH_WEEKS)
        held_by_housing = weekly_stock(connection, _filters(as_of, department_ids=(housing,)),
                                       MARCH_WEEKS)  # fmt: skip

    columns = ["outflow", "on_time", "backlog", "overdue"]

    def nonzero(frame: pd.DataFrame) -> dict:  # a group with nothing may be absent or zero
        return {key: value for key, value in _counts(frame, columns).items() if any(value)}

    first, second, third = MARCH_WEEKS
    assert nonzero(stock) == {
        (first, food): (0, 0, 2, 0),
        (second, food): (1, 1, 0, 0),
        (second, housing): (0, 0, 1, 1),
        (third, housing): (0, 0, 1, 1),
    }
    assert nonzero(held_by_housing) == {(second, housing): (0, 0, 1, 1),
                                        (third, housing): (0, 0, 1, 1)}  # fmt: skip


def test_evidence_weeks_start_the_after_weeks_with_the_change() -> None:
    assert evidence_weeks(date(2026, 3, 11), 2, 2) == [
        datetime(2026, 2, 23), datetime(2026, 3, 2), datetime(2026, 3, 9), datetime(2026, 3, 16),
    ]  # fmt: skip


def test_weeks_must_be_consecutive_mondays() -> None:
    with create_engine("sqlite://").connect() as connection:
        with pytest.raises(ValueError, match="consecutive"):
            weekly_cohorts(connection, _filters(LATE), [MARCH_WEEKS[0], MARCH_WEEKS[2]])
        with pytest.raises(ValueError, match="Mondays"):
            weekly_stock(connection, _filters(LATE), [datetime(2026, 3, 3)])
