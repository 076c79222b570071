"""Evidencia: the weekly series a before/after analysis of a process change runs on.

Two kinds of weekly figures, read for the weeks around a change (``evidence_weeks``):

- **cohorts** (``weekly_cohorts``): the cases created in each week, each followed for the
  same ``HORIZON_DAYS`` after its own creation: how many came in, were referred, closed,
  reopened, bounced back to a department they had left (ping-pong), and how long they took
  to a first action and to a first closing, as histograms with censored cases for
  ``queries.survival``;
- **stocks and flows** (``weekly_stock``): closings in each week and the backlog at each
  week's end, from the same statements as "Indicadores" (``queries.indicators``).

Aggregated in the database, a few hundred rows whatever the number of cases; the statistics
(``dashboard.evidence``) run on them in Python.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise

import pandas as pd
from sqlalchemy import (
    CTE,
    BigInteger,
    ColumnElement,
    Connection,
    Float,
    Select,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
)

from dashboard.models import CaseMilestones
from dashboard.sql_functions import hours_between
from queries._frames import to_frame
from queries.filters import CaseFilters
from queries.indicators import (
    HOURS_PER_DAY,
    Period,
    _backlog_counts,
    _bucket,
    _closing_counts,
    _narrowed,
    _Placed,
)
from queries.weeks import WEEK, monday_of

#: Every weekly cohort is followed for this many days after each case's creation (less only
#: when the cut-off comes first). Followed to one common cut-off instead, the last weeks
#: would have had less time to close, be referred or reopen than the first: they would look
#: faster and cleaner only for being younger, exactly where a change's "after" weeks lie.
#: Four weeks see most cases closed (the usual due dates are 1 to 20 days).
HORIZON_DAYS = 28
HORIZON = timedelta(days=HORIZON_DAYS)
HORIZON_HOURS = HORIZON_DAYS * HOURS_PER_DAY
#: Timestamps are whole seconds; half a second under the horizon leaves an event exactly
#: ``HORIZON_DAYS`` after creation outside on both databases, whatever the float error of
#: SQLite's julian days.
_HALF_SECOND_HOURS = 0.5 / 3600
#: What a series can be broken down by.
DIMENSIONS = ("department", "intake_area", "channel", "category_group")
#: The durations measured on each cohort (``measure`` of the histograms).
MEASURES = ("close", "first_action")
#: The counts of each weekly cohort besides ``inflow``.
COHORT_COUNTS = ("referred", "closed_once", "reopened", "ping_pong")
_HISTOGRAM = ("duration", "events", "censored")


def evidence_weeks(change_on: date, weeks_before: int, weeks_after: int) -> list[datetime]:
    """The Mondays of ``weeks_before`` weeks before a change and ``weeks_after`` from it on:
    the week holding ``change_on`` is the first "after" week (the change applied during it,
    so it belongs to no "before")."""
    first = monday_of(change_on) - weeks_before * WEEK
    return [first + index * WEEK for index in range(weeks_before + weeks_after)]


def _weekly_periods(weeks: list[datetime], as_of: datetime) -> list[Period]:
    """One period per week, keyed by its Monday's ISO text, the last one ending at ``as_of``
    when it comes first; weeks starting at or after ``as_of`` hold nothing yet and are left
    out."""
    if any(week.weekday() != 0 or week.time() != time.min for week in weeks):
        raise ValueError("weeks must be Mondays at 00:00")
    if any(later - earlier != WEEK for earlier, later in pairwise(weeks)):
        raise ValueError("weeks must be consecutive")
    return [Period(week.isoformat(), week, min(week + WEEK, as_of)) for week in weeks
            if week < as_of]  # fmt: skip


def _check_dimension(dimension: str) -> None:
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}; expected one of {DIMENSIONS}")


# --- Cohorts --------------------------------------------------------------------------------


def _within_follow_up(
    created_at: ColumnElement, moment: ColumnElement, as_of: datetime
) -> ColumnElement[bool]:
    """``moment`` falls in the case's follow-up: before ``HORIZON_DAYS`` after its creation,
    and before the cut-off. NULL (no such moment) is not within."""
    hours = hours_between(created_at, moment)
    return and_(moment < as_of, hours < HORIZON_HOURS - _HALF_SECOND_HOURS)


def _cohort(filters: CaseFilters, periods: list[Period], dimension: str) -> CTE:
    """The cases created in the weeks, one row each from ``case_milestones`` (its index on
    ``created_at`` read by the weeks' constant bounds): ``week``, ``group_id``, 1 or 0 for
    each of ``COHORT_COUNTS`` within the follow-up, and per measure whether it came within
    the follow-up (``<measure>_seen``) and the hours to it, or to the follow-up's end when
    it did not (``<measure>_hours``: censored there).

    A case's department is its first one (its stay at step 1, entered within the
    follow-up; NULL when none was): the change under study moves cases, so the department
    holding them later would itself depend on it. The department filter and the scope
    select by that first department too. Every column is a milestone: the cohort is one
    range of ``case_milestones``' index on ``created_at``, with no join."""
    m = CaseMilestones
    placed = _Placed.of(periods, m.created_at)
    as_of = filters.as_of

    def within(moment: ColumnElement) -> ColumnElement[bool]:
        return _within_follow_up(m.created_at, moment, as_of)

    to_cut_off = hours_between(m.created_at, literal(as_of))
    followed = case((to_cut_off < HORIZON_HOURS, to_cut_off), else_=float(HORIZON_HOURS))
    flags = {"referred": within(m.referred_at), "closed_once": within(m.closed_at),
             "reopened": within(m.reopened_at), "ping_pong": within(m.revisited_at)}  # fmt: skip
    columns = [case((flag, 1), else_=0).label(name) for name, flag in flags.items()]
    for measure, moment in (("close", m.closed_at), ("first_action", m.first_action_at)):
        seen = within(moment)
        columns += [case((seen, 1), else_=0).label(f"{measure}_seen"),
                    case((seen, hours_between(m.created_at, moment)),
                         else_=followed).label(f"{measure}_hours")]  # fmt: skip
    query = select(placed.key.label("week"), *columns).where(*placed.within)
    first = case((within(m.first_department_at), m.first_department_id), else_=null())
    narrowed = _narrowed(query, filters, dimension, placed.end, m.case_id, held_by=first,
                         attributes=m)  # fmt: skip
    return narrowed.cte("evidence_cohort")


