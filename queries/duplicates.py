"""Reads of the page "Duplicados" and the duplicate rate of "Resumen".

A reviewer sees only the pairs they may decide (``_in_review_scope``); citizens' data leaves the
database masked, and whether two cases share a DNI, a phone or an address is compared in SQL,
so a reviewer learns that they agree without seeing either value.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import (
    Connection,
    Select,
    Subquery,
    case,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.orm import aliased

from auth.roles import Actor
from dashboard.domain import DuplicateDecision
from dashboard.duplicates import review_scope_clause
from dashboard.duplicates.scope import pair_aliases
from dashboard.models import (
    Case,
    Category,
    Channel,
    Citizen,
    Department,
    DuplicatePair,
    Municipality,
)
from dashboard.sql_functions import hours_between, month_start
from queries._frames import to_frame
from queries.cases import initials, masked_dni, masked_email, masked_tail
from queries.definitions import created_between, merged_at
from queries.filters import CaseFilters, dimension_conditions

PAGE_SIZE = 50
#: Pairs listed as recently decided (where a merge can be undone).
RECENT_DECISIONS = 20
#: What the queue shows of each case of a pair (suffixed ``_a`` and ``_b``).
QUEUE_FIELDS = ("code", "intake_area", "channel", "category", "created_at", "status")
#: Fields compared between the two cases of a pair; each has a ``same_<field>`` column.
COMPARED_FIELDS = ("intake_area", "channel", "category", "category_group", "department",
                   "status", "partido", "dni", "citizen", "phone", "email", "address")  # fmt: skip


def review_counts(connection: Connection, actor: Actor) -> pd.DataFrame:
    """One row: the actor's pairs ``pending``, left for ``later``, ``merged`` and
    ``not_duplicate``."""
    decision = DuplicatePair.decision
    query = select(
        func.count().filter(decision.is_(None)).label("pending"),
        func.count().filter(decision == DuplicateDecision.LATER).label("later"),
        func.count().filter(decision == DuplicateDecision.MERGED).label("merged"),
        func.count().filter(decision == DuplicateDecision.NOT_DUPLICATE).label("not_duplicate"),
    ).select_from(DuplicatePair)
    return to_frame(connection, _in_review_scope(query, actor))


def review_queue(
    connection: Connection, actor: Actor, include_later: bool = False, page: int = 0
) -> pd.DataFrame:
    """One page of the pairs waiting for the actor, best score first: the pending ones, then
    (when asked) those left for later; each with both cases' ``QUEUE_FIELDS`` and
    ``days_apart`` (between their creations)."""
    first, second = _cards("a"), _cards("b")
    waiting = DuplicatePair.decision.is_(None)
    if include_later:
        waiting = or_(waiting, DuplicatePair.decision == DuplicateDecision.LATER)
    query = (
        select(
            DuplicatePair.id.label("pair_id"), DuplicatePair.score, DuplicatePair.decision,
            *_sides(first, second, QUEUE_FIELDS),
            (func.abs(hours_between(first.c.created_at, second.c.created_at)) / 24)
            .label("days_apart"),
        )
        .select_from(DuplicatePair)
        .join(first, first.c.id == DuplicatePair.case_id)
        .join(second, second.c.id == DuplicatePair.other_case_id)
        .where(waiting)
        .order_by(case((DuplicatePair.decision.is_(None), 0), else_=1),
                  DuplicatePair.score.desc(), DuplicatePair.id)
        .limit(PAGE_SIZE)
        .offset(page * PAGE_SIZE)
    )  # fmt: skip
    return to_frame(connection, _in_review_scope(query, actor))


def duplicate_pair(connection: Connection, actor: Actor, pair_id: int) -> pd.DataFrame:
    """The two cases of a pair the actor may review, one row each (``side`` "a", then "b"):
    the case as it is now (with the ``version`` the page shows, for the decision), the
    citizen masked, ``same_<field>`` for every field of ``COMPARED_FIELDS`` against the other
    case, and the pair's score, reasons and decision on both rows. Empty when the pair does
    not exist or is not the actor's to review."""
    this = _cards("this")
    other = aliased(Case, name="other")
    other_category = aliased(Category, name="other_category")
    mine, theirs = aliased(Citizen, name="mine"), aliased(Citizen, name="theirs")
    survivor, original = aliased(Case, name="survivor"), aliased(Case, name="original")
    the_other_id = DuplicatePair.case_id + DuplicatePair.other_case_id - this.c.id
    same = {
        "intake_area": this.c.intake_department_id == other.intake_department_id,
        "channel": this.c.channel_id == other.channel_id,
        "category": this.c.category_id == other.category_id,
        "category_group": this.c.group_id == func.coalesce(other_category.parent_id,
                                                           other_category.id),
        "department": this.c.department_id == other.department_id,
        "status": this.c.status == other.status,
        "partido": this.c.municipality_id == other.municipality_id,
        "dni": mine.dni == theirs.dni,
        "citizen": func.lower(mine.first_name + " " + mine.last_name)
        == func.lower(theirs.first_name + " " + theirs.last_name),
        "phone": mine.phone.is_not_distinct_from(theirs.phone),
        "email": func.lower(mine.email).is_not_distinct_from(func.lower(theirs.email)),
        "address": func.lower(mine.address).is_not_distinct_from(func.lower(theirs.address)),
    }  # fmt: skip
    query = (
        select(
            case((this.c.id == DuplicatePair.case_id, "a"), else_="b").label("side"),
            DuplicatePair.id.label("pair_id"), DuplicatePair.score, DuplicatePair.reasons,
            DuplicatePair.decision, DuplicatePair.decided_at, DuplicatePair.decided_by,
            survivor.code.label("survivor"),
            *(this.c[name] for name in ("code", "version", "status", "intake_area", "channel",
                                        "category", "category_group", "department",
                                        "department_id", "partido", "created_at",
                                        "closed_at")),
            original.code.label("duplicate_of"),
            masked_dni(mine.dni).label("dni"),
            initials(mine.first_name, mine.last_name).label("citizen"),
            masked_tail(mine.phone).label("phone"), masked_email(mine.email).label("email"),
            masked_tail(mine.address).label("address"),
            # Unknown (an anonymous case has no DNI to compare) is not the same.
            *(func.coalesce(condition, false()).label(f"same_{name}")
              for name, condition in same.items()),
        )
        .select_from(DuplicatePair)
        .join(this, this.c.id.in_((DuplicatePair.case_id, DuplicatePair.other_case_id)))
        .join(other, other.id == the_other_id)
        .join(other_category, other_category.id == other.category_id)
        .outerjoin(mine, mine.id == this.c.citizen_id)  # none for an anonymous report
        .outerjoin(theirs, theirs.id == other.citizen_id)
        .outerjoin(survivor, survivor.id == DuplicatePair.survivor_id)
        .outerjoin(original, original.id == this.c.duplicate_of_id)
        .where(DuplicatePair.id == pair_id)
        .order_by("side")
    )  # fmt: skip
    return to_frame(connection, _in_review_scope(query, actor))


