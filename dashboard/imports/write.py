"""Writing prepared rows as cases, inside the caller's transaction (``commands.import_sheet``).

Each row becomes a case with its intake event, its assignment when the sheet names the
department handling it, its status change, and its closing when the sheet says it closed;
the hub's normal due date (SLA target of its category at priority "media", in business
hours); and its provenance (``case_sources``). Rows go in bulk: on PostgreSQL a COPY per
table and chunk (the new ids taken from the sequences first), on SQLite an INSERT with
RETURNING, so a sheet of 100,000 rows is a handful of statements per table rather than
100,000 round trips. A chunk's rows are built as tuples and its due dates in one numpy pass,
so at 100,000 rows this side takes a few seconds beside the database's half minute of key
checks and index updates.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    any_,
    bindparam,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY

from dashboard.deadlines import due_dates
from dashboard.domain import DepartmentKind, EventKind, Priority, Status
from dashboard.history_triggers import triggers_deferred
from dashboard.imports.movements import Step, Transition, transitions
from dashboard.imports.prepare import UNCLASSIFIED, CaseRow
from dashboard.imports.progress import Progress, Stage, silent
from dashboard.models import (
    Case,
    CaseEvent,
    CaseSource,
    Category,
    Channel,
    Citizen,
    Department,
    SlaTarget,
)
from dashboard.read_models import refresh_read_models
from dashboard.text import clean_name

#: Rows per statement: large enough to be fast, small enough for SQLite's variable limit.
CHUNK = 2_000
#: Longest sheet name a case's provenance keeps.
SHEET_WIDTH = CaseSource.sheet.type.length
PRIORITY = Priority.MEDIA
#: SLA hours of the "sin clasificar" category, created the first time a row needs it.
UNCLASSIFIED_HOURS = {Priority.URGENTE: 24, Priority.ALTA: 72, Priority.MEDIA: 240,
                      Priority.BAJA: 480}  # fmt: skip
#: The columns each table's rows are built with (the others take their defaults).
CITIZEN_COLUMNS = ("dni", "first_name", "last_name", "phone", "email", "address",
                   "municipality_id")  # fmt: skip
CASE_COLUMNS = ("code", "citizen_id", "channel_id", "intake_department_id", "category_id",
                "priority", "status", "department_id", "municipality_id", "created_at",
                "due_at", "paused_at", "closed_at")  # fmt: skip
EVENT_COLUMNS = ("case_id", "kind", "at", "from_status", "to_status", "from_department_id",
                 "to_department_id", "note", "due_at")  # fmt: skip
SOURCE_COLUMNS = ("case_id", "batch_id", "intake_department_id", "row_number", "sheet",
                  "source_id", "fingerprint", "original", "undone")  # fmt: skip


@dataclass(frozen=True)
class Target:
    """Where the rows go: the batch and the intake area that brought them."""

    batch_id: int
    intake_department_id: int


def already_imported(
    connection: Connection, intake_department_id: int, fingerprints: Iterable[str]
) -> set[str]:
    """Which of ``fingerprints`` an earlier batch of this area (not undone) already wrote."""
    found: set[str] = set()
    for among in _among(connection, CaseSource.fingerprint, list(fingerprints)):
        found.update(
            connection.execute(
                select(CaseSource.fingerprint).where(
                    CaseSource.intake_department_id == intake_department_id,
                    among,
                    CaseSource.undone.is_(False),
                )
            ).scalars()
        )
    return found


def write_cases(connection: Connection, target: Target, rows: Sequence[CaseRow],
                progress: Progress = silent) -> int:  # fmt: skip
    """Write ``rows`` as cases of ``target``, telling ``progress`` chunk by chunk; returns
    how many."""
    ids = _Ids.read(connection, needs_unclassified=any(r.category == UNCLASSIFIED for r in rows))
    citizens = _citizens(connection, rows)
    codes = _codes(connection, rows)
    with triggers_deferred(connection) as rebuild:
        for chunk_start in range(0, len(rows), CHUNK):
            chunk = rows[chunk_start : chunk_start + CHUNK]
            _write_chunk(connection, chunk, ids, target, citizens, codes)
            progress((chunk_start + len(chunk)) / len(rows), Stage.WRITING)
        if rebuild:  # once for the batch, named by its provenance: no list of ids to send
            batch = select(CaseSource.case_id).where(CaseSource.batch_id == target.batch_id)
            refresh_read_models(connection, batch)
    return len(rows)


def _write_chunk(connection: Connection, chunk: Sequence[CaseRow], ids: _Ids, target: Target,
                 citizens: dict[str, int], codes: dict[str, str]) -> None:  # fmt: skip
    histories = [_transitions(row) for row in chunk]
    cases = _cases(chunk, histories, ids, target, citizens, codes)
    case_ids = _insert(connection, Case.__table__, CASE_COLUMNS, cases)
    written = list(zip(case_ids, chunk, histories, strict=True))
    due = [case[CASE_COLUMNS.index("due_at")] for case in cases]
    events = [event for (case_id, row, history), due_at in zip(written, due, strict=True)
              for event in _events(case_id, row, history, ids, target, due_at)]  # fmt: skip
    _append(connection, CaseEvent.__table__, EVENT_COLUMNS, events)
    sources = [_source(case_id, row, target) for case_id, row, _ in written]
    _append(connection, CaseSource.__table__, SOURCE_COLUMNS, sources)


def _insert(connection: Connection, table: Table, columns: Sequence[str],
            rows: list[tuple]) -> list[int]:  # fmt: skip
    """Insert ``rows`` (values of ``columns``) and return their new ids, in order. PostgreSQL
    takes the ids from the table's sequence first and COPYs the rows with them; SQLite
    inserts with RETURNING."""
    if connection.dialect.name != "postgresql":
        return connection.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True),
            [dict(zip(columns, row, strict=True)) for row in rows],
        ).scalars().all()  # fmt: skip
    new_ids = connection.execute(
        text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
        {"table": table.name, "n": len(rows)},
    ).scalars().all()  # fmt: skip
    _append(connection, table, ("id", *columns),
            [(id_, *row) for id_, row in zip(new_ids, rows, strict=True)])  # fmt: skip
    return new_ids


def _append(connection: Connection, table: Table, columns: Sequence[str],
            rows: list[tuple]) -> None:  # fmt: skip
    """Insert ``rows`` (values of ``columns``): PostgreSQL's COPY, which psycopg escapes
    value by value, is several times faster than row-by-row INSERTs for a whole sheet."""
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _among(
    connection: Connection, column: ColumnElement, values: list
) -> Iterator[ColumnElement[bool]]:
    """Conditions that together find ``column`` among ``values``, one statement each:
    PostgreSQL takes them all at once as an array (planned once, whatever its length),
    SQLite ``CHUNK`` at a time, under its limit on variables."""
    if connection.dialect.name == "postgresql":
        yield column == any_(bindparam(None, values, type_=ARRAY(column.type)))
        return
    for chunk in _chunks(values):
        yield column.in_(chunk)


@dataclass(frozen=True)
class _Ids:
    categories: dict[str, int]
    departments: dict[str, int]
    channels: dict[str, int]
    hours: dict[int, int]  # category id → SLA hours at ``PRIORITY``

    @classmethod
    def read(cls, connection: Connection, needs_unclassified: bool) -> _Ids:
        if needs_unclassified:
            _ensure_unclassified(connection)
        return cls(
            categories=dict(connection.execute(select(Category.code, Category.id)).all()),
            departments=dict(
                connection.execute(
                    select(Department.code, Department.id).where(
                        Department.kind == DepartmentKind.INTERNAL
                    )
                ).all()
            ),
            channels=dict(connection.execute(select(Channel.code, Channel.id)).all()),
            hours=dict(
                connection.execute(
                    select(SlaTarget.category_id, SlaTarget.target_hours).where(
                        SlaTarget.priority == PRIORITY
                    )
                ).all()
            ),
        )


def _ensure_unclassified(connection: Connection) -> None:
    """The "sin clasificar" category (in a group of its own), so that a label the catalogue
    does not know never blocks a row; the protocol panel counts the cases left in it."""
    if connection.execute(select(Category.id).where(Category.code == UNCLASSIFIED)).first():
        return
    group_id = connection.execute(
        insert(Category).values(code=f"{UNCLASSIFIED}_grupo", name="Sin clasificar")
        .returning(Category.id)
    ).scalar_one()  # fmt: skip
    category_id = connection.execute(
        insert(Category).values(code=UNCLASSIFIED, name="Sin clasificar", parent_id=group_id)
        .returning(Category.id)
    ).scalar_one()  # fmt: skip
    connection.execute(
        insert(SlaTarget),
        [{"category_id": category_id, "priority": priority, "target_hours": hours}
         for priority, hours in UNCLASSIFIED_HOURS.items()],
    )  # fmt: skip


def _citizens(connection: Connection, rows: Sequence[CaseRow]) -> dict[str, int]:
    """Each row's ``person`` → citizen id: the base's citizen when the DNI is known, else a
    new one from the first row that names them (an import never rewrites a known citizen's
    data); someone named without a DNI becomes a citizen of their own, with no DNI."""
    first_rows = {row.person: row for row in reversed(rows) if row.person}
    known: dict[str, int] = {}
    dnis = [row.dni for row in first_rows.values() if row.dni]
    for among in _among(connection, Citizen.dni, dnis):
        known.update(connection.execute(select(Citizen.dni, Citizen.id).where(among)).all())
    new = [(person, row) for person, row in first_rows.items() if person not in known]
    for chunk in _chunks(new):
        created = _insert(
            connection, Citizen.__table__, CITIZEN_COLUMNS,
            [(row.dni, row.first_name, row.last_name, row.phone, row.email, row.address,
              row.partido_id) for _, row in chunk],
        )  # fmt: skip
        known.update(zip((person for person, _ in chunk), created, strict=True))
    return known


def _codes(connection: Connection, rows: Sequence[CaseRow]) -> dict[str, str]:
    """Row's fingerprint (unique in a file, unlike its row number when several sheets come
    together) → the case's public code, ``MDC-<year>-<number>``, numbered on from the
    year's highest code in the base (the write transaction holds them)."""
    codes: dict[int, str] = {}
    next_number: dict[int, int] = {}
    for row in rows:
        year = row.created_at.year
        if year not in next_number:
            highest = connection.execute(
                select(func.max(Case.code)).where(Case.code.like(f"MDC-{year}-%"))
            ).scalar()
            next_number[year] = int(highest.rsplit("-", 1)[1]) + 1 if highest else 1
        codes[row.fingerprint] = f"MDC-{year}-{next_number[year]:06d}"
        next_number[year] += 1
    return codes


