"""One case in depth, as both the queue and the case search show it: its fields, where it
stands against its deadline, its path through departments and its full history.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from dashboard.data import reading_moment, run_query
from dashboard.deadlines import sla_state
from dashboard.domain import local_now
from dashboard.durations import business_duration
from dashboard.formats import format_datetime
from dashboard.session import current_actor
from dashboard.tables import show_table
from dashboard.ui import field_table, label, language, t
from queries.case_detail import case_path, case_timeline
from queries.cases import case_overview

CASE_FIELDS = ["code", "status", "priority", "category", "channel", "department", "assignee",
               "partido", "created_at", "due_at", "closed_at"]  # fmt: skip


def case_record(code: str) -> pd.Series | None:
    """The case as the reader may see it (citizen data masked), or ``None`` outside scope."""
    found = run_query(case_overview, code, current_actor().scope, reading_moment())
    return None if found.empty else found.iloc[0]


def case_detail(case: pd.Series) -> None:
    """Fields, where it stands against its deadline, its path and its event timeline."""
    case_facts(case)
    case_history(case["code"])


def case_facts(case: pd.Series) -> None:
    """Its fields and where it stands against its deadline: narrow enough to sit beside a
    form, where the (wide) path and timeline would be cut."""
    shown = case.copy()
    shown["status"] = label("status", case["status"])
    shown["priority"] = label("priority", case["priority"])
    if pd.isna(case["partido"]):
        shown["partido"] = t("partido.none")
    fields = CASE_FIELDS
    if is_anonymous(case):  # said among the fields, wherever the case is shown
        shown["citizen"] = t("citizen.anonymous")
        fields = [*CASE_FIELDS, "citizen"]
    field_table(shown, fields)
    _deadline(case)


def case_history(code: str) -> None:
    """Its path through departments and its full timeline of events."""
    _path(code)
    _timeline(code)


def is_anonymous(case: pd.Series) -> bool:
    """An anonymous report: no identified citizen behind the case, so nothing to reveal."""
    return pd.isna(case["citizen"])


def _deadline(case: pd.Series) -> None:
    """The SLA state in words: met or missed, overdue, paused or time left, in business time."""
    paused = _moment(case["paused_at"])
    state = sla_state(
        case["due_at"], paused_at=paused, closed_at=_moment(case["closed_at"]),
        overdue=bool(case["overdue"]), now=local_now(),
    )  # fmt: skip
    show = {"met": st.success, "missed": st.warning, "overdue": st.error}.get(state.state, st.info)
    lang = language()
    since = format_datetime(paused, lang) if paused else ""
    due = format_datetime(case["due_at"], lang)
    time = business_duration(state.hours, lang)
    show(t(f"sla.{state.state}", due=due, time=time, paused=since))
    st.caption(t("sla.def"))


def _moment(value: object) -> datetime | None:
    return None if value is None or pd.isna(value) else value


def _path(code: str) -> None:
    st.subheader(t("case.path"))
    path = run_query(case_path, code, current_actor().scope)
    entered = pd.to_datetime(path["entered_at"]).astype("datetime64[us]")
    left = pd.to_datetime(path["left_at"]).astype("datetime64[us]")
    stay = left.fillna(pd.Timestamp(local_now())) - entered
    path = path.assign(
        kind=path["kind"].map(lambda kind: label("department_kind", kind)),
        days=stay.dt.total_seconds() / 86_400,
    )
    _small_table(path, "case.col")
    st.caption(t("case.path.def"))


def _timeline(code: str) -> None:
    st.subheader(t("case.timeline"))
    events = run_query(case_timeline, code, current_actor().scope)
    events = events.assign(
        kind=events["kind"].map(lambda kind: label("event", kind)),
        from_status=events["from_status"].map(lambda status: label("status", status)),
        to_status=events["to_status"].map(lambda status: label("status", status)),
        reason=events["reason"].map(lambda reason: label("reason", reason)),
    ).rename(columns={"kind": "event"})
    if events["case_code"].nunique() <= 1:  # no case merged into it: the code says nothing
        events = events.drop(columns="case_code")
    _small_table(events, "case.col")


def _small_table(frame: pd.DataFrame, label_prefix: str) -> None:
    """A few rows, each column titled ``<label_prefix>.<column>``."""
    show_table(
        frame,
        hide_index=True,
        width="stretch",
        column_config={column: t(f"{label_prefix}.{column}") for column in frame.columns},
    )
