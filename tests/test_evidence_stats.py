"""The before/after statistics: known answers from the literature, and simulated data where
the true effect is known (fixed seeds)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.signal import lfilter

from dashboard.evidence.stats import (
    Interval,
    NotEnoughWeeks,
    bootstrap_quantile,
    bootstrap_quantile_difference,
    difference_in_differences,
    interrupted_time_series,
    mean_difference,
    mean_interval,
    newcombe,
    placebo_rate,
    poisson_count,
    poisson_rate_difference,
    verdict,
    wilson,
)
from queries.survival import km_quantile, quantiles_by

WEEKS = pd.date_range("2024-01-01", periods=78, freq="W-MON")
CHANGE = WEEKS[52]


def histogram(durations: np.ndarray, follow_up: np.ndarray, resolution: float) -> pd.DataFrame:
    """A duration histogram as the database returns it: a case whose follow-up ended before
    its event is censored at its follow-up."""
    observed = np.minimum(durations, follow_up)
    cells = pd.DataFrame(
        {
            "duration": np.ceil(observed / resolution) * resolution,
            "events": (durations <= follow_up).astype(int),
        }
    )
    cells["censored"] = 1 - cells["events"]
    return cells.groupby("duration", as_index=False)[["events", "censored"]].sum()


def exponential_cases(seed: int, mean_hours: float, cases: int, resolution: float = 0.25):
    rng = np.random.default_rng(seed)
    return histogram(rng.exponential(mean_hours, cases), rng.uniform(0, 400, cases), resolution)


def ar1(seed: int, weeks: int = len(WEEKS), phi: float = 0.5, sd: float = 3.0) -> np.ndarray:
    """AR(1) noise, started 50 weeks early so that it is stationary from the first week."""
    innovations = np.random.default_rng(seed).normal(0, sd, weeks + 50)
    return lfilter([1], [1, -phi], innovations)[50:]


def weekly(values: np.ndarray, weeks: pd.DatetimeIndex = WEEKS) -> pd.Series:
    return pd.Series(values, index=weeks)


# -- Known answers


def test_wilson_matches_newcombes_table():
    interval = wilson(81, 263)
    assert interval.estimate == pytest.approx(81 / 263)
    assert (interval.low, interval.high) == pytest.approx((0.2553, 0.3662), abs=5e-5)


def test_newcombe_method_10_is_after_minus_before():
    after_higher = newcombe(k_before=48, n_before=80, k_after=56, n_after=70)
    assert after_higher.estimate == pytest.approx(0.2)
    assert (after_higher.low, after_higher.high) == pytest.approx((0.0524, 0.3339), abs=5e-5)
    after_lower = newcombe(k_before=56, n_before=70, k_after=48, n_after=80)
    assert after_lower.estimate == pytest.approx(-0.2)
    assert (after_lower.low, after_lower.high) == pytest.approx((-0.3339, -0.0524), abs=5e-5)


def test_empty_proportion_is_unknown_not_zero():
    assert math.isnan(wilson(0, 0).low)
    assert math.isnan(newcombe(0, 0, 3, 10).estimate)


def test_garwood_exact_poisson_interval():
    ten = poisson_count(10)
    assert (ten.low, ten.high) == pytest.approx((4.7954, 18.3904), abs=5e-5)
    zero = poisson_count(0)
    assert zero.low == 0
    assert zero.high == pytest.approx(3.6889, abs=5e-5)


def test_rate_difference_keeps_a_width_with_zero_events_and_agrees_with_wald_on_big_counts():
    none_before = poisson_rate_difference(0, 10, 4, 12)
    assert none_before.estimate == pytest.approx(4 / 12)
    assert none_before.low < 0 < none_before.high

    big = poisson_rate_difference(k_before=500, weeks_before=52, k_after=400, weeks_after=26)
    wald = 1.96 * math.sqrt(500 / 52**2 + 400 / 26**2)
    assert big.estimate == pytest.approx(400 / 26 - 500 / 52)
    assert (big.low, big.high) == pytest.approx((big.estimate - wald, big.estimate + wald), abs=0.1)
    assert big.excludes_zero


def test_mean_interval_is_student_t():
    interval = mean_interval(np.array([1.0, 2, 3, 4, 5]))
    assert interval.estimate == 3
    assert (interval.low, interval.high) == pytest.approx((1.0368, 4.9632), abs=5e-5)
    assert math.isnan(mean_interval(np.array([7.0])).low)


def test_mean_difference_is_welch_after_minus_before():
    before, after = np.array([1.0, 2, 3, 4]), np.array([2.0, 4, 6, 8, 10])
    result = mean_difference(before, after)
    v0, v1 = before.var(ddof=1) / 4, after.var(ddof=1) / 5
    df = (v0 + v1) ** 2 / (v0**2 / 3 + v1**2 / 4)  # Welch–Satterthwaite
    half = stats.t.ppf(0.975, df) * math.sqrt(v0 + v1)
    assert result.estimate == pytest.approx(3.5)
    assert (result.low, result.high) == pytest.approx((3.5 - half, 3.5 + half))
    assert math.isnan(mean_difference(before, np.array([1.0])).high)


# -- Durations with censoring


def test_bootstrap_covers_the_true_difference_of_medians():
    before = exponential_cases(1, mean_hours=48, cases=4000)
    after = exponential_cases(2, mean_hours=36, cases=4000)
    result = bootstrap_quantile_difference(before, after, q=0.5, reps=1000, seed=3)
    true_difference = (36 - 48) * math.log(2)
    assert result.estimate == km_quantile(after, 0.5) - km_quantile(before, 0.5)
    assert result.low <= true_difference <= result.high
    assert result.excludes_zero
    assert result.undefined_share == 0


def test_bootstrap_resamples_agree_with_km_quantile_on_each_resampled_case_list():
    """Against a reference: resample the cases, and let ``queries.survival`` compute each
    resample's quantile from its own histogram. The "before" side is a point at 0, so the
    difference is the after side's quantile."""
    cases = exponential_cases(15, mean_hours=20, cases=400, resolution=2.0)
    instant = pd.DataFrame({"duration": [0.0], "events": [5], "censored": [0]})
    result = bootstrap_quantile_difference(instant, cases, q=0.9, reps=4000, seed=16)

    rng = np.random.default_rng(17)
    cells = np.concatenate([cases["events"], cases["censored"]])
    drawn = rng.multinomial(cells.sum(), cells / cells.sum(), size=1000)
    resamples = pd.concat(
        cases.assign(rep=rep, events=row[: len(cases)], censored=row[len(cases) :])
        for rep, row in enumerate(drawn)
    )
    reference = quantiles_by(resamples, ["rep"], {"p90": 0.9})["p90"]
    low, high = np.quantile(reference, [0.025, 0.975])
    assert result.low == pytest.approx(low, abs=2.0)  # one step of the histogram
    assert result.high == pytest.approx(high, abs=2.0)


