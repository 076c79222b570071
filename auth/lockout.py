"""Failed logins counted in the database, so a new browser session does not reset them.

A username is locked for ``LOCK_MINUTES`` after ``MAX_FAILURES`` failed attempts within
``WINDOW_MINUTES``. While locked, even the right password fails, with the same generic
message as a wrong one, so the form does not tell which usernames exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, func, insert, select

from dashboard.models import LoginAttempt

MAX_FAILURES = 5
WINDOW_MINUTES = 15
LOCK_MINUTES = 15


def record_attempt(connection: Connection, username: str, succeeded: bool, at: datetime) -> None:
    connection.execute(insert(LoginAttempt).values(username=username, succeeded=succeeded, at=at))


def locked_until(connection: Connection, username: str, now: datetime) -> datetime | None:
    """When the lock on ``username`` ends, or ``None`` if it may try now."""
    since = now - timedelta(minutes=WINDOW_MINUTES + LOCK_MINUTES)
    attempts = connection.execute(
        select(LoginAttempt.at, LoginAttempt.succeeded)
        .where(LoginAttempt.username == username, LoginAttempt.at >= since)
        .order_by(LoginAttempt.at)
    ).all()
    failures: list[datetime] = []
    for at, succeeded in attempts:
        failures = [] if succeeded else [*failures, at]
        recent = failures[-MAX_FAILURES:]
        window = timedelta(minutes=WINDOW_MINUTES)
        if len(recent) == MAX_FAILURES and recent[-1] - recent[0] <= window:
            end = recent[-1] + timedelta(minutes=LOCK_MINUTES)
            if end > now:
                return end
    return None


def locked_usernames(connection: Connection, now: datetime) -> set[str]:
    """Every username locked at ``now``: those with enough recent failures, then checked."""
    since = now - timedelta(minutes=WINDOW_MINUTES + LOCK_MINUTES)
    candidates = connection.execute(
        select(LoginAttempt.username)
        .where(LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False))
        .group_by(LoginAttempt.username)
        .having(func.count() >= MAX_FAILURES)
    ).scalars()
    return {name for name in candidates if locked_until(connection, name, now)}
