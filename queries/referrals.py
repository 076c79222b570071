"""Derivaciones: where the period's cases travel, how often they bounce, how long they stay.

Every figure is read from ``case_stays`` (built from the history by ``dashboard.stays``; the
definitions of a stay, a step and a return are there). Steps: 0 is the intake area, 1 the
first department, 2 the second, and so on; a case's *hops* are its handovers after the first
department, so it has a stay at step ``h + 1`` exactly when it made ``h`` hops or more.
``docs/indicators.md`` ("Derivaciones") states each definition in full.

The cohort is the cases created in the period (scope and dimension filters applied). Only
what happened before the cut-off counts: a stay that began later is left out, and one whose
next stay began later is still running at the cut-off.

Speed at millions of cases rests on one fact: case ids are handed out in creation order, so
a period's cases occupy a narrow band of ids. ``_Cohort`` finds that band first; the stays
are then read by primary key for that band only. The band is a hint for the planner, never
a filter on its own: the cohort's conditions always apply too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import (
    CTE,
    ColumnElement,
    Connection,
    Subquery,
    and_,
    case,
    false,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

from dashboard.domain import EXTERNAL_KINDS, DepartmentKind
from dashboard.models import Case, CaseStay, Department
from dashboard.sql_functions import hours_between
from queries._frames import to_frame
from queries.case_list import PAGE_SIZE
from queries.definitions import created_between
from queries.filters import CaseFilters, dimension_conditions

#: The diagram draws steps 0 (intake), 1, 2 and 3 ("third department or later": where such a
#: case was at the cut-off), then the final state, so that no node repeats and no cycle
#: appears.
LAST_DRAWN_STEP = 3
FINAL_STEP = LAST_DRAWN_STEP + 1
#: Synthetic node codes; department nodes carry ``departments.code``.
OTHERS, OTHERS_OUTSIDE, CLOSED, OPEN = "otros", "otros_externos", "cerrada", "abierta"
DEFAULT_MIN_CASES = 20
#: Departments drawn on their own in a column of the diagram (the rest share its ``otros``):
#: more than this and their labels collide on a 1440 px screen.
NODES_PER_STEP = 10
#: Ended stays a department needs for its median to rank among the longest waits.
DWELL_MIN_STAYS = 10
#: Hops at or above this count share the last bucket of the distribution ("4+").
HOPS_CAP = 4
#: Lists of long journeys: this many hops or more.
MANY_HOPS = 3
#: Kinds a referral can go to, in the order the page shows them.
DESTINATION_KINDS: tuple[str, ...] = (DepartmentKind.INTERNAL, *EXTERNAL_KINDS)
PATH_SEPARATOR = " → "


def _in_cohort(filters: CaseFilters) -> list[ColumnElement[bool]]:
    return [created_between(filters.period_start, filters.as_of), *dimension_conditions(filters)]


@dataclass(frozen=True)
class _Cohort:
    """The period's cases: how many, and the band of ids they occupy."""

    filters: CaseFilters
    cases: int
    first_id: int | None
    last_id: int | None

    @classmethod
    def read(cls, connection: Connection, filters: CaseFilters) -> _Cohort:
        # count() beside min()/max() also keeps PostgreSQL from answering min and max by
        # walking the primary key (which would visit every older case first).
        query = select(func.count(), func.min(Case.id), func.max(Case.id)).where(
            *_in_cohort(filters)
        )
        cases, first_id, last_id = connection.execute(query).one()
        return cls(filters, cases, first_id, last_id)

    def stays(self, name: str = "stays") -> Subquery:
        """The cohort's stays at the cut-off (see ``_stays``)."""
        if not self.cases:
            return _stays(self.filters, [false()], name)
        band = (self.first_id, self.last_id)
        conditions = [
            *_in_cohort(self.filters),
            Case.id.between(*band),
            CaseStay.case_id.between(*band),
        ]
        return _stays(self.filters, conditions, name)


