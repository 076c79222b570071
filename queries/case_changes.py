"""What last happened to a case: the one definition the queue's warning and the reassignment
command share, so a supervisor reads the same story before she confirms and after.

A supervisor's form remembers each ticked case's ``version``; when the version moved on,
someone or something else changed the case, and these reads say who, when, what, and where
the case is now, even when it has left her departments meanwhile. They say so only for cases
that were ever hers (``ever_in_scope``): otherwise a made-up code and version would tell her
where any case of the province went.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Select, exists, func, or_, select, true
from sqlalchemy.orm import aliased

from dashboard.models import Case, CaseEvent, Department, Staff, User
from queries._frames import to_frame

#: The columns of ``changed_cases``, in order.
CHANGED_COLUMNS = [
    "code", "seen_version", "version", "status", "department", "event", "at", "by",
    "to_department",
]  # fmt: skip


def latest_change(codes: Sequence[str]) -> Select:
    """Each case of ``codes`` as it is now, with its latest event (by ``at``, ties by id).

    Columns: ``code``, ``version``, ``status``, ``department`` (the current one's name), and of
    the latest event ``event`` (its kind), ``at``, ``by`` (the acting user's display name, else
    the acting staff member's name, else NULL: the hub's own automation) and ``to_department``
    (the name of the department it handed the case to, or NULL). The latest event is found by a
    correlated subquery per case, one probe of ``ix_case_events_case_id_at`` each, so the cost
    follows the number of codes, not the size of the history.
    """
    later = aliased(CaseEvent)
    latest_event_id = (
        select(later.id)
        .where(later.case_id == Case.id)
        .order_by(later.at.desc(), later.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    current, receiver = aliased(Department), aliased(Department)
    return (
        select(
            Case.code, Case.version, Case.status, current.name.label("department"),
            CaseEvent.kind.label("event"), CaseEvent.at,
            func.coalesce(User.display_name, Staff.name).label("by"),
            receiver.name.label("to_department"),
        )
        .join(current, current.id == Case.department_id)
        .outerjoin(CaseEvent, CaseEvent.id == latest_event_id)
        .outerjoin(User, User.id == CaseEvent.actor_user_id)
        .outerjoin(Staff, Staff.id == CaseEvent.actor_staff_id)
        .outerjoin(receiver, receiver.id == CaseEvent.to_department_id)
        .where(Case.code.in_(codes))
    )  # fmt: skip


def ever_in_scope(scope: tuple[int, ...] | None) -> ColumnElement[bool]:
    """The case (``cases`` of the enclosing query) is in ``scope`` now, or one of its events
    moved it from or to a department of ``scope``: its news are the reader's to know.

    Always true for a province-wide reader (``scope`` None).
    """
    if scope is None:
        return true()
    history = aliased(CaseEvent)
    passed_through = exists().where(
        history.case_id == Case.id,
        or_(history.from_department_id.in_(scope), history.to_department_id.in_(scope)),
    )
    return or_(Case.department_id.in_(scope), passed_through)


def changed_cases(
    connection: Connection, seen: tuple[tuple[str, int], ...], scope: tuple[int, ...] | None
) -> pd.DataFrame:
    """The cases of ``seen`` (code, version the reader saw) whose version moved on since.

    One row per such case with the columns of ``latest_change`` plus ``seen_version``, in the
    order of ``seen``; cases unchanged since are left out. A code that does not exist, or a
    case that was never in ``scope`` (see ``ever_in_scope``; changed or not, so that not even
    that is told), comes back with only ``code`` and ``seen_version``, every other column
    empty: the reader learns it cannot be moved, not where it went. One round trip whatever
    the number of cases. A page warning before the form is sent should read it fresh, not
    through ``run_query``'s two-minute cache, which would hide a change for that long.
    """
    frame = pd.DataFrame(list(seen), columns=["code", "seen_version"])
    now = to_frame(connection, latest_change(list(frame["code"])).where(ever_in_scope(scope)))
    frame = frame.merge(now, on="code", how="left")
    changed = frame[frame["version"].ne(frame["seen_version"])]  # a missing case differs too
    return changed.astype({"version": "Int64"})[CHANGED_COLUMNS].reset_index(drop=True)
