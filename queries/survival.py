"""Kaplan–Meier quantiles from a histogram of durations, with censored cases.

Time to first action and time to close are measured on the cases created in a period, and
many of them have not had that event by the cut-off. Leaving those out would report only the
quick ones; counting their time so far as if the event had come would too. Kaplan–Meier
treats each as *censored*: it took at least that long. The database returns a histogram
(durations at a stated resolution, with how many events and how many censored cases fall at
each), a few hundred rows whatever the number of cases; this module turns it into quantiles.
Pure numpy/pandas, no database.

Ties follow the usual convention: at one duration the events happen first, so a case censored
at that same duration is still at risk for them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Columns of a duration histogram: the duration, events at it, cases censored at it.
HISTOGRAM_COLUMNS = ["duration", "events", "censored"]
#: Survival at or below ``1 - q`` within this tolerance reaches the quantile (float products).
TOLERANCE = 1e-12


def survival_curves(histogram: pd.DataFrame, by: list[str] | None = None) -> pd.DataFrame:
    """The Kaplan–Meier curve of each group ``by`` of ``histogram`` (``HISTOGRAM_COLUMNS``
    plus the ``by`` columns; durations may repeat): one row per group and distinct duration
    with ``at_risk``, ``events``, ``censored`` and ``survival`` (the share still without the
    event just after that duration). All groups at once: one grouped sum, then numpy over
    the groups' contiguous runs (a page reads a few thousand rows, and pandas' per-group
    steps cost more than the sums)."""
    keys = list(by or [])
    curves = histogram.groupby([*keys, "duration"], as_index=False, dropna=False, sort=True)[
        ["events", "censored"]
    ].sum()
    if curves.empty:
        return curves.assign(at_risk=0, survival=1.0)[
            [*keys, "duration", "at_risk", "events", "censored", "survival"]
        ]
    starts = _group_starts(curves, keys)
    events = curves["events"].to_numpy(dtype=float)
    leaving = events + curves["censored"].to_numpy(dtype=float)
    so_far = _within(leaving, starts)
    total = np.repeat(np.add.reduceat(leaving, starts), np.diff([*starts, len(curves)]))
    at_risk = total - so_far + leaving
    with np.errstate(divide="ignore", invalid="ignore"):
        log_factor = np.log(np.where(at_risk > 0, 1.0 - events / at_risk, 1.0))
    curves["at_risk"] = at_risk.astype(curves["events"].dtype)
    curves["survival"] = np.exp(_within(log_factor, starts))
    return curves[[*keys, "duration", "at_risk", "events", "censored", "survival"]]


def _group_starts(curves: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Where each group's run of rows begins in ``curves`` (sorted by ``keys``)."""
    if not keys:
        return np.array([0])
    codes = curves.groupby(keys, dropna=False, sort=False).ngroup().to_numpy()
    return np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])


def _within(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The running sum of ``values`` within each group's run (a few hundred runs at most;
    summed run by run, as a grouped sum does, so a curve that reaches 0 in one group leaves
    the next untouched and every sum is the same to the last bit)."""
    running = np.empty_like(values)
    for start, stop in zip(starts, [*starts[1:], len(values)], strict=True):
        running[start:stop] = np.cumsum(values[start:stop])
    return running


def survival_curve(histogram: pd.DataFrame) -> pd.DataFrame:
    """The Kaplan–Meier curve of one histogram (see ``survival_curves``)."""
    return survival_curves(histogram)


def quantiles_by(
    histogram: pd.DataFrame, by: list[str], quantiles: dict[str, float]
) -> pd.DataFrame:
    """Per group ``by``: a column per named quantile (``quantiles``: name → q), the smallest
    duration at which the curve reaches ``1 - q`` or below, NaN when it never does; and
    ``longest``, the longest duration seen (a NaN quantile is "more than" it)."""
    curves = survival_curves(histogram, by)
    curves = curves[(curves["events"] + curves["censored"]) > 0].reset_index(drop=True)
    starts = _group_starts(curves, by)
    if curves.empty:
        return pd.DataFrame(columns=["longest", *quantiles], index=pd.MultiIndex.from_arrays(
            [[] for _ in by], names=by))  # fmt: skip
    durations = curves["duration"].to_numpy(dtype=float)
    survival = curves["survival"].to_numpy()
    first_rows = curves.iloc[starts]
    result = pd.DataFrame(index=pd.MultiIndex.from_frame(first_rows[by]))
    result["longest"] = np.maximum.reduceat(durations, starts)
    for name, q in quantiles.items():
        reached = np.where(survival <= 1.0 - q + TOLERANCE, durations, np.inf)
        first = np.minimum.reduceat(reached, starts)
        result[name] = np.where(np.isfinite(first), first, np.nan)
    return result


def km_quantile(histogram: pd.DataFrame, q: float) -> float:
    """The smallest duration at which the Kaplan–Meier curve reaches ``1 - q`` or below
    (``q`` = 0.5: the median). NaN when the curve never gets there: too many cases were still
    waiting at the cut-off, and the quantile is only known to exceed ``longest_observed``."""
    curve = survival_curve(histogram)
    reached = curve["duration"][curve["survival"] <= 1.0 - q + TOLERANCE]
    return float(reached.iloc[0]) if len(reached) else float("nan")


def longest_observed(histogram: pd.DataFrame) -> float:
    """The longest duration in ``histogram`` (an event's or a censored case's): a quantile
    that is NaN is "more than" this. NaN for an empty histogram."""
    present = histogram["duration"][(histogram["events"] + histogram["censored"]) > 0]
    return float(present.max()) if len(present) else float("nan")
