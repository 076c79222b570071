"""The queue's case table, sorted and paged in SQL (never a whole queue in memory)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from dashboard.models import Case, CaseState, Category, Citizen, Department, Staff
from queries._frames import to_frame
from queries.cases import masked_dni
from queries.definitions import open_at, past_due, state_at
from queries.filters import CaseFilters, dimension_conditions, with_case_columns

PAGE_SIZE = 50
SORTS = {
    "due": (CaseState.due_at.asc(), CaseState.case_id.asc()),
    "oldest": (CaseState.created_at.asc(), CaseState.case_id.asc()),
    "newest": (CaseState.created_at.desc(), CaseState.case_id.desc()),
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

    The page's case ids are chosen first, from the cases' states at the cut-off alone (and
    ``cases`` only when a channel, category or partido filter needs it); only those rows are
    then joined to their department, category, assignee and citizen, so a province-wide
    queue of tens of thousands of open cases costs one sort of narrow rows, not tens of
    thousands of joins. Status, department, assignee and due date are the case's at the
    cut-off.
    """
    chosen = (
        select(CaseState.case_id.label("id"), func.count().over().label("total"))
        .where(*_conditions(filters, options))
        .order_by(*SORTS[options.sort])
        .limit(PAGE_SIZE)
        .offset(options.page * PAGE_SIZE)
    )
    page = with_case_columns(chosen, filters, CaseState.case_id).subquery("page")
    query = (
        select(
            Case.id, Case.code, Case.version, CaseState.status, Case.priority,
            Case.created_at, CaseState.due_at, past_due(filters.as_of).label("overdue"),
            Department.name.label("department"), Staff.name.label("assignee"),
            Category.name.label("category"), masked_dni(Citizen.dni).label("dni"), page.c.total,
        )
        .join(Case, Case.id == page.c.id)
        .join(CaseState, and_(CaseState.case_id == Case.id, state_at(filters.as_of)))
        .join(Department, Department.id == CaseState.department_id)
        .join(Category, Category.id == Case.category_id)
        .outerjoin(Citizen, Citizen.id == Case.citizen_id)  # none for an anonymous report
        .outerjoin(Staff, Staff.id == CaseState.assignee_id)
        .order_by(*SORTS[options.sort])
    )  # fmt: skip
    return to_frame(connection, query)


def _conditions(filters: CaseFilters, options: CaseListOptions) -> list[ColumnElement[bool]]:
    """Open at the cut-off, in the filters, and narrowed by the table's own options."""
    as_of = filters.as_of
    conditions = [open_at(as_of), *dimension_conditions(filters, held_by=CaseState.department_id)]
    if options.statuses:
        conditions.append(CaseState.status.in_(options.statuses))
    if options.overdue_only:
        conditions.append(past_due(as_of))
    if options.unassigned_only:
        conditions.append(CaseState.assignee_id.is_(None))
    search = options.search.strip().upper()
    if search:
        found = Case.code == search
        if options.search_dni:
            holder = select(Citizen.id).where(Citizen.dni == search.replace(".", ""))
            found = or_(found, Case.citizen_id.in_(holder))
        conditions.append(CaseState.case_id.in_(select(Case.id).where(found)))
    return conditions
