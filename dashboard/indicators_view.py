"""The pieces of the page "Indicadores": the headline cards, the breakdown by group and the
monthly trend. Every figure, definition and better-or-worse rule comes from
``queries.indicators``; this module chooses what to read (through the shared cache, keyed by
the filters) and writes it in the interface language.

A page run reads three things whatever the reader does: the period's figures with those of
the previous period and a year earlier (one read for the values and their changes), the 24
months behind the sparklines (one read for all cards, which the trend chart reuses at 24
months) and the chosen breakdown.
"""

from __future__ import annotations

from datetime import time

import pandas as pd
import streamlit as st

from dashboard.charts import mark_process_changes
from dashboard.data import run_query
from dashboard.exports import export_button
from dashboard.i18n import format_decimal, format_int, format_percent
from dashboard.indicator_charts import (
    MonthlySeries,
    SeriesNames,
    group_bars,
    monthly_line,
    sparkline,
)
from dashboard.process_changes_view import changes_to_mark
from dashboard.tables import show_table
from dashboard.ui import chart, chart_config, language, t
from queries.filters import CaseFilters
from queries.indicators import (
    BY_KEY,
    DIMENSIONS,
    INDICATORS,
    SPARKLINE_MONTHS,
    Indicator,
    changes_between,
    compared_figures,
    indicators_by_group,
    monthly_trends,
)

#: The cards, in rows of ``CARDS_PER_ROW`` under a heading per group.
CARD_GROUPS: dict[str, tuple[str, ...]] = {
    "flows": ("inflow", "outflow", "backlog", "clearance_rate"),
    "first_action": tuple(key for key in BY_KEY if key.startswith("first_action_")),
    "close": tuple(key for key in BY_KEY if key.startswith("close_")),
    "quality": ("sla_compliance", "overdue_share", "reopen_rate", "referral_rate",
                "external_share", "duplicate_rate"),
}  # fmt: skip
CARDS_PER_ROW = 4
COMPARED = ("previous", "year_earlier")
#: Arrow of a change by its sign, and the colour of a verdict (Streamlit's named colours).
ARROWS = {1: "▲", -1: "▼", 0: "="}
VERDICT_COLOURS = {"better": "green", "worse": "red", "same": "gray"}
DIMENSION_KEY = "abrir_por"
BAR_INDICATOR_KEY = "indicadores.grafico"
TREND_INDICATOR_KEY = "indicador"
TREND_MONTHS_KEY = "indicadores.meses"
TREND_SPANS = (12, 24, 36, 60)
#: How the breakdown table writes each unit (``dashboard.formats.FORMATTERS``).
TABLE_KINDS = {"cases": "count", "share": "share", "days": "decimal", "business_days": "decimal"}
#: "más de N días" in each unit of duration.
MORE_THAN = {"days": "indicators.more_than",
             "business_days": "indicadores.page.more_than.business_days"}  # fmt: skip
#: The most bars the breakdown chart draws (134 partidos would not fit a screen).
MOST_BARS = 25


# --- Writing values -------------------------------------------------------------------------


def written(indicator: Indicator, value: float, at_least: float, lang: str) -> str:
    """A value of ``indicator`` as the page writes it: a count, a percentage, or days with
    one decimal; "más de N días" where Kaplan–Meier never reached the quantile (``at_least``
    is the longest wait seen), "—" where there is nothing to measure."""
    if pd.isna(value):
        if pd.isna(at_least):
            return "—"
        return t(MORE_THAN[indicator.unit], days=format_decimal(at_least, lang))
    if indicator.unit == "cases":
        return format_int(value, lang)
    if indicator.unit == "share":
        return format_percent(value, lang)
    return t(f"indicadores.page.unit.{indicator.unit}", value=format_decimal(value, lang))


def _difference(indicator: Indicator, current: float, other: float, lang: str) -> str:
    """How far ``current`` is from ``other``: counts in percent of ``other`` (or in cases
    when ``other`` is 0), shares in percentage points, durations in days."""
    difference = current - other
    sign = "+" if difference > 0 else "−" if difference < 0 else "±"
    if indicator.unit == "cases":
        if other:
            return sign + format_percent(abs(difference) / other, lang)
        return sign + format_int(abs(difference), lang)
    if indicator.unit == "share":
        points = format_decimal(abs(difference) * 100, lang)
        return t("indicadores.page.points", value=sign + points)
    days = format_decimal(abs(difference), lang)
    return t(f"indicadores.page.unit.{indicator.unit}", value=sign + days)


