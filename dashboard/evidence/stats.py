"""The statistics behind "did the process change help?": intervals, not bare differences.

A week-on-week difference in a dashboard always moves; the task force needs to know whether a
change after a process change is larger than the noise the indicator has anyway. Every
function here returns an ``Interval`` (estimate, low, high and the method's name, shown next to
the result so that a reader can look it up), and ``verdict`` only calls a change an
improvement when the whole interval lies on the better side of zero.

- proportions (share of cases answered in time, …): Wilson and Newcombe's hybrid score
  interval;
- counts (inflow, closures per week): exact Garwood and a score interval for a difference of
  weekly rates;
- means of weekly values (stocks, averages): Student and Welch t intervals;
- durations with open cases (time to first action, time to close): Kaplan–Meier quantiles
  from the database's duration histograms, bootstrapped;
- weekly series: interrupted time series (segmented regression with AR(1) errors) and
  difference in differences against a control group (Driscoll–Kraay errors), because
  consecutive weeks share a backlog and an ordinary standard error would find "effects" far
  too often; ``placebo_rate`` measures how often on dates where nothing changed.

Pure numpy/pandas/scipy/statsmodels on the few hundred rows the database returns.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats as sps
from scipy.optimize import minimize_scalar
from statsmodels.stats.rates import confint_poisson_2indep

from queries.survival import TOLERANCE, km_quantile, survival_curve

#: A bootstrap interval is only given when at most this share of resamples lacks the quantile.
MAX_UNDEFINED_SHARE = 0.05
#: Durations drawn at a time when resampling a histogram (see ``_ResampledCurves``).
RESAMPLE_BLOCK = 16
#: Fewest weeks before the change for the pre-trend check to be able to say "parallel".
MIN_WEEKS_FOR_TRENDS = 6
#: Weeks before the change from which a yearly cycle can be told apart from a trend.
WEEKS_FOR_SEASONALITY = 52
#: Fourier pairs (sine, cosine) of the position in the year that model the yearly cycle.
FOURIER_PAIRS = 2
#: Bound on the AR(1) coefficient: beyond it the series is a random walk, not noise.
MAX_RHO = 0.98
WEEK = pd.Timedelta(weeks=1)

Verdict = Literal["improved", "worsened", "inconclusive", "increased", "decreased"]


@dataclass(frozen=True)
class Interval:
    """An estimate with its confidence interval and the name of the method that gave it."""

    estimate: float
    low: float
    high: float
    method: str

    def excludes(self, value: float) -> bool:
        """Whether ``value`` lies outside the interval (False when the interval is unknown)."""
        return bool(self.low > value or self.high < value)

    @property
    def excludes_zero(self) -> bool:
        """Whether the data rule out "no change" at the interval's level."""
        return self.excludes(0.0)


@dataclass(frozen=True)
class BootstrapInterval(Interval):
    """A bootstrap interval that also says which share of resamples had no estimate: an
    interval built on the remaining ones would describe only the favourable resamples."""

    undefined_share: float = 0.0


@dataclass(frozen=True)
class TrendCheck:
    """Whether treated and control moved alike before the change: the slope difference per
    week (treated − control), its p-value, and the verdict (``parallel``)."""

    slope_difference: Interval
    p_value: float
    weeks_before: int
    parallel: bool


@dataclass(frozen=True)
class DidResult:
    """Difference in differences: ``effect`` is (treated after − before) − (control after −
    before); it is only credible when ``parallel_trends.parallel``."""

    effect: Interval
    parallel_trends: TrendCheck


@dataclass(frozen=True)
class ItsResult:
    """Interrupted time series: the jump at the change, the change of weekly slope, and the
    average gap between the fit and the counterfactual over the weeks after. ``fitted`` is
    NaN in the transition weeks (left out of the fit); ``counterfactual`` is the fit with the
    change's terms set to 0 (the weeks before, continued). ``rho`` is the weeks' estimated
    AR(1) autocorrelation."""

    level_change: Interval
    slope_change: Interval
    effect_at_end: Interval
    fitted: pd.Series
    counterfactual: pd.Series
    seasonal: bool
    rho: float


