"""Indicadores: the standard indicator set of a period, by group, month by month, and against
the previous period and the same period a year earlier.

Every indicator is defined once in ``INDICATORS`` (its i18n label and definition keys, unit,
which direction is better and its kind), so the page, the report and ``docs/indicators.md``
("Indicadores") say the same thing. The figures come from a handful of grouped statements
that take a small table of periods (one period, or up to 60 months of a trend) and a
grouping, so a trend costs the same few round trips as one figure (a comparison reads its
three periods one after the other, each with constant bounds the indexes can use):

- the **cohort** (cases created in the period, one ``case_milestones`` row each): inflow,
  referral rate, share referred to external actors, reopen rate;
- the **closings** in the period (from the history): outflow, SLA compliance;
- the **state at the cut-off** (``case_states``): backlog, overdue share;
- **durations** of the cohort to its first action and to its first closing, as a histogram
  per rounded duration with events and censored cases, turned into Kaplan–Meier medians and
  90th percentiles by ``queries.survival``, in calendar and in business days;
- the duplicate rate, of the cohort too: a duplicate at the cut-off
  (``definitions.duplicate_at``, as ``queries.duplicates.duplicate_rate`` counts them for
  "Resumen").

The period is ``[period_start, as_of)``; anything "at the cut-off" (open, overdue, the
department holding a case) is read from the span of ``case_states`` holding at ``as_of``,
never from today's ``cases`` row. Scope and dimension filters are those of every query
(``queries.filters.dimension_conditions``), a case's department being the one holding it at
the cut-off of each period compared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Literal

import numpy as np
import pandas as pd
from sqlalchemy import (
    CTE,
    BigInteger,
    ColumnElement,
    Connection,
    DateTime,
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
from sqlalchemy.orm import aliased

from dashboard.deadlines import business_clock
from dashboard.models import (
    Case,
    CaseClosing,
    CaseMilestones,
    CaseState,
    Category,
    Channel,
    Department,
    Municipality,
)
from dashboard.sql_functions import hours_between, whole_floor
from queries import survival
from queries._frames import to_frame
from queries.definitions import duplicate_at, open_at, overdue_span, past_due, state_at
from queries.filters import CaseAttributes, CaseFilters, dimension_conditions

HOURS_PER_DAY = 24
#: Durations are rounded to whole hours up to this many hours, to whole days beyond: a few
#: hundred histogram rows whatever the number of cases, and quantiles read in days anyway.
HOURLY_UP_TO = 72
#: Longest monthly trend.
MAX_TREND_MONTHS = 60
#: The cards' sparklines cover two years.
SPARKLINE_MONTHS = 24
QUANTILES = {"median": 0.5, "p90": 0.9}


@dataclass(frozen=True)
class Indicator:
    """One indicator: ``key`` is its column in every frame of this module."""

    key: str
    #: ``cases``, ``share`` (0–1; a clearance rate may pass 1), ``days`` or ``business_days``.
    unit: str
    #: Which way is an improvement; ``None`` when a change is no better or worse in itself.
    better: Literal["up", "down"] | None
    kind: Literal["count", "share", "days"]

    @property
    def label_key(self) -> str:
        return f"indicators.{self.key}"

    @property
    def definition_key(self) -> str:
        return f"indicators.{self.key}.def"


def _durations(measure: str) -> tuple[Indicator, ...]:
    return tuple(
        Indicator(f"{measure}_{quantile}_{unit}", unit, "down", "days")
        for unit in ("days", "business_days")
        for quantile in QUANTILES
    )


INDICATORS: tuple[Indicator, ...] = (
    Indicator("inflow", "cases", None, "count"),
    Indicator("outflow", "cases", "up", "count"),
    Indicator("backlog", "cases", "down", "count"),
    Indicator("clearance_rate", "share", "up", "share"),
    *_durations("first_action"),
    *_durations("close"),
    Indicator("sla_compliance", "share", "up", "share"),
    Indicator("overdue_share", "share", "down", "share"),
    Indicator("reopen_rate", "share", "down", "share"),
    Indicator("referral_rate", "share", "down", "share"),
    Indicator("external_share", "share", None, "share"),
    Indicator("duplicate_rate", "share", "down", "share"),
)
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
#: What each indicator can be broken down by (``indicators_by_group``).
DIMENSIONS = ("intake_area", "channel", "department", "category_group", "partido")


def judge_change(
    key: str, before: float, after: float
) -> Literal["better", "worse", "same"] | None:
    """Whether going from ``before`` to ``after`` is an improvement for indicator ``key``;
    ``None`` when either is unknown or the indicator has no better direction."""
    better = BY_KEY[key].better
    if better is None or pd.isna(before) or pd.isna(after):
        return None
    if np.isclose(after, before):
        return "same"
    return "better" if (after > before) == (better == "up") else "worse"


# --- Periods ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    key: str
    start: datetime
    end: datetime


def _period_of(filters: CaseFilters, key: str = "current") -> Period:
    return Period(key, filters.period_start, filters.as_of)


def _year_before(moment: date) -> date:
    """The same day a year earlier (28 February for a 29th)."""
    return moment.replace(
        year=moment.year - 1, day=min(moment.day, 28 if moment.month == 2 else 31)
    )


def shifted_filters(filters: CaseFilters, to: Literal["previous", "year_earlier"]) -> CaseFilters:
    """The same filters over the previous period of the same length (its cut-off as many days
    before) or over the same dates a year earlier."""
    if to == "previous":
        days = timedelta(days=(filters.date_to - filters.date_from).days + 1)
        return replace(filters, date_from=filters.date_from - days,
                       date_to=filters.date_to - days, as_of=filters.as_of - days)  # fmt: skip
    as_of = datetime.combine(_year_before(filters.as_of.date()), filters.as_of.time())
    return replace(filters, date_from=_year_before(filters.date_from),
                   date_to=_year_before(filters.date_to), as_of=as_of)  # fmt: skip


@dataclass(frozen=True)
class _Placed:
    """The period a moment falls in, as expressions over constants: ``key`` and ``end`` (its
    cut-off), any other value per period (``value``), and ``within``, the conditions that it
    falls in one. Constants, not a join to a table of periods, let the planner estimate the
    rows and read the indexes by range."""

    periods: tuple[Period, ...]
    moment: ColumnElement

    @classmethod
    def of(cls, periods: list[Period], moment: ColumnElement) -> _Placed:
        """``periods`` must follow one another without gaps (one period, or months)."""
        if any(before.end != after.start for before, after in pairwise(periods)):
            raise ValueError("periods must follow one another without gaps")
        return cls(tuple(periods), moment)

    @property
    def within(self) -> tuple[ColumnElement[bool], ...]:
        return self.moment >= self.periods[0].start, self.moment < self.periods[-1].end

    def value(self, of: Callable[[Period], object], kind) -> ColumnElement:
        """``of(period)`` of the period the moment falls in, as a constant of type ``kind``
        (NULL from the last period's end on)."""
        if len(self.periods) == 1:
            return literal(of(self.periods[0]), kind)
        return case((self.moment < self.periods[-1].end, self._halving(self.periods, of, kind)))

    def _halving(self, periods: tuple[Period, ...], of, kind) -> ColumnElement:
        """A CASE that halves the periods at each step: a moment among the 64 weeks of an
        evidence series is placed in 6 comparisons instead of 32 on average, and the
        placement is evaluated for every row and again in the conditions of a join."""
        if len(periods) == 1:
            return literal(of(periods[0]), kind)
        middle = len(periods) // 2
        early, late = periods[:middle], periods[middle:]
        return case((self.moment < early[-1].end, self._halving(early, of, kind)),
                    else_=self._halving(late, of, kind))  # fmt: skip

    @property
    def key(self) -> ColumnElement:
        return self.value(lambda period: period.key, String)

    @property
    def end(self) -> ColumnElement:
        return self.value(lambda period: period.end, DateTime)


# --- Groups -------------------------------------------------------------------------------


def _reads_case(filters: CaseFilters, dimension: str | None) -> bool:
    """Whether a filter or the grouping reads the ``cases`` row (a statement over spans
    joins it only then)."""
    chosen = filters.channel_ids or filters.category_ids or filters.municipality_ids
    return bool(chosen) or dimension not in (None, "department")


def _narrowed(
    query: Select, filters: CaseFilters, dimension: str | None, end: ColumnElement,
    case_id: ColumnElement, held_by: ColumnElement[int] | None = None,
    attributes: CaseAttributes = Case,
) -> Select:  # fmt: skip
    """``query`` (over the cases ``case_id``; ``cases`` joined when ``_reads_case``, unless
    the query reads a read model that carries the case's channel, area, category and partido
    and passes it as ``attributes``) with the scope and dimension filters and a
    ``group_id`` column for ``dimension`` (a constant 0 when ``None``). A case's department
    is the one holding it at its period's cut-off ``end``: ``held_by`` when the query
    already reads it (the department of the span of ``case_states`` it joined, say), else
    read from a span joined here when a filter or the grouping needs it."""
    by_department = filters.scope is not None or bool(filters.department_ids)
    if held_by is None and (dimension == "department" or by_department):
        span = aliased(CaseState, name="holding")
        query = query.join(span, and_(span.case_id == case_id, state_at(end, span)))
        held_by = span.department_id
    # With ``held_by`` given, only the channel, category and partido filters read ``cases``.
    query = query.where(*dimension_conditions(filters, held_by, attributes))
    if dimension is None:
        return query.add_columns(literal(0).label("group_id"))
    if dimension == "department":
        return query.add_columns(held_by.label("group_id"))
    if dimension == "category_group":
        query = query.join(Category, Category.id == attributes.category_id)
        return query.add_columns(func.coalesce(Category.parent_id, Category.id).label("group_id"))
    column = {"intake_area": attributes.intake_department_id, "channel": attributes.channel_id,
              "partido": attributes.municipality_id}[dimension]  # fmt: skip
    return query.add_columns(column.label("group_id"))


def _grouped(query: Select) -> Select:
    """Group by the period and the group, and order them (stable frames in tests)."""
    period, group = query.selected_columns.period, query.selected_columns.group_id
    return query.group_by(period, group).order_by(period, group)


# --- The grouped statements -----------------------------------------------------------------


def _clock_at(moment: datetime) -> float:
    """The business clock at ``moment``, as ``case_milestones`` stores it for its moments."""
    return float(business_clock(np.array([moment], dtype="datetime64[s]"))[0])


def _cohort(connection, filters, periods, dimension) -> CTE:
    """The cases created in each period, one row each, from ``case_milestones``: ``period``,
    ``group_id``; for the first action and the first closing (``MEASURES``), 1 or 0 for
    whether it came before the cut-off (``<measure>_seen``) and the hours from creation to
    it, or to the cut-off when it did not, in calendar and in business hours
    (``<measure>_hours``, ``<measure>_business_hours``; the latter NULL outside the
    calendar's years); and 1 or 0 for ``closed_once`` (closed by the cut-off),
    ``reopened``, ``referred`` (a second department by the cut-off), ``external`` (an
    outside actor by then) and ``merged`` (a duplicate of another case at the cut-off,
    ``definitions.duplicate_at``).

    Each milestone is the first ever: it was reached by the cut-off exactly when it came
    before it, so one row per case serves every period of a trend. The durations are
    computed here once per case, not once per histogram."""
    m = CaseMilestones
    merged = aliased(CaseState, name="merged")
    placed = _Placed.of(periods, m.created_at)
    end = placed.end
    end_clock = placed.value(lambda period: _clock_at(period.end), Float)
    durations = []
    for name, at, clock in (("first_action", m.first_action_at, m.first_action_clock),
                            ("close", m.closed_at, m.closed_clock)):  # fmt: skip
        seen = at < end
        stop = case((seen, at), else_=end)
        business = case((seen, clock), else_=end_clock) - m.created_clock
        durations += [
            case((seen, 1), else_=0).label(f"{name}_seen"),
            hours_between(m.created_at, stop).label(f"{name}_hours"),
            business.label(f"{name}_business_hours"),
        ]
    query = select(
        placed.key.label("period"), *durations,
        *(case((getattr(m, name) < end, 1), else_=0).label(label)
          for name, label in (("closed_at", "closed_once"), ("reopened_at", "reopened"),
                              ("referred_at", "referred"), ("external_at", "external"))),
        case((merged.case_id.is_not(None), 1), else_=0).label("merged"),
    ).outerjoin(merged, and_(merged.case_id == m.case_id, duplicate_at(end, merged))).where(
        *placed.within
    )  # fmt: skip
    return _narrowed(query, filters, dimension, end, m.case_id, attributes=m).cte("cohort")


def _closing_counts(connection, filters, periods, dimension) -> pd.DataFrame:
    """Per period and group: ``outflow`` (closings in the period) and ``on_time`` (of those,
    not past the due date valid when the case closed), from ``case_closings``: a move from
    an open status to a closed one, so ``resuelta`` then ``cerrada`` is one closing."""
    placed = _Placed.of(periods, CaseClosing.at)
    query = select(
        placed.key.label("period"), func.count().label("outflow"),
        func.count().filter(CaseClosing.on_time).label("on_time"),
    ).where(*placed.within)  # fmt: skip
    if _reads_case(filters, dimension):
        query = query.join(Case, Case.id == CaseClosing.case_id)
    narrowed = _narrowed(query, filters, dimension, placed.end, CaseClosing.case_id)
    return to_frame(connection, _grouped(narrowed))


def _backlog_counts(connection, filters, periods, dimension) -> pd.DataFrame:
    """Per period and group: ``backlog`` (open at the cut-off) and ``overdue`` (of those,
    past due at the cut-off on a running clock).

    Counting the spans open at every cut-off of a trend walked, for each, every open span
    ended since (millions for a cut-off two years back). Only the last cut-off is counted
    so; the earlier ones follow from it by the spans that entered or left a department's
    backlog in between (``_earlier_backlogs``), and their overdue cases from the few spans
    that were ever past due while open (``_earlier_overdue``)."""
    last = _counts_at(connection, filters, periods[-1], dimension)
    if len(periods) == 1:
        return last
    earlier = _earlier_backlogs(connection, filters, periods, dimension, last)
    overdue = _earlier_overdue(connection, filters, periods, dimension)
    earlier = earlier.merge(overdue, on=["period", "group_id"], how="outer").fillna(0)
    return pd.concat([earlier, last], ignore_index=True)


def _counts_at(connection, filters, period: Period, dimension) -> pd.DataFrame:
    """``backlog`` and ``overdue`` per group at the cut-off of one period, from the spans open
    then, in two halves (still open now, or ended since): each is a plain range of the
    partial index of open spans; SQLite read the OR of both through the index on
    ``started_at``, every span begun before the cut-off."""
    end = literal(period.end, DateTime)
    parts = []
    for half in (CaseState.ended_at.is_(None), CaseState.ended_at >= period.end):
        query = (
            select(literal(period.key, String).label("period"), func.count().label("backlog"),
                   func.count().filter(past_due(period.end)).label("overdue"))
            .select_from(CaseState)
            .where(open_at(period.end), half)
        )  # fmt: skip
        narrowed = _narrowed(query, filters, dimension, end, CaseState.case_id,
                             held_by=CaseState.department_id, attributes=CaseState)  # fmt: skip
        parts.append(narrowed.group_by(narrowed.selected_columns.group_id))
    halves = to_frame(connection, union_all(*parts))
    return halves.groupby(["period", "group_id"], as_index=False)[["backlog", "overdue"]].sum()


def _earlier_backlogs(connection, filters, periods, dimension, last) -> pd.DataFrame:
    """``backlog`` at every cut-off but the last, per group: the last one's, less the spans
    that entered a department's backlog since, plus those that left it since.

    A case belongs to a department's backlog from the start of a span that ``enters`` it to
    the end of one that ``leaves`` it, so between two cut-offs the backlog changes by the
    entries minus the exits in between. Both are read from their partial indexes, placed in
    the period whose months they fall in (``[cut-off before, cut-off)``)."""
    parts = []
    for flag, moment, sign in ((CaseState.enters, CaseState.started_at, 1),
                               (CaseState.leaves, CaseState.ended_at, -1)):  # fmt: skip
        placed = _Placed.of(periods[1:], moment)
        query = select(placed.key.label("period"), (func.count() * sign).label("net"))
        query = query.select_from(CaseState).where(flag, *placed.within)
        narrowed = _narrowed(query, filters, dimension, placed.end, CaseState.case_id,
                             held_by=CaseState.department_id, attributes=CaseState)  # fmt: skip
        columns = narrowed.selected_columns
        parts.append(narrowed.group_by(columns.period, columns.group_id))
    flows = to_frame(connection, union_all(*parts))
    net = flows.pivot_table(index="group_id", columns="period", values="net", aggfunc="sum")
    keys = [period.key for period in periods]
    net = net.reindex(columns=keys, fill_value=0).fillna(0)
    # The change from cut-off p to the last: the net flows of the periods after p.
    since = net.iloc[:, ::-1].cumsum(axis=1).iloc[:, ::-1].shift(-1, axis=1).fillna(0)
    at_last = last.set_index("group_id")["backlog"]
    groups = net.index.union(at_last.index)
    since = since.reindex(groups, fill_value=0)
    backlog = since.rsub(at_last.reindex(groups, fill_value=0), axis=0)[keys[:-1]]
    backlog.columns.name = "period"
    return backlog.stack().rename("backlog").reset_index()[["period", "group_id", "backlog"]]


def _cut_off_index(periods: list[Period], moment: ColumnElement) -> ColumnElement:
    """The first cut-off after ``moment``, by its position (``len(periods)`` when none)."""
    return case(*((moment < p.end, i) for i, p in enumerate(periods)), else_=len(periods))


def _earlier_overdue(connection, filters, periods, dimension) -> pd.DataFrame:
    """``overdue`` at every cut-off but the last, per group.

    A span is overdue at a cut-off when it holds then and its due date had passed: from
    ``max(started_at, due_at)`` (exclusive) to ``ended_at`` (inclusive), unless it waits on
    a clock stopped before its due date. Only the spans ever overdue so are read (their own
    partial index), each placed by the first cut-off after it became overdue and the first
    after it ended: it counts at the cut-offs in between."""
    became = case((CaseState.due_at > CaseState.started_at, CaseState.due_at),
                  else_=CaseState.started_at)  # fmt: skip
    first, ended = _cut_off_index(periods, became), _cut_off_index(periods, CaseState.ended_at)
    parts = []
    for half in (CaseState.ended_at.is_(None), CaseState.ended_at >= periods[0].end):
        query = (
            select(first.label("first"), case((CaseState.ended_at.is_(None), len(periods)),
                                              else_=ended).label("ended"), func.count().label("n"))
            .select_from(CaseState)
            .where(*overdue_span(), half, became < periods[-2].end)
        )  # fmt: skip
        # With the span given, its own department is the one holding it: no cut-off needed.
        narrowed = _narrowed(query, filters, dimension, None, CaseState.case_id,
                             held_by=CaseState.department_id, attributes=CaseState)  # fmt: skip
        columns = narrowed.selected_columns
        parts.append(narrowed.group_by(columns.first, columns.ended, columns.group_id))
    spans = to_frame(connection, union_all(*parts))
    return _counted_between(spans, [period.key for period in periods[:-1]])


def _counted_between(spans: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per cut-off (``keys``, by position) and ``group_id``: the sum of ``n`` over the rows
    with ``first <= position < ended``; groups with none are left out. Each row adds its
    ``n`` at ``first`` and takes it back at ``ended``, and a running sum gives every cut-off
    at once (filtering the rows once per cut-off took half a second for a year of weeks)."""
    columns = ["period", "group_id", "overdue"]
    changes = pd.concat([
        spans.assign(position=spans["first"], change=spans["n"]),
        spans.assign(position=spans["ended"], change=-spans["n"]),
    ])  # fmt: skip
    changes = changes[changes["position"] < len(keys)].dropna(subset=["group_id"])
    if changes.empty:
        return pd.DataFrame(columns=columns)
    running = (
        changes.pivot_table(index="position", columns="group_id", values="change", aggfunc="sum")
        .reindex(range(len(keys)))
        .fillna(0)
        .cumsum()
    )
    counted = running.stack().rename("overdue").reset_index()
    counted = counted[counted["overdue"] > 0].astype({"overdue": int})
    counted["period"] = counted["position"].map(dict(enumerate(keys)))
    return counted[columns].reset_index(drop=True)


def _bucket(hours: ColumnElement) -> ColumnElement:
    """Hours rounded (half up) to whole hours up to ``HOURLY_UP_TO``, to whole days beyond; a
    negative duration (a history dated before the case's creation) counts as 0."""
    return case(
        (hours < 0, 0.0),
        (hours < HOURLY_UP_TO, whole_floor(hours + 0.5)),
        else_=whole_floor(hours / HOURS_PER_DAY + 0.5) * HOURS_PER_DAY,
    )


#: The durations of the cohort, each a Kaplan–Meier curve in calendar and in business days.
MEASURES = ("first_action", "close")
#: What ``_cohort_reads`` counts of each period's cohort, beside its durations.
_COHORT_COUNTS = ("inflow", "referred", "external", "closed_once", "reopened", "merged")


def _cohort_reads(connection, cohort: CTE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Everything read from the cohort, in one statement so it is built once:

    - per period and group, ``inflow``, ``referred``, ``external``, ``closed_once`` (closed by
      the cut-off), ``reopened`` (a reopening follows a closing: among the closed) and
      ``merged``;
    - the duration histograms: per measure (``first_action``, ``close``, each also
      ``_business``), period, group and rounded duration in hours (``_bucket``), the
      ``events`` and ``censored`` cases (a case without the event by the cut-off is censored
      then).

    The statement is a UNION ALL of one grouped pass per measure, each grouping by both of
    its rounded durations at once (calendar and business hours go together: a few thousand
    pairs); the first pass also sums the counts, which the second leaves NULL. The
    histograms and counts are summed from those rows here."""
    passes = []
    for measure in MEASURES:
        hours, business = cohort.c[f"{measure}_hours"], cohort.c[f"{measure}_business_hours"]
        grouping = (cohort.c.period, cohort.c.group_id, _bucket(hours).label("hours"),
                    _bucket(business).label("business_hours"))  # fmt: skip
        counts = (func.sum(cohort.c[name]) if not passes else cast(null(), BigInteger)
                  for name in _COHORT_COUNTS[1:])  # fmt: skip
        passes.append(select(
            literal(measure, String).label("measure"), *grouping,
            func.count().label("cases"), func.sum(cohort.c[f"{measure}_seen"]).label("events"),
            *(count.label(name) for count, name in zip(counts, _COHORT_COUNTS[1:], strict=True)),
        ).group_by(*grouping))  # fmt: skip
    rows = to_frame(connection, union_all(*passes))
    rows["censored"] = rows["cases"] - rows["events"]
    keys = ["period", "group_id"]
    first = rows[rows["measure"] == MEASURES[0]].rename(columns={"cases": "inflow"})
    counts = first.groupby(keys, as_index=False)[list(_COHORT_COUNTS)].sum()
    histograms = [
        rows.dropna(subset=[column]).groupby(["measure", *keys, column], as_index=False)
        [["events", "censored"]].sum().rename(columns={column: "hours"})
        .assign(measure=lambda frame, suffix=suffix: frame["measure"] + suffix)
        for suffix, column in (("", "hours"), ("_business", "business_hours"))
    ]  # fmt: skip
    columns = ["measure", *keys, "hours", "events", "censored"]
    return counts, pd.concat(histograms, ignore_index=True)[columns]


def _duration_quantiles(histograms: pd.DataFrame) -> pd.DataFrame:
    """Kaplan–Meier quantiles per period and group, in days, with ``<key>_at_least`` (the
    longest duration seen) where the curve never reaches the quantile."""
    keys = ["measure", "period", "group_id"]
    if histograms.empty:
        return pd.DataFrame(index=pd.MultiIndex.from_arrays([[], []], names=keys[1:]))
    found = survival.quantiles_by(
        histograms.rename(columns={"hours": "duration"}), keys, QUANTILES
    ).reset_index()
    columns = {}
    for measure, rows in found.groupby("measure"):
        unit = "business_days" if measure.endswith("_business") else "days"
        name = measure.removesuffix("_business")
        rows = rows.set_index(["period", "group_id"])
        for quantile in QUANTILES:
            key = f"{name}_{quantile}_{unit}"
            columns[key] = rows[quantile] / HOURS_PER_DAY
            columns[f"{key}_at_least"] = (rows["longest"] / HOURS_PER_DAY).where(
                rows[quantile].isna()
            )
    return pd.DataFrame(columns)


# --- Assembling -----------------------------------------------------------------------------

_NAMES: dict[str, tuple] = {
    "intake_area": (Department.id, Department.name),
    "department": (Department.id, Department.name),
    "channel": (Channel.id, Channel.name),
    "category_group": (Category.id, Category.name),
    "partido": (Municipality.id, Municipality.name),
}


def _group_names(connection: Connection, dimension: str, ids) -> dict:
    known = [int(i) for i in ids if not pd.isna(i)]
    if not known:
        return {}
    key, name = _NAMES[dimension]
    return dict(connection.execute(select(key, name).where(key.in_(known))).all())


def _figures(
    connection: Connection, filters: CaseFilters, periods: list[Period], dimension: str | None
) -> pd.DataFrame:
    """Every indicator per period and group: ``period``, ``group_id``, ``group`` (its name;
    absent without a dimension), then one column per indicator (``INDICATORS``) and the
    ``<key>_at_least`` columns of the durations."""
    parts = [
        reader(connection, filters, periods, dimension).set_index(["period", "group_id"])
        for reader in (_closing_counts, _backlog_counts)
    ]
    counts, histograms = _cohort_reads(connection, _cohort(connection, filters, periods, dimension))
    parts += [counts.set_index(["period", "group_id"]), _duration_quantiles(histograms)]
    frame = pd.concat(parts, axis=1)
    if dimension is None:  # every period has its row, also with nothing in it
        frame = frame.reindex(
            pd.MultiIndex.from_tuples([(p.key, 0) for p in periods], names=["period", "group_id"])
        )
    frame = frame.sort_index()
    frame = frame.reindex(columns=_COUNT_COLUMNS + list(frame.columns.difference(_COUNT_COLUMNS)))
    frame[_COUNT_COLUMNS] = frame[_COUNT_COLUMNS].fillna(0).astype(int)
    frame = frame.reset_index()
    share = _share
    frame["clearance_rate"] = share(frame["outflow"], frame["inflow"])
    frame["sla_compliance"] = share(frame["on_time"], frame["outflow"])
    frame["overdue_share"] = share(frame["overdue"], frame["backlog"])
    frame["reopen_rate"] = share(frame["reopened"], frame["closed_once"])
    frame["referral_rate"] = share(frame["referred"], frame["inflow"])
    frame["external_share"] = share(frame["external"], frame["inflow"])
    frame["duplicate_rate"] = share(frame["merged"], frame["inflow"])
    if dimension is None:
        frame = frame.drop(columns="group_id")
    else:
        names = _group_names(connection, dimension, frame["group_id"].unique())
        frame.insert(2, "group", frame["group_id"].map(names))
    for indicator in INDICATORS:
        if indicator.key not in frame:
            frame[indicator.key] = np.nan
    return frame


_COUNT_COLUMNS = ["inflow", "referred", "external", "closed_once", "reopened", "merged",
                  "outflow", "on_time", "backlog", "overdue"]  # fmt: skip


def _share(part: pd.Series, whole: pd.Series) -> pd.Series:
    """``part / whole``, NaN where ``whole`` is 0 (nothing to measure)."""
    return part / whole.where(whole > 0)


# --- Public reads ---------------------------------------------------------------------------


def indicator_figures(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """One row: every indicator of ``INDICATORS`` for the period (plus the counts behind the
    shares, and ``<key>_at_least`` for durations the curve never reached)."""
    return _figures(connection, filters, [_period_of(filters)], None).drop(columns="period")


def indicators_by_group(
    connection: Connection, filters: CaseFilters, dimension: str = "department"
) -> pd.DataFrame:
    """Every indicator per group of ``dimension`` (one of ``DIMENSIONS``): ``group_id``,
    ``group`` (its name; empty for cases with no partido), then the indicator columns as in
    ``indicator_figures``. Ranked by inflow, most first; ties by name, then id."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}; expected one of {DIMENSIONS}")
    frame = _figures(connection, filters, [_period_of(filters)], dimension)
    frame = frame.drop(columns="period")
    return frame.sort_values(["inflow", "group", "group_id"], ascending=[False, True, True],
                             na_position="last", ignore_index=True)  # fmt: skip


def trend_months(filters: CaseFilters, months: int = MAX_TREND_MONTHS) -> list[Period]:
    """The calendar months overlapping the period (the last ``months`` of them, at most
    ``MAX_TREND_MONTHS``), each a period of its own; the last one ends at the cut-off."""
    starts = pd.date_range(filters.period_start.replace(day=1), filters.as_of, freq="MS")
    starts = [start.to_pydatetime() for start in starts][-min(months, MAX_TREND_MONTHS) :]
    ends = [*starts[1:], filters.as_of]
    return [Period(start.strftime("%Y-%m"), start, min(end, filters.as_of))
            for start, end in zip(starts, ends, strict=True) if start < filters.as_of]  # fmt: skip


def monthly_trend(
    connection: Connection, filters: CaseFilters, indicator: str = "inflow",
    months: int = MAX_TREND_MONTHS,
) -> pd.DataFrame:  # fmt: skip
    """``indicator`` month by month: ``month`` (its first day) and ``value``. Each month is
    measured as a period of its own, its cut-off at the month's end (the last month's at the
    filters' cut-off), over the months of ``trend_months``; every month is present."""
    if indicator not in BY_KEY:
        raise KeyError(f"unknown indicator {indicator!r}")
    periods = trend_months(filters, months)
    if not periods:
        return pd.DataFrame(columns=["month", "value"])
    values = _figures(connection, filters, periods, None)[indicator]
    return pd.DataFrame({"month": [p.start for p in periods], "value": values.to_numpy()})


def months_back(filters: CaseFilters, months: int) -> CaseFilters:
    """``filters`` with the period widened to start ``months`` calendar months before its
    cut-off, so ``trend_months`` finds that many months whatever period was chosen."""
    start = (pd.Timestamp(filters.as_of) - pd.DateOffset(months=months)).replace(day=1)
    return replace(filters, date_from=start.date())


def monthly_trends(
    connection: Connection, filters: CaseFilters, months: int = SPARKLINE_MONTHS
) -> pd.DataFrame:
    """Every indicator month by month in one read, for the cards' sparklines and the trend
    chart: the last ``months`` calendar months up to the cut-off (the period's own start
    does not matter), ``month`` (its first day), then every indicator of ``INDICATORS`` and
    the ``<key>_at_least`` columns, each month measured as ``monthly_trend`` measures it.
    The statements compute every indicator anyway: one indicator at a time would run them
    once per card."""
    widened = months_back(filters, months)
    # All the widened period's months, then the last ones: ``trend_months(widened, months)``
    # would count a month starting at the cut-off among them and return one month short.
    periods = trend_months(widened)[-months:]
    frame = _figures(connection, widened, periods, None)
    frame.insert(0, "month", [period.start for period in periods])
    return frame.drop(columns="period")


COMPARISONS = ("current", "previous", "year_earlier")


def compared_figures(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """``indicator_figures`` of the period (``current``), the previous period of the same
    length (``previous``) and the same dates a year earlier (``year_earlier``): one row each,
    named by ``period``, in that order. A page that shows the figures and their changes
    reads this once (``changes_between`` turns it into the changes)."""
    periods = [_period_of(filters), _period_of(shifted_filters(filters, "previous"), "previous"),
               _period_of(shifted_filters(filters, "year_earlier"), "year_earlier")]  # fmt: skip
    # One period at a time: with its bounds as constants PostgreSQL reads the open spans and
    # the closings through their indexes, which a join to three periods keeps it from doing.
    return pd.concat(
        [_figures(connection, filters, [period], None) for period in periods], ignore_index=True
    )


def changes_between(compared: pd.DataFrame) -> pd.DataFrame:
    """``compared_figures`` as one row per indicator with the ``COMPARISONS`` columns and
    ``vs_previous`` / ``vs_year_earlier`` (``judge_change``: better, worse, same or empty)."""
    keys = [indicator.key for indicator in INDICATORS]
    table = compared.set_index("period").reindex(list(COMPARISONS))[keys].T
    table.index.name = "indicator"
    for other in COMPARISONS[1:]:
        table[f"vs_{other}"] = [judge_change(key, table.at[key, other], table.at[key, "current"])
                                for key in keys]  # fmt: skip
    return table.reset_index()


def indicator_changes(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """Every indicator for the period, the previous period of the same length and the same
    dates a year earlier, with whether each change is better or worse (``changes_between``)."""
    return changes_between(compared_figures(connection, filters))