def differing_fields(pair: pd.DataFrame) -> list[str]:
    """The fields of ``COMPARED_FIELDS`` in which the two cases of ``duplicate_pair`` differ."""
    if pair.empty:
        return []
    flags = pair.iloc[0]
    return [name for name in COMPARED_FIELDS if not flags[f"same_{name}"]]


def decided_pairs(connection: Connection, actor: Actor) -> pd.DataFrame:
    """The actor's ``RECENT_DECISIONS`` latest decided pairs (merged or not duplicates),
    newest first, with both codes and, for a merge, the ``survivor`` and the ``duplicate``."""
    first, second = aliased(Case, name="first"), aliased(Case, name="second")
    survivor = aliased(Case, name="survivor")
    duplicate = case(
        (DuplicatePair.survivor_id == first.id, second.code),
        (DuplicatePair.survivor_id == second.id, first.code),
    )
    query = (
        select(
            DuplicatePair.id.label("pair_id"), DuplicatePair.decision, DuplicatePair.decided_at,
            DuplicatePair.decided_by, first.code.label("code_a"), second.code.label("code_b"),
            survivor.code.label("survivor"), duplicate.label("duplicate"), DuplicatePair.score,
        )
        .join(first, first.id == DuplicatePair.case_id)
        .join(second, second.id == DuplicatePair.other_case_id)
        .outerjoin(survivor, survivor.id == DuplicatePair.survivor_id)
        .where(
            DuplicatePair.decision.in_(
                (DuplicateDecision.MERGED, DuplicateDecision.NOT_DUPLICATE)
            ),
            review_scope_clause(actor, first, second),
        )
        .order_by(DuplicatePair.decided_at.desc(), DuplicatePair.id.desc())
        .limit(RECENT_DECISIONS)
    )  # fmt: skip
    return to_frame(connection, query)