def _cases(chunk: Sequence[CaseRow], histories: list[list[Transition]], ids: _Ids,
           target: Target, citizens: dict[str, int],
           codes: dict[str, str]) -> list[tuple]:  # fmt: skip
    """The chunk's rows as cases (``CASE_COLUMNS``)."""
    category_ids = [ids.categories[row.category] for row in chunk]
    due = _due_dates(chunk, [ids.hours[category_id] for category_id in category_ids])
    return [
        (codes[row.fingerprint], citizens.get(row.person or ""), ids.channels[row.channel],
         target.intake_department_id, category_id, PRIORITY, row.status,
         ids.departments.get(row.department or "", target.intake_department_id),
         row.partido_id, row.created_at, due_at, _waiting_since(row, history), row.closed_at)
        for row, history, category_id, due_at
        in zip(chunk, histories, category_ids, due, strict=True)
    ]  # fmt: skip


def _due_dates(chunk: Sequence[CaseRow], target_hours: list[int]) -> list[datetime]:
    """Each row's due date, its SLA target from its creation with no pause yet: the moments
    ``deadlines.due_at`` gives one by one, from the same business clock in one numpy pass
    (one call per row cost a tenth of the whole import)."""
    created = np.array([row.created_at for row in chunk], dtype="datetime64[s]")
    hours = np.array(target_hours, dtype=float)
    return due_dates(created, hours, np.zeros(len(chunk))).tolist()


