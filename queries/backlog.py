"""Pendientes por área: weekly inflow, outflow and backlog of each department.

A department's backlog is the cases open in it, read from the cases' state spans
(``case_states``): a case counts where it was at each moment, so a case referred from one
department to another leaves the first one's backlog and enters the second one's.
**Inflow** of a department is the cases that entered its backlog in the week (new ones, or
referred in from elsewhere, or reopened); **outflow** the ones that left it (closed, or
referred out). A change that keeps the case open in the same department (a new status, a
new person) is neither.

The backlog series is a running sum, as domain.md asks: the backlog open when the first week
begins, plus each week's inflow minus its outflow. The database counts three small things
per department (cases open at the cut-off, inflow per week, outflow per week); the sums run
over those few hundred aggregated rows, never over cases joined to dates. The opening
backlog is not counted separately: every case open when the first week began either went
out during the weeks or is still open, so it is the open cases at the cut-off minus the
weeks' inflow plus their outflow. That reads the small set of open spans instead of every
case closed since the first Monday. The last week's backlog equals the queue's open cases.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, func, select

from dashboard.models import CaseState, Department
from dashboard.sql_functions import week_start
from queries._frames import to_frame
from queries.definitions import open_at
from queries.filters import CaseFilters, dimension_conditions, with_case_columns
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
            _weekly_counts(connection, filters, first, entering=True),
            _weekly_counts(connection, filters, first, entering=False),
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
        select(CaseState.department_id, func.count())
        .where(open_at(filters.as_of),
               *dimension_conditions(filters, held_by=CaseState.department_id))
        .group_by(CaseState.department_id)
    )  # fmt: skip
    return dict(connection.execute(with_case_columns(query, filters, CaseState.case_id)).all())


def _weekly_counts(
    connection: Connection, filters: CaseFilters, first: datetime, *, entering: bool
) -> pd.DataFrame:
    """Cases that entered (``inflow``) or left (``outflow``) a department's backlog, per
    department and week, from the first Monday to the cut-off: the spans that ``enters``
    when they begin, or ``leaves`` when they end (``dashboard.states``), each read from its
    own partial index alone (such a span is open by definition)."""
    moment = CaseState.started_at if entering else CaseState.ended_at
    flag = CaseState.enters if entering else CaseState.leaves
    week = week_start(moment).label("week_start")
    query = (
        select(CaseState.department_id, week,
               func.count().label("inflow" if entering else "outflow"))
        .where(flag, moment >= first, moment < filters.as_of,
               *dimension_conditions(filters, held_by=CaseState.department_id))
        .group_by(CaseState.department_id, week)
    )  # fmt: skip
    return to_frame(connection, with_case_columns(query, filters, CaseState.case_id))


def _department_names(connection: Connection, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = select(Department.id, Department.name).where(Department.id.in_(ids))
    return dict(connection.execute(query).all())


def weekly_totals(weekly: pd.DataFrame) -> pd.DataFrame:
    """The departments of ``weekly`` added up per week: the series of the whole selection."""
    summed = weekly.groupby("week_start", as_index=False)[["inflow", "outflow", "backlog"]].sum()
    return summed.sort_values("week_start", ignore_index=True)
