"""Did a process change help? The whole analysis of one change and one indicator.

The weekly series are aggregated in the database (``queries.evidence``: two reads over the
analysis' weeks, every group of the change's kind at once); everything else runs here on
those few thousand rows:

1. **before vs after** in the touched groups, each window with its 95% interval and the
   difference with its own (bootstrap for medians, Wilson/Newcombe for shares, Poisson for
   counts, a regression with autocorrelation-robust errors for a stock);
2. **difference-in-differences** against untouched groups of the same kind and similar
   size (or chosen by hand), with the check that both moved in parallel before;
3. an **interrupted time series** of the touched groups over up to a year before;
4. **placebos**: the same judgement at dates before the change and on untouched groups,
   where nothing changed, and how often it "finds" an effect;
5. the **confounders** inside the windows (``dashboard.evidence.confounders``);
6. the **verdict**: from the difference-in-differences when there is a comparison group
   that moved in parallel before, else from the time series; "improved" or "worsened" only
   when the interval excludes no change.

``docs/evidence.md`` explains each step for the task force.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Connection

from dashboard.evidence import stats
from dashboard.evidence.changes import parse_touches, unit_of
from dashboard.evidence.comparison import pick_controls, units_of
from dashboard.evidence.confounders import Confounder, confounders_in
from dashboard.evidence.measures import BY_KEY, Measure
from dashboard.evidence.series import (
    HOURS_PER_DAY,
    WeeklyRows,
    weekly_values,
    window_histogram,
    window_sums,
)
from queries import evidence as reads
from queries.filters import CaseFilters
from queries.process_changes import ChangeRecord
from queries.weeks import WEEK, monday_of

DEFAULT_WEEKS = 12
#: Weeks before the change the time series reads (a year lets it see the seasons).
HISTORY_WEEKS = 52
#: At most this many placebo dates before the change (the most recent ones).
MAX_PLACEBO_DATES = 20
#: Fewest weeks a before or after window needs for any interval.
MIN_WEEKS = 4


class EvidenceRefused(ValueError):
    """The analysis cannot be run as asked; the message says why, in Spanish."""


@dataclass(frozen=True)
class Windows:
    """The analysis' Mondays: ``history`` (the weeks before the change the time series and
    the placebos read, ``before`` among them at its end), the change's ``transition`` weeks
    left out, and ``after``. A change that took effect mid-week leaves its week out too."""

    change_week: datetime
    history: list[datetime]
    before: list[datetime]
    transition: list[datetime]
    after: list[datetime]

    @property
    def all(self) -> list[datetime]:
        return [*self.history, *self.transition, *self.after]

    @classmethod
    def around(cls, effective_on: date, weeks: int, transition: int, ready: datetime) -> Windows:
        """The windows of a change, the after window cut where weeks stop being complete
        (``ready``: the Monday after which a week's cases are not yet followed long
        enough) — fewer weeks after, never weeks that would look better for being young."""
        change_week = monday_of(effective_on)
        skipped = transition + (0 if effective_on.weekday() == 0 else 1)
        first_after = change_week + skipped * WEEK
        history = [change_week - (HISTORY_WEEKS - i) * WEEK for i in range(HISTORY_WEEKS)]
        after = [first_after + i * WEEK for i in range(weeks) if first_after + i * WEEK < ready]
        transition_weeks = [change_week + i * WEEK for i in range(skipped)]
        return cls(change_week, history, history[-weeks:], transition_weeks, after)


@dataclass(frozen=True)
class WindowFigure:
    """The indicator over one window: ``value`` with its interval, and ``cases`` behind it."""

    value: float
    low: float
    high: float
    cases: float


@dataclass(frozen=True)
class Evidence:
    change: str
    indicator: str
    unit: str | None
    treated: dict[int, str]
    controls: dict[int, str]
    controls_by_hand: bool
    windows: Windows
    before: WindowFigure
    after: WindowFigure
    before_after: stats.Interval
    did: stats.DidResult | None
    its: stats.ItsResult | None
    method: str
    effect: stats.Interval
    placebo: stats.Placebo
    confounders: list[Confounder]
    verdict: str
    #: Why the verdict is weaker than it looks (codes the page and ``docs`` explain).
    cautions: list[str] = field(default_factory=list)
    #: ``week``, ``group`` (``treated`` or ``control``), ``value``: the charts' series.
    series: pd.DataFrame = field(default_factory=pd.DataFrame)

    def summary(self) -> dict[str, object]:
        """What the command line prints: plain numbers and words, JSON-ready."""
        return {
            "change": self.change, "indicator": self.indicator, "method": self.method,
            "effect": _plain(asdict(self.effect)),
            "interval": [_number(self.effect.low), _number(self.effect.high)],
            "before": _plain(asdict(self.before)), "after": _plain(asdict(self.after)),
            "before_after": _plain(asdict(self.before_after)),
            "weeks_before": len(self.windows.before), "weeks_after": len(self.windows.after),
            "transition_weeks": len(self.windows.transition),
            "treated": sorted(self.treated.values()), "controls": sorted(self.controls.values()),
            "parallel_before": None if self.did is None else self.did.parallel_trends.parallel,
            "placebo_runs": self.placebo.runs, "placebo_found": self.placebo.found,
            "placebo_rate": _number(self.placebo.rate),
            "confounders": [_plain(asdict(found)) for found in self.confounders],
            "cautions": self.cautions, "verdict": self.verdict,
        }  # fmt: skip


def analyse(
    connection: Connection,
    change: ChangeRecord,
    indicator: str,
    *,
    weeks: int = DEFAULT_WEEKS,
    transition: int = 0,
    as_of: datetime,
    controls: Sequence[int] | None = None,
) -> Evidence:
    """The evidence that ``change`` moved ``indicator`` (a key of ``measures.BY_KEY``)."""
    measure = _measure(indicator)
    touches = parse_touches(change.touches) if isinstance(change.touches, str) else change.touches
    unit = unit_of(touches)
    if unit is None:
        raise EvidenceRefused("El cambio no dice a qué áreas, canales o categorías afectó.")
    ready = _ready(as_of, measure)
    windows = Windows.around(change.effective_on, weeks, transition, ready)
    if len(windows.after) < MIN_WEEKS:
        raise EvidenceRefused(
            f"Todavía no hay {MIN_WEEKS} semanas completas después del cambio para medir "
            f"este indicador (cada semana necesita {reads.HORIZON_DAYS} días de seguimiento)."
        )
    rows = _read(connection, measure, windows, unit, as_of)
    names = units_of(connection, unit)
    treated = [group for group in touches[unit] if group in names.index]
    chosen = pick_controls(rows.counts, names, treated, windows.before, by_hand=controls)
    return _judged(connection, change, measure, unit, windows, rows, names, treated, chosen,
                   by_hand=controls is not None)  # fmt: skip


def _measure(indicator: str) -> Measure:
    if indicator not in BY_KEY:
        raise EvidenceRefused(f"Indicador desconocido: {indicator}. Opciones: {', '.join(BY_KEY)}.")
    return BY_KEY[indicator]


def _ready(as_of: datetime, measure: Measure) -> datetime:
    """The first Monday whose week is not complete: for the cohorts, whose cases cannot all
    have been followed ``HORIZON_DAYS`` by ``as_of``; for the stock, the running week."""
    wait = timedelta(days=reads.HORIZON_DAYS) if measure.source == "cohort" else timedelta(0)
    return monday_of((as_of - wait - WEEK).date()) + WEEK


def _read(connection, measure, windows, unit, as_of) -> WeeklyRows:
    weeks = windows.all
    end = weeks[-1] + WEEK
    filters = CaseFilters.for_period(weeks[0].date(), (end - timedelta(days=1)).date(), as_of)
    if measure.source == "stock":
        part = "closings" if measure.whole == "outflow" else "backlog"
        return WeeklyRows(reads.weekly_stock(connection, filters, weeks, unit, (part,)))
    asked = (measure.part,) if measure.kind == "duration" else ()
    counts, histograms = reads.weekly_cohorts(connection, filters, weeks, unit, asked)
    return WeeklyRows(counts, histograms)


def _judged(connection, change, measure, unit, windows, rows, names, treated, chosen, *,
            by_hand) -> Evidence:  # fmt: skip
    mine = rows.of(treated)
    before, after = (_window(mine.of(treated, weeks), measure, len(weeks))
                     for weeks in (windows.before, windows.after))  # fmt: skip
    difference = _before_after(mine, measure, windows)
    weekly = _both_series(rows, measure, treated, chosen, windows)
    did = _attempt(_did, weekly, windows) if chosen else None
    its = _attempt(_its, weekly, windows)
    if its is None and did is None:
        raise EvidenceRefused("No hay semanas suficientes con casos antes y después del cambio.")
    method = "did" if did is not None and (did.parallel_trends.parallel or its is None) else "its"
    effect = did.effect if method == "did" else its.effect_at_end
    placebo = _placebos(rows, measure, treated, chosen, windows, method)
    found = confounders_in(connection, windows, unit, [*treated, *chosen], change.name)
    cautions = _cautions(did, placebo, found, windows, len(windows.before))
    return Evidence(
        change=change.name, indicator=measure.key, unit=unit,
        treated={g: names.at[g] for g in treated}, controls={g: names.at[g] for g in chosen},
        controls_by_hand=by_hand, windows=windows, before=before, after=after,
        before_after=difference, did=did, its=its, method=method, effect=effect,
        placebo=placebo, confounders=found, verdict=stats.verdict(effect, measure.better),
        cautions=cautions, series=weekly,
    )  # fmt: skip


def _window(rows: WeeklyRows, measure: Measure, weeks: int) -> WindowFigure:
    """The indicator over one window with its 95% interval."""
    if measure.kind == "duration":
        histogram = window_histogram(rows, measure)
        found = stats.bootstrap_quantile(histogram, 0.5)
        cases = float(histogram[["events", "censored"]].to_numpy().sum())
        return WindowFigure(*(_days(v) for v in (found.estimate, found.low, found.high)), cases)
    part, whole = window_sums(rows, measure)
    if measure.kind == "share":
        found = stats.wilson(int(part), int(whole))
        return WindowFigure(found.estimate, found.low, found.high, whole)
    if measure.kind == "count":
        found = stats.poisson_count(int(part))
        return WindowFigure(*(v / weeks for v in (found.estimate, found.low, found.high)), part)
    values = weekly_values(rows, measure, sorted(rows.counts["week"].unique()))["value"]
    found = stats.mean_interval(values.dropna().to_numpy())
    return WindowFigure(found.estimate, found.low, found.high, float(len(values)))


def _before_after(mine: WeeklyRows, measure: Measure, windows: Windows) -> stats.Interval:
    """After − before in the touched groups, in the indicator's unit."""
    groups = mine.counts["group_id"].unique()
    first, then = mine.of(groups, windows.before), mine.of(groups, windows.after)
    if measure.kind == "duration":
        found = stats.bootstrap_quantile_difference(
            window_histogram(first, measure), window_histogram(then, measure), 0.5
        )
        return replace(found, estimate=_days(found.estimate), low=_days(found.low),
                       high=_days(found.high))  # fmt: skip
    if measure.kind == "share":
        (k0, n0), (k1, n1) = window_sums(first, measure), window_sums(then, measure)
        return stats.newcombe(int(k0), int(n0), int(k1), int(n1))
    if measure.kind == "count":
        (k0, _), (k1, _) = window_sums(first, measure), window_sums(then, measure)
        return stats.poisson_rate_difference(int(k0), len(windows.before), int(k1),
                                             len(windows.after))  # fmt: skip
    values = [weekly_values(part, measure, weeks)["value"].dropna().to_numpy()
              for part, weeks in ((first, windows.before), (then, windows.after))]  # fmt: skip
    return stats.mean_difference(*values)


