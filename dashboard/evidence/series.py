"""One indicator's weekly values for a set of groups, from the rows ``queries.evidence`` reads.

The database returns, per week and group (a department, a channel…), the counts and the
duration histograms; an analysis compares sets of groups (those a change touched, those it
did not), so the rows of a set are added up here before any ratio or median is taken: the
share of a set is its summed part over its summed whole, its median the Kaplan–Meier median
of its pooled histogram, never an average of its groups' figures.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from dashboard.evidence.measures import Measure
from queries import survival

HOURS_PER_DAY = 24


@dataclass(frozen=True)
class WeeklyRows:
    """What the database returned for the analysis' weeks: ``counts`` per ``week`` and
    ``group_id`` (the cohort's or the stock's columns), and for durations the
    ``histograms`` per ``measure``, ``week``, ``group_id``, ``duration`` (hours), ``events``
    and ``censored``."""

    counts: pd.DataFrame
    histograms: pd.DataFrame | None = None

    def of(self, ids: Collection[int], weeks: Sequence[datetime] | None = None) -> WeeklyRows:
        """The rows of the groups ``ids`` (and of ``weeks``, when given)."""
        return WeeklyRows(
            _rows_of(self.counts, ids, weeks),
            None if self.histograms is None else _rows_of(self.histograms, ids, weeks),
        )


def _rows_of(
    frame: pd.DataFrame, ids: Collection[int], weeks: Sequence[datetime] | None
) -> pd.DataFrame:
    keep = frame["group_id"].isin(list(ids))
    if weeks is not None:
        keep &= frame["week"].isin(list(weeks))
    return frame.loc[keep]


def weekly_values(rows: WeeklyRows, measure: Measure, weeks: Sequence[datetime]) -> pd.DataFrame:
    """``value`` and ``weight`` of ``measure`` for each of ``weeks`` (indexed by week), the
    rows' groups added up. ``value`` is in the indicator's unit (days for durations, 0–1 for
    shares, cases for counts and levels); ``weight`` is how many cases stand behind it (the
    share's whole, the duration's cases, 1 for counts and levels), so a regression can weigh
    a week of 3 cases less than one of 300. A week with nothing to measure has NaN."""
    index = pd.DatetimeIndex(weeks, name="week")
    if measure.kind == "duration":
        return _weekly_medians(rows.histograms, measure.part, index)
    summed = rows.counts.groupby("week")[list(_columns(measure))].sum().reindex(index)
    if measure.kind == "share":
        whole = summed[measure.whole].fillna(0)
        value = summed[measure.part] / whole.where(whole > 0)
        return pd.DataFrame({"value": value, "weight": whole})
    # A count is 0 in a week with no rows; a level (a stock) is only known where it was read.
    value = summed[measure.part].fillna(0) if measure.kind == "count" else summed[measure.part]
    return pd.DataFrame({"value": value, "weight": 1.0})


def _columns(measure: Measure) -> tuple[str, ...]:
    return (measure.part,) if measure.whole is None else (measure.part, measure.whole)


def _weekly_medians(histograms: pd.DataFrame, name: str, index: pd.DatetimeIndex) -> pd.DataFrame:
    rows = histograms.loc[histograms["measure"] == name]
    if rows.empty:
        return pd.DataFrame({"value": float("nan"), "weight": 0.0}, index=index)
    found = survival.quantiles_by(rows, ["week"], {"median": 0.5}).reset_index("week")
    found = found.set_index(pd.DatetimeIndex(found["week"]))
    cases = rows.groupby("week")[["events", "censored"]].sum().sum(axis=1)
    return pd.DataFrame(
        {"value": found["median"].reindex(index) / HOURS_PER_DAY,
         "weight": cases.reindex(index).fillna(0)}
    )  # fmt: skip


def window_histogram(rows: WeeklyRows, measure: Measure) -> pd.DataFrame:
    """The pooled duration histogram of ``rows`` (``duration``, ``events``, ``censored``)."""
    found = rows.histograms.loc[rows.histograms["measure"] == measure.part]
    return found.groupby("duration", as_index=False)[["events", "censored"]].sum()


def window_sums(rows: WeeklyRows, measure: Measure) -> tuple[float, float | None]:
    """A share's part and whole, or a count's or level's total (and ``None``), over ``rows``."""
    part = float(rows.counts[measure.part].sum())
    return part, None if measure.whole is None else float(rows.counts[measure.whole].sum())
