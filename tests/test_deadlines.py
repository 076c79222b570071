"""Business-day due dates with Argentine holidays and paused clocks (known answers)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pytest

from dashboard.deadlines import (
    add_business_hours,
    business_hours_between,
    due_at,
    due_dates,
    is_business_day,
    sla_state,
)


def test_weekends_and_national_holidays_are_not_business_days() -> None:
    assert is_business_day(date(2026, 5, 22))  # Friday
    assert not is_business_day(date(2026, 5, 23))  # Saturday
    assert not is_business_day(date(2026, 5, 25))  # Revolución de Mayo, a Monday
    assert not is_business_day(date(2026, 7, 9))  # Independence Day


def test_a_target_skips_the_weekend_and_a_monday_holiday() -> None:
    # Friday 10:00 → 14 h that Friday; Saturday, Sunday and Monday 25 May do not count.
    assert add_business_hours(datetime(2026, 5, 22, 10), 24) == datetime(2026, 5, 26, 10)


def test_a_target_within_the_same_business_day() -> None:
    assert add_business_hours(datetime(2026, 5, 20, 9), 5) == datetime(2026, 5, 20, 14)


def test_a_case_created_on_a_holiday_starts_counting_the_next_business_day() -> None:
    assert add_business_hours(datetime(2026, 7, 9, 15), 2) == datetime(2026, 7, 13, 2)


def test_business_hours_between_counts_only_business_time() -> None:
    assert business_hours_between(datetime(2026, 5, 22, 10), datetime(2026, 5, 26, 10)) == 24
    assert business_hours_between(datetime(2026, 5, 23), datetime(2026, 5, 26)) == 0


@pytest.mark.parametrize(
    ("pauses", "expected"),
    [
        ([], datetime(2026, 5, 21, 10)),
        # waiting all of Thursday 21: the due date moves one business day on, to Friday
        ([(datetime(2026, 5, 21), datetime(2026, 5, 22))], datetime(2026, 5, 22, 10)),
        # waiting over the weekend costs nothing: no business time passed
        ([(datetime(2026, 5, 23), datetime(2026, 5, 25))], datetime(2026, 5, 21, 10)),
        # two pauses of 6 business hours each push it 12 hours on
        (
            [
                (datetime(2026, 5, 19, 8), datetime(2026, 5, 19, 14)),
                (datetime(2026, 5, 20, 8), datetime(2026, 5, 20, 14)),
            ],
            datetime(2026, 5, 21, 22),
        ),
    ],
)
def test_waiting_pauses_the_clock(pauses: list, expected: datetime) -> None:
    assert due_at(datetime(2026, 5, 19, 10), 48, pauses) == expected


def test_a_target_ending_at_midnight_ends_with_that_business_day() -> None:
    assert add_business_hours(datetime(2026, 5, 22), 24) == datetime(2026, 5, 23)


def _walk(start: datetime, hours: float) -> datetime:
    """Reference: walk day by day, spending the hours only on business days."""
    remaining = timedelta(hours=hours)
    moment = start
    while True:
        midnight = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time())
        if is_business_day(moment.date()):
            if moment + remaining <= midnight:
                return moment + remaining
            remaining -= midnight - moment
        moment = midnight


def test_the_vectorised_clock_agrees_with_a_day_by_day_walk() -> None:
    rng = np.random.default_rng(5)
    created = np.datetime64("2024-01-01T00:00:00") + rng.integers(0, 3 * 365 * 86_400, 500).astype(
        "timedelta64[s]"
    )
    hours = rng.choice([4, 24, 48, 72, 240, 480], 500).astype(float)
    due = due_dates(created, hours, np.zeros(500))
    for start, target, computed in zip(created.astype(datetime), hours, due, strict=True):
        assert computed.astype(datetime) == _walk(start, target)


# Tuesday 19 May 2026 at noon; Monday 25 May is a national holiday.
NOW = datetime(2026, 5, 19, 12)


@pytest.mark.parametrize(
    ("due", "paused_at", "closed_at", "overdue", "expected"),
    [
        # Closed on Friday 22 at 10:00, due Monday 18: four business days late (18–21 + 10 h).
        (datetime(2026, 5, 18, 10), None, datetime(2026, 5, 22, 10), False, ("missed", 96)),
        (datetime(2026, 5, 20, 10), None, datetime(2026, 5, 19, 10), False, ("met", 0)),
        # Due Monday 18 at 12:00, still open: one business day late.
        (datetime(2026, 5, 18, 12), None, None, True, ("overdue", 24)),
        # Already late when the wait began on Monday at 18:00: late by 6 h, frozen there.
        (datetime(2026, 5, 18, 12), datetime(2026, 5, 18, 18), None, True, ("overdue", 6)),
        # Waiting since Monday 18 at noon, due Friday 22 at noon: 4 days left once resumed.
        (datetime(2026, 5, 22, 12), datetime(2026, 5, 18, 12), None, False, ("paused", 96)),
        # Due Tuesday 26 at noon: Wed–Fri and the Tuesday morning, not the weekend or the 25th.
        (datetime(2026, 5, 26, 12), None, None, False, ("on_time", 96)),
    ],
)
def test_the_sla_state_of_one_case(due, paused_at, closed_at, overdue, expected) -> None:
    state = sla_state(due, paused_at=paused_at, closed_at=closed_at, overdue=overdue, now=NOW)
    assert (state.state, state.hours) == expected
