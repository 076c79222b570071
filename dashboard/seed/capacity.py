"""Capacities that leave some departments chronically overloaded, as the diagnosis found.

The catalogue's capacities describe a real installation; the demo rescales them to its own
volume so that the load picture looks the same at 5,000 or 5,000,000 cases.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from dashboard.seed.cases import CasePlan
from dashboard.seed.world import World

#: Departments whose capacity stays below their demand (capacity ÷ demand in this range).
OVERLOADED = ("DIR-ALIM", "DIR-HAB", "DIR-EMER", "DIR-NINEZ", "DEL-RXII", "DIR-DOC")
OVERLOADED_RATIO = (0.65, 0.85)
COMFORTABLE_RATIO = (1.05, 1.6)
#: Cases a staff member handles in a week, roughly: about 550 people at a million cases.
CASES_PER_STAFF_WEEK = 18


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


def slowdown(capacity: dict[int, int], plan: CasePlan, until: date) -> np.ndarray:
    """Factor by which work takes longer in each department (indexed by id): load ** 1.5.

    Indexed up to the largest department id in the plan; actors with no capacity get 1.
    """
    demand = _weekly_demand(plan.chain, plan, until)
    intake = _weekly_demand(plan.intake_id, plan, until)
    factor = np.ones(max(int(plan.chain.max()), max(capacity, default=0)) + 1)
    for department_id, weekly in capacity.items():
        load = _at(demand, department_id) + _at(intake, department_id)
        factor[department_id] = np.clip((load / max(weekly, 1)) ** 1.5, 0.6, 3.0)
    return factor


def _weekly_demand(departments: np.ndarray, plan: CasePlan, until: date) -> np.ndarray:
    """Cases per week each department id received over the last year (visits count)."""
    last_year = plan.created >= np.datetime64(until - timedelta(days=365))
    visits = departments[last_year]
    return np.bincount(visits[visits >= 0]) / 52


def _at(values: np.ndarray, index: int) -> float:
    return float(values[index]) if index < len(values) else 0.0
