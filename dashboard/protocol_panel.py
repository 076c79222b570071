"""Cumplimiento del protocolo: a section any page can hold (the Indicadores page does).

The reader sets how many business days without news make a case stale, sees the departments
ranked by how often they skip a step of the protocol, the month-by-month series of each rule,
and, for one department and rule, the cases behind the figure, each opening the case page.
The figures and their definitions are those of ``queries.protocol``.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.case_lists import pager, read_page, steady_view
from dashboard.charts import FONT
from dashboard.data import run_query
from dashboard.formats import MONTH_PATTERNS, chart_separators
from dashboard.i18n import format_int, format_percent
from dashboard.links import request_page
from dashboard.tables import show_table
from dashboard.ui import chart, label, language, t
from queries.filters import CaseFilters
from queries.protocol import (
    DEFAULT_STALE_DAYS,
    RULES,
    protocol_cases,
    protocol_monthly,
    protocol_ranking,
)

DAYS_KEY = "protocolo.dias"
ORDER_KEY = "protocolo.orden"
DEPARTMENT_KEY = "protocolo.area"
RULE_KEY = "protocolo.regla"
CASES_KEY = "protocolo.casos"
COMBINED = "combined"
#: One colour per rule on the monthly chart, in ``RULES`` order (distinct for colour-blind
#: readers: Okabe–Ito).
RULE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")


def protocol_panel(filters: CaseFilters) -> None:
    """The section: stale-days input, ranking, monthly chart, and one figure's cases."""
    st.subheader(t("protocol.title"))
    st.caption(t("protocol.caption"))
    stale_days = int(
        st.number_input(
            t("protocol.stale_days"), min_value=1, max_value=120, value=DEFAULT_STALE_DAYS,
            step=1, key=DAYS_KEY, help=t("protocol.stale_days.help"),
        )
    )  # fmt: skip
    order = st.selectbox(
        t("protocol.order"), [COMBINED, *RULES], format_func=_rule_name, key=ORDER_KEY
    )
    ranking = run_query(protocol_ranking, filters, stale_days, None if order == COMBINED else order)
    if ranking.empty:
        st.info(t("protocol.empty"))
        return
    _ranking_table(ranking)
    _monthly_chart(run_query(protocol_monthly, filters, stale_days), stale_days)
    _drill_down(filters, ranking, stale_days)


def _rule_name(rule: str) -> str:
    return t(f"protocol.rule.{rule}")


def _ranking_table(ranking: pd.DataFrame) -> None:
    shares = [f"{rule}_share" for rule in RULES]
    show_table(
        ranking[["department", *shares, COMBINED]],
        kinds={column: "share" for column in [*shares, COMBINED]},
        hide_index=True,
        width="stretch",
        column_config={
            "department": st.column_config.TextColumn(t("table.department"), pinned=True),
            **{f"{rule}_share": st.column_config.NumberColumn(_rule_name(rule)) for rule in RULES},
            COMBINED: st.column_config.NumberColumn(_rule_name(COMBINED)),
        },
    )
    st.caption(t("protocol.ranking.def"))
    for rule in RULES:
        st.caption(f"**{_rule_name(rule)}**: {t(f'protocol.rule.{rule}.def')}")


def _monthly_chart(monthly: pd.DataFrame, stale_days: int) -> None:
    lang = language()
    month = MONTH_PATTERNS[lang]
    lines = []
    for rule, colour in zip(RULES, RULE_COLOURS, strict=True):
        series = monthly[monthly["rule"] == rule]
        name = _rule_name(rule)
        counts = [
            t("protocol.cases_of", cases=format_int(cases, lang), base=format_int(base, lang))
            for cases, base in zip(series["cases"], series["base"], strict=True)
        ]
        lines.append(
            go.Scatter(
                x=series["month"], y=series["share"] * 100, name=name, mode="lines+markers",
                line={"color": colour, "width": 2.5}, customdata=counts,
                hovertemplate=f"%{{x|{month}}}<br>{name}: %{{y:.1f}} %<br>%{{customdata}}"
                "<extra></extra>",
            )
        )  # fmt: skip
    figure = go.Figure(lines)
    figure.update_layout(
        title={"text": t("protocol.chart.title"), "x": 0, "font": {"size": 17}},
        xaxis={"title": t("protocol.chart.month_axis"), "tickformat": month, "dtick": "M1",
               "showgrid": False},
        yaxis={"title": t("protocol.chart.share_axis"), "ticksuffix": " %",
               "gridcolor": "#E5E8EC", "rangemode": "tozero"},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        separators=chart_separators(lang),
        font={"family": FONT, "size": 14},
        margin={"l": 10, "r": 10, "t": 110, "b": 40},
        height=440,
        plot_bgcolor="white",
    )  # fmt: skip
    chart(figure, t("protocol.chart.def", days=stale_days))


def _drill_down(filters: CaseFilters, ranking: pd.DataFrame, stale_days: int) -> None:
    """The cases behind one department's figure for one rule; a ticked row opens its page."""
    st.markdown(f"**{t('protocol.cases.title')}**")
    names = dict(zip(ranking["department_id"], ranking["department"], strict=True))
    department_column, rule_column = st.columns(2)
    department_id = department_column.selectbox(
        t("table.department"), list(names), format_func=names.get, key=DEPARTMENT_KEY
    )
    rule = rule_column.selectbox(t("protocol.rule"), RULES, format_func=_rule_name, key=RULE_KEY)
    if department_id is None:
        return
    row = ranking[ranking["department_id"] == department_id].iloc[0]
    cases, base = int(row[f"{rule}_cases"]), int(row[f"{rule}_base"])
    lang = language()
    share = format_percent(cases / base, lang) if base else "—"
    st.caption(
        t("protocol.cases.summary", share=share, cases=format_int(cases, lang),
          base=format_int(base, lang))
    )  # fmt: skip
    view, filters = steady_view(CASES_KEY, filters, department_id, rule, stale_days)
    page_key = f"{view}:pagina"
    number, rows = read_page(
        page_key,
        lambda page: run_query(protocol_cases, filters, department_id, rule, stale_days, page),
    )
    if rows.empty:
        st.info(t("protocol.cases.none"))
        return
    shown = rows.assign(status=rows["status"].map(lambda status: label("status", status)))
    table_key = f"{view}:{number}:filas"
    show_table(
        shown[_listed_columns(rule)],
        kinds={"created_at": "datetime", "at": "datetime"},
        hide_index=True,
        width="stretch",
        on_select=partial(_open_case, table_key, shown["code"].tolist()),
        selection_mode="single-row",
        key=table_key,
        column_config={
            "code": st.column_config.TextColumn(t("table.case")),
            "created_at": st.column_config.DatetimeColumn(t("field.created_at")),
            "at": st.column_config.DatetimeColumn(t(f"protocol.moment.{rule}")),
            "status": st.column_config.TextColumn(t("protocol.status_at_cut_off")),
            "department": st.column_config.TextColumn(t("protocol.department_then")),
        },
    )
    pager(page_key, number, int(rows["total"].iloc[0]), "protocol.cases.showing")


def _listed_columns(rule: str) -> list[str]:
    """Creation is the moment that matters for the uncategorised rule: no second column."""
    moment = [] if rule == "uncategorised" else ["at"]
    return ["code", "created_at", *moment, "status", "department"]


def _open_case(table_key: str, codes: list[str]) -> None:
    """The ticked case opens on the case page (Buscar solicitud), by its code."""
    rows = st.session_state[table_key]["selection"]["rows"]
    if rows:
        request_page("solicitud", codigo=codes[rows[0]])