@dataclass(frozen=True)
class Placebo:
    """How often the analysis "found" an effect on dates where nothing changed."""

    runs: int
    found: int
    rate: float


class NotEnoughWeeks(ValueError):
    """Too few weeks on one side of the change to fit the model (the page says so instead
    of showing a number)."""


def _z(level: float) -> float:
    return float(sps.norm.ppf(0.5 + level / 2))


# -- Proportions


def wilson(k: int, n: int, level: float = 0.95) -> Interval:
    """Wilson score interval for ``k`` successes out of ``n``: unlike the textbook Wald
    interval it stays inside [0, 1] and keeps its coverage for shares near 0 or 1 and for
    small weeks. NaN when ``n`` is 0."""
    if n <= 0:
        return Interval(math.nan, math.nan, math.nan, "Wilson score")
    z = _z(level)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half), "Wilson score")


def newcombe(
    k_before: int, n_before: int, k_after: int, n_after: int, level: float = 0.95
) -> Interval:
    """After − before share, with Newcombe's (1998) method 10: each side's Wilson limits
    combined in quadrature. Good coverage even with zero counts, where the Wald difference
    collapses to a point."""
    method = "Newcombe hybrid score (method 10)"
    before = wilson(k_before, n_before, level)
    after = wilson(k_after, n_after, level)
    if math.isnan(before.estimate) or math.isnan(after.estimate):
        return Interval(math.nan, math.nan, math.nan, method)
    diff = after.estimate - before.estimate
    low = diff - math.hypot(after.estimate - after.low, before.high - before.estimate)
    high = diff + math.hypot(after.high - after.estimate, before.estimate - before.low)
    return Interval(diff, low, high, method)


# -- Counts


def poisson_count(k: int, level: float = 0.95) -> Interval:
    """Exact (Garwood) interval for a Poisson count from the chi-square quantiles: a week's
    inflow is a count, and for small counts the normal approximation goes below zero."""
    alpha = 1 - level
    low = 0.0 if k == 0 else float(sps.chi2.ppf(alpha / 2, 2 * k)) / 2
    high = float(sps.chi2.ppf(1 - alpha / 2, 2 * k + 2)) / 2
    return Interval(float(k), low, high, "exact Poisson (Garwood)")


def poisson_rate_difference(
    k_before: int, weeks_before: float, k_after: int, weeks_after: float, level: float = 0.95
) -> Interval:
    """Weekly rate after − before, with the score interval for a difference of two Poisson
    rates (the score test inverted, variance under each tested difference; statsmodels'
    ``confint_poisson_2indep``). Chosen over the Wald interval (variance k/t²), which has a
    width of zero when a side has no events, and over the exact conditional test, which
    answers for the rate ratio, not the difference the page shows."""
    estimate = k_after / weeks_after - k_before / weeks_before
    with np.errstate(divide="ignore", invalid="ignore"):
        low, high = confint_poisson_2indep(
            k_after,
            weeks_after,
            k_before,
            weeks_before,
            method="score",
            compare="diff",
            alpha=1 - level,
        )
    return Interval(
        estimate, float(low), float(high), "score interval, difference of Poisson rates"
    )


# -- Means of weekly values


def mean_interval(values: np.ndarray, level: float = 0.95) -> Interval:
    """The mean of weekly values (an indicator that is neither a share, a count nor a
    duration: a stock, an average) with its Student t interval; NaN with fewer than 2
    values. Weeks are treated as independent, so the interval describes the window's
    spread, not a test of a change (that is what the weekly-series models are for)."""
    method = "Student t"
    values = np.asarray(values, dtype=float)
    if len(values) < 2:
        return Interval(math.nan, math.nan, math.nan, method)
    mean = float(values.mean())
    half = float(sps.t.ppf(0.5 + level / 2, len(values) - 1)) * float(
        values.std(ddof=1) / math.sqrt(len(values))
    )
    return Interval(mean, mean - half, mean + half, method)


