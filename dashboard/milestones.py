"""``case_milestones``: when each case first reached each milestone of the indicators.

The cohort indicators (time to first action and to close, reopen, referral and external
rates) need, for every case created in a period, the first event or stay of a few kinds.
Aggregating a year's events and stays at every read cost seconds at a million cases; this
table holds the answer, one row per case, so a cohort is a range of ``created_at``:

- **first action**: the first ``asignada``, ``derivada`` or ``reasignada`` event;
- **closed**: the first move into a closed status;
- **reopened**: the first reopening (undoing a merge, out of ``duplicada``, is a correction);
- **referred**: the first stay at step 2 or later (``case_stays``): a move between
  departments, the first assignment from the intake area being step 1;
- **external**: the first stay in an external actor (``domain.EXTERNAL_KINDS``);
- **first department**: the stay at step 1 (its department and when it began), which
  "Evidencia" attributes a case to: the department holding it later may itself depend on
  the change under study;
- **revisited**: the first return to a department the case had left (ping-pong);
- the case's **channel, intake area, category and partido**, which never change: a cohort
  by or filtered by one of them reads no ``cases`` row;

and the business clock at creation, first action and closing, so business durations are a
subtraction. Every moment is the first ever: it was reached by a cut-off exactly when it is
before it, so later events never change a past figure.

**Kept fresh by the database itself**, as ``case_stays`` and ``case_states`` are: a trigger
on ``case_events`` rebuilds the case's row in the writer's transaction. The stays are derived
here from the events too (``stays.stays_from_events``), so the row never waits for another
trigger. Bulk loads rebuild it with the other read models (``dashboard.read_models``).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from dashboard.business_calendar import BusinessClock
from dashboard.domain import CLOSED_STATUSES, EXTERNAL_KINDS, EventKind, Status
from dashboard.history_triggers import CaseIds, ReadModel
from dashboard.models import SPAN_CASE_ATTRIBUTES, Case, CaseEvent, CaseMilestones, Department
from dashboard.stays import stays_from_events

#: Events that are a first action by staff: an assignment, a referral, a reassignment.
FIRST_ACTION_KINDS = (EventKind.ASSIGNED, EventKind.REFERRED, EventKind.REASSIGNED)
COLUMNS = ("case_id", "created_at", "created_clock", "first_action_at", "first_action_clock",
           "closed_at", "closed_clock", "reopened_at", "referred_at", "external_at",
           "first_department_id", "first_department_at", "revisited_at",
           *SPAN_CASE_ATTRIBUTES)  # fmt: skip


def is_closing(event=CaseEvent) -> ColumnElement[bool]:
    """An event into a closed status."""
    return event.to_status.in_(CLOSED_STATUSES)


def is_reopening(event=CaseEvent) -> ColumnElement[bool]:
    """A closed case taken up again; undoing a merge (out of ``duplicada``) is a correction."""
    return and_(
        event.kind == EventKind.REOPENED,
        or_(event.from_status.is_(None), event.from_status != Status.DUPLICADA),
    )


def milestones_from_events(case_ids: CaseIds = None) -> Select:
    """The milestones of ``case_ids`` (every case when ``None``), as ``case_milestones`` rows."""
    e = CaseEvent
    events = select(
        e.case_id,
        func.min(e.at).filter(e.kind.in_(FIRST_ACTION_KINDS)).label("first_action_at"),
        func.min(e.at).filter(is_closing()).label("closed_at"),
        func.min(e.at).filter(is_reopening()).label("reopened_at"),
    ).group_by(e.case_id)
    if case_ids is not None:
        events = events.where(e.case_id.in_(case_ids))
    events = events.subquery("milestone_events")
    stays = stays_from_events(case_ids).subquery("milestone_stays")
    outside = select(Department.id).where(Department.kind.in_(EXTERNAL_KINDS))
    moves = (
        select(
            stays.c.case_id,
            func.min(stays.c.entered_at).filter(stays.c.step >= 2).label("referred_at"),
            func.min(stays.c.entered_at).filter(stays.c.department_id.in_(outside))
            .label("external_at"),
            func.min(stays.c.department_id).filter(stays.c.step == 1)
            .label("first_department_id"),
            func.min(stays.c.entered_at).filter(stays.c.step == 1).label("first_department_at"),
            func.min(stays.c.entered_at).filter(stays.c.revisit).label("revisited_at"),
        )
        .group_by(stays.c.case_id)
        .subquery("milestone_moves")
    )  # fmt: skip
    created = BusinessClock(Case.created_at, "created_day")
    acted = BusinessClock(events.c.first_action_at, "action_day")
    closed = BusinessClock(events.c.closed_at, "closed_day")
    query = (
        select(
            Case.id, Case.created_at, created.hours, events.c.first_action_at, acted.hours,
            events.c.closed_at, closed.hours, events.c.reopened_at, moves.c.referred_at,
            moves.c.external_at, moves.c.first_department_id, moves.c.first_department_at,
            moves.c.revisited_at, *(getattr(Case, name) for name in SPAN_CASE_ATTRIBUTES),
        )
        .select_from(Case)
        .outerjoin(events, events.c.case_id == Case.id)
        .outerjoin(moves, moves.c.case_id == Case.id)
    )  # fmt: skip
    for clock in (created, acted, closed):
        query = query.outerjoin(clock.calendar, clock.joins_on)
    if case_ids is not None:
        query = query.where(Case.id.in_(case_ids))
    return query


#: Rebuilt for a case when any event of it is inserted.
READ_MODEL = ReadModel("case_milestones_refresh", CaseMilestones, COLUMNS, milestones_from_events)
