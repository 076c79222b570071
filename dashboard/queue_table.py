"""The queue's case table: its own filters, one page of rows from SQL, and tick boxes.

What the supervisor ticks is kept as cases and the versions she saw (``dashboard.picking``),
across pages and whatever others move meanwhile; the reassignment form acts on those.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from auth.roles import Actor
from dashboard.case_lists import pager, read_page, steady_view
from dashboard.data import run_query
from dashboard.domain import OPEN_STATUSES
from dashboard.picking import current_picks, picking_table
from dashboard.selection import Picks
from dashboard.ui import label, t
from queries.case_list import SORTS, CaseListOptions, open_case_page
from queries.filters import CaseFilters

#: The queue's list of picks (``dashboard.picking``).
QUEUE = "casos"


def queue_options(actor: Actor) -> CaseListOptions:
    """Status, overdue only, unassigned only, search and order (all but search in the URL)."""
    status_column, sort_column = st.columns([3, 2])
    statuses = status_column.multiselect(
        t("bandejas.status"),
        options=list(OPEN_STATUSES),
        format_func=lambda status: label("status", status),
        placeholder=t("filters.all"),
        key="estado",
        bind="query-params",
    )
    sort = sort_column.selectbox(
        t("bandejas.sort"),
        options=list(SORTS),
        format_func=lambda order: t(f"bandejas.sort.{order}"),
        key="orden",
        bind="query-params",
        placeholder=t("form.choose"),
    )
    overdue_column, unassigned_column, search_column = st.columns([1, 1, 2])
    overdue = overdue_column.toggle(t("bandejas.overdue_only"), key="vencidas", bind="query-params")
    unassigned = unassigned_column.toggle(
        t("bandejas.unassigned_only"), key="sin_asignar", bind="query-params"
    )
    # Not kept in the URL: a DNI typed here must not end up in links or server logs.
    search = search_column.text_input(
        t("bandejas.search"),
        help=t("bandejas.search.dni" if actor.may_search_by_dni else "bandejas.search.code"),
        key="buscar",
    )
    return CaseListOptions(
        statuses=tuple(statuses),
        overdue_only=overdue,
        unassigned_only=unassigned,
        search=search,
        search_dni=actor.may_search_by_dni,
        sort=sort,
    )


def case_table(filters: CaseFilters, options: CaseListOptions, show_dni: bool) -> Picks:
    """Draw one page of the queue; return the cases picked in it (on any page)."""
    view, filters = steady_view(QUEUE, filters, options)
    page_key = f"pagina:{view}"
    number, rows = read_page(
        page_key, lambda page: run_query(open_case_page, filters, replace(options, page=page))
    )
    if rows.empty:
        st.info(t("bandejas.no_cases"))
        return current_picks(QUEUE)
    picks = picking_table(
        _readable(rows),
        name=QUEUE,
        view=f"{view}:{number}",
        hide_index=True,
        width="stretch",
        column_order=["code", "status", "priority", "department", "assignee", "category",
                      "created_at", "due_at", *(["dni"] if show_dni else [])],
        column_config=_columns(),
        kinds={"created_at": "date", "due_at": "date"},
        marks={"due_at": "overdue"},
    )  # fmt: skip
    pager(page_key, number, int(rows["total"].iloc[0]), "bandejas.showing")
    return picks


def _readable(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.assign(
        status=rows["status"].map(lambda status: label("status", status)),
        priority=rows["priority"].map(lambda priority: label("priority", priority)),
        assignee=rows["assignee"].fillna(t("bandejas.unassigned")),
        dni=rows["dni"].fillna(t("citizen.no_dni")),
        overdue=rows["overdue"].astype(bool),
    )


def _columns() -> dict:
    """Fixed widths, so that the queue fits its page at 1440 pixels with no sideways scroll:
    days, not minutes (the detail gives the times); an overdue case's due date marked rather
    than a column of its own; long names cut (a column can be widened, and the picked case's
    detail under the table has them whole)."""
    return {
        "code": st.column_config.TextColumn(t("table.case"), width=118),
        "status": st.column_config.TextColumn(t("field.status"), width=76),
        "priority": st.column_config.TextColumn(t("field.priority"), width=68),
        "department": st.column_config.TextColumn(t("table.department"), width=160),
        "assignee": st.column_config.TextColumn(t("table.assignee"), width=125),
        "category": st.column_config.TextColumn(t("field.category"), width=130),
        "created_at": st.column_config.DatetimeColumn(t("field.created_at"), width=82),
        "due_at": st.column_config.DatetimeColumn(
            t("field.due_at"), help=t("bandejas.col.due"), width=96
        ),
        "dni": st.column_config.TextColumn(t("table.dni"), help=t("field.dni"), width=80),
    }
