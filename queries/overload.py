"""Sobrecarga: which departments are drowning, and which measure says so.

Only departments with a weekly capacity take part (the ministry's own departments and the
intake areas); external actors hold referred cases but have no capacity to measure against.
Every measure comes from a definition already used elsewhere: open and overdue cases and
load from the queues, inflow, outflow and backlog from the weekly series.

The alert singles out the few departments that are drowning, not every one with a bad week:
a department is **on alert** when its load (weeks of work open) is past its threshold and
another measure confirms it (many overdue, more coming in than going out, a growing backlog),
or when its load alone is more than ``SEVERE_LOAD`` times the threshold. The other measures
on their own do not raise it: over four weeks, inflow/outflow and growth swing with a single
busy week, and a department with two open cases is "half overdue" with one late case; they
say how a heavy stock got there, not that there is one. Nor is a department holding fewer
than ``MIN_OPEN_CASES`` open cases on alert: with a capacity of one or two a week, three late
files would read as "weeks of work", a couple of cases that cannot tell a backlog from chance
(the same floor of ten cases as a spike's, ``queries.spikes``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Connection

from queries.backlog import growth_ranking, weekly_department_flows
from queries.catalogs import department_capacities
from queries.filters import CaseFilters
from queries.queues import department_queues
from queries.weeks import WEEK, monday_of

#: Weeks over which the recent inflow/outflow ratio and backlog growth are measured.
RECENT_WEEKS = 4
#: A department is a hotspot on a measure when it passes the measure's threshold:
#: reason code → (column, threshold).
HOTSPOT_RULES: dict[str, tuple[str, float]] = {
    "carga": ("load", 2.0),  # more than two weeks of work open
    "ingresos": ("recent_ratio", 1.1),  # 10 % more came in than went out, last 4 weeks
    "vencidas": ("overdue_share", 0.3),  # well above the usual fifth of open cases overdue
    # the backlog grew, in the last 4 weeks, by more than a quarter of a week's capacity
    "crecimiento": ("recent_growth_weeks", 0.25),
}
#: The measure an alert needs, and how many times its threshold raises it without another.
PRIMARY = "carga"
SEVERE_LOAD = 2.0
MIN_OPEN_CASES = 10


def overload_hotspots(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """Per department with capacity: its load measures, the reasons it is hot, its rank.

    Columns: ``department_id, department, weekly_capacity, staff, open_cases, overdue_cases,
    overdue_share, load, open_per_staff, capacity_per_staff, recent_inflow, recent_outflow,
    recent_ratio, recent_growth, recent_growth_share, recent_growth_weeks`` (the growth in
    weeks of capacity), ``reasons`` (codes of ``HOTSPOT_RULES`` joined by commas, most
    exceeded first) and ``hot_measures`` (how many), both empty unless the department is on
    alert (module docstring), and ``heat`` (see ``_ranked``): departments on alert first.
    """
    queues = department_queues(connection, filters)
    recent = growth_ranking(weekly_department_flows(connection, recent_weeks(filters)))
    frame = (
        _capacities(connection)
        .merge(queues[["department_id", "open_cases", "overdue_cases"]], how="left")
        .merge(recent[["department_id", *_RECENT]].rename(columns=_RECENT), how="left")
        .fillna({"open_cases": 0, "overdue_cases": 0, "recent_inflow": 0, "recent_outflow": 0})
        .astype({"open_cases": int, "overdue_cases": int})  # counts, not the merge's floats
    )
    staff = frame["staff"].where(frame["staff"] > 0)
    frame = frame.assign(
        overdue_share=frame["overdue_cases"] / frame["open_cases"].where(frame["open_cases"] > 0),
        load=frame["open_cases"] / frame["weekly_capacity"],
        open_per_staff=frame["open_cases"] / staff,
        capacity_per_staff=frame["weekly_capacity"] / staff,
        recent_growth_weeks=frame["recent_growth"] / frame["weekly_capacity"],
    )
    return _ranked(frame)


def weekly_ratios(weekly: pd.DataFrame, department_ids: list[int]) -> pd.DataFrame:
    """Inflow over outflow per department and week, for ``department_ids`` in that order.

    ``weekly`` is ``backlog.weekly_department_flows``; ``ratio`` is empty for a week in which
    nothing went out (nothing to compare with).
    """
    chosen = weekly[weekly["department_id"].isin(department_ids)]
    order = {department_id: index for index, department_id in enumerate(department_ids)}
    chosen = chosen.assign(
        ratio=chosen["inflow"] / chosen["outflow"].where(chosen["outflow"] > 0),
        rank=chosen["department_id"].map(order),
    )
    return chosen.sort_values(["rank", "week_start"]).drop(columns=["rank"])


def recent_weeks(filters: CaseFilters) -> CaseFilters:
    """The same filters over the ``RECENT_WEEKS`` weeks that end with the cut-off's week
    (a cut-off at Monday 00:00 closes the week before: it opens no empty fifth week)."""
    last_moment = filters.as_of - timedelta(microseconds=1)
    first = monday_of(last_moment.date()) - (RECENT_WEEKS - 1) * WEEK
    return replace(filters, date_from=first.date())


#: Columns of ``growth_ranking`` over the recent weeks, and their names here.
_RECENT = {
    "inflow": "recent_inflow",
    "outflow": "recent_outflow",
    "ratio": "recent_ratio",
    "growth": "recent_growth",
    "growth_share": "recent_growth_share",
}


def _capacities(connection: Connection) -> pd.DataFrame:
    """Active departments with a weekly capacity, and how many active people work in each."""
    departments = department_capacities(connection)
    measured = departments[departments["active"] & (departments["weekly_capacity"] > 0)]
    return measured.rename(columns={"id": "department_id", "name": "department"})[
        ["department_id", "department", "weekly_capacity", "staff"]
    ]


def _ranked(frame: pd.DataFrame) -> pd.DataFrame:
    """Reasons of the departments on alert, and the hottest departments on top.

    A measure past its threshold adds ``log2(measure / threshold)`` to the department's
    ``heat``: twice the threshold adds 1 whatever the measure, so one severe problem can
    outrank several marginal ones, and the reasons are listed from the most exceeded. A
    department not on alert has no reasons and no heat: it ranks by load below them.
    """
    with np.errstate(divide="ignore", invalid="ignore"):  # zero or shrinking: not hot
        excess = pd.DataFrame(
            {code: np.log2(frame[column] / threshold) for code, (column, threshold) in
             HOTSPOT_RULES.items()}
        ).where(lambda logs: logs > 0)  # fmt: skip
    excess = excess.where(_on_alert(excess, frame["open_cases"]))
    frame = frame.assign(
        reasons=[",".join(row.dropna().sort_values(ascending=False).index)
                 for _, row in excess.iterrows()],
        hot_measures=excess.notna().sum(axis=1).astype(int),
        heat=excess.sum(axis=1),
    )  # fmt: skip
    return frame.sort_values(
        ["heat", "load", "department"], ascending=[False, False, True]
    ).reset_index(drop=True)


def _on_alert(excess: pd.DataFrame, open_cases: pd.Series) -> pd.Series:
    """Enough open cases, and load past its threshold and confirmed by another measure or
    severe on its own."""
    load = excess[PRIMARY]
    confirmed = load.notna() & (excess.notna().sum(axis=1) >= 2)
    return (open_cases >= MIN_OPEN_CASES) & (confirmed | (load > np.log2(SEVERE_LOAD)))
