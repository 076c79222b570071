"""One case in depth: its event timeline and its path through departments.

Both read a single case's events (a handful of rows), so they are cheap at any scale; both
honour the reader's scope exactly as ``queries.cases.case_overview`` does.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Select, func, select, union
from sqlalchemy.orm import aliased

from dashboard.models import Case, CaseEvent, Department, Staff, User
from queries._frames import to_frame


def case_timeline(connection: Connection, code: str, scope: tuple[int, ...] | None) -> pd.DataFrame:
    """Every event of the case, oldest first: when, which case, what, who, from where to where,
    and why. The history of the cases merged into it as duplicates (``duplicate_of``) is part
    of its own, each event with its ``case_code``."""
    source, target = aliased(Department), aliased(Department)
    the_case = select(Case.id).where(*_the_case(code, scope))
    merged_into_it = select(Case.id).where(Case.duplicate_of_id.in_(the_case))
    query = (
        select(
            CaseEvent.at, Case.code.label("case_code"), CaseEvent.kind,
            func.coalesce(Staff.name, User.display_name).label("actor"),
            source.name.label("from_department"), target.name.label("to_department"),
            CaseEvent.from_status, CaseEvent.to_status, CaseEvent.reason, CaseEvent.note,
        )
        .join(Case, Case.id == CaseEvent.case_id)
        .outerjoin(Staff, Staff.id == CaseEvent.actor_staff_id)
        .outerjoin(User, User.id == CaseEvent.actor_user_id)
        .outerjoin(source, source.id == CaseEvent.from_department_id)
        .outerjoin(target, target.id == CaseEvent.to_department_id)
        .where(CaseEvent.case_id.in_(union(the_case, merged_into_it)))
        .order_by(CaseEvent.at, CaseEvent.id)
    )  # fmt: skip
    return to_frame(connection, query)


def department_stints(case_ids: Select) -> Select:
    """Each stay of the cases ``case_ids`` in a department: ``case_id, event_id,
    department_id, entered_at, left_at``.

    A stay starts at every event that hands the case to a department (its creation at the
    intake area, an assignment, a referral, a reassignment) and ends at the next such event;
    the last stay ends at the case's closing, or is still running (``left_at`` NULL).
    ``case_ids`` limits the window over the event history to the cases asked about.
    """
    moves = (
        select(
            CaseEvent.case_id, CaseEvent.id.label("event_id"),
            CaseEvent.to_department_id.label("department_id"), CaseEvent.at.label("entered_at"),
            func.lead(CaseEvent.at)
            .over(partition_by=CaseEvent.case_id, order_by=(CaseEvent.at, CaseEvent.id))
            .label("next_move_at"),
        )
        .where(CaseEvent.to_department_id.is_not(None), CaseEvent.case_id.in_(case_ids))
        .subquery("moves")
    )  # fmt: skip
    return select(
        moves.c.case_id,
        moves.c.event_id,
        moves.c.department_id,
        moves.c.entered_at,
        func.coalesce(moves.c.next_move_at, Case.closed_at).label("left_at"),
    ).join(Case, Case.id == moves.c.case_id)


def case_path(connection: Connection, code: str, scope: tuple[int, ...] | None) -> pd.DataFrame:
    """The departments the case went through, in order, with when it entered and left each.

    ``left_at`` is empty for the department that holds the case now; the page measures that
    stay up to the present moment.
    """
    the_case = select(Case.id).where(*_the_case(code, scope))
    stints = department_stints(the_case).subquery("stints")
    query = (
        select(
            Department.name.label("department"), Department.kind,
            stints.c.entered_at, stints.c.left_at,
        )
        .join(Department, Department.id == stints.c.department_id)
        .order_by(stints.c.entered_at, stints.c.event_id)
    )  # fmt: skip
    return to_frame(connection, query)


def _the_case(code: str, scope: tuple[int, ...] | None) -> list:
    conditions = [Case.code == code.strip().upper()]
    if scope is not None:
        conditions.append(Case.department_id.in_(scope))
    return conditions
