"""Weeks laid out in Python start on Monday 00:00, as ``week_start`` counts them in SQL
(``tests/test_sql_functions.py``)."""

from __future__ import annotations

from datetime import date, datetime

from queries.weeks import monday_of, weeks_between


def test_weeks_between_lists_every_monday_up_to_the_cut_off() -> None:
    first = monday_of(date(2026, 3, 11))
    assert first == datetime(2026, 3, 9)
    assert weeks_between(first, datetime(2026, 3, 23, 0, 0)) == [
        datetime(2026, 3, 9), datetime(2026, 3, 16),
    ]  # fmt: skip
    assert weeks_between(first, datetime(2026, 3, 23, 0, 1))[-1] == datetime(2026, 3, 23)