def change_line(
    indicator: Indicator, current: float, other: float, verdict: object, against: str, lang: str
) -> str:
    """One comparison as Markdown: an arrow for the direction and the size of the change, a
    word and a colour saying whether that is better or worse for this indicator (green or
    red; grey when it is neither), and the value compared with."""
    compared = t(f"indicadores.page.vs.{against}")
    if pd.isna(current) or pd.isna(other):
        return f":gray[{t('indicadores.page.no_comparison')}] {compared}"
    compared += f" ({written(indicator, other, float('nan'), lang)})"
    direction = 0 if abs(current - other) < 1e-9 else (1 if current > other else -1)
    change = f"{ARROWS[direction]} {_difference(indicator, current, other, lang)}"
    if verdict in VERDICT_COLOURS:
        change += f" {t(f'indicadores.page.verdict.{verdict}')}"
    colour = VERDICT_COLOURS.get(verdict, "gray")
    return f":{colour}[**{change}**] · {compared}"


def _label(key: str) -> str:
    return t(BY_KEY[key].label_key)


# --- Headline cards -------------------------------------------------------------------------


def headline_cards(filters: CaseFilters) -> None:
    """Every indicator as a card, grouped: value, its changes, its sparkline, its definition."""
    compared = run_query(compared_figures, filters)
    figures = compared.set_index("period").loc["current"]
    changes = changes_between(compared).set_index("indicator")
    trends = run_query(monthly_trends, filters, SPARKLINE_MONTHS)
    for group, keys in CARD_GROUPS.items():
        st.markdown(f"#### {t(f'indicadores.page.group.{group}')}")
        for first in range(0, len(keys), CARDS_PER_ROW):
            row = keys[first : first + CARDS_PER_ROW]
            for column, key in zip(st.columns(CARDS_PER_ROW), row, strict=False):
                with column.container(border=True):
                    _card(
                        group,
                        BY_KEY[key],
                        figures,
                        changes.loc[key],
                        _monthly_series(trends, key, filters),
                    )
    st.caption(t("indicadores.page.cards.note"))


def _card(
    group: str, indicator: Indicator, figures: pd.Series, change: pd.Series,
    series: MonthlySeries,
) -> None:  # fmt: skip
    """One card. A duration's card sits under its measure's heading, so its label is the
    quantile and unit alone ("Mediana, días hábiles") and its value a bare number: a full
    label and "0,2 días hábiles" do not fit a quarter of the page."""
    lang, key = language(), indicator.key
    short = indicator.kind == "days"
    label = t(f"indicadores.page.card.{key.removeprefix(group + '_')}" if short
              else indicator.label_key)  # fmt: skip
    value, floor = figures[key], _at_least(figures, key)
    if short and not pd.isna(value):
        shown = format_decimal(value, lang)
    elif short and not pd.isna(floor):
        shown = t("indicadores.page.more_than", value=format_decimal(floor, lang))
    else:
        shown = written(indicator, value, floor, lang)
    st.metric(label, shown, help=t(indicator.label_key))
    for against in COMPARED:
        st.markdown(
            change_line(indicator, change["current"], change[against], change[f"vs_{against}"],
                        against, lang)
        )  # fmt: skip
    st.plotly_chart(
        sparkline(series, _series_names(indicator), lang),
        width="stretch",
        config={**chart_config(lang), "displayModeBar": False},
        key=f"indicadores.linea.{key}",
    )
    st.caption(t(indicator.definition_key))


def _at_least(row: pd.Series, key: str) -> float:
    return row.get(f"{key}_at_least", float("nan"))


def _monthly_series(trends: pd.DataFrame, key: str, filters: CaseFilters) -> MonthlySeries:
    """Indicator ``key`` of ``monthly_trends`` as a series to draw, written in the interface
    language; the last month is partial unless the cut-off falls on a month's first
    midnight."""
    indicator, lang = BY_KEY[key], language()
    nothing = float("nan")
    floors = trends.get(f"{key}_at_least", pd.Series(nothing, index=trends.index))
    as_of = filters.as_of
    return MonthlySeries(
        months=trends["month"], values=trends[key], floors=floors,
        texts=[written(indicator, value, nothing, lang) for value in trends[key]],
        floor_texts=[written(indicator, nothing, floor, lang) for floor in floors],
        unit=indicator.unit, partial=(as_of.day, as_of.time()) != (1, time.min),
    )  # fmt: skip


