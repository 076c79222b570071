"""Spike alerts: weeks in which a department's or a partido's inflow jumps far above its own
recent baseline.

A unit's week is a spike when its inflow (cases created that week) is above

    threshold = baseline median + k × spread,   spread = max(1.4826 × MAD, √(baseline median))

where the baseline is the unit's previous ``baseline_weeks`` weeks and MAD their median
absolute deviation; and when the inflow also exceeds the baseline median by at least
``min_excess`` cases, so that a partido going from two cases to nine does not alarm.

- Median and MAD, not mean and standard deviation, so that one earlier spike (the first week of
  a flood) does not raise the bar for the weeks after it.
- 1.4826 × MAD estimates the standard deviation of normal noise, so ``k`` reads as "k standard
  deviations". With eight weeks the MAD is often near zero by chance (eight weeks of 15, 16,
  15, 15, ... cases); weekly counts vary at least like Poisson counts, whose standard deviation
  is √mean, so the spread is never taken below that. On the 1,000,000-case demo this floor
  cut the ordinary weeks flagged in a year of 134 partidos from 62 to 7, while every flood week
  stayed flagged.

Weekly counts are aggregated in the database (one row per unit and week with cases); the
rolling median and MAD run in pandas on that small frame, where weeks with no cases are laid
out as zeros (``queries.weeks.weeks_between``).

**Only units with history are judged.** A unit's week is judged only when the unit's first
case (under the same filters) came at least ``baseline_weeks`` whole weeks before it: without
that, the weeks before the unit existed in the base (a sheet imported for one week, a new
department) read as zeros, the median and threshold as 0, and every week of it as a spike.
Each unit needs one cheap probe for a case before the baseline (an EXISTS that stops at the
first case it finds), and only when the baseline's first week holds none of its cases.

Cases with no partido (``municipality_id`` NULL) are one more partido unit, with an empty id
and name ("sin partido" on the page), judged like the others.

Weeks are calendar weeks, Monday to Sunday, counted whole. The weeks judged are those that
overlap the period and have ended by the cut-off (``filters.as_of``): the running week is not
judged, because a half week would look like a drop and cannot be compared with whole ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Connection, exists, func, literal, select, union_all
from sqlalchemy.orm import InstrumentedAttribute

from dashboard.models import Case, Department, Municipality
from dashboard.sql_functions import week_start
from queries._frames import to_frame
from queries.definitions import created_between
from queries.filters import CaseFilters, dimension_conditions
from queries.weeks import WEEK, monday_of, weeks_between

#: Weeks before each judged week that make its baseline.
BASELINE_WEEKS = 8
#: How many spreads (standard deviations, see above) above the baseline median a week must be.
K = 4.0
#: Cases above the baseline median a week must also reach to be a spike.
MIN_EXCESS = 10
#: 1.4826 × MAD estimates a normal standard deviation.
MAD_TO_SD = 1.4826

MEASURES = [
    "week_start", "inflow", "baseline_median", "mad", "spread", "threshold", "excess", "ratio",
]  # fmt: skip
#: The measures that compare a week with its baseline: empty where the week is not judged.
AGAINST_BASELINE = ["baseline_median", "mad", "spread", "threshold", "excess", "ratio"]


@dataclass(frozen=True)
class _Unit:
    """What a spike is counted for: the case column that names the unit, and its labels."""

    id_name: str  # the output column of the unit's id
    case_column: InstrumentedAttribute[int]
    id_column: InstrumentedAttribute[int]
    labels: dict[str, InstrumentedAttribute]  # output column → catalogue column


DEPARTMENT = _Unit(
    "department_id", Case.department_id, Department.id, {"department": Department.name}
)
PARTIDO = _Unit(
    "municipality_id",
    Case.municipality_id,
    Municipality.id,
    {"clave": Municipality.clave, "partido": Municipality.name},
)


def department_spikes(
    connection: Connection,
    filters: CaseFilters,
    baseline_weeks: int = BASELINE_WEEKS,
    k: float = K,
    min_excess: int = MIN_EXCESS,
    all_weeks: bool = False,
) -> pd.DataFrame:
    """Spike weeks per department (the case's current department), largest excess first.

    Columns: ``department_id, department, week_start, inflow, baseline_median, mad, spread,
    threshold, excess, ratio`` (``ratio`` = inflow ÷ baseline median, empty where that is 0).
    ``all_weeks`` returns every week of the period's units instead, with a ``judged`` flag
    (false when the unit had under ``baseline_weeks`` weeks of history before it; its baseline
    measures are then empty) and a ``spike`` flag, in unit and week order (to see the ordinary
    weeks beside the spikes).
    """
    return _judged(connection, filters, DEPARTMENT, baseline_weeks, k, min_excess, all_weeks)


def partido_spikes(
    connection: Connection,
    filters: CaseFilters,
    baseline_weeks: int = BASELINE_WEEKS,
    k: float = K,
    min_excess: int = MIN_EXCESS,
    all_weeks: bool = False,
) -> pd.DataFrame:
    """As ``department_spikes``, per partido (the case's ``municipality_id``): columns
    ``municipality_id, clave, partido`` then the same measures; the cases with no partido are
    one unit whose three columns are empty."""
    return _judged(connection, filters, PARTIDO, baseline_weeks, k, min_excess, all_weeks)


def unjudged_units(
    connection: Connection, filters: CaseFilters, baseline_weeks: int = BASELINE_WEEKS
) -> pd.DataFrame:
    """``unit, units``: how many departments (``unit`` "department") and partidos
    ("partido", "sin partido" included) with cases in the period's weeks were left unjudged
    in at least one judged week for lack of ``baseline_weeks`` weeks of history, so the page
    can say that a quiet spike list is not the whole story."""
    counts = []
    for name, unit in (("department", DEPARTMENT), ("partido", PARTIDO)):
        weeks = _against_baseline(connection, filters, unit, baseline_weeks, K, MIN_EXCESS)
        unjudged = weeks.loc[~weeks["judged"].astype(bool), unit.id_name]
        counts.append({"unit": name, "units": unjudged.nunique(dropna=False)})
    return pd.DataFrame(counts)


def judged_weeks(filters: CaseFilters) -> list[datetime]:
    """The Mondays of the weeks judged: overlapping the period and ended by the cut-off."""
    return [
        monday
        for monday in weeks_between(monday_of(filters.date_from), filters.as_of)
        if monday + WEEK <= filters.as_of
    ]


def _judged(connection, filters, unit, baseline_weeks, k, min_excess, all_weeks) -> pd.DataFrame:
    weeks = _against_baseline(connection, filters, unit, baseline_weeks, k, min_excess)
    return weeks if all_weeks else _spikes_only(weeks, unit)


def _against_baseline(
    connection: Connection,
    filters: CaseFilters,
    unit: _Unit,
    baseline_weeks: int,
    k: float,
    min_excess: int,
) -> pd.DataFrame:
    """Each unit's judged weeks with baseline, threshold, the ``judged`` and ``spike`` flags."""
    id_name = unit.id_name
    columns = [id_name, *unit.labels, *MEASURES, "judged", "spike"]
    judged = judged_weeks(filters)
    if not judged:
        return pd.DataFrame(columns=columns)
    first = judged[0] - baseline_weeks * WEEK
    end = judged[-1] + WEEK
    counts = _weekly_counts(connection, filters, unit, first, end)
    if counts.empty:
        return pd.DataFrame(columns=columns)

    weeks = weeks_between(first, end)
    # A unit with no id (the cases with no partido) is a unit too: factorize keeps NA as one.
    unit_index, units = pd.factorize(counts["unit_id"], sort=True, use_na_sentinel=False)
    week_index = ((counts["week"] - first) // WEEK).to_numpy()
    inflow = np.zeros((len(units), len(weeks)), dtype=np.int64)
    np.add.at(inflow, (unit_index, week_index), counts["inflow"].to_numpy())
    history_from = _history_start(connection, filters, unit, units, inflow, first)
    # Window i holds weeks i .. i + baseline_weeks - 1: the baseline of week i + baseline_weeks.
    windows = np.lib.stride_tricks.sliding_window_view(inflow, baseline_weeks, axis=1)
    windows = windows[:, : inflow.shape[1] - baseline_weeks]
    median = np.median(windows, axis=2)
    mad = np.median(np.abs(windows - median[..., None]), axis=2)
    judged_inflow = inflow[:, baseline_weeks:]

    # Judged week j (0-based) has its baseline in weeks j .. j + baseline_weeks - 1 of the
    # frame: the unit has enough history when its first case is in week j or before.
    enough_history = np.arange(len(judged))[None, :] >= history_from[:, None]

    frame = pd.DataFrame(
        {
            id_name: units.repeat(len(judged)),
            "week_start": np.tile(np.array(judged, dtype="datetime64[us]"), len(units)),
            "inflow": judged_inflow.ravel(),
            "baseline_median": median.ravel(),
            "mad": mad.ravel(),
            "judged": enough_history.ravel(),
        }
    )
    frame["spread"] = np.maximum(MAD_TO_SD * frame["mad"], np.sqrt(frame["baseline_median"]))
    frame["threshold"] = frame["baseline_median"] + k * frame["spread"]
    frame["excess"] = frame["inflow"] - frame["baseline_median"]
    frame["ratio"] = frame["inflow"] / frame["baseline_median"].where(frame["baseline_median"] > 0)
    frame.loc[~frame["judged"], AGAINST_BASELINE] = np.nan
    frame["spike"] = (
        frame["judged"] & (frame["inflow"] > frame["threshold"]) & (frame["excess"] >= min_excess)
    )
    return frame.merge(_labels(connection, unit), on=id_name, how="left")[columns]


def _history_start(
    connection: Connection,
    filters: CaseFilters,
    unit: _Unit,
    units: pd.Index,
    inflow: np.ndarray,
    first: datetime,
) -> np.ndarray:
    """Per unit, the week (index into ``inflow``'s columns) its history starts: 0 when it had
    a case in the first week or before, else its first week with a case. Only units with no
    case in the first week are probed for an earlier one."""
    start = (inflow > 0).argmax(axis=1)
    late = [position for position in range(len(units)) if start[position] > 0]
    for position in _seen_before(connection, filters, unit, [units[p] for p in late], first):
        start[late[position]] = 0
    return start


def _seen_before(
    connection: Connection, filters: CaseFilters, unit: _Unit, unit_ids: list, moment: datetime
) -> set[int]:
    """Positions in ``unit_ids`` (an id, or NA for "no unit") of the units with a case
    created before ``moment`` under the filters: one EXISTS each, which stops at the first
    case it finds, all in one statement."""
    if not unit_ids:
        return set()
    conditions = [Case.created_at < moment, *dimension_conditions(filters)]
    probes = [
        select(literal(position).label("position")).where(
            exists().where(_of_unit(unit, unit_id), *conditions)
        )
        for position, unit_id in enumerate(unit_ids)
    ]
    return set(connection.execute(union_all(*probes)).scalars())


def _of_unit(unit: _Unit, unit_id: object) -> ColumnElement[bool]:
    """The cases of one unit; an empty id stands for the cases with none (no partido)."""
    return unit.case_column.is_(None) if pd.isna(unit_id) else unit.case_column == int(unit_id)


def _weekly_counts(
    connection: Connection, filters: CaseFilters, unit: _Unit, first: datetime, end: datetime
) -> pd.DataFrame:
    """``unit_id, week, inflow``: cases created in ``[first, end)`` per unit and week."""
    week = week_start(Case.created_at)
    query = (
        select(unit.case_column.label("unit_id"), week.label("week"), func.count().label("inflow"))
        .where(created_between(first, end), *dimension_conditions(filters))
        .group_by(unit.case_column, week)
    )
    frame = to_frame(connection, query)
    frame["week"] = pd.to_datetime(frame["week"])
    frame["unit_id"] = frame["unit_id"].astype("Int64")
    return frame


def _labels(connection: Connection, unit: _Unit) -> pd.DataFrame:
    """The unit's id and names for every row of its catalogue (a few hundred rows)."""
    query = select(
        unit.id_column.label(unit.id_name),
        *(column.label(name) for name, column in unit.labels.items()),
    )
    return to_frame(connection, query)


def _spikes_only(weeks: pd.DataFrame, unit: _Unit) -> pd.DataFrame:
    """The spike weeks, largest excess first (then the larger ratio, the earlier week)."""
    spikes = weeks[weeks["spike"].astype(bool)].drop(columns=["judged", "spike"])
    return spikes.sort_values(
        ["excess", "ratio", "week_start", unit.id_name], ascending=[False, False, True, True]
    ).reset_index(drop=True)
