"""Sobrecarga: where teams are drowning, where demand jumped, and where in the province."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.charts import ratio_heatmap
from dashboard.data import run_query
from dashboard.exports import export_button
from dashboard.filter_bar import global_filters
from dashboard.formats import format_datetime
from dashboard.i18n import format_decimal, format_int, format_percent
from dashboard.maps import partido_map
from dashboard.tables import show_table
from dashboard.ui import chart, figure, label, language, or_dash, t
from queries.backlog import weekly_department_flows
from queries.overload import overload_hotspots, weekly_ratios
from queries.spikes import BASELINE_WEEKS, department_spikes, partido_spikes, unjudged_units
from queries.territory import partido_measures, unplaced_cases

#: Map measures: column → how its values are written.
MAP_MEASURES = {"open_per_10k": "rate", "inflow_per_10k": "rate", "overdue_share": "share"}


def render() -> None:
    filters = global_filters()
    st.title(t("page.sobrecarga"))
    st.caption(t("sobrecarga.caption", as_of=format_datetime(filters.as_of, language())))

    hotspots = run_query(overload_hotspots, filters)
    department_jumps = run_query(department_spikes, filters)
    partido_jumps = run_query(partido_spikes, filters)
    columns = st.columns(4)
    figure(columns[0], "metric.hot_departments", int((hotspots["hot_measures"] > 0).sum()))
    figure(columns[1], "metric.over_capacity", int((hotspots["load"] > 1).sum()))
    figure(columns[2], "metric.department_spikes", len(department_jumps))
    figure(columns[3], "metric.partido_spikes", len(partido_jumps))

    st.header(t("sobrecarga.hotspots"))
    _hotspot_table(hotspots)
    export_button("sobrecarga_areas", hotspots, filters)
    _heatmap(run_query(weekly_department_flows, filters), hotspots["department_id"].tolist())

    st.header(t("sobrecarga.map"))
    _partido_map(run_query(partido_measures, filters))

    st.header(t("sobrecarga.spikes"))
    st.caption(t("sobrecarga.spikes.def"))
    _unjudged(run_query(unjudged_units, filters))
    _spike_table("sobrecarga.spikes.departments", department_jumps, "department")
    _spike_table(
        "sobrecarga.spikes.partidos",
        partido_jumps.assign(partido=partido_jumps["partido"].fillna(t("partido.none"))),
        "partido",
    )


def _hotspot_table(hotspots: pd.DataFrame) -> None:
    lang = language()
    shown = hotspots.assign(
        reasons=[
            ", ".join(label("hot", code) for code in reasons.split(",")) if reasons else "—"
            for reasons in hotspots["reasons"]
        ],
        overdue_share=[or_dash(format_percent, share, lang) for share in hotspots["overdue_share"]],
        recent_ratio=[
            or_dash(format_decimal, ratio, lang, 2) for ratio in hotspots["recent_ratio"]
        ],
        recent_growth_share=[
            or_dash(format_percent, share, lang) for share in hotspots["recent_growth_share"]
        ],
    )
    decimal = {"format": "%.1f"}
    show_table(
        shown,
        hide_index=True,
        width="stretch",
        column_order=["department", "reasons", "load", "open_cases", "weekly_capacity", "staff",
                      "open_per_staff", "capacity_per_staff", "overdue_share", "recent_ratio",
                      "recent_growth_weeks"],
        column_config={
            "department": st.column_config.TextColumn(
                t("table.department"), width=340, pinned=True
            ),
            "reasons": st.column_config.TextColumn(t("col.reasons"), width="large"),
            "load": st.column_config.NumberColumn(t("col.load"), **decimal),
            "open_cases": st.column_config.NumberColumn(t("table.open"), format="localized"),
            "weekly_capacity": st.column_config.NumberColumn(
                t("col.capacity.short"), help=t("col.weekly_capacity")
            ),
            "staff": st.column_config.NumberColumn(t("col.staff")),
            "open_per_staff": st.column_config.NumberColumn(t("col.open_per_staff"), **decimal),
            "capacity_per_staff": st.column_config.NumberColumn(
                t("col.capacity_per_staff"), **decimal
            ),
            "overdue_share": st.column_config.TextColumn(t("col.overdue_share")),
            "recent_ratio": st.column_config.TextColumn(t("col.recent_ratio")),
            "recent_growth_weeks": st.column_config.NumberColumn(
                t("col.recent_growth"), format="%.2f"
            ),
        },
    )  # fmt: skip
    st.caption(t("sobrecarga.hotspots.def"))


def _heatmap(weekly: pd.DataFrame, department_ids: list[int]) -> None:
    ratios = weekly_ratios(weekly, department_ids)
    if ratios.empty:
        st.info(t("empty.period"))
        return
    heatmap = ratio_heatmap(
        ratios,
        title=t("sobrecarga.heatmap.title"),
        week_axis=t("pendientes.chart.week_axis"),
        colorbar_title=t("sobrecarga.heatmap.colorbar"),
        hover=t("sobrecarga.heatmap.hover"),
        lang=language(),
    )
    chart(heatmap, t("sobrecarga.heatmap.def"))


def _partido_map(measures: pd.DataFrame) -> None:
    chosen = st.segmented_control(
        t("sobrecarga.map.measure"),
        options=list(MAP_MEASURES),
        format_func=lambda column: t(f"map.{column}"),
        default="open_per_10k",
        required=True,
        key="medida_mapa",
        bind="query-params",
    )
    lang = language()
    province = partido_map(
        measures,
        value=chosen,
        title=t("sobrecarga.map.title", measure=t(f"map.{chosen}")),
        colorbar_title=t(f"map.{chosen}.unit"),
        value_label=t(f"map.{chosen}"),
        lang=lang,
        value_kind=MAP_MEASURES[chosen],
        hover_columns={
            "open_cases": (t("table.open"), "count"),
            "inflow": (t("col.inflow"), "count"),
            "population": (t("col.population"), "count"),
        },
        missing_label=t("map.missing"),
        inset_title=t("map.inset"),
        note=t("map.sources"),
    )
    chart(province, t(f"map.{chosen}.def") + " " + t("map.sources"))
    unplaced = unplaced_cases(measures)
    if unplaced["in_filter"] and (unplaced["open_cases"] or unplaced["inflow"]):
        lang = language()
        st.caption(
            t("map.unplaced", open=format_int(unplaced["open_cases"], lang),
              inflow=format_int(unplaced["inflow"], lang))
        )  # fmt: skip


def _unjudged(units: pd.DataFrame) -> None:
    """Say how many units had too little history to be judged, if any."""
    count = units.set_index("unit")["units"]
    if count.sum():
        lang = language()
        st.caption(
            t("sobrecarga.spikes.unjudged", departments=format_int(count["department"], lang),
              partidos=format_int(count["partido"], lang), weeks=BASELINE_WEEKS)
        )  # fmt: skip


def _spike_table(title_key: str, spikes: pd.DataFrame, name_column: str) -> None:
    st.subheader(t(title_key))
    if spikes.empty:
        st.info(t("sobrecarga.spikes.none"))
        return
    count = {"format": "localized"}
    lang = language()
    times = [or_dash(format_decimal, ratio, lang) for ratio in spikes["ratio"]]
    show_table(
        spikes.assign(ratio=[shown if shown == "—" else f"{shown}×" for shown in times]),
        hide_index=True,
        width="stretch",
        column_order=[name_column, "week_start", "inflow", "baseline_median", "threshold",
                      "excess", "ratio"],
        column_config={
            "department": st.column_config.TextColumn(t("table.department")),
            "partido": st.column_config.TextColumn(t("col.partido")),
            "week_start": st.column_config.DateColumn(t("col.week"), format="DD/MM/YYYY"),
            "inflow": st.column_config.NumberColumn(t("col.inflow"), **count),
            "baseline_median": st.column_config.NumberColumn(t("col.baseline"), format="%.1f"),
            "threshold": st.column_config.NumberColumn(t("col.threshold"), format="%.1f"),
            "excess": st.column_config.NumberColumn(t("col.excess"), format="%.0f"),
            "ratio": st.column_config.TextColumn(t("col.spike_ratio")),
        },
    )  # fmt: skip
