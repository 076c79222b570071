"""Finding pairs of probable duplicates in the base and proposing them for review.

Blocking is SQL: two cases are compared only when they share the citizen (the same DNI/CUIL:
``citizens.dni`` is unique) or, for different citizens, a normalised phone or address; when
both are in the same category group; created within the window of each other; neither is
void or already merged; and the pair is not in ``duplicate_pairs`` yet (a decided pair is
never proposed again). Python then compares each pair (``compare``) and keeps those scoring
``MIN_SCORE`` or more; a pair whose DNIs differ needs a close name as well.

Three entry points: ``scan`` (the whole base, or the cases created since a date, reading in
chunks and writing each chunk's pairs as it goes), and ``check_cases`` (the cases an import
just wrote, inside the import's own transaction).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    Select,
    and_,
    case,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
    true,
    union,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased
from sqlalchemy.orm.util import AliasedClass
from sqlalchemy.sql.selectable import CTE

from dashboard.domain import Status, local_now
from dashboard.duplicates.compare import DEFAULT_WINDOW_DAYS, Facts, Match, compare, names_close
from dashboard.duplicates.keys import address_key_sql, phone_key_sql, phone_key_usable_sql
from dashboard.models import Case, Category, Citizen, DuplicatePair
from dashboard.sql_functions import hours_between

#: Pairs scoring less are not proposed. Two intakes of the same citizen always reach it (the
#: DNI and the name alone give 55, the rest at worst half of theirs), so it only sifts the
#: pairs found through a shared phone or address: with differing DNIs, a pair needs a close
#: name, the shared detail and the same request at about the same time (the same category
#: within two weeks, say) to reach 50. Below it stand relatives sharing a home or a phone.
MIN_SCORE = 50
#: A phone or address shared by more citizens than this belongs to an institution (a
#: municipal office, a soup kitchen), not to a person: it does not block.
MAX_SHARED_CONTACT = 20
#: Rows fetched (and pairs written) at a time.
CHUNK = 5_000
#: Case ids per statement when checking given cases (SQLite's limit is 32,766 variables).
IDS_PER_STATEMENT = 5_000
#: Cases created within this span (an import of recent sheets) read only the citizens with
#: a case around then (an institution's phone or address is then told by its users of that
#: time); over a longer span, reading every citizen is faster.
SHORT_SPAN = timedelta(days=180)
#: Statuses a case cannot be paired in: void, or already merged into another.
UNPAIRABLE = (Status.ANULADA, Status.DUPLICADA)


@dataclass(frozen=True)
class Candidate:
    """A pair worth proposing: ``first_id`` < ``second_id``, as ``duplicate_pairs`` stores it."""

    first_id: int
    second_id: int
    match: Match


@dataclass(frozen=True)
class ScanReport:
    checked: int
    found: int
    seconds: float


@dataclass(frozen=True)
class Scope:
    """The cases a search starts from: all of them, those created since a moment, or some."""

    since: datetime | None = None
    #: Some cases: their ids, or a query naming them (an import batch's cases).
    case_ids: tuple[int, ...] | Select | None = None
    #: When the scope's cases were created, give or take the window, if that is a short span:
    #: the other case of a pair was created then, so only citizens with a case then are read.
    span: tuple[datetime, datetime] | None = None

    @classmethod
    def of_cases(cls, connection: Connection, case_ids: Sequence[int] | Select, days: int) -> Scope:
        earliest, latest = connection.execute(
            select(func.min(Case.created_at), func.max(Case.created_at))
            .where(Case.id.in_(case_ids))
        ).one()  # fmt: skip
        window = timedelta(days=days)
        short = earliest is not None and latest - earliest <= SHORT_SPAN
        span = (earliest - window, latest + window) if short else None
        chosen = case_ids if isinstance(case_ids, Select) else tuple(case_ids)
        return cls(case_ids=chosen, span=span)

    @property
    def whole_base(self) -> bool:
        return self.since is None and self.case_ids is None

    def covers(self, case_: AliasedClass[Case]) -> ColumnElement[bool]:
        if self.case_ids is not None:
            return case_.id.in_(self.case_ids)
        if self.since is not None:
            return case_.created_at >= self.since
        return true()


def scan(
    engine: Engine, *, since: datetime | None = None, days: int = DEFAULT_WINDOW_DAYS
) -> ScanReport:
    """Look for new pairs among the cases created since ``since`` (all when None) and every
    case of the base; write them chunk by chunk. One connection reads, another writes."""
    began = time.perf_counter()
    scope = Scope(since=since)
    found = 0
    with engine.connect() as reader:
        checked = _pairable_count(reader, scope)
        query = candidate_query(scope, days)
        rows = reader.execute(query.execution_options(stream_results=True, yield_per=CHUNK))
        for chunk in rows.partitions(CHUNK):
            candidates = list(_judged(chunk, days))
            if candidates:
                with engine.begin() as writer:
                    found += record(writer, candidates)
    return ScanReport(checked, found, time.perf_counter() - began)


def check_cases(
    connection: Connection, case_ids: Sequence[int] | Select, days: int = DEFAULT_WINDOW_DAYS
) -> int:
    """Propose the pairs the given cases (just written, say) form with any case of the base,
    in the caller's transaction; returns how many new pairs. A query naming the cases (an
    import batch's) is sent as it is; a list of ids goes ``IDS_PER_STATEMENT`` at a time."""
    if isinstance(case_ids, Select):
        return _check(connection, Scope.of_cases(connection, case_ids, days), days)
    return sum(
        _check(connection, Scope.of_cases(connection, case_ids[start : start + IDS_PER_STATEMENT],
                                          days), days)
        for start in range(0, len(case_ids), IDS_PER_STATEMENT)
    )  # fmt: skip


