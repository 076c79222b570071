"""Calendar weeks, Monday to Sunday, laid out in Python as the database counts them.

Weekly series (inflow, outflow, backlog, spikes) group rows in SQL by
``dashboard.sql_functions.week_start``; ``weeks_between`` lays out the same weeks in Python so
that a week with no rows still appears as a zero, not as a gap.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

WEEK = timedelta(days=7)


def monday_of(day: date) -> datetime:
    """Monday 00:00 of the week holding ``day``: where a weekly series starts."""
    return datetime.combine(day - timedelta(days=day.weekday()), time.min)


def weeks_between(first: datetime, end: datetime) -> list[datetime]:
    """The Mondays from ``first`` (a Monday) up to the week holding ``end`` (exclusive)."""
    weeks = []
    monday = first
    while monday < end:
        weeks.append(monday)
        monday += WEEK
    return weeks
