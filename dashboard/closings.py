"""``case_closings``: every closing of every case, and whether it came within the due date.

Outflow and SLA compliance count the closings of a period: a move from an open status to a
closed one (``resuelta`` then ``cerrada`` is one closing), on time when the due date valid
just before it had not passed on a running clock (``states.past_due_then``); a case created
closed counts as on time. Finding each closing's previous span at every read cost a second
for a year at a million cases; this table holds one row per closing, so a period's outflow
is a range of ``at``.

The closings are read off the same state spans as ``case_states`` (``states_from_events``),
so both always agree. **Kept fresh by the database itself**: a trigger on ``case_events``
rebuilds a case's closings in the writer's transaction, deriving the spans itself (no
trigger waits for another); bulk loads rebuild it with the other read models
(``dashboard.read_models``).
"""

from __future__ import annotations

from sqlalchemy import Select, func, not_, or_, select

from dashboard.domain import CLOSED_STATUSES, OPEN_STATUSES
from dashboard.history_triggers import CaseIds, ReadModel
from dashboard.models import CaseClosing
from dashboard.states import past_due_then, states_from_events

COLUMNS = ("case_id", "at", "on_time")


def closings_from_events(case_ids: CaseIds = None) -> Select:
    """The closings of ``case_ids`` (every case when ``None``), as ``case_closings`` rows."""
    spans = states_from_events(case_ids).subquery("spans")
    by_case = {"partition_by": spans.c.case_id, "order_by": spans.c.started_at}
    placed = select(
        spans.c.case_id, spans.c.started_at, spans.c.status,
        *(func.lag(spans.c[name], type_=spans.c[name].type).over(**by_case)
          .label(f"before_{name}")
          for name in ("status", "due_at", "paused_at")),
    ).subquery("placed")  # fmt: skip
    p = placed.c
    late = past_due_then(p.before_due_at, p.before_paused_at, p.started_at)
    return select(
        p.case_id, p.started_at, not_(func.coalesce(late, False)).label("on_time")
    ).where(
        p.status.in_(CLOSED_STATUSES),
        or_(p.before_status.is_(None), p.before_status.in_(OPEN_STATUSES)),
    )  # fmt: skip


#: Rebuilt for a case when any event of it is inserted.
READ_MODEL = ReadModel("case_closings_refresh", CaseClosing, COLUMNS, closings_from_events)