def _check(connection: Connection, scope: Scope, days: int) -> int:
    rows = connection.execute(candidate_query(scope, days)).all()
    return record(connection, list(_judged(rows, days)))


def record(connection: Connection, candidates: Sequence[Candidate]) -> int:
    """Insert the pairs not stored yet (another scan may have just stored some)."""
    if not candidates:
        return 0
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    now = local_now()
    rows = [
        {"case_id": c.first_id, "other_case_id": c.second_id, "score": c.match.score,
         "reasons": json.dumps(c.match.reasons, sort_keys=True), "found_at": now}
        for c in candidates
    ]  # fmt: skip
    inserted = connection.execute(
        dialect.insert(DuplicatePair).on_conflict_do_nothing().returning(DuplicatePair.id), rows
    )
    return len(inserted.all())


def candidate_query(scope: Scope, days: int) -> Select:
    """Each blocked pair once (lower id first) with what ``compare`` needs of both cases."""
    blocked = union(_same_citizen(scope, days), _shared_contact(scope, days)).subquery("blocked")
    left, right = aliased(Case, name="left_case"), aliased(Case, name="right_case")
    ordered_first = case((blocked.c.a < blocked.c.b, blocked.c.a), else_=blocked.c.b)
    ordered_second = case((blocked.c.a < blocked.c.b, blocked.c.b), else_=blocked.c.a)
    return (
        select(*_facts_columns(left, "l"), *_facts_columns(right, "r"))
        .select_from(blocked)
        .join(left, left.id == ordered_first)
        .join(right, right.id == ordered_second)
        .outerjoin(_CITIZENS["l"], _CITIZENS["l"].id == left.citizen_id)
        .outerjoin(_CITIZENS["r"], _CITIZENS["r"].id == right.citizen_id)
        .join(_CATEGORIES["l"], _CATEGORIES["l"].id == left.category_id)
        .join(_CATEGORIES["r"], _CATEGORIES["r"].id == right.category_id)
    )


def _same_citizen(scope: Scope, days: int) -> Select:
    first, second = aliased(Case, name="c1"), aliased(Case, name="c2")
    return _blocked_pairs(
        select(first.id.label("a"), second.id.label("b"))
        .select_from(first)
        .join(second, and_(second.citizen_id == first.citizen_id, second.id != first.id)),
        first, second, scope, days,
    )  # fmt: skip


def _shared_contact(scope: Scope, days: int) -> Select:
    """Cases of two different citizens who share a phone or an address (not an institution's)."""
    keys = _contact_keys(scope)
    shared_keys = (
        select(keys.c.key).group_by(keys.c.key)
        .having(func.count().between(2, MAX_SHARED_CONTACT))
        .cte("shared_keys")
    )  # fmt: skip
    mine, theirs = keys.alias("mine"), keys.alias("theirs")
    citizen_pairs = (
        select(mine.c.citizen_id.label("mine"), theirs.c.citizen_id.label("theirs"))
        .select_from(shared_keys)
        .join(mine, mine.c.key == shared_keys.c.key)
        .join(theirs, and_(theirs.c.key == shared_keys.c.key,
                           theirs.c.citizen_id != mine.c.citizen_id))
        .distinct()
        .cte("citizen_pairs")
    )  # fmt: skip
    first, second = aliased(Case, name="c1"), aliased(Case, name="c2")
    return _blocked_pairs(
        select(first.id.label("a"), second.id.label("b"))
        .select_from(citizen_pairs)
        .join(first, first.citizen_id == citizen_pairs.c.mine)
        .join(second, second.citizen_id == citizen_pairs.c.theirs),
        first, second, scope, days,
    )  # fmt: skip


#: The contact keys: a phone's and an address's, told apart by a prefix.
_KEYS = (
    (lambda citizen: literal("t") + phone_key_sql(citizen.phone),
     lambda citizen: phone_key_usable_sql(citizen.phone)),
    (lambda citizen: literal("d") + address_key_sql(citizen.address),
     lambda citizen: func.length(address_key_sql(citizen.address)) > 0),
)  # fmt: skip