def _series_names(indicator: Indicator) -> SeriesNames:
    return SeriesNames(value=t(indicator.label_key), floor=t("indicadores.page.series.floor"),
                       partial=t("indicadores.page.series.partial"))  # fmt: skip


# --- Breakdown ------------------------------------------------------------------------------


def breakdown(filters: CaseFilters) -> None:
    """Every indicator per group of the chosen dimension (table and download), then one
    indicator of it as bars."""
    st.subheader(t("indicadores.page.breakdown.title"))
    dimension = st.segmented_control(
        t("indicadores.page.breakdown.dimension"), options=list(DIMENSIONS),
        format_func=_dimension_name, default="department", required=True, key=DIMENSION_KEY,
        bind="query-params",
    )  # fmt: skip
    groups = run_query(indicators_by_group, filters, dimension)
    if groups.empty:
        st.info(t("empty.period"))
        return
    table = groups.assign(group=groups["group"].fillna(t("indicadores.page.no_group")))
    table = table[["group", *BY_KEY]]
    _group_table(table, dimension)
    export_button(f"indicadores_por_{dimension}", _with_headers(table, dimension), filters)
    _group_chart(table, dimension)


def _dimension_name(dimension: str) -> str:
    return t(f"indicators.dimension.{dimension}")


def _group_table(table: pd.DataFrame, dimension: str) -> None:
    kinds = {indicator.key: TABLE_KINDS[indicator.unit] for indicator in INDICATORS}
    show_table(
        table,
        kinds=kinds,
        hide_index=True,
        width="stretch",
        column_config={
            "group": st.column_config.TextColumn(_dimension_name(dimension), pinned=True),
            **{key: st.column_config.NumberColumn(_label(key)) for key in BY_KEY},
        },
    )
    st.caption(t("indicadores.page.breakdown.def"))


def _with_headers(table: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The table as downloaded: its headers as the page shows them."""
    return table.rename(
        columns={"group": _dimension_name(dimension), **{key: _label(key) for key in BY_KEY}}
    )


def _group_chart(table: pd.DataFrame, dimension: str) -> None:
    key = st.selectbox(
        t("indicadores.page.breakdown.indicator"), options=list(BY_KEY), format_func=_label,
        key=BAR_INDICATOR_KEY,
    )  # fmt: skip
    indicator, lang = BY_KEY[key], language()
    measured = table.dropna(subset=[key]).sort_values(key, ascending=False)
    if measured.empty:
        st.info(t("indicadores.page.breakdown.no_values"))
        return
    shown = measured.head(MOST_BARS)
    bars = group_bars(
        shown["group"], shown[key],
        [written(indicator, value, float("nan"), lang) for value in shown[key]],
        unit=indicator.unit,
        title=t("indicadores.page.breakdown.chart_title", indicator=_label(key),
                dimension=_dimension_name(dimension).lower()),
        value_axis=t(f"indicadores.page.axis.{indicator.unit}"),
        lang=lang,
    )  # fmt: skip
    chart(bars, t(indicator.definition_key))
    if len(measured) > MOST_BARS:
        st.caption(t("indicadores.page.breakdown.top", shown=MOST_BARS, total=len(measured)))


# --- Trend ----------------------------------------------------------------------------------


def trend(filters: CaseFilters) -> None:
    """One chosen indicator month by month over the chosen number of months to the cut-off."""
    st.subheader(t("indicadores.page.trend.title"))
    indicator_column, months_column = st.columns([3, 2])
    key = indicator_column.selectbox(
        t("indicadores.page.trend.indicator"), options=list(BY_KEY), format_func=_label,
        key=TREND_INDICATOR_KEY, bind="query-params",
    )  # fmt: skip
    months = months_column.segmented_control(
        t("indicadores.page.trend.months"), options=TREND_SPANS, default=SPARKLINE_MONTHS,
        required=True, key=TREND_MONTHS_KEY,
    )  # fmt: skip
    trends = run_query(monthly_trends, filters, months)
    indicator = BY_KEY[key]
    line = monthly_line(
        _monthly_series(trends, key, filters), _series_names(indicator), title=_label(key),
        month_axis=t("indicadores.page.trend.month_axis"),
        value_axis=t(f"indicadores.page.axis.{indicator.unit}"), lang=language(),
    )  # fmt: skip
    mark_process_changes(line, changes_to_mark(trends["month"].min(), filters.as_of), language())
    chart(line, t("indicadores.page.trend.def", months=months,
                  definition=t(indicator.definition_key)))  # fmt: skip
