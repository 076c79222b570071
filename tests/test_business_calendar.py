"""The business clock read in SQL (``business_days``) equals ``deadlines.business_clock``."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
from sqlalchemy import Engine, literal, select

from dashboard import deadlines
from dashboard.business_calendar import BusinessClock, fill_business_days
from dashboard.models import BusinessDay


def sql_clock(engine: Engine, moments: list[datetime]) -> list[float]:
    with engine.begin() as connection:
        fill_business_days(connection)  # the PostgreSQL fixture empties every table
        readings = []
        for moment in moments:
            clock = BusinessClock(literal(moment), "calendar")
            query = select(clock.hours).select_from(clock.calendar).where(clock.joins_on)
            readings.append(connection.execute(query).scalar_one())
        return readings


def test_sql_clock_equals_the_numpy_clock_on_random_moments_and_holidays(engine: Engine) -> None:
    generator = np.random.default_rng(14)
    seconds = generator.integers(0, 40 * 365 * 86400, size=40)
    moments = [datetime(2001, 1, 1) + timedelta(seconds=int(s)) for s in seconds]
    # Holidays and weekends around them: Christmas on a Friday, 9 July, a Carnival Monday,
    # a Saturday, and the edges of a day.
    moments += [
        datetime(2026, 12, 25, 10, 30), datetime(2026, 7, 9, 0, 0),
        datetime(2026, 7, 9, 23, 59, 59), datetime(2026, 2, 16, 12, 0),
        datetime(2026, 2, 14, 8, 15), datetime(2026, 12, 28, 0, 0),
        datetime(2026, 12, 24, 23, 0, 1),
    ]  # fmt: skip
    expected = deadlines.business_clock(np.array(moments, dtype="datetime64[s]"))
    assert np.allclose(sql_clock(engine, moments), expected, atol=1e-6)


def test_the_calendar_counts_weekdays_that_are_not_holidays(engine: Engine) -> None:
    with engine.begin() as connection:
        fill_business_days(connection)
        days = dict(
            connection.execute(
                select(BusinessDay.day, BusinessDay.business).where(
                    BusinessDay.day.between(date(2026, 7, 8), date(2026, 7, 12))
                )
            ).all()
        )
    # 9 July (Thursday) is Independence Day, 10 July a bridge holiday in 2026, then a weekend.
    assert [days[key] for key in sorted(days)] == [True, False, False, False, False]
