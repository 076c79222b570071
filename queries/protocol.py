"""Cumplimiento del protocolo: how often each department skips a step the hub's protocol asks.

The protocol asks every case to be categorised, referred with a reason, followed up and
closed with a closing reason. Six rules measure it; each is a share (flagged ÷ base) of
*facts*, one row per thing that happened (a case created, a closing, a referral, a case open
at a cut-off), each charged to the department holding the case at the moment that matters:

============================  ===========================================  ======================
rule                          flagged ÷ base                               department holding
============================  ===========================================  ======================
``uncategorised``             created in the period in the "otros" group   at the cut-off
                              ÷ created in the period
``no_closing_reason``         closings in the period with no reason        just before closing
                              ÷ closings in the period
``referral_no_reason``        referrals to another department with no      the referring one
                              reason ÷ such referrals in the period
``stale``                     open at the cut-off with no event for N      at the cut-off
                              business days ÷ open at the cut-off
``reopened``                  closings in the period reopened before the   just before closing
                              cut-off ÷ closings in the period
``same_day_closure``          resolved the day they came in with no        just before closing
                              action in between ÷ resolutions in period
============================  ===========================================  ======================

The department is read from ``case_states`` (the span holding at that moment), never from
today's ``cases`` row, so a figure does not change when a case moves on later. A closing is
an event that takes an open case to a closed status. The ranking and the monthly series
leave out facts charged to external actors, whom the ministry's protocol does not bind.
``docs/indicators.md`` ("Cumplimiento del protocolo") states each rule in words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import (
    CTE,
    ColumnElement,
    Connection,
    DateTime,
    Select,
    Subquery,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

from dashboard.deadlines import business_clock, from_business_clock
from dashboard.domain import DepartmentKind, EventKind, Status
from dashboard.models import Case, CaseEvent, CaseState, Category, Department
from dashboard.sql_functions import month_start
from queries._frames import to_frame
from queries.case_list import PAGE_SIZE
from queries.definitions import (
    closing_events_between,
    created_between,
    is_open,
    open_at,
    state_at,
)
from queries.filters import CaseFilters, dimension_conditions

#: The rules, in the order the page shows them.
RULES: tuple[str, ...] = (
    "uncategorised",
    "no_closing_reason",
    "referral_no_reason",
    "stale",
    "reopened",
    "same_day_closure",
)
#: Who the protocol binds: the ministry's intake areas and departments. External actors
#: (municipios, ONG, national agencies) hold referred cases but follow their own rules, so
#: the ranking and the monthly series leave their facts out.
BOUND_KINDS: tuple[DepartmentKind, ...] = (DepartmentKind.INTAKE, DepartmentKind.INTERNAL)
#: Business days without any event after which an open case counts as stale.
DEFAULT_STALE_DAYS = 10
#: The category group (``dashboard/reference/catalog.py``) that means "not really categorised".
OTHERS_GROUP = "otros"
#: Events that move a case on: a closing with none of these since creation was not handled.
ACTIONS: tuple[EventKind, ...] = (
    EventKind.ASSIGNED,
    EventKind.REFERRED,
    EventKind.REASSIGNED,
    EventKind.NOTE,
    EventKind.STATUS_CHANGED,
)
#: Closings that say the request was dealt with (voiding and merging a duplicate the same day
#: are the protocol working, not skipping it).
RESOLVED: tuple[Status, ...] = (Status.RESUELTA, Status.CERRADA)


def stale_threshold(cut_off: datetime, stale_days: int) -> datetime:
    """The moment ``stale_days`` business days before ``cut_off`` (holidays and weekends do
    not count): a case with no event since then is stale at ``cut_off``."""
    clock = business_clock(np.array([cut_off], dtype="datetime64[s]")) - stale_days * 24
    return from_business_clock(clock)[0].astype(datetime)


def protocol_ranking(
    connection: Connection,
    filters: CaseFilters,
    stale_days: int = DEFAULT_STALE_DAYS,
    rule: str | None = None,
) -> pd.DataFrame:
    """One row per department: ``department_id, department``, then ``<rule>_cases``,
    ``<rule>_base`` and ``<rule>_share`` for each rule, and ``combined`` (the mean of the
    department's defined shares). Worst first: by ``rule``'s share, or by ``combined``."""
    facts = _all_facts(filters, stale_days, by_month=False)
    counts = to_frame(
        connection,
        select(
            facts.c.rule, facts.c.department_id, Department.name.label("department"),
            func.sum(facts.c.flagged).label("cases"), func.count().label("base"),
        )
        .join(Department, Department.id == facts.c.department_id)
        .where(Department.kind.in_(BOUND_KINDS))
        .group_by(facts.c.rule, facts.c.department_id, Department.name),
    )  # fmt: skip
    if counts.empty:
        columns = [f"{name}_{part}" for name in RULES for part in ("cases", "base", "share")]
        return pd.DataFrame(columns=["department_id", "department", *columns, "combined"])
    wide = counts.pivot_table(
        index=["department_id", "department"], columns="rule", values=["cases", "base"],
        aggfunc="sum", fill_value=0,
    )  # fmt: skip
    cases = wide["cases"].reindex(columns=list(RULES), fill_value=0).astype("int64")
    bases = wide["base"].reindex(columns=list(RULES), fill_value=0).astype("int64")
    ranking = pd.DataFrame(index=wide.index)
    for name in RULES:
        ranking[f"{name}_cases"], ranking[f"{name}_base"] = cases[name], bases[name]
        ranking[f"{name}_share"] = _share(cases[name], bases[name])
    ranking["combined"] = ranking[[f"{name}_share" for name in RULES]].mean(axis=1)
    order = f"{rule}_share" if rule else "combined"
    ranking = ranking.reset_index().sort_values(
        [order, "department"], ascending=[False, True], na_position="last"
    )
    return ranking.reset_index(drop=True)


def protocol_monthly(
    connection: Connection,
    filters: CaseFilters,
    stale_days: int = DEFAULT_STALE_DAYS,
    department_id: int | None = None,
) -> pd.DataFrame:
    """``month, rule, cases, base, share`` for each month of the period and each rule with a
    base (of ``department_id`` only, when given). Stale is read at each month's end (or the
    cut-off, for the last month)."""
    facts = _all_facts(filters, stale_days, by_month=True)
    query = (
        select(
            facts.c.month, facts.c.rule, func.sum(facts.c.flagged).label("cases"),
            func.count().label("base"),
        )
        .join(Department, Department.id == facts.c.department_id)
        .where(Department.kind.in_(BOUND_KINDS))
        .group_by(facts.c.month, facts.c.rule)
        .order_by(facts.c.month, facts.c.rule)
    )  # fmt: skip
    if department_id is not None:
        query = query.where(facts.c.department_id == department_id)
    frame = to_frame(connection, query)
    frame["month"] = pd.to_datetime(frame["month"])
    frame["cases"] = frame["cases"].astype("int64")
    frame["share"] = _share(frame["cases"], frame["base"])
    return frame


def protocol_cases(
    connection: Connection,
    filters: CaseFilters,
    department_id: int,
    rule: str,
    stale_days: int = DEFAULT_STALE_DAYS,
    page: int = 0,
) -> pd.DataFrame:
    """One page of the facts behind ``rule``'s count for ``department_id``: ``code, version,
    created_at, at`` (the moment that matters), ``status`` (at the cut-off), ``department``,
    ``total``. No personal data."""
    facts = _rule_facts(filters, rule, stale_days)
    query = (
        select(
            Case.code, Case.version, Case.created_at, facts.c.at, CaseState.status,
            Department.name.label("department"), func.count().over().label("total"),
        )
        .select_from(facts)
        .join(Case, Case.id == facts.c.case_id)
        .join(Department, Department.id == facts.c.department_id)
        .join(CaseState, and_(CaseState.case_id == Case.id, state_at(filters.as_of)))
        .where(facts.c.department_id == department_id, facts.c.flagged == 1)
        .order_by(facts.c.at.desc(), Case.code)
        .limit(PAGE_SIZE)
        .offset(page * PAGE_SIZE)
    )  # fmt: skip
    return to_frame(connection, query)


def _share(cases: pd.Series, base: pd.Series) -> pd.Series:
    """Flagged over base, undefined (NaN) where there is no base."""
    return cases.astype(float) / base.where(base > 0).astype(float)


def _all_facts(filters: CaseFilters, stale_days: int, by_month: bool) -> Subquery:
    """Every rule's facts in one table (``_facts``); the closings are read once for all
    three closing rules."""
    closings = _closings(filters)
    parts = [
        part for rule in RULES for part in _facts(rule, filters, stale_days, by_month, closings)
    ]
    return union_all(*parts).subquery("facts")


def _rule_facts(filters: CaseFilters, rule: str, stale_days: int) -> Subquery:
    """The facts of one rule, at the filters' cut-off."""
    parts = _facts(rule, filters, stale_days, False, _closings(filters))
    return (union_all(*parts) if len(parts) > 1 else parts[0]).subquery("facts")


