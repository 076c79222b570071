"""When requests arrive: growth as doors join the hub, weekdays, winter, and the flood.

The flood is the one emergency every analysis page must be able to find: two weeks in which
partidos of the Río de la Plata coast and the Luján basin send six times their usual inflow.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

#: Partidos hit by the seeded flood (``clave`` of the reference data).
FLOOD_PARTIDOS: tuple[str, ...] = ("LA PLATA", "BERISSO", "ENSENADA", "LUJAN", "MERCEDES")
#: Inflow in those partidos during the flood, as a multiple of their usual inflow.
FLOOD_MULTIPLIER = 6
FLOOD_DAYS = 14
#: The flood starts this many days before the end of the data (on a Monday).
FLOOD_DAYS_BEFORE_END = 245

WEEKDAY_FACTOR = np.array([1.15, 1.10, 1.05, 1.00, 0.95, 0.30, 0.20])  # Monday first
HOUR_WEIGHTS = np.array(
    [1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 16, 15, 12, 11, 12, 11, 9, 7, 5, 4, 3, 2, 2, 1], dtype=float
)


def flood_window(until: date) -> tuple[date, date]:
    """First and last day of the seeded flood for data ending at ``until``."""
    start = until - timedelta(days=FLOOD_DAYS_BEFORE_END)
    start -= timedelta(days=start.weekday())
    return start, start + timedelta(days=FLOOD_DAYS - 1)


def day_weights(days: np.ndarray) -> np.ndarray:
    """Relative inflow of each day: a ramp (doors joining the hub), weekdays, winter peak."""
    ramp = np.linspace(0.6, 1.0, len(days))
    weekday = WEEKDAY_FACTOR[(days.astype("datetime64[D]").astype(np.int64) + 3) % 7]
    day_of_year = (days - days.astype("datetime64[Y]")).astype(np.int64)
    winter = 1 + 0.15 * np.cos(2 * np.pi * (day_of_year - 196) / 365.25)
    return ramp * weekday * winter


def sample_moments(
    rng: np.random.Generator, days: np.ndarray, weights: np.ndarray, size: int
) -> np.ndarray:
    """``size`` creation moments (datetime64[s]) spread over ``days`` by ``weights``."""
    chosen = rng.choice(days, size=size, p=weights / weights.sum())
    hours = rng.choice(24, size=size, p=HOUR_WEIGHTS / HOUR_WEIGHTS.sum())
    seconds = hours * 3600 + rng.integers(0, 3600, size=size)
    return chosen.astype("datetime64[s]") + seconds.astype("timedelta64[s]")


def is_winter(moments: np.ndarray) -> np.ndarray:
    month = moments.astype("datetime64[M]").astype(np.int64) % 12 + 1
    return (month >= 6) & (month <= 8)
