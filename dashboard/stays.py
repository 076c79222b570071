"""``case_stays``: each case's stays in departments and external actors, from its history.

A stay starts at every event that hands the case to a department or an actor other than the
one holding it: its creation at the intake area, an assignment, a referral, a reassignment.
A move into the department that already holds the case (a reassignment to another person
there) starts no stay. Stays are numbered by step from 0 (the intake area); each records
when the next one began and where, and whether it returns to a department the case had
already left (ping-pong).

The referral flows read this table because deriving stays needs window functions over every
event of the period's cases, several hundred milliseconds per read at a million cases.

**Kept fresh by the database itself.** A trigger on ``case_events`` rebuilds a case's stays
whenever an event that moves it (one with a ``to_department_id``) is inserted, in the same
transaction, whoever writes it: this dashboard's reassignments, or the hub's own intake and
referrals. So the table is never stale. Only bulk loads (the demo seed) switch the trigger
off and rebuild every case at the end; migration 0006 fills it for an existing database.
The table and its trigger are described by ``READ_MODEL`` (``dashboard.history_triggers``), as
the other read models are.
"""

from __future__ import annotations

from sqlalchemy import Select, func, or_, select

from dashboard.history_triggers import CaseIds, ReadModel
from dashboard.models import CaseEvent, CaseStay


def stays_from_events(case_ids: CaseIds = None) -> Select:
    """The stays of ``case_ids`` computed from ``case_events``, as ``case_stays`` rows."""
    moving = [CaseEvent.to_department_id.is_not(None)]
    if case_ids is not None:
        moving.append(CaseEvent.case_id.in_(case_ids))
    order = {"partition_by": CaseEvent.case_id, "order_by": (CaseEvent.at, CaseEvent.id)}
    moves = (
        select(
            CaseEvent.case_id, CaseEvent.id, CaseEvent.at,
            CaseEvent.to_department_id.label("department_id"),
            func.lag(CaseEvent.to_department_id).over(**order).label("previous_id"),
        )
        .where(*moving)
        .subquery("moves")
    )  # fmt: skip
    window = {"partition_by": moves.c.case_id, "order_by": (moves.c.at, moves.c.id)}
    stays = (
        select(
            moves.c.case_id,
            (func.row_number().over(**window) - 1).label("step"),
            moves.c.department_id,
            moves.c.at.label("entered_at"),
            func.lead(moves.c.at).over(**window).label("left_at"),
            func.lead(moves.c.department_id).over(**window).label("next_department_id"),
        )
        .where(or_(moves.c.previous_id.is_(None), moves.c.previous_id != moves.c.department_id))
        .subquery("stays")
    )
    # Consecutive stays are never in the same department, so a second stay in one is a return.
    seen_before = func.row_number().over(
        partition_by=(stays.c.case_id, stays.c.department_id), order_by=stays.c.step
    )
    return select(
        stays.c.case_id, stays.c.step, stays.c.department_id, stays.c.entered_at,
        stays.c.left_at, stays.c.next_department_id, (seen_before > 1).label("revisit"),
    )  # fmt: skip


COLUMNS = ("case_id", "step", "department_id", "entered_at", "left_at", "next_department_id",
           "revisit")  # fmt: skip
#: Rebuilt for a case when an event moves it (see the module).
READ_MODEL = ReadModel(
    "case_stays_refresh", CaseStay, COLUMNS, stays_from_events,
    when="NEW.to_department_id IS NOT NULL",
)  # fmt: skip
