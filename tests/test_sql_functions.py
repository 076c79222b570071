"""The SQL functions spelt differently by each back end give the same answers on both."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import Engine, literal, select

from dashboard.sql_functions import at_sign, hours_between, last_chars, month_start, week_start


def test_week_start_is_the_monday_before_on_both_databases(engine: Engine) -> None:
    moments = [
        datetime(2026, 3, 9, 0, 0),  # a Monday at midnight: its own week
        datetime(2026, 3, 11, 15, 30),  # Wednesday
        datetime(2026, 3, 15, 23, 59),  # Sunday night: still the week of the 9th
        datetime(2026, 3, 16, 0, 1),  # next Monday
    ]
    with engine.connect() as connection:
        starts = [
            connection.execute(select(week_start(literal(moment)))).scalar_one()
            for moment in moments
        ]
    assert [str(start)[:19] for start in starts] == [
        "2026-03-09 00:00:00", "2026-03-09 00:00:00", "2026-03-09 00:00:00",
        "2026-03-16 00:00:00",
    ]  # fmt: skip


def test_month_start_is_midnight_of_the_first_on_both_databases(engine: Engine) -> None:
    moments = [
        datetime(2026, 3, 1, 0, 0),  # the first at midnight: its own month
        datetime(2026, 3, 31, 23, 59),  # the last minute of March
        datetime(2026, 2, 28, 12, 0),  # February
    ]
    with engine.connect() as connection:
        starts = [
            connection.execute(select(month_start(literal(moment)))).scalar_one()
            for moment in moments
        ]
    assert [str(start)[:19] for start in starts] == [
        "2026-03-01 00:00:00", "2026-03-01 00:00:00", "2026-02-01 00:00:00",
    ]  # fmt: skip


def test_hours_between_counts_fractions_and_direction_on_both_databases(engine: Engine) -> None:
    start, end = datetime(2026, 3, 9, 10, 0), datetime(2026, 3, 10, 16, 30)
    with engine.connect() as connection:
        forward, backward = connection.execute(
            select(hours_between(literal(start), literal(end)),
                   hours_between(literal(end), literal(start)))
        ).one()  # fmt: skip
    assert (forward, backward) == (pytest.approx(30.5), pytest.approx(-30.5))


def test_last_chars_and_at_sign_agree_on_both_databases(engine: Engine) -> None:
    with engine.connect() as connection:
        found = connection.execute(
            select(last_chars(literal("011-4321-5678"), 4), last_chars(literal("12"), 4),
                   at_sign(literal("ana@example.com")), at_sign(literal("sin arroba")))
        ).one()  # fmt: skip
    assert tuple(found) == ("5678", "12", 4, 0)
