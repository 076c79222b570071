"""The indicator definitions as SQL conditions, written once and reused by every query.

The text shown beside each figure (``dashboard/i18n.py``, keys ``metric.*.def``) and
``docs/indicators.md`` describe exactly these conditions.

Everything "at a cut-off" (open, overdue, the department or person holding a case) reads the
span of the case's state that held then (``case_states``, see ``dashboard.states``), never
today's row in ``cases``: a figure for a past moment is the same whenever it is asked.
Creation never changes, so inflow and cohorts read ``cases.created_at``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, inspect, or_, select, text
from sqlalchemy.sql.util import ClauseAdapter

from dashboard.domain import CLOSED_STATUSES, OPEN_STATUSES, Status
from dashboard.models import OPEN_SPAN, Case, CaseEvent, CaseState
from dashboard.states import past_due_then


def created_between(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Inflow: created in ``[start, end)``."""
    return and_(Case.created_at >= start, Case.created_at < end)


def closing_events_between(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Events that closed a case (into ``domain.CLOSED_STATUSES``) in ``[start, end)``."""
    return and_(CaseEvent.to_status.in_(CLOSED_STATUSES), CaseEvent.at >= start, CaseEvent.at < end)


def state_at(moment: datetime | ColumnElement, span=None) -> ColumnElement[bool]:
    """The span of each case's state that held at ``moment``: begun before it, and not ended
    before it (a span ending exactly at ``moment`` still holds, as a case closed at the
    cut-off still counts as open then). A case created after ``moment`` has none.

    ``span`` names an alias of ``case_states`` to say it of (a statement that reads two
    spans of the same case); ``moment`` may be a column, a cut-off per row."""
    condition = and_(
        CaseState.started_at < moment,
        or_(CaseState.ended_at.is_(None), CaseState.ended_at >= moment),
    )
    return (
        condition if span is None else ClauseAdapter(inspect(span).selectable).traverse(condition)
    )


def is_open(status: ColumnElement[str]) -> ColumnElement[bool]:
    """An open status (``domain.OPEN_STATUSES``), for a span read under another name."""
    return status.in_(OPEN_STATUSES)


def open_at(moment: datetime) -> ColumnElement[bool]:
    """Backlog: the case's state at ``moment`` is an open one (created before, not closed by
    then, or reopened since). Spelt as the partial index on open spans is, so it is used."""
    return and_(text(f"case_states.{OPEN_SPAN}"), state_at(moment))


def past_due(moment: datetime) -> ColumnElement[bool]:
    """The due date valid in the span had passed by ``moment``, on a running clock (a waiting
    case only if it already was when the wait began: ``states.past_due_then``)."""
    return past_due_then(CaseState.due_at, CaseState.paused_at, moment)


def overdue_span() -> tuple[ColumnElement[bool], ...]:
    """A span that was overdue at some moment it held: open, its due date passed before it
    ended, and not while its clock was stopped (``past_due`` at some moment of the span).
    Spelt as the partial index on such spans is (``models.OVERDUE_SPAN``), so it is used."""
    return (
        text(f"case_states.{OPEN_SPAN}"),
        or_(CaseState.ended_at.is_(None), CaseState.due_at < CaseState.ended_at),
        or_(CaseState.paused_at.is_(None), CaseState.due_at < CaseState.paused_at),
    )


def overdue_at(moment: datetime) -> ColumnElement[bool]:
    """Overdue: open at ``moment`` and past due."""
    return and_(open_at(moment), past_due(moment))


def duplicate_at(moment: datetime | ColumnElement, span=None) -> ColumnElement[bool]:
    """The span (of ``case_states``, or its alias ``span``) is the case's span holding at
    ``moment`` and it is in ``duplicada``: the case was then a duplicate of another, merged
    before ``moment`` and not undone by then. A merge or an undoing after it changes
    nothing, so a past cut-off keeps its answer. The few such spans are read from their own
    partial index."""
    status = (CaseState if span is None else span).status
    return and_(status == Status.DUPLICADA, state_at(moment, span))


def merged_at(cut_off: datetime) -> Select:
    """Ids of the cases that were duplicates of another case at ``cut_off`` (``duplicate_at``)."""
    return select(CaseState.case_id).where(duplicate_at(cut_off))
