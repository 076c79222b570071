"""The indicator definitions as SQL conditions, written once and reused by every query.

The text shown beside each figure (``dashboard/i18n.py``, keys ``metric.*.def``) and
``docs/indicators.md`` describe exactly these conditions.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_

from dashboard.models import Case


def created_between(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Inflow: created in ``[start, end)``."""
    return and_(Case.created_at >= start, Case.created_at < end)


def open_at(moment: datetime) -> ColumnElement[bool]:
    """Backlog: created before ``moment`` and not closed by then."""
    return and_(
        Case.created_at < moment,
        or_(Case.closed_at.is_(None), Case.closed_at >= moment),
    )


def past_due(moment: datetime) -> ColumnElement[bool]:
    """The due date had passed by ``moment``, on a running clock.

    While a case waits (``paused_at`` set) its clock is stopped and the due date will move on
    by the wait, so a waiting case is past due only if it already was when the wait began.
    """
    return and_(
        Case.due_at < moment,
        or_(Case.paused_at.is_(None), Case.due_at < Case.paused_at),
    )


def overdue_at(moment: datetime) -> ColumnElement[bool]:
    """Overdue: open at ``moment`` and past due."""
    return and_(open_at(moment), past_due(moment))