def _stays(
    filters: CaseFilters, conditions: list[ColumnElement[bool]], name: str = "stays"
) -> Subquery:
    """Stays as they stood at the cut-off: ``case_id, step, department_id, entered_at,
    next_department_id, left_at, revisit, closed``.

    ``next_department_id`` and ``left_at`` are set when the next stay began before the
    cut-off; ``left_at`` is otherwise the closing, for a case closed by then, or NULL while
    the stay runs. ``closed`` is 1 when the case was closed at the cut-off.
    """
    as_of = filters.as_of
    moved_on = CaseStay.left_at < as_of
    closed = Case.closed_at < as_of
    ended_by_closing = and_(closed, Case.closed_at >= CaseStay.entered_at)
    return (
        select(
            CaseStay.case_id, CaseStay.step, CaseStay.department_id, CaseStay.entered_at,
            case((moved_on, CaseStay.next_department_id)).label("next_department_id"),
            case((moved_on, CaseStay.left_at), (ended_by_closing, Case.closed_at))
            .label("left_at"),
            CaseStay.revisit, case((closed, 1), else_=0).label("closed"),
        )
        .join(Case, Case.id == CaseStay.case_id)
        .where(CaseStay.entered_at < as_of, *conditions)
        .subquery(name)
    )  # fmt: skip


def _ends_before_start(stays: Subquery) -> ColumnElement[bool]:
    """A stay of a case closed before the stay began (an event after the closing, as imported
    sheets have): it has no end to measure, so the time in each department leaves it out and
    the page says how many."""
    return and_(stays.c.closed == 1, stays.c.left_at.is_(None))


def _hops() -> ColumnElement[int]:
    """A case's hops, aggregated over its stays: the stays after its first department."""
    count = func.count()
    return case((count > 2, count - 2), else_=0)


# --- Summary and distribution -----------------------------------------------------------


def _cases_reaching(stays: Subquery, step: int) -> ColumnElement[int]:
    """Cases with a stay at ``step``: those with ``step - 1`` hops or more."""
    return func.count().filter(stays.c.step == step)


