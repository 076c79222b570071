"""Which rows of a sheet, not yet written, probably repeat a request the base already holds.

The import preview says "N probablemente ya están en la base" from this: each row is blocked
and compared exactly as ``find`` does with two cases (same DNI, or a close name with the same
phone or address; same category group; within the window; against cases neither void nor
merged), so a row counted here becomes a proposed pair once imported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Connection, func, select

from dashboard.duplicates.compare import DEFAULT_WINDOW_DAYS, Facts
from dashboard.duplicates.find import MAX_SHARED_CONTACT, UNPAIRABLE, judge
from dashboard.duplicates.keys import (
    address_block_key,
    address_key_sql,
    phone_block_key,
    phone_key_sql,
)
from dashboard.models import Case, Category, Citizen

#: Citizens looked up per statement (well under SQLite's 32,766 variables), and keys fetched
#: at a time.
CHUNK = 5_000


@dataclass(frozen=True)
class Incoming:
    """A request about to be written, as the import read it."""

    dni: str | None
    first_name: str | None
    last_name: str | None
    phone: str | None
    address: str | None
    #: The catalogue code of its category (``categories.code``).
    category: str
    created_at: datetime


def probable_matches(
    connection: Connection, rows: Sequence[Incoming], days: int = DEFAULT_WINDOW_DAYS
) -> list[int]:
    """Positions in ``rows`` of those that probably repeat a case of the base."""
    if not rows:
        return []
    groups = _category_groups(connection)
    known = _Known(list(_existing(connection, rows, days)))
    return [
        position for position, row in enumerate(rows)
        if (facts := _facts(row, groups)) and any(judge(facts, case_, days)
                                                   for case_ in known.near(row))
    ]  # fmt: skip


def _category_groups(connection: Connection) -> dict[str, tuple[int, int]]:
    """Category code → (its id, its group's id)."""
    rows = connection.execute(
        select(Category.code, Category.id, func.coalesce(Category.parent_id, Category.id))
    ).all()
    return {code: (id_, group) for code, id_, group in rows}


def _facts(row: Incoming, groups: dict[str, tuple[int, int]]) -> Facts | None:
    """The row's facts; None when its category is unknown to the base (it matches nothing)."""
    if row.category not in groups:
        return None
    category_id, group_id = groups[row.category]
    return Facts(row.dni, row.first_name, row.last_name, row.phone, row.address, category_id,
                 group_id, row.created_at)  # fmt: skip


class _Known:
    """The base's cases the rows may repeat, indexed by the keys that block them."""

    def __init__(self, cases: list[tuple[str, str | None, str | None, Facts]]) -> None:
        self._by_key: dict[tuple[str, str], list[Facts]] = defaultdict(list)
        people: dict[tuple[str, str], set[str]] = defaultdict(set)
        for dni, phone, address, facts in cases:
            for key in (("dni", dni), ("phone", phone), ("address", address)):
                if key[1]:
                    self._by_key[key].append(facts)
                    people[key].add(dni)
        # As in ``find``: an institution's phone or address blocks nothing.
        for key, dnis in people.items():
            if len(dnis) > MAX_SHARED_CONTACT:
                del self._by_key[key]

    def near(self, row: Incoming) -> Iterator[Facts]:
        keys = (("dni", row.dni), ("phone", phone_block_key(row.phone)),
                ("address", address_block_key(row.address)))  # fmt: skip
        for key in keys:
            if key[1]:
                yield from self._by_key.get(key, ())


def _existing(
    connection: Connection, rows: Sequence[Incoming], days: int
) -> Iterator[tuple[str, str | None, str | None, Facts]]:
    """Cases created around the rows' dates whose citizen shares a DNI, phone or address with
    one of them: (dni, phone key, address key, facts). No index holds the phone and address
    keys, so one pass reads the DNI and keys of the citizens with a case in those dates, and
    only those matching a row are then read in full: a long sheet costs what its dates span,
    not a pass per chunk of rows."""
    window = timedelta(days=days)
    around = Case.created_at.between(min(row.created_at for row in rows) - window,
                                     max(row.created_at for row in rows) + window)  # fmt: skip
    dnis = {row.dni for row in rows if row.dni}
    phones = {key for row in rows if (key := phone_block_key(row.phone))}
    addresses = {key for row in rows if (key := address_block_key(row.address))}
    keys = (
        select(Citizen.id, Citizen.dni, phone_key_sql(Citizen.phone),
               address_key_sql(Citizen.address))
        .join(Case, Case.citizen_id == Citizen.id).where(around).distinct()
        .execution_options(stream_results=True, yield_per=CHUNK)
    )  # fmt: skip
    sharing = [citizen for citizen, dni, phone, address in connection.execute(keys)
               if dni in dnis or phone in phones or address in addresses]  # fmt: skip
    for start in range(0, len(sharing), CHUNK):
        yield from _cases(connection, around, Citizen.id.in_(sharing[start : start + CHUNK]))


def _cases(
    connection: Connection, around: ColumnElement[bool], which: ColumnElement[bool]
) -> Iterator[tuple[str, str | None, str | None, Facts]]:
    query = (
        select(Citizen.dni, Citizen.first_name, Citizen.last_name, Citizen.phone,
               Citizen.address, phone_key_sql(Citizen.phone).label("phone_key"),
               address_key_sql(Citizen.address).label("address_key"), Case.category_id,
               func.coalesce(Category.parent_id, Category.id).label("group_id"),
               Case.created_at)
        .join(Citizen, Citizen.id == Case.citizen_id)
        .join(Category, Category.id == Case.category_id)
        .where(Case.status.not_in(UNPAIRABLE), around, which)
    )  # fmt: skip
    for case_ in connection.execute(query):
        facts = Facts(case_.dni, case_.first_name, case_.last_name, case_.phone, case_.address,
                      case_.category_id, case_.group_id, case_.created_at)  # fmt: skip
        yield case_.dni, case_.phone_key, case_.address_key, facts
