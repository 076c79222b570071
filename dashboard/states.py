"""``case_states``: each case's state over time, span by span, from its history.

A figure for a past cut-off must not change when the case changes later: a case reopened in
December was closed at the end of November, and a case moved in December was in its old
department then. So every figure "as of" a moment reads the span of each case's state that
held at that moment, never today's row in ``cases``.

The state after each event of a case, taking its events in order (``at``, then ``id``):

- **status**: the latest ``to_status`` so far;
- **department**: the latest ``to_department_id`` so far;
- **assignee**: the ``assignee_id`` of the latest event that named a person or moved the
  case; a move that names nobody leaves it unassigned; other events keep it;
- **due date**: the latest ``due_at`` an event set (creation, the end of a wait); when the
  history holds none (events written before migration 0015), the case's own ``due_at``
  (and such a history's current span takes the case's own assignee);
- **wait**: while the status is ``en_espera``, the moment of the event that began the wait
  (the latest move into ``en_espera`` from another status).

A span begins at every event after which that state differs from the one before, and ends
when the next span begins. Each span also says whether it **enters** its department's
backlog (it is open, and the span before was not open in the same department: a new case,
a referral in, a reopening) and whether it **leaves** it when it ends (the span after is not
open in the same department: a closing, a referral out), so the weekly backlog flows count
spans without looking at their neighbours. Several events at the same instant make one
change (the state after the last of them). ``docs/indicators.md`` states the rules a reader needs.

**Kept fresh by the database itself**, as ``case_stays`` is: a trigger on ``case_events``
rebuilds a case's spans whenever one of its events is inserted, in the same transaction. Bulk
loads (the demo seed) switch it off and rebuild every case at the end; migration 0015 fills
the table for an existing database.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, case, false, func, not_, or_, select

from dashboard.domain import OPEN_STATUSES, Status
from dashboard.history_triggers import CaseIds, ReadModel
from dashboard.models import SPAN_CASE_ATTRIBUTES, Case, CaseEvent, CaseState

COLUMNS = ("case_id", "seq", "created_at", "started_at", "ended_at", "status", "department_id",
           "assignee_id", "due_at", "paused_at", "enters", "leaves",
           *SPAN_CASE_ATTRIBUTES)  # fmt: skip
#: The attributes that make up a state: a span begins when any of them changes.
STATE = ["status", "department_id", "assignee_id", "due_at", "paused_at"]


def past_due_then(due_at: ColumnElement, paused_at: ColumnElement, moment) -> ColumnElement[bool]:
    """A span with this due date and wait was past due at ``moment``, on a running clock.

    While a case waits (``paused_at`` set) its clock is stopped and the due date will move on
    by the wait, so a waiting case is past due only if it already was when the wait began.
    """
    return and_(due_at < moment, or_(paused_at.is_(None), due_at < paused_at))


def states_from_events(case_ids: CaseIds = None) -> Select:
    """The spans of ``case_ids`` (every case when ``None``) computed from ``case_events``."""
    after = _state_after_each_event(case_ids)
    by_case = {"partition_by": after.c.case_id, "order_by": after.c.at}
    previous = [func.lag(after.c[name]).over(**by_case).label(f"previous_{name}")
                for name in STATE]  # fmt: skip
    compared = select(
        after, func.row_number().over(**by_case).label("position"), *previous
    ).subquery("compared")
    c = compared.c
    changed = or_(c.position == 1, *(c[name].is_distinct_from(c[f"previous_{name}"])
                                     for name in STATE))  # fmt: skip
    changes = select(c.case_id, c.at, *(c[name] for name in STATE)).where(changed).subquery()
    spans = {"partition_by": changes.c.case_id, "order_by": changes.c.at}
    ended_at = func.lead(changes.c.at).over(**spans)
    held_here = {
        side: and_(
            window(changes.c.status).over(**spans).in_([str(s) for s in OPEN_STATUSES]),
            window(changes.c.department_id).over(**spans) == changes.c.department_id,
        )
        for side, window in (("before", func.lag), ("after", func.lead))
    }
    is_open = changes.c.status.in_(OPEN_STATUSES)
    return (
        select(
            changes.c.case_id,
            (func.row_number().over(**spans) - 1).label("seq"),
            Case.created_at,
            changes.c.at.label("started_at"),
            ended_at.label("ended_at"),
            changes.c.status,
            changes.c.department_id,
            # A history written before migration 0015 names nobody: its current span takes
            # the case's own assignee, which every writer keeps.
            func.coalesce(changes.c.assignee_id, case((ended_at.is_(None), Case.assignee_id)))
            .label("assignee_id"),
            func.coalesce(changes.c.due_at, Case.due_at).label("due_at"),
            changes.c.paused_at,
            and_(is_open, not_(func.coalesce(held_here["before"], false()))).label("enters"),
            and_(is_open, ended_at.is_not(None),
                 not_(func.coalesce(held_here["after"], false()))).label("leaves"),
            *(getattr(Case, name) for name in SPAN_CASE_ATTRIBUTES),
        )
        .join(Case, Case.id == changes.c.case_id)
    )  # fmt: skip


def _state_after_each_event(case_ids: CaseIds) -> Select:
    """The state after each event of the cases, keeping only the last event of each instant.

    "The latest value so far" is spelt portably: a running count of the events that set the
    attribute numbers the groups of events that share the same latest value, and the one
    value set in each group is its maximum.
    """
    e = CaseEvent
    begins_wait = and_(
        e.to_status == Status.EN_ESPERA,
        # Not IS DISTINCT FROM: SQLite's trigger cannot take the value as a parameter.
        or_(e.from_status.is_(None), e.from_status != Status.EN_ESPERA),
    )
    sets = {
        "status": (e.to_status, e.to_status.is_not(None)),
        "department_id": (e.to_department_id, e.to_department_id.is_not(None)),
        "assignee_id": (e.assignee_id, or_(e.assignee_id.is_not(None),
                                           e.to_department_id.is_not(None))),
        "due_at": (e.due_at, e.due_at.is_not(None)),
        "wait_at": (case((begins_wait, e.at)), begins_wait),
    }  # fmt: skip
    in_order = {"partition_by": e.case_id, "order_by": (e.at, e.id)}
    marked = select(
        e.case_id,
        e.at,
        func.lead(e.at).over(**in_order).label("next_at"),
        *(value.label(name) for name, (value, _) in sets.items()),
        *(func.count(case((setting, 1))).over(**in_order).label(f"{name}_group")
          for name, (_, setting) in sets.items()),
    )  # fmt: skip
    if case_ids is not None:
        marked = marked.where(e.case_id.in_(case_ids))
    marked = marked.subquery("marked")
    m = marked.c
    carried = {
        name: func.max(m[name]).over(partition_by=(m.case_id, m[f"{name}_group"])) for name in sets
    }
    after = select(
        m.case_id,
        m.at,
        m.next_at,
        carried["status"].label("status"),
        carried["department_id"].label("department_id"),
        carried["assignee_id"].label("assignee_id"),
        carried["due_at"].label("due_at"),
        case((carried["status"] == Status.EN_ESPERA, carried["wait_at"])).label("paused_at"),
    ).subquery("after")
    return (
        select(after.c.case_id, after.c.at, *(after.c[name] for name in STATE))
        .where(or_(after.c.next_at.is_(None), after.c.next_at != after.c.at))
        .subquery("state_after")
    )


#: Rebuilt for a case when any event of it is inserted.
READ_MODEL = ReadModel("case_states_refresh", CaseState, COLUMNS, states_from_events)