def duplicate_rate(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """Cases received in the period per ``intake_area``, ``channel`` and ``month`` (of their
    creation): ``received``, ``merged`` (duplicates of another case at the cut-off, by their
    history) and ``rate`` (merged ÷ received)."""
    merged = merged_at(filters.as_of).subquery("merged")
    month = month_start(Case.created_at).label("month")
    received = func.count(Case.id).label("received")
    query = (
        select(
            Department.name.label("intake_area"), Channel.name.label("channel"), month,
            received, func.count(merged.c.case_id).label("merged"),
        )
        .join(Department, Department.id == Case.intake_department_id)
        .join(Channel, Channel.id == Case.channel_id)
        .outerjoin(merged, merged.c.case_id == Case.id)
        .where(created_between(filters.period_start, filters.as_of),
               *dimension_conditions(filters))
        .group_by(Department.name, Channel.name, month)
        .order_by(month, Department.name, Channel.name)
    )  # fmt: skip
    frame = to_frame(connection, query)
    frame["rate"] = frame["merged"] / frame["received"]
    return frame


def overall_rate(by_group: pd.DataFrame) -> float:
    """The duplicate rate over every row of ``duplicate_rate`` (NaN when nothing came in)."""
    received = by_group["received"].sum()
    return by_group["merged"].sum() / received if received else float("nan")


def _cards(name: str) -> Subquery:
    """Each case with the names a reviewer reads and the ids the comparison needs."""
    intake, group = aliased(Department, name="intake"), aliased(Category, name="grp")
    return (
        select(
            Case.id, Case.code, Case.version, Case.status, Case.created_at, Case.closed_at,
            Case.intake_department_id, Case.channel_id, Case.category_id, Case.department_id,
            Case.municipality_id, Case.citizen_id, Case.duplicate_of_id,
            func.coalesce(Category.parent_id, Category.id).label("group_id"),
            intake.name.label("intake_area"), Channel.name.label("channel"),
            Category.name.label("category"), group.name.label("category_group"),
            Department.name.label("department"), Municipality.name.label("partido"),
        )
        .join(intake, intake.id == Case.intake_department_id)
        .join(Channel, Channel.id == Case.channel_id)
        .join(Category, Category.id == Case.category_id)
        .join(group, group.id == func.coalesce(Category.parent_id, Category.id))
        .join(Department, Department.id == Case.department_id)
        .outerjoin(Municipality, Municipality.id == Case.municipality_id)  # none: "sin partido"
        .subquery(name)
    )  # fmt: skip


def _sides(first: Subquery, second: Subquery, fields: tuple[str, ...]) -> list:
    return [first.c[name].label(f"{name}_a") for name in fields] + [
        second.c[name].label(f"{name}_b") for name in fields
    ]


def _in_review_scope(query: Select, actor: Actor) -> Select:
    """``query`` on ``duplicate_pairs`` narrowed to the pairs ``actor`` may review (the rule
    the commands check too: ``dashboard.duplicates.scope``)."""
    first, second = pair_aliases()
    return (
        query.join(first, first.id == DuplicatePair.case_id)
        .join(second, second.id == DuplicatePair.other_case_id)
        .where(review_scope_clause(actor, first, second))
    )
