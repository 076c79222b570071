"""The queue's case table, sorted and paged in SQL (never a whole queue in memory)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import ColumnElement, Connection, func, or_, select

from dashboard.models import Case, Category, Citizen, Department, Staff
from queries._frames import to_frame
from queries.cases import masked_dni
from queries.definitions import open_at, past_due
from queries.filters import CaseFilters, dimension_conditions

PAGE_SIZE = 50
SORTS = {
    "due": (Case.due_at.asc(), Case.id.asc()),
    "oldest": (Case.created_at.asc(), Case.id.asc()),
    "newest": (Case.created_at.desc(), Case.id.desc()),
}


@dataclass(frozen=True)
class CaseListOptions:
    """What the queue table adds to the global filters."""

    statuses: tuple[str, ...] = ()
    overdue_only: bool = False
    unassigned_only: bool = False
    #: A case code, or a DNI where the reader may search by it (never shown back unmasked).
    search: str = ""
    search_dni: bool = False
    sort: str = "due"
    page: int = 0


def open_case_page(
    connection: Connection, filters: CaseFilters, options: CaseListOptions
) -> pd.DataFrame:
    """One page of open cases with ``total`` (all matching rows) on every row.

    The page's case ids are chosen first, from ``cases`` alone; only those rows are then
    joined to their department, category, assignee and citizen, so a province-wide queue
    of tens of thousands of open cases costs one sort of narrow rows, not tens of thousands
    of joins.
    """
    page = (
        select(Case.id, func.count().over().label("total"))
        .where(*_conditions(filters, options))
        .order_by(*SORTS[options.sort])
        .limit(PAGE_SIZE)
        .offset(options.page * PAGE_SIZE)
        .subquery("page")
    )
    query = (
        select(
            Case.id, Case.code, Case.version, Case.status, Case.priority, Case.created_at,
            Case.due_at, past_due(filters.as_of).label("overdue"),
            Department.name.label("department"), Staff.name.label("assignee"),
            Category.name.label("category"), masked_dni(Citizen.dni).label("dni"), page.c.total,
        )
        .join(Case, Case.id == page.c.id)
        .join(Department, Department.id == Case.department_id)
        .join(Category, Category.id == Case.category_id)
        .outerjoin(Citizen, Citizen.id == Case.citizen_id)  # none for an anonymous report
        .outerjoin(Staff, Staff.id == Case.assignee_id)
        .order_by(*SORTS[options.sort])
    )  # fmt: skip
    return to_frame(connection, query)


def _conditions(filters: CaseFilters, options: CaseListOptions) -> list[ColumnElement[bool]]:
    """Open at the cut-off, in the filters, and narrowed by the table's own options."""
    as_of = filters.as_of
    conditions = [open_at(as_of), *dimension_conditions(filters)]
    if options.statuses:
        conditions.append(Case.status.in_(options.statuses))
    if options.overdue_only:
        conditions.append(past_due(as_of))
    if options.unassigned_only:
        conditions.append(Case.assignee_id.is_(None))
    search = options.search.strip().upper()
    if search:
        found = Case.code == search
        if options.search_dni:
            holder = select(Citizen.id).where(Citizen.dni == search.replace(".", ""))
            found = or_(found, Case.citizen_id.in_(holder))
        conditions.append(found)
    return conditions
