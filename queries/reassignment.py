"""What a reassignment would do to the receiving side, shown before the supervisor confirms."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, func, literal, select

from dashboard.models import Case, CaseState, Department, Staff
from queries.definitions import open_at


def reassignment_preview(
    connection: Connection,
    department_id: int,
    assignee_id: int | None,
    codes: tuple[str, ...],
    as_of: datetime,
) -> pd.DataFrame:
    """The receiving department's (and person's) open cases before and after the move.

    One row per receiver (``level`` "area", then "persona"): ``open_before``, ``incoming``
    (cases of ``codes`` not already there), ``open_after``, ``weekly_capacity`` and ``load``
    before and after, in weeks of work as in the queues. ``over_capacity`` is true when the
    move leaves more open cases than one week of capacity.
    """
    rows = [
        _receiver(connection, "area", Department.name, Department.weekly_capacity,
                  Department.id == department_id, CaseState.department_id, department_id,
                  codes, as_of),
    ]  # fmt: skip
    if assignee_id is not None:
        rows.append(
            _receiver(connection, "persona", Staff.name, Staff.weekly_capacity,
                      Staff.id == assignee_id, CaseState.assignee_id, assignee_id, codes, as_of)
        )  # fmt: skip
    frame = pd.DataFrame(rows)
    capacity = frame["weekly_capacity"].where(frame["weekly_capacity"] > 0)
    return frame.assign(
        open_after=frame["open_before"] + frame["incoming"],
        load_before=frame["open_before"] / capacity,
        load_after=(frame["open_before"] + frame["incoming"]) / capacity,
        over_capacity=(frame["open_before"] + frame["incoming"]) > capacity,
    )


def _receiver(connection, level, name, capacity, is_receiver, holder, receiver_id, codes, as_of):
    """Name, capacity, open cases held and incoming cases of one receiver, in one round trip."""
    held = (
        select(func.count())
        .select_from(CaseState)
        .where(open_at(as_of), holder == receiver_id)
        .scalar_subquery()
    )
    incoming = (
        select(func.count())
        .select_from(CaseState)
        .join(Case, Case.id == CaseState.case_id)
        .where(Case.code.in_(codes), open_at(as_of), holder.is_distinct_from(receiver_id))
        .scalar_subquery()
    )
    row = connection.execute(
        select(
            literal(level).label("level"),
            name.label("name"),
            capacity.label("weekly_capacity"),
            held.label("open_before"),
            incoming.label("incoming"),
        ).where(is_receiver)
    ).one()
    return row._asdict()
