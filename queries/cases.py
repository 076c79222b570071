"""Reading one case. Citizens' personal data leaves the database only masked here;
the full data is read solely by ``commands.reveal_personal_data`` after a permission check.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, String, and_, case, false, func, literal, select

from dashboard.models import (
    Case,
    CaseState,
    Category,
    Channel,
    Citizen,
    Department,
    Municipality,
    Staff,
)
from dashboard.sql_functions import at_sign
from queries._frames import to_frame
from queries.definitions import overdue_at, state_at


def masked_dni(dni) -> object:
    """``**.***.123``: the last three digits, enough to tell two people apart on a call."""
    return literal("**.***.") + func.substr(dni, func.length(dni) - 2, 3, type_=String)


def initials(first_name, last_name) -> object:
    """``A. P.``: a name reduced to initials."""
    return (
        func.substr(first_name, 1, 1) + literal(". ") + func.substr(last_name, 1, 1) + literal(".")
    )


def masked_tail(value) -> object:
    """``***101``: the last three characters of a phone or an address, enough to tell two
    apart when comparing cases; empty stays empty."""
    return literal("***") + func.substr(value, func.length(value) - 2, 3, type_=String)


def masked_email(email) -> object:
    """``a***@example.com``: the first letter and the domain (nothing more when there is no
    "@"); empty stays empty."""
    domain = case((at_sign(email) > 0, func.substr(email, at_sign(email))), else_=literal(""))
    return func.substr(email, 1, 1) + literal("***") + domain


def case_overview(
    connection: Connection, code: str, scope: tuple[int, ...] | None, as_of: datetime
) -> pd.DataFrame:
    """One case by its public code (none if outside ``scope``), with masked citizen data
    and whether it is ``overdue`` at ``as_of``. ``partido`` is empty for a case with no
    partido, ``dni`` and ``citizen`` for an anonymous one (no identified citizen)."""
    query = (
        select(
            Case.code, Case.version, Case.status, Case.priority, Case.created_at, Case.due_at,
            Case.closed_at, Case.paused_at,
            func.coalesce(overdue_at(as_of), false()).label("overdue"),
            Department.id.label("department_id"),
            Department.name.label("department"), Staff.name.label("assignee"),
            Category.name.label("category"), Channel.name.label("channel"),
            Municipality.name.label("partido"),
            masked_dni(Citizen.dni).label("dni"),
            initials(Citizen.first_name, Citizen.last_name).label("citizen"),
        )
        .join(Department, Department.id == Case.department_id)
        .join(Category, Category.id == Case.category_id)
        .join(Channel, Channel.id == Case.channel_id)
        .outerjoin(Municipality, Municipality.id == Case.municipality_id)
        .outerjoin(Citizen, Citizen.id == Case.citizen_id)
        .outerjoin(Staff, Staff.id == Case.assignee_id)
        .outerjoin(CaseState, and_(CaseState.case_id == Case.id, state_at(as_of)))
        .where(Case.code == code.strip().upper())
    )  # fmt: skip
    if scope is not None:
        query = query.where(Case.department_id.in_(scope))
    return to_frame(connection, query)
