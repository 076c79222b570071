"""Named periods ("esta semana", "mes pasado", ...) as date ranges, without Streamlit.

The minister's office thinks in calendar weeks and months, not in "the last N days": these
presets turn such a name into the inclusive ``(first day, last day)`` the filter bar's date
range holds, counted from *today in the province* (``dashboard.domain.local_now``), so a
preset chosen at 23:30 in Buenos Aires is not a day ahead as it would be in UTC. Weeks start
on Monday, as Argentine calendars do. A range that matches no preset is "personalizado".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from queries.filters import DEFAULT_PERIOD_DAYS

#: The name of a range typed by hand (or reached from a link) that no preset produces.
CUSTOM = "personalizado"

DateRange = tuple[date, date]


def _this_week(today: date) -> DateRange:
    return today - timedelta(days=today.weekday()), today


def _last_week(today: date) -> DateRange:
    monday = today - timedelta(days=today.weekday() + 7)
    return monday, monday + timedelta(days=6)


def _this_month(today: date) -> DateRange:
    return today.replace(day=1), today


def _last_month(today: date) -> DateRange:
    last_day = today.replace(day=1) - timedelta(days=1)
    return last_day.replace(day=1), last_day


def _last_90_days(today: date) -> DateRange:
    return today - timedelta(days=DEFAULT_PERIOD_DAYS - 1), today


def _this_year(today: date) -> DateRange:
    return today.replace(month=1, day=1), today


#: Presets in the order the control lists them; the names are i18n keys under "periods.".
PRESETS: dict[str, Callable[[date], DateRange]] = {
    "esta_semana": _this_week,
    "semana_pasada": _last_week,
    "este_mes": _this_month,
    "mes_pasado": _last_month,
    "ultimos_90_dias": _last_90_days,
    "este_anio": _this_year,
}

#: The preset the filter bar starts with when no period comes in the link.
DEFAULT_PRESET = "ultimos_90_dias"


def preset_range(name: str, today: date) -> DateRange:
    """The inclusive range the preset ``name`` means on ``today`` (local date)."""
    return PRESETS[name](today)


def matching_preset(chosen: DateRange, today: date) -> str:
    """The first preset whose range on ``today`` is exactly ``chosen``, else ``CUSTOM``.

    The control shows this name rather than remembering what was clicked, so editing a date
    by hand, or opening a link with explicit dates, reads "personalizado" unless the dates
    happen to be a preset's. Early in a week or month two presets can coincide (on Monday the
    1st "esta semana" and "este mes" are both today; in January "este mes" is "este año"): the
    earlier, narrower name in ``PRESETS`` wins.
    """
    return next(
        (name for name, compute in PRESETS.items() if compute(today) == chosen),
        CUSTOM,
    )
