"""Staff and citizens with names from Faker's ``es_AR`` locale.

Faker is slow per call, so it fills small pools of names once (seeded) and numpy combines
them: a million citizens cost a few array operations, not a million Faker calls.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from faker import Faker

from dashboard.seed.capacity import CASES_PER_STAFF_WEEK
from dashboard.seed.cases import CitizenPlan
from dashboard.seed.world import World

POOL_SIZE = 400
#: Area codes of the conurbano and of some interior cities, for plausible phone numbers.
CONURBANO_AREA = "11"
INTERIOR_AREAS = np.array(["221", "223", "291", "2314", "236", "2477", "2284", "249", "2345"])
DNI_FIRST, DNI_RANGE, DNI_MULTIPLIER = 5_000_000, 43_000_000, 7_919_113
EMAIL_DOMAINS = np.array(["gmail.com", "hotmail.com", "yahoo.com.ar", "outlook.com"])


class NamePools:
    def __init__(self, seed: int) -> None:
        fake = Faker("es_AR")
        fake.seed_instance(seed)
        self.first = np.array([fake.first_name() for _ in range(POOL_SIZE)])
        self.last = np.array([fake.last_name() for _ in range(POOL_SIZE)])
        self.street = np.array([fake.street_name() for _ in range(POOL_SIZE)])


def staff_frame(
    rng: np.random.Generator, pools: NamePools, capacity: dict[int, int], first_id: int
) -> pd.DataFrame:
    """Staff of each department, enough heads for its capacity, ids contiguous per department.

    People's capacities add up to their department's (at least one case each), so a page that
    sums staff capacity sees the same overload as one that reads the department's.
    """
    rows = []
    for department_id, weekly in sorted(capacity.items()):
        heads = int(np.clip(round(weekly / CASES_PER_STAFF_WEEK), 2, 60))
        share = weekly // heads + (np.arange(heads) < weekly % heads)
        rows.append(
            pd.DataFrame(
                {"department_id": department_id, "weekly_capacity": np.maximum(share, 1)},
                index=range(heads),
            )
        )
    frame = pd.concat(rows, ignore_index=True)
    frame.insert(0, "id", np.arange(first_id, first_id + len(frame)))
    frame["name"] = _full_names(rng, pools, len(frame))
    # A few people have left; the first of each department stays, so every area can still act.
    frame["active"] = (rng.random(len(frame)) > 0.04) | ~frame["department_id"].duplicated()
    return frame[["id", "department_id", "name", "active", "weekly_capacity"]]


def citizens_frame(
    rng: np.random.Generator, pools: NamePools, world: World, plan: CitizenPlan, first_id: int
) -> pd.DataFrame:
    n = len(plan.partido)
    ids = np.arange(first_id, first_id + n)
    first = pools.first[rng.integers(0, POOL_SIZE, n)]
    last = pools.last[rng.integers(0, POOL_SIZE, n)]
    conurbano = world.partido_conurbano[plan.partido]
    area = np.where(
        conurbano, CONURBANO_AREA, INTERIOR_AREAS[rng.integers(0, len(INTERIOR_AREAS), n)]
    )
    number = rng.integers(10_000_000, 99_999_999, n).astype(str)
    phone = (
        pd.Series(area)
        .str.cat(pd.Series(number).str.slice(0, 4), sep=" ")
        .str.cat(pd.Series(number).str.slice(4), sep="-")
    )
    has_email = rng.random(n) < 0.6
    email = (
        (
            pd.Series(first).str.lower()
            + "."
            + pd.Series(last).str.lower()
            + pd.Series(rng.integers(1, 999, n).astype(str))
            + "@"
            + EMAIL_DOMAINS[rng.integers(0, len(EMAIL_DOMAINS), n)]
        )
        .str.normalize("NFKD")
        .str.encode("ascii", "ignore")
        .str.decode("ascii")
        .str.replace(" ", "")
    )
    address = (
        pd.Series(pools.street[rng.integers(0, POOL_SIZE, n)])
        + " "
        + pd.Series(rng.integers(1, 5000, n).astype(str))
    )
    return pd.DataFrame(
        {
            "id": ids,
            "dni": _dnis(ids),
            "first_name": first,
            "last_name": last,
            "phone": ("+54 9 " + phone).where(rng.random(n) < 0.9),
            "email": email.where(has_email),
            "address": address,
            "municipality_id": world.partido_ids[plan.partido],
        }
    )


def _full_names(rng: np.random.Generator, pools: NamePools, n: int) -> np.ndarray:
    first = pools.first[rng.integers(0, POOL_SIZE, n)]
    last = pools.last[rng.integers(0, POOL_SIZE, n)]
    return np.char.add(np.char.add(first.astype(str), " "), last.astype(str))


def _dnis(ids: np.ndarray) -> np.ndarray:
    """7–8 digit DNIs that look random but are a bijection of the citizen id.

    Distinct by construction (the multiplier is coprime with the range), also across
    ``--append`` runs, without reading the DNIs already stored.
    """
    return (DNI_FIRST + (ids * DNI_MULTIPLIER) % DNI_RANGE).astype(str)