def referral_summary(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """One row: ``cases, referred_cases, referral_rate, mean_hops, ping_pong_cases,
    many_hops_cases`` (3 hops or more), ``stays_ending_before_start`` (left out of
    ``department_dwell``). Rates and means are over every case of the cohort."""
    cohort = _Cohort.read(connection, filters)
    stays = cohort.stays()
    query = select(
        _cases_reaching(stays, 2).label("referred_cases"),
        func.count().filter(stays.c.step >= 2).label("hops"),
        func.count(stays.c.case_id.distinct()).filter(stays.c.revisit).label("ping_pong"),
        _cases_reaching(stays, MANY_HOPS + 1).label("many_hops_cases"),
        func.count().filter(_ends_before_start(stays)).label("ends_before_start"),
    )
    row = connection.execute(query).one()
    cases = cohort.cases
    return pd.DataFrame(
        [
            {
                "cases": cases,
                "referred_cases": row.referred_cases,
                "referral_rate": row.referred_cases / cases if cases else 0.0,
                "mean_hops": row.hops / cases if cases else 0.0,
                "ping_pong_cases": row.ping_pong,
                "many_hops_cases": row.many_hops_cases,
                "stays_ending_before_start": row.ends_before_start,
            }
        ]
    )


def hops_distribution(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """Cases by hops, ``hops`` one of "0", "1", "2", "3", "4+", with ``cases`` and ``share``
    of the cohort. Every bucket is present, zero when empty."""
    cohort = _Cohort.read(connection, filters)
    stays = cohort.stays()
    at_least = [cohort.cases]  # at_least[h]: cases with h hops or more
    at_least += connection.execute(
        select(*(_cases_reaching(stays, hops + 1) for hops in range(1, HOPS_CAP + 1)))
    ).one()
    counts = [at_least[hops] - at_least[hops + 1] for hops in range(HOPS_CAP)]
    labels = [str(hops) for hops in range(HOPS_CAP)] + [f"{HOPS_CAP}+"]
    frame = pd.DataFrame({"hops": labels, "cases": [*counts, at_least[HOPS_CAP]]})
    frame["share"] = frame["cases"] / cohort.cases if cohort.cases else 0.0
    return frame


# --- Sankey diagram ---------------------------------------------------------------------

#: Stand for a step's "otros" nodes among department ids while links are grouped: one for
#: the ministry's departments, one for outside actors (so a referral outside stays in view).
_OTHERS_ID, _OTHERS_OUTSIDE_ID = -1, -2
_GROUPED = {_OTHERS_ID: OTHERS, _OTHERS_OUTSIDE_ID: OTHERS_OUTSIDE}


def referral_sankey(
    connection: Connection,
    filters: CaseFilters,
    min_cases: int = DEFAULT_MIN_CASES,
    per_step: int = NODES_PER_STEP,
) -> pd.DataFrame:
    """Links of the diagram: ``source_step, source_id, source_code, source_name, source_kind,
    target_step, target_id, target_code, target_name, target_kind, cases``.

    Each case runs along one chain of links: intake (step 0) → first department (1) →
    second (2) → where it was at the cut-off if it reached a third or more (3) → ``cerrada``
    or ``abierta`` (step 4, ``FINAL_STEP``). At steps 1 to 3, a department is drawn on its
    own when it is among the ``per_step`` that most cases reached at that step and at least
    ``min_cases`` did; the others' cases pass through the step's ``otros`` node instead, so
    a column holds at most ``per_step + 2`` nodes: ``otros_externos`` gathers the outside
    actors among the rest, ``otros`` the others. Those and the final nodes have no id, name
    or kind.
    """
    chains = _chains(_Cohort.read(connection, filters).stays(), min_cases, per_step)
    nodes = [chains.c.d0, *(chains.c[f"n{step}"] for step in range(1, LAST_DRAWN_STEP + 1))]
    moves = [
        select(literal(step).label("source_step"), nodes[step].label("source_id"),
               literal(step + 1).label("target_step"), nodes[step + 1].label("target_id"),
               null().label("final"), chains.c.cases)
        .where(nodes[step + 1].is_not(None))
        for step in range(LAST_DRAWN_STEP)
    ]  # fmt: skip
    # A case's nodes fill the steps from 0 up to the last it reached.
    reached = range(LAST_DRAWN_STEP, 0, -1)
    last_step = case(*((nodes[step].is_not(None), step) for step in reached), else_=0)
    endings = select(
        last_step, func.coalesce(*reversed(nodes)), literal(FINAL_STEP), null(),
        case((chains.c.closed == 1, literal(CLOSED)), else_=literal(OPEN)), chains.c.cases,
    )  # fmt: skip
    links = union_all(*moves, endings).subquery("links")
    keys = [links.c.source_step, links.c.source_id, links.c.target_step, links.c.target_id,
            links.c.final]  # fmt: skip
    query = select(*keys, func.sum(links.c.cases).label("cases")).group_by(*keys)
    return _named_links(connection, to_frame(connection, query))


def _chains(stays: Subquery, min_cases: int, per_step: int) -> CTE:
    """The paths with their node at each step: ``d0, n1, n2, n3, closed, cases``, where a
    node is a department id or one of ``_GROUPED``. A CTE: every link of the diagram reads it."""
    paths = _paths_through_steps(stays)
    nodes = [
        _drawn_node(paths, paths.c[f"d{step}"], min_cases, per_step).label(f"n{step}")
        for step in range(1, LAST_DRAWN_STEP + 1)
    ]
    return select(paths.c.d0, *nodes, paths.c.closed, paths.c.cases).cte("chains")


def _paths_through_steps(stays: Subquery) -> CTE:
    """Cases counted by the nodes they pass: ``d0, d1, d2, d3, closed, cases``, where ``d3``
    is the department at the cut-off of a case that reached step 3 or later."""
    step, department = stays.c.step, stays.c.department_id

    def at(condition: ColumnElement[bool], label: str):
        return func.max(department).filter(condition).label(label)

    last = stays.c.next_department_id.is_(None)
    per_case = (
        select(
            at(step == 0, "d0"), at(step == 1, "d1"), at(step == 2, "d2"),
            at(and_(step >= LAST_DRAWN_STEP, last), "d3"), func.max(stays.c.closed).label("closed"),
        )
        .group_by(stays.c.case_id)
        .subquery("per_case")
    )  # fmt: skip
    columns = [per_case.c.d0, per_case.c.d1, per_case.c.d2, per_case.c.d3, per_case.c.closed]
    return select(*columns, func.count().label("cases")).group_by(*columns).cte("paths")


def _drawn_node(
    paths: CTE, department: ColumnElement[int], min_cases: int, per_step: int
) -> ColumnElement[int]:
    """A path's node at a step: its ``department`` there when that is one of the step's
    ``per_step`` busiest departments (``min_cases`` cases or more), one of the ``otros``
    nodes otherwise (none where the path stops). The busiest are read from every path, so a
    department is one node at its step whichever way the cases came in."""
    reached = func.sum(paths.c.cases)
    busiest = (
        select(department)
        .where(department.is_not(None))
        .group_by(department)
        .having(reached >= min_cases)
        .order_by(reached.desc(), department)
        .limit(per_step)
        .correlate(None)
    )
    outside = select(Department.id).where(Department.kind.in_(EXTERNAL_KINDS))
    return case((department.is_(None), null()), (department.in_(busiest), department),
                (department.in_(outside), _OTHERS_OUTSIDE_ID), else_=_OTHERS_ID)  # fmt: skip


def _named_links(connection: Connection, links: pd.DataFrame) -> pd.DataFrame:
    """Give each node of the (few hundred) links its code, name and kind."""
    departments = to_frame(
        connection, select(Department.id, Department.code, Department.name, Department.kind)
    ).set_index("id")
    named = {}
    for end in ("source", "target"):
        ids = links[f"{end}_id"].astype("Int64")
        known = ids.notna() & ~ids.isin(list(_GROUPED))
        named[f"{end}_step"] = links[f"{end}_step"].astype(int)
        named[f"{end}_id"] = ids.where(known)
        for part in ("code", "name", "kind"):
            named[f"{end}_{part}"] = ids.map(departments[part]).where(known)
        named[f"{end}_code"] = named[f"{end}_code"].fillna(ids.map(_GROUPED))
    named["target_code"] = named["target_code"].fillna(links["final"])
    frame = pd.DataFrame({**named, "cases": links["cases"].astype(int)})
    return frame.sort_values(
        ["source_step", "cases", "target_step"], ascending=[True, False, True], ignore_index=True
    )


# --- Flows between departments ----------------------------------------------------------


def referral_flows(connection: Connection, filters: CaseFilters, limit: int = 100) -> pd.DataFrame:
    """The ``limit`` busiest moves between consecutive stays: ``origin_id, origin,
    origin_kind, destination_id, destination, destination_kind, cases, moves, median_hours``.

    ``cases`` counts the cases that made the move at least once (as ``flow_cases`` lists
    them); ``median_hours`` runs from entering the origin to entering the destination, over
    every such move.
    """
    stays = _Cohort.read(connection, filters).stays()
    moves = (
        select(
            stays.c.department_id, stays.c.next_department_id, stays.c.case_id,
            hours_between(stays.c.entered_at, stays.c.left_at).label("hours"),
        )
        .where(stays.c.next_department_id.is_not(None))
        .subquery("moves")
    )  # fmt: skip
    ranked = _ranked(moves, (moves.c.department_id, moves.c.next_department_id))
    # Aggregate by ids in the window's own order; names join the few thousand pairs after.
    flows = (
        select(
            ranked.c.department_id, ranked.c.next_department_id,
            func.count(ranked.c.case_id.distinct()).label("cases"),
            func.count().label("moves"), _median(ranked).label("median_hours"),
        )
        .group_by(ranked.c.department_id, ranked.c.next_department_id)
        .subquery("flows")
    )  # fmt: skip
    origin, destination = aliased(Department), aliased(Department)
    query = (
        select(
            origin.id.label("origin_id"), origin.name.label("origin"),
            origin.kind.label("origin_kind"), destination.id.label("destination_id"),
            destination.name.label("destination"), destination.kind.label("destination_kind"),
            flows.c.cases, flows.c.moves, flows.c.median_hours,
        )
        .join(origin, origin.id == flows.c.department_id)
        .join(destination, destination.id == flows.c.next_department_id)
        .order_by(flows.c.cases.desc(), origin.name, destination.name)
        .limit(limit)
    )  # fmt: skip
    return to_frame(connection, query)


def _ranked(rows: Subquery, group: tuple) -> Subquery:
    """``rows`` with each row's ``rank`` by ``hours`` within its group and the group's
    ``size``: what a portable median and 90th percentile need (no percentile_cont)."""
    return select(
        rows,
        func.row_number().over(partition_by=group, order_by=rows.c.hours).label("rank"),
        func.count().over(partition_by=group).label("size"),
    ).subquery("ranked")


def _median(ranked: Subquery, *within: ColumnElement[bool]) -> ColumnElement:
    """The mean of the middle row (odd size) or the two middle rows (even size); ``within``
    picks the partitions of ``ranked`` to measure when a group holds several."""
    rank, size = ranked.c.rank, ranked.c.size
    middle = or_(rank == (size + 1) // 2, rank == (size + 2) // 2)
    return func.avg(ranked.c.hours).filter(and_(middle, *within))


def _p90(ranked: Subquery, *within: ColumnElement[bool]) -> ColumnElement:
    """Nearest rank: the row at ceil(0.9 × size), in integer arithmetic."""
    at_rank = ranked.c.rank == (9 * ranked.c.size + 9) // 10
    return func.max(ranked.c.hours).filter(and_(at_rank, *within))


# --- Where referrals go, and how long cases stay ----------------------------------------


def referral_destinations(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """Referrals (hops) by the kind of department or actor that received them: ``kind,
    referrals, cases, share`` (``share`` of all referrals), one row per kind in
    ``DESTINATION_KINDS``, zero when none went there."""
    stays = _Cohort.read(connection, filters).stays()
    query = (
        select(
            Department.kind, func.count().label("referrals"),
            func.count(stays.c.case_id.distinct()).label("cases"),
        )
        .join(Department, Department.id == stays.c.department_id)
        .where(stays.c.step >= 2)
        .group_by(Department.kind)
    )  # fmt: skip
    found = to_frame(connection, query).set_index("kind")
    kinds = list(DESTINATION_KINDS) + [k for k in found.index if k not in DESTINATION_KINDS]
    frame = found.reindex(kinds, fill_value=0).rename_axis("kind").reset_index()
    total = frame["referrals"].sum()
    frame["share"] = frame["referrals"] / total if total else 0.0
    return frame


def department_dwell(
    connection: Connection, filters: CaseFilters, min_stays: int = DWELL_MIN_STAYS
) -> pd.DataFrame:
    """Time in each department or actor at the cut-off: ``department_id, department, kind,
    stays, median_hours, p90_hours, running, running_median_hours``, longest wait first.

    ``stays``, ``median_hours`` and ``p90_hours`` are over the stays that had ended by the
    cut-off; ``running`` counts the stays still open then, and ``running_median_hours`` is
    the median of their age so far: they are reported beside the ended ones, never mixed into
    their median (a survival estimate would be needed for that). A department with only
    running stays is listed too, with no median.

    Order: departments with at least ``min_stays`` ended stays by median, longest first, then
    the thinner ones the same way, so a median over two stays does not top the list.

    The stays of a case closed before they began (``_ends_before_start``) are neither ended
    nor running; ``referral_summary`` counts them as ``stays_ending_before_start`` for the
    page to say.
    """
    stays = _Cohort.read(connection, filters).stays()
    as_of = literal(filters.as_of, type_=CaseStay.entered_at.type)
    running = stays.c.left_at.is_(None)
    measured = (
        select(stays.c.department_id,
               case((running, 1), else_=0).label("running"),
               hours_between(stays.c.entered_at, func.coalesce(stays.c.left_at, as_of))
               .label("hours"))
        .where(~_ends_before_start(stays))
        .subquery("measured")
    )  # fmt: skip
    ranked = _ranked(measured, (measured.c.department_id, measured.c.running))
    ended, open_ = ranked.c.running == 0, ranked.c.running == 1
    dwell = (
        select(
            ranked.c.department_id, func.count().filter(ended).label("stays"),
            _median(ranked, ended).label("median_hours"), _p90(ranked, ended).label("p90_hours"),
            func.count().filter(open_).label("running"),
            _median(ranked, open_).label("running_median_hours"),
        )
        .group_by(ranked.c.department_id)
        .subquery("dwell")
    )  # fmt: skip
    thin = case((dwell.c.stays >= min_stays, 0), else_=1)
    unmeasured = case((dwell.c.median_hours.is_(None), 1), else_=0)
    query = (
        select(
            Department.id.label("department_id"), Department.name.label("department"),
            Department.kind, dwell.c.stays, dwell.c.median_hours, dwell.c.p90_hours,
            dwell.c.running, dwell.c.running_median_hours,
        )
        .join(Department, Department.id == dwell.c.department_id)
        .order_by(thin, unmeasured, dwell.c.median_hours.desc(), Department.name)
    )  # fmt: skip
    return to_frame(connection, query)


# --- Lists of cases ---------------------------------------------------------------------


def flow_cases(
    connection: Connection,
    filters: CaseFilters,
    origin_id: int,
    destination_id: int,
    page: int = 0,
) -> pd.DataFrame:
    """One page of the cases that moved from ``origin_id`` straight to ``destination_id`` at
    least once: ``code, version, status, department, created_at, hops, path, total``.
    ``total`` is the flow's ``cases`` in ``referral_flows``."""

    def made_the_move(stays: Subquery) -> ColumnElement[bool]:
        return and_(stays.c.department_id == origin_id,
                    stays.c.next_department_id == destination_id)  # fmt: skip

    return _case_page(connection, filters, made_the_move, page)


def ping_pong_cases(connection: Connection, filters: CaseFilters, page: int = 0) -> pd.DataFrame:
    """One page of the cohort's ping-pong cases (back in a department they had left):
    ``code, version, status, department, created_at, hops, path, total``, most hops first."""
    return _case_page(connection, filters, lambda stays: stays.c.revisit, page)


def many_hops_cases(connection: Connection, filters: CaseFilters, page: int = 0) -> pd.DataFrame:
    """One page of the cohort's cases with 3 hops or more: ``code, version, status,
    department, created_at, hops, path, total``, most hops first."""
    return _case_page(connection, filters, lambda stays: stays.c.step == MANY_HOPS + 1, page)


def _case_page(
    connection: Connection,
    filters: CaseFilters,
    chosen: Callable[[Subquery], ColumnElement[bool]],
    page: int,
) -> pd.DataFrame:
    """The cohort's cases with a stay that satisfies ``chosen(stays)``, most hops first, paged
    in SQL with ``total`` on every row, each with its path."""
    cohort = _Cohort.read(connection, filters)
    picked = cohort.stays("picked")
    stays = cohort.stays()
    routes = (
        select(stays.c.case_id, _hops().label("hops"))
        .where(stays.c.case_id.in_(select(picked.c.case_id).where(chosen(picked))))
        .group_by(stays.c.case_id)
        .subquery("routes")
    )
    query = (
        select(
            Case.id, Case.code, Case.version, Case.status, Department.name.label("department"),
            Case.created_at, routes.c.hops, func.count().over().label("total"),
        )
        .join(Case, Case.id == routes.c.case_id)
        .join(Department, Department.id == Case.department_id)
        .order_by(routes.c.hops.desc(), Case.created_at, Case.id)
        .limit(PAGE_SIZE)
        .offset(page * PAGE_SIZE)
    )  # fmt: skip
    frame = to_frame(connection, query)
    paths = _paths(connection, filters, frame["id"].tolist())
    frame.insert(frame.columns.get_loc("hops") + 1, "path", frame["id"].map(paths))
    return frame.drop(columns="id")


def _paths(connection: Connection, filters: CaseFilters, case_ids: list[int]) -> dict[int, str]:
    """Each case's departments in order, joined by arrows: a page's worth of stays only."""
    if not case_ids:
        return {}
    stays = _stays(filters, [CaseStay.case_id.in_(case_ids)])
    query = (
        select(stays.c.case_id, Department.name)
        .join(Department, Department.id == stays.c.department_id)
        .order_by(stays.c.case_id, stays.c.step)
    )
    names = to_frame(connection, query)
    return names.groupby("case_id", sort=False)["name"].agg(PATH_SEPARATOR.join).to_dict()
