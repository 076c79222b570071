"""Calendar weeks, Monday to Sunday, computed inside the database on both back ends.

Weekly series (inflow, outflow, backlog, spikes) group rows by ``week_start(column)``; the
same weeks are laid out in Python by ``weeks_between`` so that a week with no rows still
appears as a zero, not as a gap.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import DateTime
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

WEEK = timedelta(days=7)


class week_start(FunctionElement):
    """Monday 00:00 of the week holding the timestamp given."""

    type = DateTime()
    name = "week_start"
    inherit_cache = True


@compiles(week_start, "postgresql")
def _week_start_postgresql(element: week_start, compiler, **kw) -> str:
    return f"date_trunc('week', {compiler.process(element.clauses, **kw)})"


@compiles(week_start, "sqlite")
def _week_start_sqlite(element: week_start, compiler, **kw) -> str:
    # 'weekday 0' moves forward to Sunday (or stays on one); six days back is its Monday.
    moment = compiler.process(element.clauses, **kw)
    return f"datetime({moment}, 'weekday 0', '-6 days', 'start of day')"


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
