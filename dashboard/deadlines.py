"""Due dates that mean something: SLA hours count only on business days, and waiting pauses them.

A business day is a weekday that is not an Argentine national holiday (the ``holidays``
package, country AR). An SLA target of N hours is N hours of business-day time: a 24-hour
target set on Friday at 10:00 before a Monday holiday falls due on Tuesday at 10:00. Time a
case spends ``en_espera`` (waiting on the citizen or a third party) does not count: the due
date moves forward by the business time of each pause. ``docs/indicators.md`` states the rule.

Everything rests on one **business clock**: the business hours elapsed since a fixed Monday.
Its numpy form computes a million due dates at once (the seed); the functions for one case
are that same clock applied to one moment, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

import holidays
import numpy as np

#: The clock's zero: a Monday well before any case. Dates outside HOLIDAY_YEARS still work,
#: counting weekends only.
EPOCH = np.datetime64("2000-01-03", "D")
HOLIDAY_YEARS = range(2000, 2041)
HOUR = np.timedelta64(1, "h")
_SECONDS_PER_HOUR = 3600


@cache
def _calendar() -> np.busdaycalendar:
    """Monday to Friday minus Argentina's national holidays."""
    days = np.array(sorted(holidays.Argentina(years=HOLIDAY_YEARS)), dtype="datetime64[D]")
    return np.busdaycalendar(weekmask="1111100", holidays=days)


def business_clock(moments: np.ndarray) -> np.ndarray:
    """Business hours from ``EPOCH`` to each of ``moments`` (datetime64), as floats."""
    moments = np.asarray(moments, dtype="datetime64[s]")
    days = moments.astype("datetime64[D]")
    whole_days = np.busday_count(EPOCH, days, busdaycal=_calendar())
    into_day = (moments - days).astype("int64") / _SECONDS_PER_HOUR
    today_counts = np.is_busday(days, busdaycal=_calendar())
    return whole_days * 24.0 + np.where(today_counts, into_day, 0.0)


def from_business_clock(hours: np.ndarray) -> np.ndarray:
    """The moments (datetime64[s]) at which the business clock reads ``hours``.

    A reading on a day boundary is the end of the business day it completes (the midnight that
    closes it), never the start of the next business day after a weekend.
    """
    hours = np.asarray(hours, dtype=float)
    seconds = np.round(hours * _SECONDS_PER_HOUR).astype("int64")
    whole_days = np.ceil(seconds / (24 * _SECONDS_PER_HOUR)).astype("int64") - 1
    whole_days = np.maximum(whole_days, 0)
    rest = seconds - whole_days * 24 * _SECONDS_PER_HOUR
    day = np.busday_offset(EPOCH, whole_days, roll="forward", busdaycal=_calendar())
    return day.astype("datetime64[s]") + rest.astype("timedelta64[s]")


def due_dates(
    created: np.ndarray, target_hours: np.ndarray, paused_hours: np.ndarray
) -> np.ndarray:
    """Creation plus target plus paused business hours, for many cases at once."""
    return from_business_clock(business_clock(created) + target_hours + paused_hours)


def is_business_day(day: date) -> bool:
    return bool(np.is_busday(np.datetime64(day, "D"), busdaycal=_calendar()))


def business_hours_between(start: datetime, end: datetime) -> float:
    """Hours of business-day time in ``[start, end)``."""
    start_hours, end_hours = business_clock(np.array([start, end], dtype="datetime64[s]"))
    return float(max(end_hours - start_hours, 0.0))


def add_business_hours(start: datetime, hours: float) -> datetime:
    """The moment at which ``hours`` of business-day time have passed since ``start``."""
    moment = from_business_clock(business_clock(np.array([start], "datetime64[s]")) + hours)[0]
    return moment.astype(datetime)


def due_at(
    created_at: datetime, target_hours: float, pauses: Iterable[tuple[datetime, datetime]] = ()
) -> datetime:
    """Creation plus the SLA target in business hours, pushed on by every ``en_espera`` pause."""
    paused = sum(business_hours_between(start, end) for start, end in pauses)
    return add_business_hours(created_at, target_hours + paused)


def resumed_due_at(due: datetime, paused_at: datetime, now: datetime) -> datetime:
    """The due date once a wait that began at ``paused_at`` ends ``now``."""
    return add_business_hours(due, business_hours_between(paused_at, now))


@dataclass(frozen=True)
class SlaState:
    """Where one case stands against its deadline, in words a supervisor acts on.

    ``state`` is one of ``met``, ``missed`` (closed), ``overdue``, ``paused``, ``on_time``
    (open); ``hours`` is the business time that qualifies it: how late (missed, overdue), or
    how much is left (on time, and for a paused case once its clock resumes).
    """

    state: str
    hours: float


def sla_state(
    due: datetime, *, paused_at: datetime | None, closed_at: datetime | None,
    overdue: bool, now: datetime,
) -> SlaState:  # fmt: skip
    """The case's SLA state; ``overdue`` comes from ``queries.definitions.overdue_at`` so the
    detail never disagrees with the counts in the queues."""
    if closed_at is not None:
        if closed_at <= due:
            return SlaState("met", 0.0)
        return SlaState("missed", business_hours_between(due, closed_at))
    if overdue:
        return SlaState("overdue", business_hours_between(due, paused_at or now))
    if paused_at is not None:
        return SlaState("paused", business_hours_between(paused_at, due))
    return SlaState("on_time", business_hours_between(now, due))
