"""Resumen: the state of the hub at a glance for the chosen filters."""

from __future__ import annotations

import streamlit as st

from dashboard.charts import horizontal_bars
from dashboard.data import run_query
from dashboard.duplicates_view import duplicate_rate_figure
from dashboard.exports import export_button
from dashboard.filter_bar import global_filters
from dashboard.formats import format_datetime
from dashboard.tables import show_table
from dashboard.ui import chart, figure, language, t
from queries.summary import cases_by_channel, headline_figures


def render() -> None:
    filters = global_filters()
    st.title(t("page.resumen"))
    st.caption(t("resumen.caption", as_of=format_datetime(filters.as_of, language())))

    figures = run_query(headline_figures, filters).iloc[0]
    open_column, inflow_column, overdue_column, duplicate_column = st.columns(4)
    figure(open_column, "metric.open_cases", figures["open_cases"])
    figure(inflow_column, "metric.inflow_7d", figures["inflow_7d"])
    figure(overdue_column, "metric.overdue", figures["overdue_cases"])
    duplicate_rate_figure(duplicate_column, filters)

    by_channel = run_query(cases_by_channel, filters)
    if by_channel.empty:
        st.info(t("empty.period"))
        return
    bars = horizontal_bars(
        by_channel,
        category="channel",
        value="cases",
        share="share",
        title=t("chart.by_channel.title"),
        value_axis=t("chart.cases_axis"),
        category_axis=t("chart.channel_axis"),
        lang=language(),
    )
    chart(bars, t("chart.by_channel.def"))
    show_table(
        by_channel[["channel", "cases", "share"]],
        kinds={"share": "share"},
        hide_index=True,
        column_config={
            "channel": st.column_config.TextColumn(t("table.channel")),
            "cases": st.column_config.NumberColumn(t("table.cases")),
            "share": st.column_config.NumberColumn(t("chart.share")),
        },
    )
    export_button("resumen_por_canal", by_channel, filters)
