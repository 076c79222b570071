"""The business clock in SQL: the table ``business_days`` and the expression that reads it.

Business durations of many cases (time to first action, time to close in business days) have
to be aggregated in the database, so the clock of ``dashboard.deadlines`` is written down as
a calendar table, one row per day of ``deadlines.HOLIDAY_YEARS``: whether the day counts and
``hours_before``, the business clock at its midnight, computed by ``deadlines.business_clock``
itself. The clock of a moment in SQL is then its day's ``hours_before`` plus the hours into
that day when the day counts, the same sum the numpy clock makes, so both agree to the
second (``tests/test_business_calendar.py``). Migration 0014 builds and fills the table.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from sqlalchemy import Connection, case, insert, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from dashboard import deadlines
from dashboard.models import BusinessDay
from dashboard.sql_functions import day_of, hours_into_day

HOURS_PER_DAY = 24


def calendar_rows(years: range = deadlines.HOLIDAY_YEARS) -> list[dict[str, object]]:
    """Every day of ``years`` as a ``business_days`` row, in one numpy pass: a day counts
    when the clock runs 24 hours from its midnight to the next."""
    first = np.datetime64(date(years.start, 1, 1), "D")
    last = np.datetime64(date(years.stop, 1, 1), "D")
    midnights = np.arange(first, last + 1, dtype="datetime64[D]")
    clock = deadlines.business_clock(midnights.astype("datetime64[s]"))
    business = np.diff(clock) > 0
    return [
        {"day": day, "business": bool(counts), "hours_before": float(hours)}
        for day, counts, hours in zip(
            midnights[:-1].astype(date), business, clock[:-1], strict=True
        )
    ]


def fill_business_days(connection: Connection) -> None:
    """Write ``calendar_rows`` into ``business_days`` in one bulk insert, unless it holds rows
    already (a database emptied table by table, as the tests do, gets its calendar back)."""
    if connection.execute(select(BusinessDay.day).limit(1)).first() is None:
        connection.execute(insert(BusinessDay), calendar_rows())


class BusinessClock:
    """The business clock of one timestamp column: join ``calendar`` on ``joins_on`` (one
    ``business_days`` row per moment) and read ``hours``. Each moment needs its own alias,
    hence a small object instead of a bare expression."""

    def __init__(self, moment: ColumnElement, name: str) -> None:
        self.moment = moment
        self.calendar = aliased(BusinessDay, name=name)
        self.joins_on = self.calendar.day == day_of(moment)
        self.hours = self.calendar.hours_before + case(
            (self.calendar.business, hours_into_day(moment)), else_=0.0
        )
