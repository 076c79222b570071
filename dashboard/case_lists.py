"""Lists of cases paged in SQL: a page of rows, the total, a page number, and rows to open.

The queue (``queue_table``) and the referral lists (ping-pong, long journeys, a flow's cases)
page the same way, so the reader always sees which rows of how many are on screen.

A selection is a set of row positions, so it belongs to the rows it was made on. The
filters' cut-off moves every minute; were it part of a list's identity, a person filling in
the reassignment form would see the list rebuilt, and the selection and form gone, at the
next minute. So each view of a list keeps the cut-off of its first run (``steady_view``)
until its filters or contents change, or for ``PIN_FOR`` at most.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pandas as pd
import streamlit as st

from dashboard.data import run_query
from dashboard.i18n import format_int
from dashboard.ui import label, language, t
from queries.case_list import PAGE_SIZE
from queries.filters import CaseFilters

PINNED_KEY = "listas.corte"
#: Longest a list keeps an old cut-off: enough to fill in a form, short enough not to mislead.
PIN_FOR = timedelta(minutes=10)


def steady_view(name: str, filters: CaseFilters, *view: object) -> tuple[str, CaseFilters]:
    """The key of this view of the list ``name`` and its filters, with the cut-off pinned
    to the one of the view's first run (``view``: whatever else defines what is listed)."""
    key = f"{name}:{hash((replace(filters, as_of=None), *view))}"
    pinned = st.session_state.setdefault(PINNED_KEY, {})
    pinned_key, as_of = pinned.get(name, (None, None))
    if pinned_key != key or filters.as_of - as_of > PIN_FOR:
        as_of = filters.as_of
        pinned[name] = (key, as_of)
    return key, replace(filters, as_of=as_of)


def pager(key: str, number: int, total: int, caption_key: str) -> None:
    """Which rows of how many are shown, and the page number input (kept under ``key``)."""
    pages = max(1, -(-total // PAGE_SIZE))
    lang = language()
    first = (number - 1) * PAGE_SIZE + 1
    last = min(number * PAGE_SIZE, total)
    caption_column, page_column = st.columns([3, 1])
    caption_column.caption(
        t(caption_key, first=format_int(first, lang), last=format_int(last, lang),
          total=format_int(total, lang), pages=format_int(pages, lang))
    )  # fmt: skip
    page_column.number_input(t("bandejas.page"), min_value=1, max_value=pages, step=1, key=key)


def paged_journeys(
    read: Callable[..., pd.DataFrame], filters: CaseFilters, *args: object, key: str
) -> str | None:
    """One page of ``read(connection, filters, *args, page)`` (rows of ``code, status,
    department, created_at, hops, path, total``); returns the code of the row picked."""
    view, filters = steady_view(key, filters, *args)
    number = st.session_state.get(f"{view}:pagina", 1)
    rows = run_query(read, filters, *args, number - 1)
    if rows.empty:
        st.info(t("derivaciones.no_cases"))
        return None
    picked = st.dataframe(
        rows.assign(status=rows["status"].map(lambda status: label("status", status))),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=f"{view}:{number}",
        column_order=["code", "hops", "status", "department", "created_at", "path"],
        column_config={
            "code": st.column_config.TextColumn(t("table.case")),
            "hops": st.column_config.NumberColumn(t("col.hops")),
            "status": st.column_config.TextColumn(t("field.status")),
            "department": st.column_config.TextColumn(t("col.current_department")),
            "created_at": st.column_config.DatetimeColumn(
                t("field.created_at"), format="DD/MM/YYYY"
            ),
            "path": st.column_config.TextColumn(t("col.path"), width="large"),
        },
    )
    pager(f"{view}:pagina", number, int(rows["total"].iloc[0]), "derivaciones.showing")
    rows_picked = picked.selection.rows
    return rows["code"].iloc[rows_picked[0]] if rows_picked else None
