"""Numbers and dates written the way the interface language writes them, in one place.

Streamlit's own column formats ("localized", "percent") follow the *browser's* locale, so a
Spanish page in an English browser showed "1,073"; and a printf format cannot change the
separators. Tables therefore send their figures as numbers (so header clicks still sort them
as numbers) together with display text made here, through a pandas ``Styler``.

One precision per kind of figure: counts are whole, shares have one decimal, durations and
other ratios one decimal. Dates read ``01/12/2026 22:20`` in Spanish and ``2026-12-01 22:20``
in English: ISO order is unambiguous to readers of both the US and the UK order, and the
24-hour clock matches the ministry's records.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping

import pandas as pd
from pandas.io.formats.style import Styler

from dashboard.i18n import format_decimal, format_int, format_percent

#: ``strftime`` pattern of a date with its time, per interface language.
DATETIME_PATTERNS = {"es": "%d/%m/%Y %H:%M", "en": "%Y-%m-%d %H:%M"}
#: A day, and a day on a chart's crowded axis; Plotly (d3) reads the same directives.
DATE_PATTERNS = {"es": "%d/%m/%Y", "en": "%Y-%m-%d"}
AXIS_DAY_PATTERNS = {"es": "%d/%m", "en": "%b %d"}
#: Plotly's ``layout.separators``: the decimal mark, then the thousands mark.
CHART_SEPARATORS = {"es": ",.", "en": ".,"}
#: What an empty cell shows.
EMPTY = "—"


def format_datetime(value: object, lang: str) -> str:
    """A moment as this language writes it (``01/12/2026 22:20`` in Spanish)."""
    return value.strftime(DATETIME_PATTERNS.get(lang, DATETIME_PATTERNS["es"]))


def chart_separators(lang: str) -> str:
    """Plotly's separators for ``lang``, so chart figures read like the tables under them."""
    return CHART_SEPARATORS.get(lang, CHART_SEPARATORS["es"])


#: The kinds of figure a table column may hold, each with its one writing rule.
FORMATTERS: dict[str, Callable[[object, str], str]] = {
    "count": format_int,
    "share": format_percent,
    "decimal": format_decimal,
    "datetime": format_datetime,
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
    if len(present) and all(hasattr(value, "strftime") for value in present):
        return "datetime"
    if len(present) and all(_is_number(value) for value in present):
        return "decimal"  # numbers kept as objects: a column with blanks, or Decimals
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def column_kinds(frame: pd.DataFrame, kinds: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every formatted column of ``frame`` with its kind: ``kinds`` first, then guesses."""
    chosen = dict(kinds or {})
    for name in frame.columns:
        if name not in chosen and (guessed := column_kind(frame[name])) is not None:
            chosen[name] = guessed
    return chosen


def styled(frame: pd.DataFrame, lang: str, kinds: Mapping[str, str] | None = None) -> Styler:
    """``frame`` with display text in ``lang`` for its figures and dates ("—" where empty);
    the values underneath stay numbers and timestamps."""
    formatters = {
        name: _writer(FORMATTERS[kind], lang) for name, kind in column_kinds(frame, kinds).items()
    }
    return frame.style.format(na_rep=EMPTY).format(formatters, na_rep=EMPTY)


def _writer(formatter: Callable[[object, str], str], lang: str) -> Callable[[object], str]:
    def write(value: object) -> str:
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            return EMPTY
        return formatter(value, lang)

    return write
