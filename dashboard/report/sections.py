"""The report's tables as a reader sees them: labelled columns, shares in %, days rounded.

The workbook shows these tables as numbers; the PDF writes the same values through the same
helpers (``shown``, ``written_or_more``, ``change_word``, the labels), so the two cannot
disagree. The frames they come from (``ReportContent``) keep the raw figures that the
content hash digests.
"""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import format_decimal, translate
from dashboard.report.content import ReportContent
from queries.indicators import BY_KEY, COMPARISONS, INDICATORS
from queries.protocol import RULES

#: Decimals kept in the tables (a share is written in %, so 12.3 %).
DECIMALS = 1
#: Indicator columns of a breakdown sheet, in order.
BREAKDOWN_KEYS = ("inflow", "outflow", "backlog", "clearance_rate", "close_median_days",
                  "close_p90_days", "sla_compliance", "overdue_share", "referral_rate",
                  "reopen_rate")  # fmt: skip
#: Columns of the partido sheet (``partido_measures``) and their labels.
PARTIDO_COLUMNS = {"partido": "col.partido", "zone": "report.col.zone",
                   "population": "col.population", "inflow": "col.inflow",
                   "open_cases": "report.col.open_cases",
                   "overdue_cases": "report.col.overdue_cases",
                   "inflow_per_10k": "map.inflow_per_10k", "open_per_10k": "map.open_per_10k",
                   "overdue_share": "col.overdue_share"}  # fmt: skip
#: Columns of the overload sheet (``overload_hotspots``) and their labels.
HOTSPOT_COLUMNS = {"department": "report.col.department",
                   "weekly_capacity": "col.weekly_capacity", "staff": "col.staff",
                   "open_cases": "report.col.open_cases",
                   "overdue_cases": "report.col.overdue_cases",
                   "overdue_share": "col.overdue_share",
                   "load": "col.load", "recent_ratio": "col.recent_ratio",
                   "recent_growth_weeks": "col.recent_growth", "reasons": "col.reasons",
                   "heat": "report.col.heat"}  # fmt: skip
#: Columns holding a 0–1 share, shown in %.
SHARE_COLUMNS = frozenset({"overdue_share"})


def indicator_label(key: str, lang: str) -> str:
    return translate(BY_KEY[key].label_key, lang)


def unit_label(key: str, lang: str) -> str:
    return translate(f"report.unit.{BY_KEY[key].unit}", lang)


def shown(key: str, value: float) -> float:
    """An indicator's value as the tables show it: shares in %, everything rounded."""
    if pd.isna(value):
        return float("nan")
    return round(value * 100 if BY_KEY[key].unit == "share" else value, DECIMALS)


def written_or_more(key: str, value: float, at_least: float, lang: str) -> float | str:
    """``shown(key, value)``, or "más de N" where a duration is known only to pass N (its
    unit is in the indicator's name)."""
    if pd.isna(value) and not pd.isna(at_least):
        return translate("indicadores.page.more_than", lang,
                         value=format_decimal(at_least, lang, DECIMALS))  # fmt: skip
    return shown(key, value)


def change_word(judgement: object, lang: str) -> str:
    """``better``/``worse``/``same`` in words; empty when there is no judgement."""
    return translate(f"report.change.{judgement}", lang) if isinstance(judgement, str) else ""


def indicators_table(content: ReportContent, lang: str) -> pd.DataFrame:
    """One row per indicator: its name, unit, the month, the month before, a year earlier,
    and whether each change is better or worse."""
    figures = content.indicators.set_index("indicator")
    rows = []
    for indicator in INDICATORS:
        row = figures.loc[indicator.key]
        values = [written_or_more(indicator.key, row[period], row[f"{period}_at_least"], lang)
                  for period in COMPARISONS]  # fmt: skip
        rows.append([indicator_label(indicator.key, lang), unit_label(indicator.key, lang),
                     values[0], values[1], change_word(row["vs_previous"], lang), values[2],
                     change_word(row["vs_year_earlier"], lang)])  # fmt: skip
    columns = ["report.col.indicator", "report.col.unit", "report.col.current",
               "report.col.previous", "report.col.vs_previous", "report.col.year_earlier",
               "report.col.vs_year_earlier"]  # fmt: skip
    return pd.DataFrame(rows, columns=[translate(key, lang) for key in columns])


