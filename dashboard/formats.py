"""Numbers and dates written the way the interface language writes them, in one place.

Streamlit's own column formats ("localized", "percent") follow the *browser's* locale, so a
Spanish page in an English browser showed "1,073"; and a printf format cannot change the
separators. Tables therefore send their figures as numbers (so header clicks still sort them
as numbers) together with display text made here, through a pandas ``Styler``.

One precision per kind of figure: counts are whole, shares have one decimal, durations and
other ratios one decimal. Dates read ``01/12/2026 22:20`` in Spanish and ``2026-12-01 22:20``
in English: ISO order is unambiguous to readers of both the US and the UK order, and the
24-hour clock matches the ministry's records. A day alone drops the time (``01/12/2026``), a
month the day (``12/2026``, ``2026-12``). Identifiers (a batch, a sheet's row) are numbers
that sort as numbers but are written plainly, never grouped: "lote 1234", not "lote 1.234".
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping
from datetime import date, datetime

import pandas as pd
from pandas.io.formats.style import Styler

from dashboard.i18n import format_decimal, format_int, format_percent

#: ``strftime`` pattern of a date with its time, per interface language.
DATETIME_PATTERNS = {"es": "%d/%m/%Y %H:%M", "en": "%Y-%m-%d %H:%M"}
#: A day, and a day on a chart's crowded axis; Plotly (d3) reads the same directives.
DATE_PATTERNS = {"es": "%d/%m/%Y", "en": "%Y-%m-%d"}
#: A month (a monthly breakdown's rows).
MONTH_PATTERNS = {"es": "%m/%Y", "en": "%Y-%m"}
AXIS_DAY_PATTERNS = {"es": "%d/%m", "en": "%b %d"}
#: Plotly's ``layout.separators``: the decimal mark, then the thousands mark.
CHART_SEPARATORS = {"es": ",.", "en": ".,"}
#: What an empty cell shows.
EMPTY = "—"
#: What a flagged cell (an overdue case's due date) shows after its text, and its colour.
MARK = "⚠"
MARKED = "color: #b42318; font-weight: 600"


def format_datetime(value: date, lang: str) -> str:
    """A moment as this language writes it (``01/12/2026 22:20`` in Spanish)."""
    return _dated(value, DATETIME_PATTERNS, lang)


def format_date(value: date, lang: str) -> str:
    """A day as this language writes it (``01/12/2026`` in Spanish, ``2026-12-01`` in English)."""
    return _dated(value, DATE_PATTERNS, lang)


def format_month(value: date, lang: str) -> str:
    """A month as this language writes it (``12/2026`` in Spanish, ``2026-12`` in English)."""
    return _dated(value, MONTH_PATTERNS, lang)


def _dated(value: date, patterns: Mapping[str, str], lang: str) -> str:
    return value.strftime(patterns.get(lang, patterns["es"]))


def format_identifier(value: object, lang: str) -> str:
    """An identifier as it is stored, with no thousands mark in any language."""
    return str(value)


def chart_marks(lang: str) -> dict[str, str]:
    """The date pattern and number marks of a Plotly locale (``format``), as the tables'."""
    decimal, thousands = chart_separators(lang)
    return {"date": DATE_PATTERNS.get(lang, DATE_PATTERNS["es"]), "decimal": decimal,
            "thousands": thousands}  # fmt: skip


def chart_separators(lang: str) -> str:
    """Plotly's separators for ``lang``, so chart figures read like the tables under them."""
    return CHART_SEPARATORS.get(lang, CHART_SEPARATORS["es"])


#: The kinds of figure a table column may hold, each with its one writing rule.
FORMATTERS: dict[str, Callable[[object, str], str]] = {
    "count": format_int,
    "share": format_percent,
    "decimal": format_decimal,
    "datetime": format_datetime,
    "date": format_date,
    "month": format_month,
    "identifier": format_identifier,
}


def column_kind(values: pd.Series) -> str | None:
    """The kind a column's values imply when a page names none: whole numbers are counts,
    other numbers decimals, timestamps moments; text and shares (which look like decimals)
    are not guessed."""
    if pd.api.types.is_bool_dtype(values):
        return None
    if pd.api.types.is_integer_dtype(values):
        return "count"
    if pd.api.types.is_float_dtype(values):
        return "decimal"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "datetime"
    present = values.dropna()
    if len(present) and all(_is_day(value) for value in present):
        return "date"
    if len(present) and all(hasattr(value, "strftime") for value in present):
        return "datetime"
    if len(present) and all(_is_number(value) for value in present):
        return "decimal"  # numbers kept as objects: a column with blanks, or Decimals
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _is_day(value: object) -> bool:
    """A calendar day with no time of day (``datetime.date``; a timestamp is a moment)."""
    return isinstance(value, date) and not isinstance(value, datetime)


def written(value: object, lang: str) -> str:
    """One value of any kind as a cell shows it, for tables whose columns mix kinds (a
    record's fields, one per row): numbers and dates as their kind writes them."""
    if _is_blank(value):
        return EMPTY
    if _is_day(value):
        return format_date(value, lang)
    if hasattr(value, "strftime"):
        return format_datetime(value, lang)
    if _is_number(value):
        whole = isinstance(value, numbers.Integral)
        return (format_int if whole else format_decimal)(value, lang)
    return str(value)


def _is_blank(value: object) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and pd.isna(value))


def column_kinds(frame: pd.DataFrame, kinds: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every formatted column of ``frame`` with its kind: ``kinds`` first (those of its
    columns), then guesses."""
    chosen = {name: kind for name, kind in (kinds or {}).items() if name in frame.columns}
    for name in frame.columns:
        if name not in chosen and (guessed := column_kind(frame[name])) is not None:
            chosen[name] = guessed
    return chosen


def styled(
    frame: pd.DataFrame,
    lang: str,
    kinds: Mapping[str, str] | None = None,
    marks: Mapping[str, str] | None = None,
) -> Styler:
    """``frame`` with display text in ``lang`` for its figures and dates ("—" where empty);
    the values underneath stay numbers and timestamps.

    ``marks`` names, for a column, a true/false column of ``frame`` that flags some of its
    cells (``{"due_at": "overdue"}``): those show ``MARK`` after their text, in ``MARKED``,
    which says in one column what a second one would (a table then fits its page).
    """
    chosen = column_kinds(frame, kinds)
    formatters = {name: _writer(FORMATTERS[kind], lang) for name, kind in chosen.items()}
    table = frame.style.format(na_rep=EMPTY).format(formatters, na_rep=EMPTY)
    for column, flag in (marks or {}).items():
        cells = (frame.index[frame[flag].fillna(False).astype(bool)], [column])
        write = formatters.get(column) or _writer(format_identifier, lang)
        table = table.format(lambda value, write=write: f"{write(value)} {MARK}", subset=cells)
        table = table.map(lambda _: MARKED, subset=cells)
    return table


def _writer(formatter: Callable[[object, str], str], lang: str) -> Callable[[object], str]:
    def write(value: object) -> str:
        return EMPTY if _is_blank(value) else formatter(value, lang)

    return write
