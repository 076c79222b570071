"""Bandejas: what is waiting, what is overdue, who is overloaded, and what to move where."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.age_profile import age_profile_chart
from dashboard.case_view import case_detail, case_record
from dashboard.data import run_query
from dashboard.exports import export_button
from dashboard.filter_bar import global_filters
from dashboard.picked_cases import picked_cases
from dashboard.picking import forget_picks
from dashboard.queue_table import QUEUE, case_table, queue_options
from dashboard.reassign_form import reassign_form, show_last_result
from dashboard.session import current_actor
from dashboard.ui import figure, t
from queries.queues import AGE_BUCKETS, assignee_queues, department_queues


def render() -> None:
    filters = global_filters()
    st.title(t("page.bandejas"))
    st.caption(t("bandejas.caption", as_of=filters.as_of.strftime("%d/%m/%Y %H:%M")))

    departments = run_query(department_queues, filters)
    people = run_query(assignee_queues, filters)
    open_column, overdue_column, unassigned_column = st.columns(3)
    figure(open_column, "metric.open_cases", departments["open_cases"].sum())
    figure(overdue_column, "metric.overdue", departments["overdue_cases"].sum())
    unassigned = people.loc[people["assignee_id"].isna(), "open_cases"].sum()
    figure(unassigned_column, "metric.unassigned", unassigned)
    if departments.empty:  # also after moving the last case away: say how that went
        show_last_result()
        st.info(t("bandejas.empty"))
        return

    age_profile_chart(departments)
    _queue_table("bandejas.by_department", departments, "department")
    export_button("bandejas_por_area", departments, filters)
    _queue_table("bandejas.by_assignee", people, "assignee")

    st.header(t("bandejas.cases"))
    show_last_result()
    actor = current_actor()
    picks = case_table(filters, queue_options(actor), show_dni=actor.may_search_by_dni)
    if not picks:
        return
    picked_cases(QUEUE, picks)
    if len(picks) == 1:
        record = case_record(next(iter(picks)))
        if record is not None:
            st.subheader(t("bandejas.detail", code=record["code"]))
            case_detail(record)
    if actor.may_reassign and reassign_form(picks, filters.as_of):
        forget_picks(QUEUE)
        st.rerun()


def _queue_table(title_key: str, frame: pd.DataFrame, name_column: str) -> None:
    st.subheader(t(title_key))
    ages = {
        f"age_{bucket}": st.column_config.NumberColumn(t(f"age.{bucket}"), format="localized")
        for bucket in AGE_BUCKETS
    }
    shown = frame.assign(**{name_column: frame[name_column].fillna(t("bandejas.unassigned"))})
    order = ["department", "assignee", "open_cases", "overdue_cases", *ages,
             "oldest_created_at", "weekly_capacity", "load"]  # fmt: skip
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_order=[column for column in order if column in shown],
        column_config={
            "department": st.column_config.TextColumn(t("table.department")),
            "assignee": st.column_config.TextColumn(t("table.assignee")),
            "open_cases": st.column_config.NumberColumn(t("table.open"), format="localized"),
            "overdue_cases": st.column_config.NumberColumn(t("table.overdue"), format="localized"),
            **ages,
            "oldest_created_at": st.column_config.DatetimeColumn(
                t("table.oldest"), format="DD/MM/YYYY"
            ),
            "weekly_capacity": st.column_config.NumberColumn(t("col.weekly_capacity")),
            "load": st.column_config.NumberColumn(t("col.load"), format="%.1f"),
        },
    )
    st.caption(t("col.load.def"))
