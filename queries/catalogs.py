"""The small reference tables the filter bar offers as choices.

These tables hold tens to a few hundred rows, so reading them whole is fine.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import aliased

from dashboard.domain import DepartmentKind
from dashboard.models import Category, Channel, Department, Municipality, SlaTarget, Staff
from queries._frames import to_frame

#: What every regional delegation's code starts with (``DEL-RI`` … ``DEL-RXII``).
DELEGATION_CODE_PREFIX = "DEL-"


def departments(connection: Connection) -> pd.DataFrame:
    """Departments, intake areas and external actors: ``id, name, kind``."""
    query = select(Department.id, Department.name, Department.kind).order_by(Department.name)
    return to_frame(connection, query)


def channels(connection: Connection) -> pd.DataFrame:
    """Intake channels: ``id, code, name``."""
    return to_frame(connection, select(Channel.id, Channel.code, Channel.name).order_by(Channel.id))


def categories(connection: Connection) -> pd.DataFrame:
    """Both levels of the taxonomy: ``id, name, group`` (``group`` is empty for a group)."""
    parent = aliased(Category)
    query = (
        select(Category.id, Category.name, parent.name.label("group"))
        .outerjoin(parent, Category.parent_id == parent.id)
        .order_by(
            func.coalesce(parent.name, Category.name), parent.name.is_not(None), Category.name
        )
    )
    return to_frame(connection, query)


def municipalities(connection: Connection) -> pd.DataFrame:
    """Partidos: ``id, name, population``."""
    query = select(Municipality.id, Municipality.name, Municipality.population).order_by(
        Municipality.name
    )
    return to_frame(connection, query)


def department_capacities(connection: Connection) -> pd.DataFrame:
    """Internal departments and intake areas: ``id, code, name, weekly_capacity, active, staff``."""
    staff = (
        select(Staff.department_id, func.count().label("staff"))
        .where(Staff.active)
        .group_by(Staff.department_id)
        .subquery()
    )
    query = (
        select(
            Department.id, Department.code, Department.name, Department.weekly_capacity,
            Department.active, func.coalesce(staff.c.staff, 0).label("staff"),
        )
        .outerjoin(staff, staff.c.department_id == Department.id)
        .where(Department.kind.in_([DepartmentKind.INTERNAL, DepartmentKind.INTAKE]))
        .order_by(Department.name)
    )  # fmt: skip
    return to_frame(connection, query)


def sla_targets(connection: Connection) -> pd.DataFrame:
    """Target hours per category and priority: ``category_id, group, category, priority, hours``."""
    parent = aliased(Category)
    query = (
        select(
            Category.id.label("category_id"), parent.name.label("group"),
            Category.name.label("category"), SlaTarget.priority,
            SlaTarget.target_hours.label("hours"),
        )
        .join(SlaTarget, SlaTarget.category_id == Category.id)
        .join(parent, Category.parent_id == parent.id)
        .order_by(parent.name, Category.name, SlaTarget.priority)
    )  # fmt: skip
    return to_frame(connection, query)


def receiving_departments(connection: Connection) -> pd.DataFrame:
    """Active internal departments, the only ones a supervisor may move a case to:
    ``id, name, regional``. The central directorates come first and the regional delegations
    (``regional``) after them, each by name: sorted by name alone, the dozen "Delegación
    Región …" would fill the list before any "Dirección"."""
    regional = Department.code.startswith(DELEGATION_CODE_PREFIX)
    query = (
        select(Department.id, Department.name, regional.label("regional"))
        .where(Department.kind == DepartmentKind.INTERNAL, Department.active)
        .order_by(regional, Department.name)
    )
    frame = to_frame(connection, query)
    return frame.assign(regional=frame["regional"].astype(bool))  # SQLite answers 0/1


def active_staff(connection: Connection, department_id: int) -> pd.DataFrame:
    """The people who can take a case in one department: ``id, name, weekly_capacity``."""
    query = (
        select(Staff.id, Staff.name, Staff.weekly_capacity)
        .where(Staff.department_id == department_id, Staff.active)
        .order_by(Staff.name)
    )
    return to_frame(connection, query)
