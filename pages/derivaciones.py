"""Derivaciones: how cases travel between departments and actors, and where they bounce."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.case_lists import paged_journeys
from dashboard.case_view import case_detail, case_record
from dashboard.charts import NODE_COLOURS, flow_sankey, horizontal_bars
from dashboard.data import run_query
from dashboard.exports import export_button
from dashboard.filter_bar import global_filters
from dashboard.formats import format_datetime
from dashboard.i18n import format_int
from dashboard.tables import show_table
from dashboard.ui import chart, figure, label, language, t
from queries.filters import CaseFilters
from queries.referrals import (
    CLOSED,
    DWELL_MIN_STAYS,
    NODES_PER_STEP,
    OPEN,
    OTHERS,
    OTHERS_OUTSIDE,
    department_dwell,
    flow_cases,
    hops_distribution,
    many_hops_cases,
    ping_pong_cases,
    referral_destinations,
    referral_flows,
    referral_sankey,
    referral_summary,
)

#: Choices of the diagram's minimum flow (cases); the default is about 1 % of the period's.
MIN_FLOW_CHOICES = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
#: Lists of cases a reader can open: the chosen flow's, the ping-pong ones, the long ones.
CASE_LISTS = ("flujo", "ida_y_vuelta", "muchos_saltos")


def render() -> None:
    filters = global_filters()
    st.title(t("page.derivaciones"))
    st.caption(t("derivaciones.caption", as_of=format_datetime(filters.as_of, language())))

    summary = run_query(referral_summary, filters).iloc[0]
    if not summary["cases"]:
        st.info(t("empty.period"))
        return
    _headline(summary)
    _diagram(filters, int(summary["cases"]))
    _hops_and_destinations(filters)
    _dwell(filters, int(summary["stays_ending_before_start"]))

    st.header(t("derivaciones.flows"))
    flows = run_query(referral_flows, filters)
    _flow_table(flows)
    export_button("derivaciones_flujos", flows, filters)

    st.header(t("derivaciones.cases"))
    code = _case_list(filters, flows)
    record = case_record(code) if code else None
    if record is not None:
        st.subheader(t("bandejas.detail", code=record["code"]))
        case_detail(record)


def _headline(summary: pd.Series) -> None:
    columns = st.columns(5)
    figure(columns[0], "metric.cohort", summary["cases"])
    figure(columns[1], "metric.referral_rate", summary["referral_rate"], share=True)
    figure(columns[2], "metric.mean_hops", summary["mean_hops"], 2)
    figure(columns[3], "metric.ping_pong", summary["ping_pong_cases"])
    figure(columns[4], "metric.many_hops", summary["many_hops_cases"])


def _diagram(filters: CaseFilters, cases: int) -> None:
    st.header(t("derivaciones.diagram"))
    usual = max([choice for choice in MIN_FLOW_CHOICES if choice <= cases / 100] or [1])
    minimum = st.select_slider(
        t("derivaciones.min_flow"), options=MIN_FLOW_CHOICES, value=usual, key="flujo_minimo",
        help=t("derivaciones.min_flow.help", nodes=NODES_PER_STEP),
    )  # fmt: skip
    links = run_query(referral_sankey, filters, minimum)
    names = {code: t(f"node.{code}") for code in (OTHERS, OTHERS_OUTSIDE, CLOSED, OPEN)}
    legend = {key: t(f"node.legend.{key}") for key in NODE_COLOURS}
    diagram = flow_sankey(
        links, names=names, legend=legend, title=t("derivaciones.diagram.title"),
        hover=t("derivaciones.diagram.hover"), lang=language(),
    )  # fmt: skip
    chart(diagram, t("derivaciones.diagram.def"))


def _hops_and_destinations(filters: CaseFilters) -> None:
    lang = language()
    hops_column, kinds_column = st.columns(2)
    hops = run_query(hops_distribution, filters)
    chart(
        horizontal_bars(
            hops.assign(hops=[_hops_label(h) for h in hops["hops"]]),
            category="hops", value="cases", share="share", title=t("derivaciones.hops.title"),
            value_axis=t("chart.cases_axis"), category_axis=t("col.hops"), lang=lang,
        ),
        t("derivaciones.hops.def"), hops_column,
    )  # fmt: skip
    kinds = run_query(referral_destinations, filters)
    chart(
        horizontal_bars(
            kinds.assign(kind=[label("department_kind", kind) for kind in kinds["kind"]]),
            category="kind", value="referrals", share="share",
            title=t("derivaciones.destinations.title"), value_axis=t("col.referrals"),
            category_axis=t("col.destination_kind"), lang=lang,
        ),
        t("derivaciones.destinations.def"), kinds_column,
    )  # fmt: skip


def _hops_label(hops: object) -> str:
    """ "1 salto", "2 saltos", "4+ saltos": the bucket of the hops chart in words."""
    if str(hops) == "1":
        return t("derivaciones.hops_label.one")
    return t("derivaciones.hops_label", hops=hops)


def _dwell(filters: CaseFilters, ending_before_start: int) -> None:
    st.subheader(t("derivaciones.dwell"))
    # Longest median wait first (the query's order); a header click sorts otherwise.
    dwell = run_query(department_dwell, filters)
    show_table(
        dwell.assign(
            kind=[label("department_kind", kind) for kind in dwell["kind"]],
            median_days=dwell["median_hours"] / 24,
            p90_days=dwell["p90_hours"] / 24,
            running_days=dwell["running_median_hours"] / 24,
        ),
        hide_index=True,
        width="stretch",
        height=35 * 11 + 3,
        column_order=["department", "kind", "stays", "median_days", "p90_days", "running",
                      "running_days"],
        column_config={
            "department": st.column_config.TextColumn(t("table.department")),
            "kind": st.column_config.TextColumn(t("col.kind")),
            "stays": st.column_config.NumberColumn(t("col.stays")),
            "median_days": st.column_config.NumberColumn(t("col.median_days")),
            "p90_days": st.column_config.NumberColumn(t("col.p90_days")),
            "running": st.column_config.NumberColumn(t("col.running_stays")),
            "running_days": st.column_config.NumberColumn(t("col.running_days")),
        },
    )  # fmt: skip
    if ending_before_start:
        st.caption(
            t("derivaciones.dwell.left_out", stays=format_int(ending_before_start, language()))
        )
    st.caption(t("derivaciones.dwell.def", stays=format_int(DWELL_MIN_STAYS, language())))


def _flow_table(flows: pd.DataFrame) -> None:
    show_table(
        flows.assign(median_days=flows["median_hours"] / 24),
        hide_index=True,
        width="stretch",
        height=35 * 11 + 3,
        column_order=["origin", "destination", "cases", "moves", "median_days"],
        column_config={
            "origin": st.column_config.TextColumn(t("col.origin"), width="medium"),
            "destination": st.column_config.TextColumn(t("col.destination"), width="medium"),
            "cases": st.column_config.NumberColumn(t("table.cases")),
            "moves": st.column_config.NumberColumn(t("col.moves")),
            "median_days": st.column_config.NumberColumn(t("col.next_step_days")),
        },
    )
    st.caption(t("derivaciones.flows.def"))


def _case_list(filters: CaseFilters, flows: pd.DataFrame) -> str | None:
    """The list the reader chose; returns the code of the case picked in it."""
    chosen = st.segmented_control(
        t("derivaciones.list"), options=list(CASE_LISTS),
        format_func=lambda name: t(f"derivaciones.list.{name}"), default=CASE_LISTS[0],
        required=True, key="lista_casos",
    )  # fmt: skip
    if chosen == "ida_y_vuelta":
        return paged_journeys(ping_pong_cases, filters, key="ida_y_vuelta")
    if chosen == "muchos_saltos":
        return paged_journeys(many_hops_cases, filters, key="muchos_saltos")
    flow = _chosen_flow(flows)
    if flow is None:
        return None
    st.caption(t("derivaciones.flow_count", cases=format_int(flow["cases"], language())))
    return paged_journeys(
        flow_cases, filters, int(flow["origin_id"]), int(flow["destination_id"]), key="flujo"
    )


def _chosen_flow(flows: pd.DataFrame) -> pd.Series | None:
    """Origin, then one of its destinations, among the flows of the table above."""
    if flows.empty:
        st.info(t("derivaciones.no_cases"))
        return None
    origin_column, destination_column = st.columns(2)
    origins = dict(zip(flows["origin_id"], flows["origin"], strict=True))
    origin = origin_column.selectbox(
        t("derivaciones.origin"), options=list(origins), format_func=origins.__getitem__,
        key="flujo_origen", placeholder=t("form.choose"),
    )  # fmt: skip
    leaving = flows[flows["origin_id"] == origin]
    destinations = dict(zip(leaving["destination_id"], leaving["destination"], strict=True))
    destination = destination_column.selectbox(
        t("derivaciones.destination"), options=list(destinations),
        format_func=destinations.__getitem__, key="flujo_destino", placeholder=t("form.choose"),
    )  # fmt: skip
    return leaving[leaving["destination_id"] == destination].iloc[0]
