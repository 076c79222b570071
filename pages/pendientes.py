"""Pendientes por área: is each department's backlog growing, and which one grows most."""

from __future__ import annotations

from datetime import datetime
from functools import partial

import pandas as pd
import streamlit as st

from dashboard.age_profile import age_profile_chart
from dashboard.charts import mark_process_changes, weekly_flows
from dashboard.data import run_query
from dashboard.exports import export_button
from dashboard.filter_bar import global_filters
from dashboard.formats import format_datetime
from dashboard.i18n import format_decimal, format_percent
from dashboard.links import request_page
from dashboard.process_changes_view import changes_to_mark
from dashboard.tables import show_table
from dashboard.ui import chart, figure, language, or_dash, t
from queries.backlog import growth_ranking, weekly_department_flows, weekly_totals
from queries.queues import department_queues

AREAS_KEY = "pendientes.areas"


def render() -> None:
    filters = global_filters()
    st.title(t("page.pendientes"))
    st.caption(t("pendientes.caption", as_of=format_datetime(filters.as_of, language())))

    weekly = run_query(weekly_department_flows, filters)
    if weekly.empty:
        st.info(t("empty.period"))
        return
    ranking = growth_ranking(weekly)
    _headline(ranking)
    _weekly_chart(weekly_totals(weekly), filters.as_of)

    st.subheader(t("pendientes.ranking"))
    _ranking_table(ranking)
    export_button("pendientes_por_area", ranking, filters)

    st.subheader(t("pendientes.ages"))
    age_profile_chart(run_query(department_queues, filters))


def _headline(ranking: pd.DataFrame) -> None:
    start, end = ranking["backlog_start"].sum(), ranking["backlog_end"].sum()
    inflow, outflow = ranking["inflow"].sum(), ranking["outflow"].sum()
    columns = st.columns(4)
    figure(columns[0], "metric.backlog_start", start)
    figure(columns[1], "metric.backlog_end", end)
    figure(columns[2], "metric.backlog_growth", end - start)
    figure(columns[3], "metric.flow_ratio", inflow / outflow if outflow else float("nan"), 2)


def _weekly_chart(totals: pd.DataFrame, as_of: datetime) -> None:
    """The weeks' flows and backlog, with the process changes of those weeks marked."""
    weekly = weekly_flows(
        totals,
        labels={key: t(f"pendientes.series.{key}") for key in ("inflow", "outflow", "backlog")},
        title=t("pendientes.chart.title"),
        week_axis=t("pendientes.chart.week_axis"),
        flow_axis=t("pendientes.chart.flow_axis"),
        backlog_axis=t("pendientes.chart.backlog_axis"),
        lang=language(),
    )
    mark_process_changes(weekly, changes_to_mark(totals["week_start"].min(), as_of), language())
    chart(weekly, t("pendientes.chart.def"))


def _ranking_table(ranking: pd.DataFrame) -> None:
    """Every department, most growth first; choosing one opens its queue on the same view."""
    lang = language()
    # Shares and ratios written the local way, with a dash where they are undefined.
    shown = ranking.assign(
        growth_share=[or_dash(format_percent, share, lang) for share in ranking["growth_share"]],
        ratio=[or_dash(format_decimal, ratio, lang, 2) for ratio in ranking["ratio"]],
    )
    count = {"format": "localized"}
    show_table(
        shown,
        hide_index=True,
        width="stretch",
        on_select=partial(_open_queue, shown["department_id"].tolist()),
        selection_mode="single-row",
        key=AREAS_KEY,
        column_order=["department", "backlog_start", "backlog_end", "growth", "growth_share",
                      "inflow", "outflow", "ratio"],
        column_config={
            "department": st.column_config.TextColumn(
                t("table.department"), width=260, pinned=True
            ),
            "backlog_start": st.column_config.NumberColumn(t("col.backlog_start"), **count),
            "backlog_end": st.column_config.NumberColumn(t("col.backlog_end"), **count),
            "growth": st.column_config.NumberColumn(t("col.growth"), **count),
            "growth_share": st.column_config.TextColumn(t("col.growth_share")),
            "inflow": st.column_config.NumberColumn(t("col.inflow"), **count),
            "outflow": st.column_config.NumberColumn(t("col.outflow"), **count),
            "ratio": st.column_config.TextColumn(t("col.ratio")),
        },
    )  # fmt: skip
    st.caption(t("pendientes.ranking.def"))


def _open_queue(department_ids: list[int]) -> None:
    """The department picked in the ranking opens in Bandejas, with the other filters kept."""
    rows = st.session_state[AREAS_KEY]["selection"]["rows"]
    if rows:
        request_page("bandejas", area=[department_ids[rows[0]]])
