"""Lists of cases paged in SQL: a page of rows, the total, a page number, and rows to open.

The queue (``queue_table``) and the referral lists (ping-pong, long journeys, a flow's cases)
page the same way, so the reader always sees which rows of how many are on screen. What a
reader ticks is kept as cases, not rows (``dashboard.picking``).

The filters' cut-off moves every minute; were it part of a list's identity, a person going
through the pages would see the list change under her at the next minute. So each view of a
list keeps the cut-off of its first run (``steady_view``) until its filters change, or for
``PIN_FOR`` at most, or until someone writes (``data.clear_cached_queries``): the list reads
the cases' states at its cut-off, and an older one would not show the write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pandas as pd
import streamlit as st

from dashboard.data import last_write, run_query
from dashboard.i18n import format_int
from dashboard.picking import picking_table
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
    if pinned_key != key or filters.as_of - as_of > PIN_FOR or as_of <= last_write():
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


def read_page(key: str, read: Callable[[int], pd.DataFrame]) -> tuple[int, pd.DataFrame]:
    """The page number kept under ``key`` and its rows (``read(page)``, 0-based), or the
    first page when the list shrank below the one asked for (others moved cases away)."""
    number = st.session_state.get(key, 1)
    rows = read(number - 1)
    if rows.empty and number > 1:
        number = st.session_state[key] = 1
        rows = read(0)
    return number, rows


def paged_journeys(
    read: Callable[..., pd.DataFrame], filters: CaseFilters, *args: object, key: str
) -> str | None:
    """One page of ``read(connection, filters, *args, page)`` (rows of ``code, version,
    status, department, created_at, hops, path, total``); returns the code of the case
    picked in this list, wherever it is now."""
    view, filters = steady_view(key, filters, *args)
    page_key = f"{view}:pagina"
    number, rows = read_page(page_key, lambda page: run_query(read, filters, *args, page))
    if rows.empty:
        st.info(t("derivaciones.no_cases"))
        return None
    picks = picking_table(
        rows.assign(status=rows["status"].map(lambda status: label("status", status))),
        name=key,
        view=f"{view}:{number}",
        single=True,
        hide_index=True,
        width="stretch",
        column_order=["code", "hops", "status", "department", "created_at", "path"],
        kinds={"created_at": "date"},
        column_config={
            "code": st.column_config.TextColumn(t("table.case")),
            "hops": st.column_config.NumberColumn(t("col.hops")),
            "status": st.column_config.TextColumn(t("field.status")),
            "department": st.column_config.TextColumn(t("col.current_department")),
            "created_at": st.column_config.DatetimeColumn(t("field.created_at")),
            "path": st.column_config.TextColumn(t("col.path"), width="large"),
        },
    )
    pager(page_key, number, int(rows["total"].iloc[0]), "derivaciones.showing")
    return next(iter(picks), None)