def mean_difference(before: np.ndarray, after: np.ndarray, level: float = 0.95) -> Interval:
    """After − before mean of weekly values, with Welch's t interval (no equal variances
    assumed: a change often changes the spread too); NaN with fewer than 2 values a side.
    Independent weeks assumed, as in ``mean_interval``."""
    method = "Welch t"
    if len(before) < 2 or len(after) < 2:
        return Interval(math.nan, math.nan, math.nan, method)
    result = sps.ttest_ind(
        np.asarray(after, dtype=float), np.asarray(before, dtype=float), equal_var=False
    )
    low, high = result.confidence_interval(confidence_level=level)
    estimate = float(np.mean(after) - np.mean(before))
    return Interval(estimate, float(low), float(high), method)


# -- Durations with open cases


def bootstrap_quantile(
    histogram: pd.DataFrame, q: float = 0.5, reps: int = 2000, seed: int = 0, level: float = 0.95
) -> BootstrapInterval:
    """The Kaplan–Meier ``q``-quantile of one duration histogram (hours) with its percentile
    bootstrap interval (see ``bootstrap_quantile_difference``)."""
    rng = np.random.default_rng(seed)
    draws = _resampled_quantiles(histogram, q, reps, rng)
    return _percentile_interval(km_quantile(histogram, q), draws, level)