def _part(cohort: CTE, name: str, values: dict[str, ColumnElement], *by: ColumnElement) -> Select:
    """One grouped pass over the cohort (per week, group and ``by``), with the columns of
    every pass, NULL where this one has none."""
    nothing = {"duration": cast(null(), Float)}
    wanted = ("duration", "inflow", *COHORT_COUNTS, "events", "censored")
    return select(
        literal(name, String).label("part"), cohort.c.week, cohort.c.group_id,
        *(values.get(column, nothing.get(column, cast(null(), BigInteger))).label(column)
          for column in wanted),
    ).group_by(cohort.c.week, cohort.c.group_id, *by)  # fmt: skip


def _cohort_rows(connection: Connection, cohort: CTE, measures: tuple[str, ...]) -> pd.DataFrame:
    """The counts (``part`` = ``counts``) and the histogram of each of ``measures`` (``part``
    = the measure), in one statement so the cohort is read once."""
    counts = {"inflow": func.count(), **{name: func.sum(cohort.c[name]) for name in COHORT_COUNTS}}
    parts = [_part(cohort, "counts", counts)]
    for measure in measures:
        duration = _bucket(cohort.c[f"{measure}_hours"])
        events = func.sum(cohort.c[f"{measure}_seen"])
        values = {"duration": duration, "events": events, "censored": func.count() - events}
        parts.append(_part(cohort, measure, values, duration))
    return to_frame(connection, union_all(*parts))


