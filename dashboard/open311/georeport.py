"""GeoReport v2 records read from the case database, a chunk at a time.

Services are the categories; requests are the cases created in a span of days. Both are
plain dicts with GeoReport's field names, ready for ``json.dumps``. No query here joins
``citizens``: what a request says comes from its category, its department, its partido, its
status and its dates, so no personal data (Law 25.326) can reach the open data by mistake.
A year of cases is read in keyset pages on ``(created_at, id)``, which the index
``ix_cases_created_at_department`` serves, so memory stays flat however long the span.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Select, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from dashboard.domain import CLOSED_STATUSES, LOCAL_TZ, Status
from dashboard.i18n import translate
from dashboard.models import Case, CaseEvent, Category, Department, Municipality

#: Not published. A ``duplicada`` case was merged into another one, which stands for the
#: request (publishing both would count it twice); an ``anulada`` case was declared void (a
#: sheet's row brought in by mistake and undone, whose row may come back as a new case, or
#: something logged that was no request), so it was never a request to publish.
EXCLUDED_STATUSES: tuple[Status, ...] = (Status.DUPLICADA, Status.ANULADA)

#: Cases read per query: a few megabytes of rows at most, and few round trips for a year.
CHUNK_SIZE = 5_000

_group = aliased(Category)
_child = aliased(Category)


def services(connection: Connection) -> Iterator[dict[str, Any]]:
    """One GeoReport service per category a case can be classified as: every category with
    no categories under it (the second level of the taxonomy; a group with no categories
    stands for itself), by group and name."""
    group_name = func.coalesce(_group.name, Category.name)
    query = (
        select(Category.code, Category.name, group_name.label("group"))
        .outerjoin(_group, Category.parent_id == _group.id)
        .where(~exists().where(_child.parent_id == Category.id))
        .order_by(group_name, Category.name)
    )
    for code, name, group in connection.execute(query):
        yield {
            "service_code": code,
            "service_name": name,
            "description": f"Solicitudes de «{name}» (grupo «{group}») al Ministerio de "
            "Desarrollo de la Comunidad de la Provincia de Buenos Aires.",
            "metadata": False,
            "type": "realtime",
            "keywords": ", ".join(dict.fromkeys(word.lower() for word in (group, name))),
            "group": group,
        }


def requests(
    connection: Connection, first: date, last: date, chunk_size: int = CHUNK_SIZE
) -> Iterator[dict[str, Any]]:
    """One GeoReport request per case created from ``first`` to ``last`` (both days whole),
    oldest first, except the ``EXCLUDED_STATUSES``."""
    start = datetime.combine(first, time.min)
    end = datetime.combine(last + timedelta(days=1), time.min)
    after: tuple[datetime, int] | None = None
    while True:
        rows = connection.execute(_page(start, end, after).limit(chunk_size)).all()
        yield from (_request(row) for row in rows)
        if len(rows) < chunk_size:
            return
        after = (rows[-1].created_at, rows[-1].id)


def _page(start: datetime, end: datetime, after: tuple[datetime, int] | None) -> Select:
    """The cases of ``[start, end)`` after the keyset ``(created_at, id)`` of the last page."""
    updated = select(func.max(CaseEvent.at)).where(CaseEvent.case_id == Case.id).scalar_subquery()
    since = Case.created_at >= start
    if after is not None:
        at, case_id = after
        since = and_(Case.created_at >= at, or_(Case.created_at > at, Case.id > case_id))
    return (
        select(
            Case.id, Case.code, Case.status, Case.created_at, Case.due_at,
            updated.label("updated_at"), Category.code.label("service_code"),
            Category.name.label("service_name"), Department.name.label("agency"),
            Municipality.name.label("partido"),
        )
        .join(Category, Category.id == Case.category_id)
        .join(Department, Department.id == Case.department_id)
        .outerjoin(Municipality, Municipality.id == Case.municipality_id)
        .where(since, Case.created_at < end, Case.status.not_in(EXCLUDED_STATUSES))
        .order_by(Case.created_at, Case.id)
    )  # fmt: skip


def _request(row: Any) -> dict[str, Any]:
    status = Status(row.status)
    return {
        "service_request_id": row.code,
        "status": "closed" if status in CLOSED_STATUSES else "open",
        "status_notes": f"Estado en el ministerio: {translate(f'status.{status}', 'es')}.",
        "service_name": row.service_name,
        "service_code": row.service_code,
        "agency_responsible": row.agency,
        "requested_datetime": iso_local(row.created_at),
        "updated_datetime": iso_local(row.updated_at or row.created_at),
        "expected_datetime": iso_local(row.due_at),
        "address": row.partido,
    }


def iso_local(moment: datetime) -> str:
    """A naive local timestamp of the database as GeoReport wants it: ISO 8601 with the
    province's offset, ``2026-03-02T09:30:00-03:00``."""
    return moment.replace(tzinfo=LOCAL_TZ).isoformat(timespec="seconds")