def _both_series(rows, measure, treated, controls, windows) -> pd.DataFrame:
    """The weekly values of the touched groups and of the comparison groups, stacked. A
    count or a stock grows with the number of groups added up, so the comparison's is
    scaled to as many groups as were touched."""
    frames = []
    for group, ids in (("treated", treated), ("control", controls)):
        if ids:
            values = weekly_values(rows.of(ids), measure, windows.all)
            if group == "control" and measure.kind in ("count", "level"):
                values["value"] *= len(treated) / len(ids)
            frames.append(values.reset_index().assign(group=group))
    return pd.concat(frames, ignore_index=True)[["week", "group", "value", "weight"]]


def _attempt(method, weekly: pd.DataFrame, windows: Windows):
    """``method``'s result, or ``None`` when its weeks hold too little to fit it."""
    try:
        return method(weekly, windows)
    except stats.NotEnoughWeeks:
        return None


def _did(weekly: pd.DataFrame, windows: Windows) -> stats.DidResult:
    span = weekly[weekly["week"].isin([*windows.before, *windows.after])].dropna(subset=["value"])
    return stats.difference_in_differences(span, pd.Timestamp(windows.after[0]))


def _its(weekly: pd.DataFrame, windows: Windows) -> stats.ItsResult:
    mine = weekly[weekly["group"] == "treated"].set_index("week")
    span = mine.loc[mine.index.isin([*windows.history, *windows.after]), "value"].dropna()
    return stats.interrupted_time_series(span, pd.Timestamp(windows.after[0]))


