"""Movement lines: a case's assignments and referrals written as extra rows under it.

Some sheets follow a request from desk to desk: the request on one row, then a row per
movement (a date, the department it went to, its status then), with the request's own id
only on its first row or repeated on every one. Those rows are not requests: they become the
case's events, in date order, and the case ends where its last movement left it, so the
referral pages (which read the stays the events make) show its way.

A case is told as ``Step``s: its own row, then each movement line. ``transitions`` turns the
steps into the history the hub would have written, and the case's current department,
status and closing are those of the last transition, so the two can never disagree. Nothing
here touches the database or knows about Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from dashboard.domain import CLOSED_STATUSES, EventKind, Status
from dashboard.imports import values
from dashboard.imports.fields import Field
from dashboard.imports.readers import Cell

#: Fields that say whose request a row is and what about: a row without any of them (and
#: without an id) is not a request of its own.
CASE_FIELDS = (Field.dni_cuil, Field.full_name, Field.first_name, Field.last_name,
               Field.phone, Field.email, Field.address, Field.partido, Field.category)  # fmt: skip
#: Fields a movement line says something with.
MOVE_FIELDS = (Field.department, Field.status, Field.closed_date)


@dataclass(frozen=True)
class Step:
    """A moment of a case's history as its sheet tells it."""

    at: datetime
    #: The internal department it went to (its code); None: it stayed where it was.
    department: str | None
    #: Its status from then on; None: the line does not say (a bare referral).
    status: Status | None
    closed_at: datetime | None
    row: int
    note: str | None = None


@dataclass(frozen=True)
class Transition:
    """One event of the case: from where to where (None: the intake area), from which status
    to which."""

    kind: EventKind
    at: datetime
    from_department: str | None
    to_department: str | None
    from_status: Status
    to_status: Status
    note: str | None


def movement_owners(
    rows: Sequence[Sequence[Cell]], column_of: Mapping[Field, int]
) -> dict[int, int]:
    """Which rows are movement lines: position of each → position of its case's row.

    Only a sheet with an id column has them. A movement line is a row whose id an earlier
    row already had (and which is not a plain copy of that row: a pasted row stays a repeated
    row), or a row with no id and nothing of a request of its own (no citizen, partido or
    category) that says where the case went or how it stands, right under a case's rows.
    """
    if Field.source_id not in column_of:
        return {}
    owners: dict[int, int] = {}
    first_with: dict[str, int] = {}
    current: int | None = None  # the case whose lines the next id-less rows may be
    for position, cells in enumerate(rows):
        source = _source_id(cells[column_of[Field.source_id]])
        if source is None:
            if current is not None and _bare_movement(cells, column_of):
                owners[position] = current
            else:
                current = None
            continue
        current = first_with.setdefault(source, position)
        if current != position and list(cells) != list(rows[current]):
            owners[position] = current
    return owners


def transitions(steps: Sequence[Step]) -> list[Transition]:
    """The events that take a new case (at its intake area, ``nueva``) through ``steps``:
    a move to a department is an assignment the first time and a referral after; a status
    the line states is a status change; a closing date closes it, and a line after a
    closing reopens it."""
    events: list[Transition] = []
    department: str | None = None
    status = Status.NUEVA

    def event(kind: EventKind, step: Step, at: datetime, to_department: str | None,
              to_status: Status) -> None:  # fmt: skip
        nonlocal department, status
        moved_from = department if to_department else None
        events.append(Transition(kind, at, moved_from, to_department, status, to_status,
                                 step.note))  # fmt: skip
        department, status = to_department or department, to_status

    for step in steps:
        if status in CLOSED_STATUSES:
            event(EventKind.REOPENED, step, step.at, None, Status.EN_CURSO)
        if step.department is not None and step.department != department:
            first = department is None
            event(EventKind.ASSIGNED if first else EventKind.REFERRED, step, step.at,
                  step.department, Status.ASIGNADA if first else Status.DERIVADA)  # fmt: skip
        open_status = step.status if step.status not in CLOSED_STATUSES else None
        if open_status is not None and open_status != status:
            event(EventKind.STATUS_CHANGED, step, step.at, None, open_status)
        if step.closed_at is not None:
            event(EventKind.CLOSED, step, step.closed_at, None, step.status or Status.CERRADA)
    return events


def settled(steps: Sequence[Step]) -> tuple[Status, str | None, datetime | None]:
    """Where ``steps`` leave the case: its status, department (None: the intake area) and
    closing moment (None while open)."""
    history = transitions(steps)
    status = history[-1].to_status if history else Status.NUEVA
    department = next((t.to_department for t in reversed(history) if t.to_department), None)
    closed_at = history[-1].at if status in CLOSED_STATUSES else None
    return status, department, closed_at


def _source_id(cell: Cell) -> str | None:
    try:
        return values.code(cell)
    except values.BadValue:
        return values.text(cell) if not values.is_blank(cell) else None


def _bare_movement(cells: Sequence[Cell], column_of: Mapping[Field, int]) -> bool:
    def blank(field: Field) -> bool:
        return field not in column_of or values.is_blank(cells[column_of[field]])

    return all(blank(field) for field in CASE_FIELDS) and not all(map(blank, MOVE_FIELDS))
