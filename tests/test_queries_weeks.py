"""Weeks start on Monday 00:00 on both databases, whatever the day and hour of the row."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine, literal, select

from queries.weeks import monday_of, week_start, weeks_between


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


def test_weeks_between_lists_every_monday_up_to_the_cut_off() -> None:
    first = monday_of(date(2026, 3, 11))
    assert first == datetime(2026, 3, 9)
    assert weeks_between(first, datetime(2026, 3, 23, 0, 0)) == [
        datetime(2026, 3, 9), datetime(2026, 3, 16),
    ]  # fmt: skip
    assert weeks_between(first, datetime(2026, 3, 23, 0, 1))[-1] == datetime(2026, 3, 23)