def _placebos(rows, measure, treated, controls, windows, method) -> stats.Placebo:
    """The same judgement where nothing changed: at the Mondays before the change whose
    after window ends before it (the most recent ``MAX_PLACEBO_DATES``), and on each
    untouched comparison group at the change's own date, measured against the others."""
    weeks = len(windows.before)
    dates = windows.history[weeks : len(windows.history) - weeks + 1][-MAX_PLACEBO_DATES:]
    weekly = _both_series(rows, measure, treated, controls, windows)

    def at_date(moment: pd.Timestamp) -> stats.Interval:
        shifted = _placebo_windows(windows, moment.to_pydatetime(), weeks)
        if method == "did":
            return _did(weekly, shifted).effect
        return _its(weekly, shifted).effect_at_end

    runs = stats.placebo_rate(at_date, [pd.Timestamp(d) for d in dates])
    if method != "did" or len(controls) < 2:
        return runs
    found = [stats.placebo_rate(lambda _, fake=fake: _did(
        _both_series(rows, measure, [fake], [c for c in controls if c != fake], windows), windows
    ).effect, [pd.Timestamp(windows.change_week)]) for fake in controls]  # fmt: skip
    total = runs.runs + sum(f.runs for f in found)
    hits = runs.found + sum(f.found for f in found)
    return stats.Placebo(total, hits, hits / total if total else float("nan"))


def _placebo_windows(windows: Windows, moment: datetime, weeks: int) -> Windows:
    history = [w for w in windows.history if w < moment]
    after = [moment + i * WEEK for i in range(weeks)]
    return Windows(moment, history, history[-weeks:], [], after)


def _cautions(did, placebo, found, windows, weeks) -> list[str]:
    cautions = []
    if did is None:
        cautions.append("no_comparison_group")
    elif not did.parallel_trends.parallel:
        cautions.append("not_parallel_before")
    if placebo.runs and placebo.rate > 0.10:
        cautions.append("placebos_find_effects")
    if found:
        cautions.append("confounders_in_windows")
    if len(windows.after) < weeks:
        cautions.append("after_window_short")
    return cautions


def _days(hours: float) -> float:
    return hours / HOURS_PER_DAY


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _plain(values: dict) -> dict:
    """A dataclass' fields as JSON-ready values (dates as ISO text, NaN as null)."""
    out = {}
    for key, value in values.items():
        if isinstance(value, datetime | date):
            out[key] = value.isoformat()
        elif isinstance(value, float | np.floating):
            out[key] = _number(value)
        else:
            out[key] = value
    return out
