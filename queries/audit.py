"""The audit log, newest first, one page at a time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Connection, func, select

from dashboard.models import AuditEntry
from queries._frames import to_frame

PAGE_SIZE = 100


def audit_entries(
    connection: Connection,
    date_from: date,
    date_to: date,
    username: str | None = None,
    action: str | None = None,
    page: int = 0,
) -> pd.DataFrame:
    """Entries between two dates (inclusive), optionally of one user or one action."""
    conditions = [
        AuditEntry.at >= datetime.combine(date_from, time.min),
        AuditEntry.at < datetime.combine(date_to + timedelta(days=1), time.min),
    ]
    if username:
        conditions.append(AuditEntry.username == username)
    if action:
        conditions.append(AuditEntry.action == action)
    query = (
        select(
            AuditEntry.at, AuditEntry.username, AuditEntry.role, AuditEntry.action,
            AuditEntry.target, AuditEntry.reason, AuditEntry.details,
            func.count().over().label("total"),
        )
        .where(*conditions)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(PAGE_SIZE)
        .offset(page * PAGE_SIZE)
    )  # fmt: skip
    return to_frame(connection, query)
