"""Due dates that mean something: SLA hours count only on business days, and waiting pauses them.

A business day is a weekday that is not an Argentine national holiday (the ``holidays``
package, country AR). An SLA target of N hours is N hours of business-day time: a 24-hour
target set on Friday at 10:00 before a Monday holiday falls due on Tuesday at 10:00. Time a
case spends ``en_espera`` (waiting on the citizen or a third party) does not count: the due
date moves forward by the business time of each pause. ``docs/indicators.md`` states the rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

HOUR = timedelta(hours=1)


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Argentina(years=year))


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def business_hours_between(start: datetime, end: datetime) -> float:
    """Hours of business-day time in ``[start, end)``."""
    total = timedelta()
    moment = start
    while moment < end:
        next_midnight = datetime.combine(moment.date() + timedelta(days=1), time.min)
        stop = min(end, next_midnight)
        if is_business_day(moment.date()):
            total += stop - moment
        moment = stop
    return total / HOUR


def add_business_hours(start: datetime, hours: float) -> datetime:
    """The moment at which ``hours`` of business-day time have passed since ``start``."""
    remaining = timedelta(hours=hours)
    moment = start
    while True:
        next_midnight = datetime.combine(moment.date() + timedelta(days=1), time.min)
        if is_business_day(moment.date()):
            if moment + remaining <= next_midnight:
                return moment + remaining
            remaining -= next_midnight - moment
        moment = next_midnight


def due_at(
    created_at: datetime, target_hours: float, pauses: Iterable[tuple[datetime, datetime]] = ()
) -> datetime:
    """Creation plus the SLA target in business hours, pushed on by every ``en_espera`` pause."""
    paused = sum(business_hours_between(start, end) for start, end in pauses)
    return add_business_hours(created_at, target_hours + paused)
