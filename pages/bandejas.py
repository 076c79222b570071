"""Bandejas: what is waiting, what is overdue, who is overloaded, and what to move where."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from auth.roles import Actor
from dashboard.age_profile import age_profile_chart
from dashboard.case_view import case_facts, case_history, case_record
from dashboard.data import run_query
from dashboard.exports import export_button
from dashboard.filter_bar import global_filters
from dashboard.formats import format_datetime
from dashboard.picked_cases import picked_cases
from dashboard.picking import forget_picks
from dashboard.queue_table import QUEUE, case_table, queue_options
from dashboard.reassign_form import reassign_form, show_last_result
from dashboard.session import current_actor
from dashboard.tables import show_table
from dashboard.ui import figure, language, t
from queries import catalogs
from queries.filters import CaseFilters
from queries.queues import AGE_BUCKETS, assignee_queues, department_queues


def render() -> None:
    filters = global_filters()
    actor = current_actor()
    st.title(t("page.bandejas"))
    st.caption(_scope(actor))
    st.caption(t("bandejas.caption", as_of=format_datetime(filters.as_of, language())))

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

    # The queue is what she came for: first, with the picked case and the form under it;
    # the summaries are one click away.
    queue_tab, summary_tab = st.tabs([t("bandejas.tab.queue"), t("bandejas.tab.summary")])
    with summary_tab:
        age_profile_chart(departments)
        _queue_table("bandejas.by_department", departments, "department", with_ages=True)
        export_button("bandejas_por_area", departments, filters)
        _queue_table("bandejas.by_assignee", people, "assignee", with_ages=False)
    with queue_tab:
        _queue(filters, actor)


def _scope(actor: Actor) -> str:
    """Name the departments the queue covers: the filter's "Todos" means *hers*, not all."""
    if not actor.department_ids:
        return t("bandejas.scope.all")
    names = run_query(catalogs.departments)
    mine = names.loc[names["id"].isin(actor.department_ids), "name"]
    return t("bandejas.scope", departments=", ".join(mine))


def _queue(filters: CaseFilters, actor: Actor) -> None:
    """The case list, the picked case's detail and the reassignment form."""
    st.header(t("bandejas.cases"))
    show_last_result()
    picks = case_table(filters, queue_options(actor), show_dni=actor.may_search_by_dni)
    if not picks:
        return
    picked_cases(QUEUE, picks)
    record = case_record(next(iter(picks))) if len(picks) == 1 else None
    # One case and a form: side by side, so the move is decided with the case in view.
    if record is not None and actor.may_reassign:
        detail, action = st.columns([2, 3], gap="medium")
    else:
        detail = action = st.container()
    if record is not None:
        with detail:
            st.subheader(t("bandejas.detail", code=record["code"]))
            case_facts(record)
    if actor.may_reassign:
        with action:
            if reassign_form(picks, filters.as_of):
                forget_picks(QUEUE)
                st.rerun()
    if record is not None:  # wide tables: under both columns
        case_history(record["code"])


def _queue_table(title_key: str, frame: pd.DataFrame, name_column: str, with_ages: bool) -> None:
    """Short headers (the long wording is in each header's help) and fixed widths, so that
    the table fits its page at 1440 pixels; the per-person table leaves the age bands to the
    per-department one (with two name columns they would not fit)."""
    st.subheader(t(title_key))
    ages = {
        f"age_{bucket}": st.column_config.NumberColumn(
            t(f"age.short.{bucket}"), help=t(f"age.{bucket}"), format="localized", width=62
        )
        for bucket in AGE_BUCKETS
    }
    shown = frame.assign(**{name_column: frame[name_column].fillna(t("bandejas.unassigned"))})
    order = ["department", "assignee", "open_cases", "overdue_cases", *(ages if with_ages else []),
             "oldest_created_at", "weekly_capacity", "load"]  # fmt: skip
    count = {"format": "localized", "width": 72}
    show_table(
        shown,
        kinds={"oldest_created_at": "date"},
        hide_index=True,
        width="stretch",
        column_order=[column for column in order if column in shown],
        column_config={
            "department": st.column_config.TextColumn(t("table.department"), width=250),
            "assignee": st.column_config.TextColumn(t("table.assignee"), width=200),
            "open_cases": st.column_config.NumberColumn(t("table.open"), **count),
            "overdue_cases": st.column_config.NumberColumn(t("table.overdue"), **count),
            **ages,
            "oldest_created_at": st.column_config.DatetimeColumn(
                t("table.oldest.short"), help=t("table.oldest"), width=95
            ),
            "weekly_capacity": st.column_config.NumberColumn(
                t("col.capacity.short"), help=t("col.weekly_capacity"), width=80
            ),
            "load": st.column_config.NumberColumn(
                t("col.load.short"), help=t("col.load"), format="%.1f", width=60
            ),
        },
    )
    st.caption(t("col.load.def"))
