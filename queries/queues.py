"""Bandejas: what is waiting in each department and with each person, at the cut-off.

Queues count every case open at ``filters.as_of`` whatever its creation date (a queue has no
period), in the department and with the person holding it then (its state at the cut-off);
the scope and the department, channel, category and partido filters still apply.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
from sqlalchemy import Connection, case, func, select

from dashboard.models import CaseState, Department, Staff
from queries._frames import to_frame
from queries.definitions import open_at, past_due
from queries.filters import CaseFilters, dimension_conditions, with_case_columns

#: Age buckets of open cases (domain.md): label → (min days, max days), ages in whole days.
AGE_BUCKETS: dict[str, tuple[int, int | None]] = {
    "0-2": (0, 2),
    "3-7": (3, 7),
    "8-30": (8, 30),
    "31-90": (31, 90),
    "90+": (91, None),
}


def _queue_columns(filters: CaseFilters) -> list:
    as_of = filters.as_of
    columns = [
        func.count().label("open_cases"),
        func.count().filter(past_due(as_of)).label("overdue_cases"),
        func.min(CaseState.created_at).label("oldest_created_at"),
    ]
    for label, (low, high) in AGE_BUCKETS.items():
        newest = as_of - timedelta(days=low)  # age >= low days  ⇔  created <= as_of - low
        condition = CaseState.created_at <= newest
        if high is not None:
            condition &= CaseState.created_at > as_of - timedelta(days=high + 1)
        columns.append(func.count().filter(condition).label(f"age_{label}"))
    return columns


def department_queues(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """Per department: open, overdue, age buckets, oldest case, capacity and load.

    ``load`` is open cases divided by weekly capacity: weeks of work waiting.
    """
    query = (
        select(Department.id.label("department_id"), Department.name.label("department"),
               Department.weekly_capacity, *_queue_columns(filters))
        .select_from(CaseState)
        .join(Department, Department.id == CaseState.department_id)
        .where(open_at(filters.as_of),
               *dimension_conditions(filters, held_by=CaseState.department_id))
        .group_by(Department.id, Department.name, Department.weekly_capacity)
        .order_by(func.count().desc(), Department.name)
    )  # fmt: skip
    return _with_load(to_frame(connection, with_case_columns(query, filters, CaseState.case_id)))


def assignee_queues(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """Per person: open, overdue, age buckets, oldest case, weekly capacity and load.

    Cases nobody holds yet appear with an empty ``assignee`` in their department.
    """
    query = (
        select(Department.name.label("department"), Staff.id.label("assignee_id"),
               Staff.name.label("assignee"), Staff.weekly_capacity, *_queue_columns(filters))
        .select_from(CaseState)
        .join(Department, Department.id == CaseState.department_id)
        .outerjoin(Staff, Staff.id == CaseState.assignee_id)
        .where(open_at(filters.as_of),
               *dimension_conditions(filters, held_by=CaseState.department_id))
        .group_by(Department.name, Staff.id, Staff.name, Staff.weekly_capacity)
        .order_by(Department.name, case((Staff.id.is_(None), 0), else_=1), func.count().desc())
    )  # fmt: skip
    return _with_load(to_frame(connection, with_case_columns(query, filters, CaseState.case_id)))


def _with_load(frame: pd.DataFrame) -> pd.DataFrame:
    """Open cases per unit of weekly capacity; empty where no capacity is recorded."""
    capacity = frame["weekly_capacity"].where(frame["weekly_capacity"] > 0)
    return frame.assign(load=frame["open_cases"] / capacity)