def bootstrap_quantile_difference(
    before: pd.DataFrame,
    after: pd.DataFrame,
    q: float = 0.5,
    reps: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> BootstrapInterval:
    """After − before Kaplan–Meier ``q``-quantile (hours), with a percentile bootstrap that
    resamples cases, open ones included, from each duration histogram (``queries.survival``
    columns). A quantile has no simple standard error, and a case still open counts in the
    resample as what it is: censored. Resamples where a curve never reaches ``q`` are counted
    (``undefined_share``); above ``MAX_UNDEFINED_SHARE`` the limits are NaN, because the
    defined resamples are the quick ones and would give a falsely narrow interval."""
    rng = np.random.default_rng(seed)
    draws = _resampled_quantiles(after, q, reps, rng) - _resampled_quantiles(before, q, reps, rng)
    return _percentile_interval(km_quantile(after, q) - km_quantile(before, q), draws, level)


def _percentile_interval(estimate: float, draws: np.ndarray, level: float) -> BootstrapInterval:
    """The percentile interval of the bootstrap ``draws`` (NaN where undefined), or NaN
    limits when more than ``MAX_UNDEFINED_SHARE`` of them are undefined."""
    method = "percentile bootstrap of Kaplan–Meier quantiles"
    undefined = float(np.mean(np.isnan(draws)))
    if undefined > MAX_UNDEFINED_SHARE or math.isnan(estimate):
        return BootstrapInterval(estimate, math.nan, math.nan, method, undefined)
    alpha = 1 - level
    low, high = np.quantile(draws[~np.isnan(draws)], [alpha / 2, 1 - alpha / 2])
    return BootstrapInterval(estimate, float(low), float(high), method, undefined)


def _resampled_quantiles(
    histogram: pd.DataFrame, q: float, reps: int, rng: np.random.Generator
) -> np.ndarray:
    """The ``q``-quantile of ``reps`` resamples of the histogram's cases (NaN where the curve
    never reaches it), by ``_ResampledCurves``: the resamples' Kaplan–Meier curves, all at
    once, from the shortest duration up, stopping once every resample has reached ``q``."""
    curve = survival_curve(histogram)
    curve = curve[(curve["events"] + curve["censored"]) > 0]
    cells = curve[["events", "censored"]].to_numpy(float)
    cases = int(cells.sum())
    if cases == 0:
        return np.full(reps, np.nan)
    curves = _ResampledCurves(cases, reps, rng)
    durations = curve["duration"].to_numpy(float)
    quantiles = np.full(reps, np.nan)
    for start in range(0, len(durations), RESAMPLE_BLOCK):
        block = slice(start, start + RESAMPLE_BLOCK)
        pending = np.flatnonzero(np.isnan(quantiles))
        if not len(pending):
            break
        reached = curves.advance(pending, cells[block]) <= 1.0 - q + TOLERANCE
        found = reached.any(axis=1)
        quantiles[pending[found]] = durations[block][reached[found].argmax(axis=1)]
    return quantiles


class _ResampledCurves:
    """Kaplan–Meier curves of ``reps`` resamples of ``cases`` cases, drawn block of
    durations by block: a multinomial over a block's cells (event or censored at each
    duration) and "later", for the cases not drawn yet, is the same as one multinomial over
    all cells, and a quantile only needs the curve up to where it is reached — for a median,
    a small part of the durations, which is what keeps 2,000 resamples of 50,000 cases well
    under a second. The arithmetic is ``queries.survival.survival_curves``'s, on a
    (resamples × durations) array."""

    def __init__(self, cases: int, reps: int, rng: np.random.Generator) -> None:
        self.rng = rng
        self.undrawn = np.full(reps, cases)  # cases not yet drawn into a cell
        self.at_risk = np.full(reps, float(cases))
        self.log_survival = np.zeros(reps)
        self.later = float(cases)  # the original's cases in the cells not yet drawn

    def advance(self, pending: np.ndarray, cells: np.ndarray) -> np.ndarray:
        """Draw the next block's cells (``cells``: the original's counts, duration ×
        (event, censored)) for the resamples ``pending``; their survival at each of the
        block's durations (``pending`` × durations)."""
        self.later -= cells.sum()
        pvals = np.append(cells.ravel(), self.later) / (cells.sum() + self.later)
        counts = self.rng.multinomial(self.undrawn[pending], pvals).astype(float)
        self.undrawn[pending] = counts[:, -1]
        events, censored = counts[:, 0:-1:2], counts[:, 1:-1:2]
        leaving = events + censored
        at_risk = self.at_risk[pending, None] - np.cumsum(leaving, axis=1) + leaving
        with np.errstate(divide="ignore", invalid="ignore"):
            log_factor = np.log(np.where(at_risk > 0, 1.0 - events / at_risk, 1.0))
        log_survival = self.log_survival[pending, None] + np.cumsum(log_factor, axis=1)
        self.at_risk[pending] -= leaving.sum(axis=1)
        self.log_survival[pending] = log_survival[:, -1]
        return np.exp(log_survival)


# -- Weekly series


def difference_in_differences(
    weekly: pd.DataFrame,
    change_week: pd.Timestamp,
    transition_weeks: int = 0,
    level: float = 0.95,
) -> DidResult:
    """Difference in differences on weekly values of a ``treated`` and a ``control`` group
    (columns ``week``, ``group``, ``value``, ``weight``): the effect is (treated after −
    before) − (control after − before). The control group takes out what moved everyone
    (season, a holiday, a general backlog): the analysis runs on the weekly gap treated −
    control, where those shocks cancel, as a weighted regression on ``post`` (the same
    coefficient as treated × post in the stacked regression on treated, post and
    treated × post when the weights are equal) with AR(1) errors (``_ar1_gls``). Errors
    robust only by Newey–West/Driscoll–Kraay found an effect in 17% of simulated series
    where there was none. A week's gap weighs 1 / (1/w_treated + 1/w_control), the inverse
    of its variance when a value's variance goes as 1/weight. Weeks in the transition
    (``change_week`` ≤ week < ``change_week`` + ``transition_weeks``) are left out."""
    gap = _weekly_gap(weekly)
    gap = gap[~_in_transition(gap.index, change_week, transition_weeks)]
    post = (gap.index >= change_week + transition_weeks * WEEK).astype(float)
    if post.sum() < 2 or (1 - post).sum() < 3:
        raise NotEnoughWeeks("difference in differences needs 3 weeks before and 2 after")
    design = pd.DataFrame({"const": 1.0, "post": post}, index=gap.index)
    fit = _ar1_gls(gap["value"].to_numpy(float), design, gap["weight"].to_numpy(float))
    method = f"difference in differences, weekly gap, GLS with AR(1) errors (ρ = {fit.rho:.2f})"
    return DidResult(
        fit.interval(_unit(design, "post"), level, method),
        _trend_check(gap[post == 0], level),
    )


def _weekly_gap(weekly: pd.DataFrame) -> pd.DataFrame:
    """Per week (index): treated − control ``value`` and the gap's ``weight``; weeks without
    both groups are left out."""
    wide = weekly.pivot(index="week", columns="group", values=["value", "weight"]).dropna()
    if not {"treated", "control"} <= set(wide.columns.get_level_values("group")):
        raise NotEnoughWeeks("difference in differences needs weeks of both groups")
    with np.errstate(divide="ignore"):
        weight = 1 / (1 / wide[("weight", "treated")] + 1 / wide[("weight", "control")])
    gap = wide[("value", "treated")] - wide[("value", "control")]
    return pd.DataFrame({"value": gap, "weight": weight}).sort_index()


def _trend_check(before: pd.DataFrame, level: float) -> TrendCheck:
    """The pre-trend check of a difference in differences: on the weeks before, the slope
    of the gap per week, i.e. the difference of slopes (treated − control). A significant
    one, or too few weeks to tell, means the control is not a credible counterfactual."""
    weeks = len(before)
    method = "slope of the weekly gap before the change, GLS with AR(1) errors"
    if weeks < 4:
        nan = Interval(math.nan, math.nan, math.nan, method)
        return TrendCheck(nan, math.nan, weeks, False)
    t = np.asarray((before.index - before.index[0]) / WEEK, dtype=float)
    design = pd.DataFrame({"const": 1.0, "t": t}, index=before.index)
    fit = _ar1_gls(before["value"].to_numpy(float), design, before["weight"].to_numpy(float))
    slope = _unit(design, "t")
    p_value = fit.p_value(slope)
    parallel = bool(p_value >= 0.05 and weeks >= MIN_WEEKS_FOR_TRENDS)
    return TrendCheck(fit.interval(slope, level, method), p_value, weeks, parallel)


def _in_transition(
    weeks: pd.DatetimeIndex, change_week: pd.Timestamp, transition_weeks: int
) -> np.ndarray:
    """Which ``weeks`` fall while the change was still being rolled out."""
    return np.asarray((weeks >= change_week) & (weeks < change_week + transition_weeks * WEEK))


def interrupted_time_series(
    weekly: pd.Series,
    change_week: pd.Timestamp,
    transition_weeks: int = 0,
    seasonal: bool | None = None,
    level: float = 0.95,
) -> ItsResult:
    """Segmented regression of a weekly series (indexed by the weeks' Mondays):
    y = b0 + b1·t + b2·post + b3·(t − t_change)·post, with t in weeks and t_change the first
    week after the transition, plus two Fourier pairs of the position in the year when
    ``seasonal`` (by default: when there are a year of weeks before, the least needed to tell
    a yearly cycle from a trend). Consecutive weeks share a backlog, so the errors are
    modelled as AR(1) (``_ar1_gls``): with ordinary or Newey–West errors this regression
    "finds" a level change on one series in five where nothing changed (measured on
    simulated AR(1) weeks, φ = 0.5: Newey–West with 4 lags 20–23%, more lags worse), against
    about 5% here. ``effect_at_end`` averages fit − counterfactual over the weeks after, its
    interval by the delta method through the model's covariance."""
    series = weekly.dropna().sort_index()
    post_start = change_week + transition_weeks * WEEK
    inside = _in_transition(series.index, change_week, transition_weeks)
    weeks_before = int((series.index < change_week).sum())
    weeks_after = int((series.index >= post_start).sum())
    if weeks_before < 3 or weeks_after < 2:
        raise NotEnoughWeeks("interrupted time series needs 3 weeks before and 2 after")
    seasonal = weeks_before >= WEEKS_FOR_SEASONALITY if seasonal is None else seasonal
    design = _its_design(series.index, series.index[0], post_start, seasonal)
    fit = _ar1_gls(series[~inside].to_numpy(float), design[~inside])
    method = f"segmented regression, GLS with AR(1) errors (REML, ρ = {fit.rho:.2f})"
    fitted = pd.Series(design.to_numpy() @ fit.params, index=series.index).where(~inside)
    counterfactual = design.assign(post=0.0, weeks_since=0.0).to_numpy() @ fit.params
    after = design[~inside & (design["post"] == 1)]
    return ItsResult(
        level_change=fit.interval(_unit(design, "post"), level, method),
        slope_change=fit.interval(_unit(design, "weeks_since"), level, method),
        effect_at_end=fit.interval(
            _unit(design, "post") + _unit(design, "weeks_since") * after["weeks_since"].mean(),
            level,
            method,
        ),
        fitted=fitted,
        counterfactual=pd.Series(counterfactual, index=series.index),
        seasonal=seasonal,
        rho=fit.rho,
    )


def _unit(design: pd.DataFrame, column: str) -> np.ndarray:
    """The coefficient vector that picks ``column``'s coefficient."""
    return (design.columns == column).astype(float)


@dataclass(frozen=True)
class _LinearFit:
    """Coefficients, their covariance and the degrees of freedom of a regression."""

    params: np.ndarray
    cov: np.ndarray
    df: int
    rho: float

    def interval(self, combination: np.ndarray, level: float, method: str) -> Interval:
        """Interval of the linear combination ``combination · params``: its variance is
        g' V g (the delta method, exact for a linear combination), Student t quantiles."""
        estimate = float(combination @ self.params)
        half = float(sps.t.ppf(0.5 + level / 2, self.df)) * math.sqrt(
            combination @ self.cov @ combination
        )
        return Interval(estimate, estimate - half, estimate + half, method)

    def p_value(self, combination: np.ndarray) -> float:
        """Two-sided p-value of "``combination · params`` = 0" (an exact fit: 0 or 1)."""
        estimate = float(combination @ self.params)
        error = math.sqrt(combination @ self.cov @ combination)
        if error == 0:
            return 1.0 if estimate == 0 else 0.0
        return float(2 * sps.t.sf(abs(estimate / error), self.df))


def _ar1_gls(y: np.ndarray, design: pd.DataFrame, weights: np.ndarray | None = None) -> _LinearFit:
    """Least squares with AR(1) errors: ρ by restricted maximum likelihood (REML, which
    unlike the residuals' autocorrelation is not biased towards 0 by the fitted trend and
    step), then GLS on the Prais–Winsten transformed series. One degree of freedom is taken
    for ρ. Turner et al. (2021, BMC Med Res Methodol 21:181) found REML the best calibrated
    of six methods for short interrupted time series. ``weights`` (inverse variances) scale
    the rows before the AR(1) whitening."""
    x = design.to_numpy(float)
    if weights is not None:
        scale = np.sqrt(weights)
        y, x = y * scale, x * scale[:, None]
    rows, k = x.shape
    df = rows - k - 1
    if df < 1:
        raise NotEnoughWeeks(f"{rows} weeks cannot fit {k} coefficients and the autocorrelation")
    rho = minimize_scalar(
        lambda r: _reml_deviance(y, x, r), bounds=(-MAX_RHO, MAX_RHO), method="bounded"
    ).x
    yw, xw = _prais_winsten(y, rho), _prais_winsten(x, rho)
    params, *_ = np.linalg.lstsq(xw, yw, rcond=None)
    sigma2 = float(np.sum((yw - xw @ params) ** 2)) / df
    return _LinearFit(params, sigma2 * np.linalg.pinv(xw.T @ xw), df, float(rho))


def _reml_deviance(y: np.ndarray, x: np.ndarray, rho: float) -> float:
    """Minus twice the restricted log-likelihood of ``rho`` (up to a constant), with the
    coefficients and the innovation variance profiled out."""
    yw, xw = _prais_winsten(y, rho), _prais_winsten(x, rho)
    params, *_ = np.linalg.lstsq(xw, yw, rcond=None)
    rss = max(float(np.sum((yw - xw @ params) ** 2)), np.finfo(float).tiny)  # exact fit
    rows, k = x.shape
    return (rows - k) * math.log(rss) - math.log(1 - rho**2) + np.linalg.slogdet(xw.T @ xw)[1]


def _prais_winsten(values: np.ndarray, rho: float) -> np.ndarray:
    """Rows whitened for AR(1) errors: the first scaled by √(1 − ρ²), the others minus ρ
    times the previous (rows are consecutive weeks; a week left out is treated as adjacent,
    a small approximation for a few transition weeks)."""
    return np.concatenate([math.sqrt(1 - rho**2) * values[:1], values[1:] - rho * values[:-1]])


def _its_design(
    index: pd.DatetimeIndex, origin: pd.Timestamp, post_start: pd.Timestamp, seasonal: bool
) -> pd.DataFrame:
    """The segmented regression's columns for every week of ``index``."""
    t = np.asarray((index - origin) / WEEK, dtype=float)
    t_change = (post_start - origin) / WEEK
    post = (index >= post_start).astype(float)
    design = pd.DataFrame(
        {"const": 1.0, "t": t, "post": post, "weeks_since": (t - t_change) * post}, index=index
    )
    if seasonal:
        year_angle = 2 * np.pi * np.asarray(index.day_of_year, dtype=float) / 365.25
        for k in range(1, FOURIER_PAIRS + 1):
            design[f"sin{k}"] = np.sin(k * year_angle)
            design[f"cos{k}"] = np.cos(k * year_angle)
    return design


# -- Checks and verdicts


def placebo_rate(
    effect_at: Callable[[pd.Timestamp], Interval], dates: Sequence[pd.Timestamp]
) -> Placebo:
    """Run the analysis at ``dates`` where nothing changed and count how often its interval
    excludes 0: the analysis' real false-alarm rate on this indicator, to show beside a
    finding (at a 95% level it should be near 5%). Analyses without an interval (NaN, or
    ``NotEnoughWeeks`` around that date) are not runs."""
    intervals = [_effect_or_none(effect_at, date) for date in dates]
    defined = [
        i for i in intervals if i is not None and not (math.isnan(i.low) or math.isnan(i.high))
    ]
    found = sum(i.excludes_zero for i in defined)
    return Placebo(len(defined), found, found / len(defined) if defined else math.nan)


def _effect_or_none(
    effect_at: Callable[[pd.Timestamp], Interval], date: pd.Timestamp
) -> Interval | None:
    """``effect_at(date)``, or None when the weeks around ``date`` cannot be fitted."""
    try:
        return effect_at(date)
    except NotEnoughWeeks:
        return None


def verdict(effect: Interval, better: Literal["up", "down"] | None) -> Verdict:
    """What the page may say about ``effect`` (after − before). "improved"/"worsened" only
    when the whole interval is on one side of zero and the indicator has a better direction
    (``better``: "down" for waiting times, "up" for shares answered in time); indicators
    without one (inflow) only "increased"/"decreased". Anything else, an interval that holds
    0 or is unknown, is "inconclusive": the data do not tell the change from the noise."""
    if effect.low > 0:
        direction = "up"
    elif effect.high < 0:
        direction = "down"
    else:
        return "inconclusive"
    if better is None:
        return "increased" if direction == "up" else "decreased"
    return "improved" if direction == better else "worsened"
