"""The comparison group of a change: untouched groups of the same kind and a similar size.

A difference-in-differences is only as good as its comparison: a department of the same
kind that took about as many cases before the change went through the same seasons, floods
and staff shortages, so what moved it moved the touched ones too. The task force may choose
the groups by hand instead; either way the analysis shows whether the two moved in parallel
before the change rather than assuming it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy import Connection

from dashboard.domain import DepartmentKind
from queries import catalogs

#: Comparison groups chosen automatically.
MAX_CONTROLS = 5
#: What a group's size is read from, the first one the weekly rows hold: cases received,
#: closed, or open (the rows of a stock read hold only what its indicator needs).
SIZES = ("inflow", "outflow", "backlog")


def units_of(connection: Connection, unit: str) -> pd.Series:
    """Every group of the change's kind that can be touched or compared: id → name."""
    if unit in ("department", "intake_area"):
        kind = DepartmentKind.INTERNAL if unit == "department" else DepartmentKind.INTAKE
        found = catalogs.departments(connection)
        found = found[found["kind"] == kind]
    elif unit == "channel":
        found = catalogs.channels(connection)
    else:
        found = catalogs.categories(connection)
        found = found[found["group"].isna()]
    return found.set_index("id")["name"].sort_index()


def pick_controls(
    counts: pd.DataFrame,
    names: pd.Series,
    treated: Sequence[int],
    before: Sequence[datetime],
    by_hand: Sequence[int] | None = None,
) -> list[int]:
    """The comparison groups: ``by_hand`` when given (untouched groups of the kind only),
    else the ``MAX_CONTROLS`` untouched groups whose size in the weeks ``before`` (``SIZES``)
    is nearest the touched groups' average,
    on a log scale (a department twice as big is as far as one half as big)."""
    if by_hand is not None:
        return [int(g) for g in by_hand if g in names.index and g not in treated]
    size = next((c for c in SIZES if c in counts and counts[c].sum() > 0), None)
    if size is None:
        return []
    sizes = counts[counts["week"].isin(list(before))].groupby("group_id")[size].sum()
    sizes = sizes[sizes.index.isin(names.index) & (sizes > 0)]
    target = sizes.reindex(list(treated)).dropna()
    candidates = sizes.drop(index=list(treated), errors="ignore")
    if target.empty or candidates.empty:
        return []
    distance = (np.log(candidates) - np.log(target.mean())).abs()
    nearest = distance.sort_values(kind="stable").index[:MAX_CONTROLS]
    return sorted(int(g) for g in nearest)
