"""Overdue with business days, holidays and paused clocks, as every page counts it.

Tuesday 26 May 2026 at noon, after a weekend and the Monday 25 May holiday. Calendar hours
would call all five cases overdue; business hours and paused clocks leave two.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine

from dashboard.deadlines import due_at
from queries.case_list import CaseListOptions, open_case_page
from queries.filters import CaseFilters
from queries.queues import department_queues
from queries.summary import headline_figures
from tests.builders import add_case, case_code, small_world

FRIDAY = datetime(2026, 5, 22, 10, 0)
AS_OF = datetime(2026, 5, 26, 12, 0)
FILTERS = CaseFilters(date(2026, 5, 1), date(2026, 5, 26), AS_OF)


@pytest.fixture
def overdue_codes(engine: Engine) -> set[str]:
    """Five open cases; the codes of the two that are overdue at ``AS_OF``."""
    world = small_world(engine)

    def case(**fields) -> str:
        return case_code(engine, add_case(engine, world, created_at=FRIDAY, **fields))

    # 24 business hours from Friday 10:00 skip the weekend and the holiday: Tuesday 10:00.
    one_day = case(due_at=due_at(FRIDAY, 24))
    case(due_at=due_at(FRIDAY, 48))  # Wednesday 10:00: not yet due
    # Waiting since before its due date (Tuesday 08:00): the clock stopped in time.
    case(due_at=datetime(2026, 5, 26, 8), paused_at=datetime(2026, 5, 26, 7))
    # Already overdue when it began to wait: waiting does not clear that.
    late_then_paused = case(due_at=datetime(2026, 5, 21, 10), paused_at=datetime(2026, 5, 22, 12))
    # A whole business day of waiting (Friday) pushed a Tuesday 10:00 due date to Wednesday.
    case(due_at=due_at(FRIDAY, 24, [(datetime(2026, 5, 22), datetime(2026, 5, 23))]))
    return {one_day, late_then_paused}


def test_the_due_date_rule_itself() -> None:
    assert due_at(FRIDAY, 24) == datetime(2026, 5, 26, 10)
    assert due_at(FRIDAY, 24, [(datetime(2026, 5, 22), datetime(2026, 5, 23))]) == datetime(
        2026, 5, 27, 10
    )


def test_every_count_agrees_on_overdue(engine: Engine, overdue_codes: set[str]) -> None:
    with engine.connect() as connection:
        headline = headline_figures(connection, FILTERS).iloc[0]
        queue = department_queues(connection, FILTERS).iloc[0]
        listed = open_case_page(connection, FILTERS, CaseListOptions(overdue_only=True))
        flags = open_case_page(connection, FILTERS, CaseListOptions())
    assert (headline["open_cases"], headline["overdue_cases"]) == (5, 2)
    assert (queue["open_cases"], queue["overdue_cases"]) == (5, 2)
    assert set(listed["code"]) == overdue_codes
    assert set(flags.loc[flags["overdue"].astype(bool), "code"]) == overdue_codes
