"""Process changes (issue 15) as pages, charts and the evidence read them.

A change's ``touches`` is JSON text of ids (``dashboard.evidence.changes``); the names behind
those ids come from the small reference tables, read whole once per call (tens of rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Connection, Select, func, select

from dashboard.evidence.changes import TOUCH_KINDS, Touches, parse_touches
from dashboard.models import Category, Channel, Department, ProcessChange, User
from queries._frames import to_frame


@dataclass(frozen=True)
class ChangeRecord:
    """One process change as stored; ``version`` is what an edit of it must name."""

    id: int
    name: str
    description: str
    effective_on: date
    touches: Touches
    version: int
    registered_by: str
    registered_at: datetime
    updated_by: str
    updated_at: datetime


def process_changes(connection: Connection) -> pd.DataFrame:
    """Every change, earliest first: ``id, name, description, effective_on, registered_by,
    registered_at, updated_by, updated_at, version`` (people by their display name), then
    per kind of touch its ids (``department_ids``…, tuples) and names (``department_names``…,
    tuples in the ids' order)."""
    registrar, editor = (
        select(User.display_name).where(User.username == column).scalar_subquery()
        for column in (ProcessChange.registered_by, ProcessChange.updated_by)
    )
    query = select(
        ProcessChange.id, ProcessChange.name, ProcessChange.description,
        ProcessChange.effective_on, ProcessChange.touches,
        func.coalesce(registrar, ProcessChange.registered_by).label("registered_by"),
        ProcessChange.registered_at,
        func.coalesce(editor, ProcessChange.updated_by).label("updated_by"),
        ProcessChange.updated_at, ProcessChange.version,
    ).order_by(ProcessChange.effective_on, ProcessChange.id)  # fmt: skip
    frame = to_frame(connection, query)
    touches = [parse_touches(text) for text in frame.pop("touches")]
    names = _touch_names(connection)
    for kind in TOUCH_KINDS:
        frame[f"{kind}_ids"] = [touched[kind] for touched in touches]
        frame[f"{kind}_names"] = [
            tuple(names[kind].get(i, str(i)) for i in touched[kind]) for touched in touches
        ]
    return frame


def changes_between(connection: Connection, start: date, end: date) -> pd.DataFrame:
    """The changes that took effect from ``start`` to ``end`` (both included), earliest
    first: ``name, effective_on``; what a time chart marks."""
    query = (
        select(ProcessChange.name, ProcessChange.effective_on)
        .where(ProcessChange.effective_on.between(start, end))
        .order_by(ProcessChange.effective_on, ProcessChange.id)
    )
    return to_frame(connection, query)


def process_change(connection: Connection, key: int | str) -> ChangeRecord | None:
    """The change with id ``key`` (an int) or named ``key`` (text, any case: names are unique
    regardless of case); text of digits naming no change is tried as an id, as a command line
    passes it."""
    changes = select(ProcessChange.__table__)
    if isinstance(key, str):
        key = key.strip()
        named = _record(
            connection, changes.where(func.lower(ProcessChange.name) == func.lower(key))
        )
        if named is not None or not key.isdigit():
            return named
        key = int(key)
    return _record(connection, changes.where(ProcessChange.id == key))


def _record(connection: Connection, query: Select) -> ChangeRecord | None:
    row = connection.execute(query).first()
    if row is None:
        return None
    return ChangeRecord(
        id=row.id, name=row.name, description=row.description, effective_on=row.effective_on,
        touches=parse_touches(row.touches), version=row.version,
        registered_by=row.registered_by, registered_at=row.registered_at,
        updated_by=row.updated_by, updated_at=row.updated_at,
    )  # fmt: skip


def _touch_names(connection: Connection) -> dict[str, dict[int, str]]:
    """id → name for every kind of touch (the kinds share no table but the departments')."""
    departments = dict(connection.execute(select(Department.id, Department.name)).all())
    return {
        "department": departments,
        "intake_area": departments,
        "channel": dict(connection.execute(select(Channel.id, Channel.name)).all()),
        "category_group": dict(
            connection.execute(
                select(Category.id, Category.name).where(Category.parent_id.is_(None))
            ).all()
        ),
    }
