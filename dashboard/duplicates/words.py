"""A pair's reasons in words, in the reader's language (keys ``duplicates.reason.*``)."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.i18n import translate

#: The order a reviewer reads them in: who, how to reach them, what, when.
FIELDS = ("document", "name", "phone", "address", "category")


def describe(reasons: Mapping[str, str | int], lang: str = "es") -> list[str]:
    """One sentence per field the comparison looked at, then how far apart the intakes were."""
    lines = [
        translate(f"duplicates.reason.{field}.{reasons[field]}", lang)
        for field in FIELDS
        if field in reasons
    ]
    if "days" in reasons:
        days = int(reasons["days"])
        which = "same" if days == 0 else "one" if days == 1 else "many"
        lines.append(translate(f"duplicates.reason.days.{which}", lang, days=days))
    return lines