def _events(case_id: int, row: CaseRow, history: list[Transition], ids: _Ids,
            target: Target, due_at: datetime) -> list[tuple]:  # fmt: skip
    """The history the sheet tells (``EVENT_COLUMNS``): intake (which sets the due date),
    then its row's and its movement lines' assignments, referrals, status changes and
    closing, in time order."""

    def department_id(code: str | None) -> int:
        return target.intake_department_id if code is None else ids.departments[code]

    created = (case_id, EventKind.CREATED, row.created_at, None, Status.NUEVA, None,
               target.intake_department_id, row.description, due_at)  # fmt: skip
    return [created, *(
        (case_id, move.kind, move.at, move.from_status, move.to_status,
         department_id(move.from_department) if move.to_department else None,
         move.to_department and department_id(move.to_department), move.note, None)
        for move in history
    )]  # fmt: skip


def _transitions(row: CaseRow) -> list[Transition]:
    """The events the row and its movement lines tell (its own row alone when it has none)."""
    steps = row.history or (
        Step(row.created_at, row.department, row.status, row.closed_at, row.row),
    )
    return transitions(steps)


def _waiting_since(row: CaseRow, history: list[Transition]) -> datetime | None:
    """When a case left waiting (``en_espera``) began to wait: its clock stops there."""
    if row.status != Status.EN_ESPERA:
        return None
    return max(move.at for move in history if move.to_status == Status.EN_ESPERA)


def _source(case_id: int, row: CaseRow, target: Target) -> tuple:
    original = json.dumps(row.original, ensure_ascii=False) if row.original else None
    return (case_id, target.batch_id, target.intake_department_id, row.row,
            clean_name(row.sheet, SHEET_WIDTH) or None,
            row.source_id, row.fingerprint, original, False)  # fmt: skip


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