def _contact_keys(scope: Scope) -> CTE:
    """(citizen id, key) of every citizen, or, for part of the base, of the citizens sharing
    a key with one of its cases' citizens (and, over a short span, with a case in it): those
    keys are computed first, so the others' are only compared with them, never grouped whole.
    A key equal to a usable one is usable: not checking it spares reading every citizen."""
    branches = []
    for key, usable in _KEYS:
        branch = select(Citizen.id.label("citizen_id"), key(Citizen).label("key"))
        if scope.whole_base:
            branches.append(branch.where(usable(Citizen)))
            continue
        if scope.span is not None:
            then = select(Case.citizen_id).where(Case.created_at.between(*scope.span))
            then = then.distinct().subquery("then")
            branch = branch.select_from(then).join(Citizen, Citizen.id == then.c.citizen_id)
        start, theirs = aliased(Case, name="start"), aliased(Citizen, name="start_citizen")
        own = (
            select(key(theirs)).select_from(start)
            .join(theirs, theirs.id == start.citizen_id)
            .where(scope.covers(start), usable(theirs))
        )  # fmt: skip
        branches.append(branch.where(key(Citizen).in_(own)))
    return union_all(*branches).cte("contact_keys")


def _blocked_pairs(
    query: Select, first: AliasedClass[Case], second: AliasedClass[Case], scope: Scope, days: int
) -> Select:
    """The conditions every blocked pair meets, whatever key brought it."""
    first_group, second_group = aliased(Category), aliased(Category)
    low = case((first.id < second.id, first.id), else_=second.id)
    high = case((first.id < second.id, second.id), else_=first.id)
    return (
        query.join(first_group, first_group.id == first.category_id)
        .join(second_group, second_group.id == second.category_id)
        .where(
            scope.covers(first),
            # Each pair once: from its lower id when both cases are in scope.
            or_(first.id < second.id, not_(scope.covers(second))),
            first.status.not_in(UNPAIRABLE),
            second.status.not_in(UNPAIRABLE),
            func.coalesce(first_group.parent_id, first_group.id)
            == func.coalesce(second_group.parent_id, second_group.id),
            func.abs(hours_between(first.created_at, second.created_at)) <= days * 24,
            ~exists().where(DuplicatePair.case_id == low, DuplicatePair.other_case_id == high),
        )
    )


#: The two sides of a candidate row: "l" (lower case id) and "r".
_CITIZENS = {side: aliased(Citizen, name=f"{side}_citizen") for side in ("l", "r")}
_CATEGORIES = {side: aliased(Category, name=f"{side}_category") for side in ("l", "r")}


def _facts_columns(case_: AliasedClass[Case], side: str) -> list[ColumnElement]:
    citizen, category = _CITIZENS[side], _CATEGORIES[side]
    return [
        case_.id.label(f"{side}_id"),
        citizen.dni.label(f"{side}_dni"),
        citizen.first_name.label(f"{side}_first_name"),
        citizen.last_name.label(f"{side}_last_name"),
        citizen.phone.label(f"{side}_phone"),
        citizen.address.label(f"{side}_address"),
        case_.category_id.label(f"{side}_category_id"),
        func.coalesce(category.parent_id, category.id).label(f"{side}_group_id"),
        case_.created_at.label(f"{side}_created_at"),
    ]


def _facts_of(row: Row, side: str) -> Facts:
    """The ``Facts`` of one side of a row of ``candidate_query``."""
    return Facts(
        dni=getattr(row, f"{side}_dni"),
        first_name=getattr(row, f"{side}_first_name"),
        last_name=getattr(row, f"{side}_last_name"),
        phone=getattr(row, f"{side}_phone"),
        address=getattr(row, f"{side}_address"),
        category_id=getattr(row, f"{side}_category_id"),
        group_id=getattr(row, f"{side}_group_id"),
        created_at=getattr(row, f"{side}_created_at"),
    )


def judge(first: Facts, second: Facts, days: int) -> Match | None:
    """The pair's match when it is worth proposing, else None. (Blocking already kept the
    same group and the window; the probe, which blocks on keys alone, relies on this.)"""
    apart = abs(first.created_at - second.created_at)
    if first.group_id != second.group_id or apart > timedelta(days=days):
        return None
    match = compare(first, second, days)
    if match.reasons["document"] != "agree" and not names_close(first, second):
        return None
    return match if match.score >= MIN_SCORE else None


def _judged(rows: Iterable, days: int) -> Iterator[Candidate]:
    for row in rows:
        match = judge(_facts_of(row, "l"), _facts_of(row, "r"), days)
        if match is not None:
            yield Candidate(row.l_id, row.r_id, match)


def _pairable_count(connection: Connection, scope: Scope) -> int:
    checked = aliased(Case, name="checked")
    return connection.execute(
        select(func.count())
        .select_from(checked)
        .where(scope.covers(checked), checked.status.not_in(UNPAIRABLE))
    ).scalar_one()
