"""What else happened inside the windows of an analysis, listed beside its result.

A before/after difference can come from anything that changed at the same time. The ones
the database can see are named: inflow spikes (``queries.spikes``, the same detector as
Sobrecarga: a flood reads as one), capacity changes of the departments compared (the audit
log of ``set_department_capacity``), other process changes, and the national holidays in
either window (fewer business days slow every clock).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import holidays
import pandas as pd
from sqlalchemy import Connection

from queries import catalogs, spikes
from queries.audit import audit_entries
from queries.filters import CaseFilters
from queries.process_changes import changes_between

#: The action the audit log records for a change of a department's weekly capacity.
CAPACITY_ACTION = "cambiar_capacidad"
#: Partidos with a spike listed, largest excess first.
MAX_SPIKES = 5


@dataclass(frozen=True)
class Confounder:
    #: ``spike``, ``capacity``, ``change`` or ``holiday``.
    kind: str
    label: str
    start: date
    end: date


def confounders_in(
    connection: Connection, windows, unit: str, groups: Sequence[int], change_name: str
) -> list[Confounder]:
    """Everything of note between the first week before and the last week after."""
    start = windows.before[0].date()
    end = (windows.after[-1] + timedelta(days=6)).date()
    found = [
        *_spikes(connection, start, end, unit, groups),
        *_capacity_changes(connection, start, end, unit, groups),
        *_other_changes(connection, start, end, change_name),
        *_holidays(start, end),
    ]
    return sorted(found, key=lambda c: (c.start, c.kind, c.label))


def _spikes(connection, start, end, unit, groups) -> list[Confounder]:
    after_end = datetime.combine(end + timedelta(days=1), time.min)
    filters = CaseFilters.for_period(start, end, after_end)
    found = []
    partidos = spikes.partido_spikes(connection, filters)
    found += _spans(partidos, "partido", MAX_SPIKES)
    if unit == "department":
        departments = spikes.department_spikes(connection, filters)
        found += _spans(departments[departments["department_id"].isin(list(groups))], "department")
    return found


def _spans(weeks: pd.DataFrame, name: str, limit: int | None = None) -> list[Confounder]:
    """A unit's spike weeks as one span, units by their largest excess."""
    if weeks.empty:
        return []
    spans = weeks.groupby(name, dropna=False).agg(
        start=("week_start", "min"), end=("week_start", "max"), excess=("excess", "sum")
    ).sort_values("excess", ascending=False)  # fmt: skip
    if limit:
        spans = spans.head(limit)
    return [
        Confounder("spike", str(label) if pd.notna(label) else "—", row.start.date(),
                   (row.end + pd.Timedelta(days=6)).date())
        for label, row in spans.iterrows()
    ]  # fmt: skip


def _capacity_changes(connection, start, end, unit, groups) -> list[Confounder]:
    entries = audit_entries(connection, start, end, action=CAPACITY_ACTION)
    if unit == "department":
        codes = catalogs.department_capacities(connection).set_index("id")["code"]
        entries = entries[entries["target"].isin(codes.reindex(list(groups)).dropna())]
    return [Confounder("capacity", str(row.target), row.at.date(), row.at.date())
            for row in entries.itertuples()]  # fmt: skip


def _other_changes(connection, start, end, change_name) -> list[Confounder]:
    changes = changes_between(connection, start, end)
    changes = changes[changes["name"] != change_name]
    return [Confounder("change", row.name, row.effective_on, row.effective_on)
            for row in changes.itertuples()]  # fmt: skip


def _holidays(start: date, end: date) -> list[Confounder]:
    calendar = holidays.Argentina(years=range(start.year, end.year + 1), language="es")
    return [Confounder("holiday", name, day, day)
            for day, name in sorted(calendar.items()) if start <= day <= end]  # fmt: skip
