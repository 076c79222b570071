"""The indicators a process change can be judged on, and how each is read from the weekly
series of ``queries.evidence``.

Each indicator has a kind, and the kind decides its statistics (``docs/evidence.md``):

- ``duration`` (time to close, time to first action): Kaplan–Meier median of the weekly
  cohorts' durations, censored at the end of their follow-up; bootstrap interval;
- ``share`` (SLA compliance, referral, ping-pong and reopen rates): a part over a whole,
  counted per week; Wilson intervals for each window, Newcombe for their difference;
- ``count`` (inflow): cases per week; Poisson intervals;
- ``level`` (backlog): a stock measured at each week's end, so consecutive weeks share
  most of their cases; its difference is a regression with autocorrelation-robust errors.

``source`` says which read holds it: the weekly cohorts (cases created in the week, each
followed for ``queries.evidence.HORIZON_DAYS``) or the weekly stock (closings in the week,
cases open at its end).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["duration", "share", "count", "level"]


@dataclass(frozen=True)
class Measure:
    key: str
    kind: Kind
    #: Which way is an improvement; ``None`` when a change is no better or worse in itself.
    better: Literal["up", "down"] | None
    source: Literal["cohort", "stock"]
    #: The counted column (a share's part, a count or level's value, a duration's measure).
    part: str
    #: A share's whole.
    whole: str | None = None

    @property
    def label_key(self) -> str:
        return f"evidence.indicator.{self.key}"

    @property
    def definition_key(self) -> str:
        return f"evidence.indicator.{self.key}.def"


MEASURES: tuple[Measure, ...] = (
    Measure("time_to_close", "duration", "down", "cohort", "close"),
    Measure("time_to_first_action", "duration", "down", "cohort", "first_action"),
    Measure("sla_compliance", "share", "up", "stock", "on_time", "outflow"),
    Measure("referral_rate", "share", "down", "cohort", "referred", "inflow"),
    Measure("ping_pong_share", "share", "down", "cohort", "ping_pong", "inflow"),
    Measure("backlog", "level", "down", "stock", "backlog"),
    Measure("inflow", "count", None, "cohort", "inflow"),
    Measure("reopen_rate", "share", "down", "cohort", "reopened", "closed_once"),
)
BY_KEY: dict[str, Measure] = {measure.key: measure for measure in MEASURES}
