"""Capacities that leave some departments chronically overloaded, as the diagnosis found.

The catalogue's capacities describe a real installation; the demo rescales them to its own
volume so that the load picture looks the same at 5,000 or 5,000,000 cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from dashboard.seed.cases import CasePlan
from dashboard.seed.world import World

#: Departments whose capacity stays below their demand (capacity ÷ demand in this range).
OVERLOADED = ("DIR-ALIM", "DIR-HAB", "DIR-EMER", "DIR-NINEZ", "DEL-RXII", "DIR-DOC")
OVERLOADED_RATIO = (0.55, 0.75)
COMFORTABLE_RATIO = (1.05, 1.6)
#: Cases a staff member handles in a week, roughly: about 550 people at a million cases.
CASES_PER_STAFF_WEEK = 18
#: Weeks of arrivals that set a department's pace: a peak slows it until it is worked off.
PACE_WEEKS = 4
#: Bounds of the slowdown: a quiet department is not more than a bit quicker, nor is a
#: drowning one more than this many times slower.
SLOWDOWN_RANGE = (0.6, 3.0)


def weekly_capacity(
    rng: np.random.Generator, world: World, plan: CasePlan, until: date
) -> dict[int, int]:
    """Capacity per internal and intake department id, from last year's demand."""
    demand = _weekly_demand(plan.chain, plan, until)
    intake_demand = _weekly_demand(plan.intake_id, plan, until)
    capacity: dict[int, int] = {}
    for department_id, code in zip(world.internal_ids, world.internal_codes, strict=True):
        low, high = OVERLOADED_RATIO if code in OVERLOADED else COMFORTABLE_RATIO
        weekly = _at(demand, department_id) * rng.uniform(low, high)
        capacity[int(department_id)] = max(1, round(weekly))
    for department_id in world.intake_ids.values():
        weekly = _at(intake_demand, department_id) * rng.uniform(*COMFORTABLE_RATIO)
        capacity[department_id] = max(1, round(weekly))
    return capacity


@dataclass(frozen=True)
class Slowdown:
    """How much longer work takes in each department, week by week (``slowdown`` builds it)."""

    factor: np.ndarray  # (department id, week since first_day)
    first_day: np.datetime64

    def at(self, departments: np.ndarray, moments: np.ndarray) -> np.ndarray:
        """The factor of each department (external actors and -1: 1) in each moment's week."""
        weeks = (moments.astype("datetime64[D]") - self.first_day).astype(np.int64) // 7
        rows = np.clip(departments, 0, self.factor.shape[0] - 1)
        return self.factor[rows, np.clip(weeks, 0, self.factor.shape[1] - 1)]


def slowdown(capacity: dict[int, int], plan: CasePlan, until: date) -> Slowdown:
    """Work takes ``load ** 1.5`` times longer, where load is a department's arrivals over
    the last ``PACE_WEEKS`` weeks against its weekly capacity.

    So the winter peak and the flood slow the departments they hit while they last (and a
    little after), and the chronically overloaded ones are slow all year; early years, with
    fewer doors joined to the hub, are quicker. Actors with no capacity get 1.
    """
    first_day = plan.created.min().astype("datetime64[D]")
    weeks = int((np.datetime64(until) - first_day).astype(np.int64) // 7) + 1
    week = (plan.created.astype("datetime64[D]") - first_day).astype(np.int64) // 7
    size = max(int(plan.chain.max()), int(plan.intake_id.max()), max(capacity, default=0)) + 1
    visits = np.concatenate([plan.chain, plan.intake_id[:, None]], axis=1)
    arrivals = _weekly_arrivals(visits, week, (size, weeks))
    factor = np.ones((size, weeks))
    window = np.ones(PACE_WEEKS) / PACE_WEEKS
    for department_id, weekly in capacity.items():
        recent = np.convolve(arrivals[department_id], window)[:weeks]
        factor[department_id] = np.clip((recent / max(weekly, 1)) ** 1.5, *SLOWDOWN_RANGE)
    return Slowdown(factor, first_day)


def _weekly_arrivals(
    departments: np.ndarray, week: np.ndarray, shape: tuple[int, int]
) -> np.ndarray:
    """Visits per (department id, week of the case's creation); -1 in ``departments``: none."""
    visited = departments >= 0
    weeks = np.broadcast_to(week[:, None], departments.shape)[visited]
    keys = departments[visited] * shape[1] + weeks
    return np.bincount(keys, minlength=shape[0] * shape[1]).reshape(shape)


def _weekly_demand(departments: np.ndarray, plan: CasePlan, until: date) -> np.ndarray:
    """Cases per week each department id received over the last year (visits count)."""
    last_year = plan.created >= np.datetime64(until - timedelta(days=365))
    visits = departments[last_year]
    return np.bincount(visits[visits >= 0]) / 52


def _at(values: np.ndarray, index: int) -> float:
    return float(values[index]) if index < len(values) else 0.0