def _facts(
    rule: str, filters: CaseFilters, stale_days: int, by_month: bool, closings: CTE
) -> list[Select]:
    """The facts of ``rule`` as SELECTs to join with UNION ALL: ``rule, case_id,
    department_id, at, month, flagged`` (1 or 0), the department held at ``at`` within the
    reader's scope and chosen departments, the case within the other chosen dimensions."""
    if rule not in RULES:
        raise ValueError(f"unknown protocol rule {rule!r}")
    if rule == "stale":
        cuts = [(month, cut, stale_threshold(cut, stale_days))
                for month, cut in _cut_offs(filters, by_month)]  # fmt: skip
        if not cuts:
            return []
        news = _news(cuts)
        return [_stale(filters, month, cut, news) for month, cut, _ in cuts]
    if rule == "uncategorised":
        return [_uncategorised(filters)]
    if rule == "referral_no_reason":
        return [_referrals(filters)]
    flagged, base = CLOSING_RULES[rule](filters, closings)
    return [
        select(*_fact(rule, closings.c.case_id, closings.c.department_id, closings.c.at, flagged))
        .where(*base)
    ]  # fmt: skip


def _case_dimensions(filters: CaseFilters) -> list[ColumnElement[bool]]:
    """The filter bar's dimensions on the case; departments are applied to the department
    held at the moment (``_held``), not to today's."""
    return dimension_conditions(replace(filters, scope=None, department_ids=()))


