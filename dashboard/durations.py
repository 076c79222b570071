"""Business time in words, as a supervisor acts on it: "hace 1.202 días hábiles".

Deadlines are counted in business hours (``dashboard.deadlines``), but nobody plans with
"1.202,5 días": a day or more is said in whole business days, less than a day in whole
business hours, and less than an hour as such. Counts are truncated, never rounded up, so a
case is never said to be a day later (or to have a day more left) than it is.
"""

from __future__ import annotations

from dashboard.i18n import DEFAULT_LANGUAGE, format_int, translate

HOURS_PER_DAY = 24


def business_duration(hours: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """``hours`` of business time as whole days, or whole hours when under a day."""
    if hours < 1:
        return translate("sla.under_hour", lang)
    if hours < HOURS_PER_DAY:
        return _counted("hour", int(hours), lang)
    return _counted("day", int(hours // HOURS_PER_DAY), lang)


def _counted(unit: str, count: int, lang: str) -> str:
    """The singular key ``sla.<unit>`` for one ("1 día hábil"), ``sla.<unit>s`` for more
    ("2 días hábiles")."""
    key = f"sla.{unit}" if count == 1 else f"sla.{unit}s"
    return translate(key, lang, count=format_int(count, lang))
