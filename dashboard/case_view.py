"""One case in depth, as both the queue and the case search show it: its fields, where it
stands against its deadline, its path through departments and its full history.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import run_query
from dashboard.domain import local_now
from dashboard.session import current_actor
from dashboard.ui import field_table, label, t
from queries.case_detail import case_path, case_timeline
from queries.cases import case_overview

CASE_FIELDS = ["code", "status", "priority", "category", "channel", "department", "assignee",
               "partido", "created_at", "due_at", "closed_at"]  # fmt: skip


def case_record(code: str) -> pd.Series | None:
    """The case as the reader may see it (citizen data masked), or ``None`` outside scope."""
    found = run_query(case_overview, code, current_actor().scope)
    return None if found.empty else found.iloc[0]


def case_detail(case: pd.Series) -> None:
    """Fields, path with time spent in each department, and the event timeline."""
    shown = case.copy()
    shown["status"] = label("status", case["status"])
    shown["priority"] = label("priority", case["priority"])
    field_table(shown, CASE_FIELDS)
    _path(case["code"])
    _timeline(case["code"])


def _path(code: str) -> None:
    st.subheader(t("case.path"))
    path = run_query(case_path, code, current_actor().scope)
    entered = pd.to_datetime(path["entered_at"]).astype("datetime64[us]")
    left = pd.to_datetime(path["left_at"]).astype("datetime64[us]")
    stay = left.fillna(pd.Timestamp(local_now())) - entered
    path = path.assign(days=stay.dt.total_seconds() / 86_400)
    path["kind"] = path["kind"].map(lambda kind: label("department_kind", kind))
    st.dataframe(
        path,
        hide_index=True,
        width="stretch",
        column_config={
            "department": st.column_config.TextColumn(t("case.col.department")),
            "kind": st.column_config.TextColumn(t("case.col.kind")),
            "entered_at": st.column_config.DatetimeColumn(
                t("case.col.entered_at"), format="DD/MM/YYYY HH:mm"
            ),
            "left_at": st.column_config.DatetimeColumn(
                t("case.col.left_at"), format="DD/MM/YYYY HH:mm"
            ),
            "days": st.column_config.NumberColumn(t("case.col.days"), format="%.1f"),
        },
    )
    st.caption(t("case.path.def"))


def _timeline(code: str) -> None:
    st.subheader(t("case.timeline"))
    events = run_query(case_timeline, code, current_actor().scope)
    events["kind"] = events["kind"].map(lambda kind: label("event", kind))
    for column in ("from_status", "to_status"):
        events[column] = events[column].map(lambda status: label("status", status))
    events["reason"] = events["reason"].map(lambda reason: label("reason", reason))
    st.dataframe(
        events,
        hide_index=True,
        width="stretch",
        column_config={
            "at": st.column_config.DatetimeColumn(t("case.col.at"), format="DD/MM/YYYY HH:mm"),
            "kind": st.column_config.TextColumn(t("case.col.event")),
            "actor": st.column_config.TextColumn(t("case.col.actor")),
            "from_department": st.column_config.TextColumn(t("case.col.from_department")),
            "to_department": st.column_config.TextColumn(t("case.col.to_department")),
            "from_status": st.column_config.TextColumn(t("case.col.from_status")),
            "to_status": st.column_config.TextColumn(t("case.col.to_status")),
            "reason": st.column_config.TextColumn(t("case.col.reason")),
            "note": st.column_config.TextColumn(t("case.col.note")),
        },
    )