def test_bootstrap_of_one_histogram_covers_the_true_median():
    cases = exponential_cases(18, mean_hours=48, cases=3000)
    result = bootstrap_quantile(cases, 0.5, reps=1000, seed=19)
    assert result.estimate == km_quantile(cases, 0.5)
    assert result.low <= 48 * math.log(2) <= result.high


def test_bootstrap_of_identical_histograms_contains_zero():
    cases = exponential_cases(4, mean_hours=48, cases=3000)
    result = bootstrap_quantile_difference(cases, cases.copy(), q=0.9, reps=1000, seed=5)
    assert result.estimate == 0
    assert result.low <= 0 <= result.high


def test_bootstrap_is_nan_when_the_quantile_is_often_undefined():
    """Most cases still open: the 90th percentile is often never reached."""
    rng = np.random.default_rng(6)
    open_cases = histogram(rng.exponential(200, 2000), rng.uniform(0, 60, 2000), 1.0)
    quick = exponential_cases(7, mean_hours=10, cases=2000)
    result = bootstrap_quantile_difference(quick, open_cases, q=0.9, reps=500, seed=8)
    assert result.undefined_share > 0.05
    assert math.isnan(result.low) and math.isnan(result.high)
    assert verdict(result, "down") == "inconclusive"


# -- Interrupted time series


def test_its_finds_a_known_level_drop_through_ar1_noise():
    drop = np.where(WEEKS >= CHANGE, -10.0, 0.0)
    result = interrupted_time_series(weekly(100 + drop + ar1(11)), CHANGE)
    assert result.level_change.low <= -10 <= result.level_change.high
    assert result.level_change.excludes_zero
    assert result.effect_at_end.low <= -10 <= result.effect_at_end.high
    assert verdict(result.effect_at_end, "down") == "improved"
    assert result.seasonal  # a year of weeks before the change
    assert result.fitted.index.equals(WEEKS) and result.counterfactual.index.equals(WEEKS)
    before = WEEKS < CHANGE
    assert np.allclose(result.fitted[before], result.counterfactual[before])
    gap = (result.fitted - result.counterfactual)[~before].mean()
    assert gap == pytest.approx(result.effect_at_end.estimate)


def test_its_without_a_change_contains_zero():
    result = interrupted_time_series(weekly(100 + ar1(12)), CHANGE)
    assert result.level_change.low <= 0 <= result.level_change.high
    assert result.effect_at_end.low <= 0 <= result.effect_at_end.high