def weekly_cohorts(
    connection: Connection, filters: CaseFilters, weeks: list[datetime],
    dimension: str = "department", measures: tuple[str, ...] = MEASURES,
) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """The cases created in each of ``weeks`` (consecutive Mondays; the last week ends at
    the next Monday or at ``filters.as_of``; the filters' own dates are not read), each
    followed for ``HORIZON_DAYS`` from its creation (to ``as_of`` at most), by ``dimension``
    (``DIMENSIONS``):

    - counts: ``week`` (its Monday), ``group_id``, ``inflow``, then ``COHORT_COUNTS`` within
      the follow-up (``referred``: moved to a second department; ``ping_pong``: back in a
      department it had left), and ``complete``: every case of the week was followed for
      the whole horizon by ``as_of`` (the last weeks are not, and read lower);
    - histograms: ``measure`` (``MEASURES``), ``week``, ``group_id``, ``duration`` (hours,
      rounded as "Indicadores" rounds them), ``events`` and ``censored`` (without the event
      within the follow-up: censored at its end, ``HORIZON_HOURS`` or the cut-off), for
      the ``measures`` asked only (a long series' histograms are most of what is read).

    By department a case belongs to the first department it was sent to (``group_id``
    empty while it was sent nowhere), and so do the department filter and the scope: see
    ``_cohort``. A week or group with no cases has no rows (reindex to show zeros)."""
    _check_dimension(dimension)
    periods = _weekly_periods(weeks, filters.as_of)
    counts_columns = ["week", "group_id", "inflow", *COHORT_COUNTS, "complete"]
    histogram_columns = ["measure", "week", "group_id", *_HISTOGRAM]
    if not periods:
        return pd.DataFrame(columns=counts_columns), pd.DataFrame(columns=histogram_columns)
    rows = _cohort_rows(connection, _cohort(filters, periods, dimension), measures)
    rows["week"] = rows["week"].map({period.key: period.start for period in periods})
    rows["group_id"] = rows["group_id"].astype("Int64")
    counts = rows[rows["part"] == "counts"].astype(dict.fromkeys(["inflow", *COHORT_COUNTS], int))
    counts = counts.assign(complete=counts["week"] + WEEK + HORIZON <= filters.as_of)
    histograms = rows[rows["part"] != "counts"].rename(columns={"part": "measure"})
    histograms = histograms.astype({"duration": float, "events": int, "censored": int})
    order = ["week", "group_id"]
    return (
        counts[counts_columns].sort_values(order, ignore_index=True),
        histograms[histogram_columns].sort_values(["measure", *order, "duration"],
                                                  ignore_index=True),
    )  # fmt: skip


# --- Stocks and flows -----------------------------------------------------------------------

_STOCK_COUNTS = ["outflow", "on_time", "backlog", "overdue"]


#: What ``weekly_stock`` can read: the week's closings, the stock at its end.
STOCK_PARTS = ("closings", "backlog")


def weekly_stock(
    connection: Connection, filters: CaseFilters, weeks: list[datetime],
    dimension: str = "department", parts: tuple[str, ...] = STOCK_PARTS,
) -> pd.DataFrame:  # fmt: skip
    """Per ``week`` (its Monday) and ``group_id`` of ``dimension``: ``outflow`` and
    ``on_time`` (closings in the week, as "Indicadores" counts them) and ``backlog`` and
    ``overdue`` at the week's end (the next Monday 00:00, or ``filters.as_of`` for a week it
    cuts). Unlike a cohort, a stock belongs to whoever holds it: by department, the one
    holding the case at each week's end (so do the department filter and the scope). A
    group with nothing in a week has no row, or zeros (reindex). Only the ``parts`` asked
    are read (``STOCK_PARTS``; the columns of the others are 0): each costs a pass over a
    year of history."""
    _check_dimension(dimension)
    periods = _weekly_periods(weeks, filters.as_of)
    columns = ["week", "group_id", *_STOCK_COUNTS]
    if not periods:
        return pd.DataFrame(columns=columns)
    keys = ["period", "group_id"]
    readers = {"closings": _closing_counts, "backlog": _backlog_counts}
    found = [readers[part](connection, filters, periods, dimension) for part in parts]
    frame = found[0]
    for other in found[1:]:
        frame = frame.merge(other, on=keys, how="outer")
    frame = frame.reindex(columns=[*keys, *_STOCK_COUNTS])
    frame[_STOCK_COUNTS] = frame[_STOCK_COUNTS].fillna(0).astype(int)
    frame["week"] = frame["period"].map({period.key: period.start for period in periods})
    frame["group_id"] = frame["group_id"].astype("Int64")
    return frame[columns].sort_values(["week", "group_id"], ignore_index=True)