def _held(filters: CaseFilters) -> list[ColumnElement[bool]]:
    """The reader's scope and chosen departments, on the department of the span joined."""
    conditions: list[ColumnElement[bool]] = []
    if filters.scope is not None:
        conditions.append(CaseState.department_id.in_(filters.scope))
    if filters.department_ids:
        conditions.append(CaseState.department_id.in_(filters.department_ids))
    return conditions


def _fact(
    rule: str,
    case_id: ColumnElement,
    department_id: ColumnElement,
    at: ColumnElement,
    flagged: ColumnElement[bool],
    month: ColumnElement | None = None,
) -> list[ColumnElement]:
    """The columns every fact has (see ``_facts``); ``month`` defaults to the month of ``at``."""
    return [
        literal(rule).label("rule"),
        case_id.label("case_id"),
        department_id.label("department_id"),
        at.label("at"),
        (month if month is not None else month_start(at)).label("month"),
        case((flagged, 1), else_=0).label("flagged"),
    ]


def _empty(column: ColumnElement) -> ColumnElement[bool]:
    """No text, or only blanks."""
    return func.coalesce(func.trim(column), "") == ""


def _uncategorised(filters: CaseFilters) -> Select:
    """Cases created in the period, by the department holding them at the cut-off."""
    group = aliased(Category)
    in_others = or_(Category.code == OTHERS_GROUP, group.code == OTHERS_GROUP)
    return (
        select(*_fact("uncategorised", Case.id, CaseState.department_id, Case.created_at,
                      in_others))
        .join(Category, Category.id == Case.category_id)
        .outerjoin(group, group.id == Category.parent_id)
        .join(CaseState, and_(CaseState.case_id == Case.id, state_at(filters.as_of)))
        .where(created_between(filters.period_start, filters.as_of), *_held(filters),
               *_case_dimensions(filters))
    )  # fmt: skip


def _closings(filters: CaseFilters) -> CTE:
    """Closings in the period, by the department holding the case just before each: one
    scan of the history shared by the closing rules. A closing takes an open case to a closed
    status: ``resuelta`` → ``cerrada`` closes nothing again."""
    return (
        select(
            CaseEvent.id, CaseEvent.case_id, CaseEvent.at, CaseEvent.to_status,
            CaseEvent.reason, CaseState.department_id, Case.created_at, Case.closed_at,
            Case.closure_reason,
        )
        .join(Case, Case.id == CaseEvent.case_id)
        .join(CaseState, and_(CaseState.case_id == CaseEvent.case_id, state_at(CaseEvent.at)))
        .where(
            closing_events_between(filters.period_start, filters.as_of),
            is_open(CaseState.status),
            *_held(filters),
            *_case_dimensions(filters),
        )
        .cte("closings")
    )  # fmt: skip


def _without_reason(filters: CaseFilters, closings: CTE) -> tuple[ColumnElement[bool], list]:
    """The closing event's own reason; one that carries none takes the case's
    ``closure_reason`` when it began the case's current closed spell (``cases.closed_at``;
    the hub writes the reason on the case row), so a later reopening and closing never lends
    its reason to an older one."""
    current = closings.c.closed_at == closings.c.at
    reason = func.coalesce(
        func.nullif(func.trim(closings.c.reason), ""), case((current, closings.c.closure_reason))
    )
    return _empty(reason), []


