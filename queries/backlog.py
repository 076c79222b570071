"""Pendientes por área: weekly inflow, outflow and backlog of each department.

The backlog series is a running sum, as domain.md asks: the backlog open when the first week
begins, plus each week's inflow minus its outflow. The database counts three small things
per department (cases open at the cut-off, inflow per week, outflow per week); the sums run
over those few hundred aggregated rows, never over cases joined to dates. The opening
backlog is not counted separately: every case open when the first week began either went
out during the weeks or is still open, so it is the open cases at the cut-off minus the
weeks' inflow plus their outflow. That reads the small set of open cases instead of every
case closed since the first Monday.

A case counts in the department that holds it now (``cases.department_id``), the same
department as in the queues, so the last week's backlog equals the queue's open cases.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, func, select

from dashboard.models import Case, Department
from dashboard.sql_functions import week_start
from queries._frames import to_frame
from queries.definitions import open_at
from queries.filters import CaseFilters, dimension_conditions
from queries.weeks import monday_of, weeks_between

#: Weekly figures of one department: how many came in, went out, and were open at the end.
WEEKLY_COLUMNS = ["department_id", "department", "week_start", "inflow", "outflow", "backlog"]


def weekly_department_flows(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """Per department and week of the period: ``inflow``, ``outflow`` and ``backlog``.

    Weeks run Monday to Sunday, from the week holding the period's first day to the week
    holding the cut-off (the last one may be running). ``backlog`` is the count open at the
    end of the week, or at the cut-off for the running week. Every department that held an
    open case or had any movement appears, with a row for every week (zeros included).
    """
    first = monday_of(filters.date_from)
    weeks = weeks_between(first, filters.as_of)
    still_open = _open_at_cut_off(connection, filters)
    moves = pd.concat(
        [
            _weekly_counts(connection, filters, Case.created_at, first, "inflow"),
            _weekly_counts(connection, filters, Case.closed_at, first, "outflow"),
        ]
    )
    names = _department_names(connection, set(still_open) | set(moves["department_id"]))
    if not names or not weeks:
        return pd.DataFrame(columns=WEEKLY_COLUMNS)
    grid = pd.MultiIndex.from_product(
        [sorted(names), pd.to_datetime(weeks)], names=["department_id", "week_start"]
    )
    weekly = (
        moves.assign(week_start=pd.to_datetime(moves["week_start"]))
        .groupby(["department_id", "week_start"])[["inflow", "outflow"]]
        .sum()
        .reindex(grid, fill_value=0)
        .astype(int)
        .reset_index()
    )
    change = (weekly["inflow"] - weekly["outflow"]).groupby(weekly["department_id"])
    opening = weekly["department_id"].map(still_open).fillna(0).astype(int) - change.transform(
        "sum"
    )
    weekly["backlog"] = opening + change.cumsum()
    weekly["department"] = weekly["department_id"].map(names)
    return weekly[WEEKLY_COLUMNS]


def growth_ranking(weekly: pd.DataFrame) -> pd.DataFrame:
    """Departments ranked by how much their backlog grew over the weeks of ``weekly``.

    One row per department: ``backlog_start`` (open when the first week began),
    ``backlog_end`` (at the end of the last week), ``growth`` (their difference),
    ``growth_share`` (growth over the starting backlog; empty when it started at zero),
    ``inflow``, ``outflow`` and ``ratio`` (inflow over outflow; above 1 the backlog grows,
    empty when nothing went out). Largest growth first.
    """
    by_department = weekly.groupby(["department_id", "department"], sort=False)
    ranked = by_department.agg(
        inflow=("inflow", "sum"),
        outflow=("outflow", "sum"),
        backlog_end=("backlog", "last"),
        first_inflow=("inflow", "first"),
        first_outflow=("outflow", "first"),
        first_backlog=("backlog", "first"),
    ).reset_index()
    # The first week's end, undone by that week's moves, is the backlog it started with.
    ranked["backlog_start"] = (
        ranked["first_backlog"] - ranked["first_inflow"] + ranked["first_outflow"]
    )
    ranked["growth"] = ranked["backlog_end"] - ranked["backlog_start"]
    ranked["growth_share"] = ranked["growth"] / ranked["backlog_start"].where(
        ranked["backlog_start"] > 0
    )
    ranked["ratio"] = ranked["inflow"] / ranked["outflow"].where(ranked["outflow"] > 0)
    columns = ["department_id", "department", "backlog_start", "backlog_end", "growth",
               "growth_share", "inflow", "outflow", "ratio"]  # fmt: skip
    return ranked.sort_values(["growth", "department"], ascending=[False, True])[columns]


def _open_at_cut_off(connection: Connection, filters: CaseFilters) -> dict[int, int]:
    """Open cases per department at the cut-off, as the queues count them."""
    query = (
        select(Case.department_id, func.count())
        .where(open_at(filters.as_of), *dimension_conditions(filters))
        .group_by(Case.department_id)
    )
    return dict(connection.execute(query).all())


def _weekly_counts(connection, filters: CaseFilters, column, first, name: str) -> pd.DataFrame:
    """Cases whose ``column`` (creation or closing) falls in a week, per department and week.

    Bounded by the first Monday and the cut-off, so the ``created_at`` or ``closed_at`` index
    reads only the period.
    """
    week = week_start(column).label("week_start")
    query = (
        select(Case.department_id, week, func.count().label(name))
        .where(column >= first, column < filters.as_of, *dimension_conditions(filters))
        .group_by(Case.department_id, week)
    )
    return to_frame(connection, query)


def _department_names(connection: Connection, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = select(Department.id, Department.name).where(Department.id.in_(ids))
    return dict(connection.execute(query).all())


def weekly_totals(weekly: pd.DataFrame) -> pd.DataFrame:
    """The departments of ``weekly`` added up per week: the series of the whole selection."""
    summed = weekly.groupby("week_start", as_index=False)[["inflow", "outflow", "backlog"]].sum()
    return summed.sort_values("week_start", ignore_index=True)