def trends_table(content: ReportContent, lang: str) -> pd.DataFrame:
    """``Mes`` (its first day) and one column per followed indicator."""
    trends = content.trends
    table = pd.DataFrame({translate("report.col.month", lang): pd.to_datetime(trends["month"])})
    for key in trends.columns.drop("month"):
        table[indicator_label(key, lang)] = [shown(key, value) for value in trends[key]]
    return table


def breakdown_table(content: ReportContent, dimension: str, lang: str) -> pd.DataFrame:
    """The month's main indicators per group of ``dimension``, most inflow first."""
    frame = content.breakdowns[dimension]
    table = pd.DataFrame({translate(f"indicators.dimension.{dimension}", lang): frame["group"]})
    for key in BREAKDOWN_KEYS:
        table[indicator_label(key, lang)] = [shown(key, value) for value in frame[key]]
    return table


def partido_table(content: ReportContent, lang: str) -> pd.DataFrame:
    """Every partido with cases or people, highest inflow per 10,000 inhabitants first."""
    frame = content.partidos.sort_values(
        ["inflow_per_10k", "partido"], ascending=[False, True], na_position="last"
    )
    return _labelled(frame, PARTIDO_COLUMNS, lang)


def hotspot_table(content: ReportContent, lang: str) -> pd.DataFrame:
    """Every department with a capacity, those on alert first, reasons in words."""
    frame = content.hotspots.assign(
        reasons=[
            ", ".join(translate(f"hot.{code}", lang) for code in reasons.split(",") if code)
            for reasons in content.hotspots["reasons"].fillna("")
        ]
    )
    return _labelled(frame, HOTSPOT_COLUMNS, lang)


def protocol_table(content: ReportContent, lang: str) -> pd.DataFrame:
    """Per department, each rule's share (%) and flagged cases, and the combined index."""
    frame = content.protocol
    table = pd.DataFrame({translate("report.col.department", lang): frame["department"]})
    for rule in RULES:
        name = translate(f"protocol.rule.{rule}", lang)
        table[translate("report.col.share_of", lang, rule=name)] = _percent(frame[f"{rule}_share"])
        table[translate("report.col.cases_of", lang, rule=name)] = frame[f"{rule}_cases"]
    table[translate("protocol.rule.combined", lang) + " (%)"] = _percent(frame["combined"])
    return table


def definitions_table(lang: str) -> pd.DataFrame:
    """Every figure of the report with its definition and unit: indicators, the partido
    rates, the overload alert and the protocol rules."""
    share, rate = translate("report.unit.share", lang), translate("report.unit.rate", lang)
    rows = [_defined(i.label_key, i.definition_key, unit_label(i.key, lang), lang)
            for i in INDICATORS]  # fmt: skip
    rows += [_defined(f"map.{key}", f"map.{key}.def", rate, lang)
             for key in ("inflow_per_10k", "open_per_10k")]  # fmt: skip
    rows.append(_defined("sobrecarga.hotspots", "sobrecarga.hotspots.def", "", lang))
    rows += [_defined(f"protocol.rule.{rule}", f"protocol.rule.{rule}.def", share, lang)
             for rule in RULES]  # fmt: skip
    rows.append(_defined("protocol.rule.combined", "protocol.ranking.def", share, lang))
    columns = ["report.col.indicator", "report.col.definition", "report.col.unit"]
    return pd.DataFrame(rows, columns=[translate(key, lang) for key in columns])


def _defined(label_key: str, definition_key: str, unit: str, lang: str) -> tuple[str, str, str]:
    return translate(label_key, lang), translate(definition_key, lang), unit


def _labelled(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    table = frame[list(columns)].copy()
    for column in SHARE_COLUMNS & set(columns):
        table[column] = _percent(table[column])
    for column in table.columns:
        if pd.api.types.is_float_dtype(table[column]):
            table[column] = table[column].round(DECIMALS + 1)
    table = table.rename(columns={column: translate(key, lang) for column, key in columns.items()})
    return table.reset_index(drop=True)


def _percent(shares: pd.Series) -> pd.Series:
    return (shares.astype(float) * 100).round(DECIMALS)