def _reopened(filters: CaseFilters, closings: CTE) -> tuple[ColumnElement[bool], list]:
    """Reopened after this closing and before the cut-off; undoing a merge (out of
    ``duplicada``) is a correction, not a reopening."""
    return exists().where(
        CaseEvent.case_id == closings.c.case_id,
        CaseEvent.kind == EventKind.REOPENED,
        or_(CaseEvent.from_status.is_(None), CaseEvent.from_status != Status.DUPLICADA),
        CaseEvent.at > closings.c.at,
        CaseEvent.at < filters.as_of,
    ), []  # fmt: skip


def _same_day(filters: CaseFilters, closings: CTE) -> tuple[ColumnElement[bool], list]:
    """Resolved on the calendar day of creation with no action after the creation instant
    (events then are the intake's own routing) up to the closing; of resolutions only."""
    handled = exists().where(
        CaseEvent.case_id == closings.c.case_id,
        CaseEvent.kind.in_(ACTIONS),
        CaseEvent.id != closings.c.id,
        CaseEvent.at > closings.c.created_at,
        CaseEvent.at <= closings.c.at,
    )
    same_day = func.date(closings.c.at) == func.date(closings.c.created_at)
    return and_(same_day, ~handled), [closings.c.to_status.in_(RESOLVED)]


#: Per closing rule: what flags a closing, and which closings make its base.
CLOSING_RULES = {
    "no_closing_reason": _without_reason,
    "reopened": _reopened,
    "same_day_closure": _same_day,
}


def _referrals(filters: CaseFilters) -> Select:
    """Referrals and reassignments in the period that hand the case to another department,
    by the department that held it (and so referred it)."""
    return (
        select(*_fact("referral_no_reason", CaseEvent.case_id, CaseState.department_id,
                      CaseEvent.at, _empty(CaseEvent.reason)))
        .join(Case, Case.id == CaseEvent.case_id)
        .join(CaseState, and_(CaseState.case_id == CaseEvent.case_id, state_at(CaseEvent.at)))
        .where(
            CaseEvent.kind.in_((EventKind.REFERRED, EventKind.REASSIGNED)),
            CaseEvent.at >= filters.period_start,
            CaseEvent.at < filters.as_of,
            CaseEvent.to_department_id.is_not(None),
            CaseEvent.to_department_id != CaseState.department_id,
            *_held(filters),
            *_case_dimensions(filters),
        )
    )  # fmt: skip


def _news(cuts: list[tuple[datetime, datetime, datetime]]) -> CTE:
    """``month, case_id`` of the cases with an event in ``[threshold, cut)`` of a cut-off:
    the history is scanned once for every cut-off (the moments are constants, computed on the
    business clock in Python)."""
    rows = [
        select(literal(month, DateTime).label("month"), literal(cut, DateTime).label("cut"),
               literal(threshold, DateTime).label("threshold"))
        for month, cut, threshold in cuts
    ]  # fmt: skip
    moments = (union_all(*rows) if len(rows) > 1 else rows[0]).subquery("cut_offs")
    return (
        select(moments.c.month, CaseEvent.case_id)
        .join(moments, and_(CaseEvent.at >= moments.c.threshold, CaseEvent.at < moments.c.cut))
        .where(
            CaseEvent.at >= min(threshold for _, _, threshold in cuts),
            CaseEvent.at < max(cut for _, cut, _ in cuts),
        )
        .group_by(moments.c.month, CaseEvent.case_id)
        .cte("news")
    )


def _stale(filters: CaseFilters, month: datetime, cut: datetime, news: CTE) -> Select:
    """Cases open at ``cut``, by the department holding them then; flagged when ``news``
    has no event of theirs for this cut-off. The moment is a constant, so the planner reads
    the open spans by their index (a correlated EXISTS per open case made PostgreSQL's
    estimates, and with them its JIT compilation, explode)."""
    return (
        select(*_fact("stale", CaseState.case_id, CaseState.department_id,
                      literal(cut, DateTime), news.c.case_id.is_(None),
                      month_start(literal(month, DateTime))))
        .select_from(CaseState)
        .join(Case, Case.id == CaseState.case_id)
        .outerjoin(news, and_(news.c.case_id == CaseState.case_id,
                              news.c.month == literal(month, DateTime)))
        .where(open_at(cut), *_held(filters), *_case_dimensions(filters))
    )  # fmt: skip


def _cut_offs(filters: CaseFilters, by_month: bool) -> list[tuple[datetime, datetime]]:
    """(month, cut-off) pairs stale cases are counted at: the filters' cut-off, or each
    month's end (the cut-off for the last month)."""
    as_of = filters.as_of
    if not by_month:
        return [(as_of.replace(day=1, hour=0, minute=0, second=0, microsecond=0), as_of)]
    cuts = []
    month = filters.period_start.replace(day=1)
    while month < as_of:
        following = (month + timedelta(days=32)).replace(day=1)
        cuts.append((month, min(following, as_of)))
        month = following
    return cuts