def test_its_leaves_the_transition_weeks_out():
    values = 100 + ar1(13)
    disrupted = values.copy()
    disrupted[52:55] += 500  # the roll-out weeks, whatever happened in them
    clean = interrupted_time_series(weekly(values), CHANGE, transition_weeks=3)
    result = interrupted_time_series(weekly(disrupted), CHANGE, transition_weeks=3)
    assert result.level_change == clean.level_change
    assert result.fitted.iloc[52:55].isna().all()


def test_its_needs_weeks_on_both_sides():
    with pytest.raises(NotEnoughWeeks):
        interrupted_time_series(weekly(100 + ar1(14)), WEEKS[-1])


def test_its_placebo_rate_on_null_series_is_at_most_ten_percent():
    """100 independent AR(1) series with no change, each analysed at its own date."""
    dates = [CHANGE + pd.Timedelta(days=i) for i in range(100)]
    series = {date: weekly(100 + ar1(1000 + i)) for i, date in enumerate(dates)}
    placebo = placebo_rate(
        lambda date: interrupted_time_series(series[date], CHANGE).effect_at_end, dates
    )
    assert placebo.runs == 100
    assert placebo.rate <= 0.10


def test_placebo_counts_only_defined_intervals():
    unknown = Interval(math.nan, math.nan, math.nan, "x")
    answers = [Interval(1, 0.5, 2, "x"), Interval(0, -1, 1, "x"), unknown]
    dates = list(WEEKS[:3])
    placebo = placebo_rate(lambda date: answers[dates.index(date)], dates)
    assert (placebo.runs, placebo.found, placebo.rate) == (2, 1, 0.5)


def test_placebo_skips_dates_without_enough_weeks():
    series = weekly(100 + ar1(31))
    placebo = placebo_rate(
        lambda date: interrupted_time_series(series, date).effect_at_end, [WEEKS[1], WEEKS[40]]
    )
    assert placebo.runs == 1


# -- Difference in differences


def panel(seed: int, effect: float, treated_slope: float = 0.0) -> pd.DataFrame:
    """Treated and control weeks sharing a seasonal swing and AR(1) shocks."""
    common = 10 * np.sin(np.arange(len(WEEKS)) / 8) + ar1(seed)
    t = np.arange(len(WEEKS), dtype=float)
    treated = 40 + common + ar1(seed + 1) + treated_slope * t + np.where(WEEKS >= CHANGE, effect, 0)
    control = 30 + common + ar1(seed + 2)
    return pd.concat(
        [
            pd.DataFrame({"week": WEEKS, "group": group, "value": values, "weight": 200.0})
            for group, values in (("treated", treated), ("control", control))
        ]
    )


def test_did_recovers_a_known_effect_with_parallel_trends():
    result = difference_in_differences(panel(21, effect=-6.0), CHANGE)
    assert result.effect.low <= -6 <= result.effect.high
    assert result.effect.excludes_zero
    assert result.parallel_trends.parallel
    assert result.parallel_trends.weeks_before == 52


def test_did_flags_diverging_pre_trends():
    result = difference_in_differences(panel(22, effect=0.0, treated_slope=0.4), CHANGE)
    trends = result.parallel_trends
    assert trends.slope_difference.low <= 0.4 <= trends.slope_difference.high
    assert trends.p_value < 0.05
    assert not trends.parallel


def test_did_leaves_the_transition_weeks_out():
    data = panel(23, effect=-6.0)
    disrupted = data.copy()
    rolling_out = (disrupted["week"] >= CHANGE) & (disrupted["group"] == "treated")
    disrupted.loc[rolling_out & (disrupted["week"] < WEEKS[54]), "value"] += 300
    clean = difference_in_differences(data, CHANGE, transition_weeks=2)
    assert difference_in_differences(disrupted, CHANGE, transition_weeks=2) == clean


def test_pre_trends_are_not_called_parallel_on_too_few_weeks():
    data = panel(24, effect=0.0)
    short = data[data["week"] >= WEEKS[48]]
    assert not difference_in_differences(short, CHANGE).parallel_trends.parallel


# -- Verdicts


@pytest.mark.parametrize(
    ("low", "high", "better", "expected"),
    [
        (-3, -1, "down", "improved"),
        (1, 3, "up", "improved"),
        (1, 3, "down", "worsened"),
        (-3, -1, "up", "worsened"),
        (-1, 3, "down", "inconclusive"),
        (math.nan, math.nan, "up", "inconclusive"),
        (1, 3, None, "increased"),
        (-3, -1, None, "decreased"),
        (-1, 1, None, "inconclusive"),
    ],
)
def test_verdict(low, high, better, expected):
    assert verdict(Interval((low + high) / 2, low, high, "x"), better) == expected
