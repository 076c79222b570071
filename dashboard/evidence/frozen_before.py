"""A frozen baseline as the "before" of an analysis: its figure for the indicator studied.

A baseline holds the period's figures as "Indicadores" defines them (``docs/indicators.md``),
frozen when it was made; the evidence measures weekly cohorts followed 28 days. Both speak
of the same thing (a median wait, a share, cases), so the page puts the frozen figure beside
the weeks after the change, saying whose definitions and filters it carries: the task force
compares them when the baseline was frozen over what the change touched.
"""

from __future__ import annotations

from dashboard.evidence.baseline import PING_PONG, BaselineContent

#: The baseline's headline figure for each indicator of the evidence (none for reopenings,
#: which a baseline does not hold).
BASELINE_FIGURES: dict[str, str] = {
    "time_to_close": "close_median_days",
    "time_to_first_action": "first_action_median_days",
    "sla_compliance": "sla_compliance",
    "referral_rate": "referral_rate",
    "ping_pong_share": PING_PONG,
    "backlog": "backlog",
    "inflow": "inflow",
}
DAYS_PER_WEEK = 7


def frozen_before(content: BaselineContent, indicator: str) -> float | None:
    """The baseline's figure for ``indicator`` in the evidence's unit (inflow per week, as
    the evidence counts it), or ``None`` when the baseline does not hold it."""
    key = BASELINE_FIGURES.get(indicator)
    if key is None:
        return None
    value = content.figure(key)
    if indicator == "inflow":
        days = (content.filters.date_to - content.filters.date_from).days + 1
        return value / (days / DAYS_PER_WEEK)
    return value
