"""Dashboard users as the login needs them, read from the ``users`` table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from auth.roles import Actor
from dashboard.domain import Role
from dashboard.models import User, user_departments


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    display_name: str
    email: str | None
    password_hash: str
    role: Role
    active: bool
    sessions_valid_after: datetime | None
    department_ids: tuple[int, ...]

    @property
    def actor(self) -> Actor:
        return Actor(self.username, self.role, self.department_ids)


def load_account(connection: Connection, username: str) -> Account | None:
    user = connection.execute(select(User.__table__).where(User.username == username)).one_or_none()
    if user is None:
        return None
    departments = connection.execute(
        select(user_departments.c.department_id)
        .where(user_departments.c.user_id == user.id)
        .order_by(user_departments.c.department_id)
    ).scalars()
    return Account(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        email=user.email,
        password_hash=user.password_hash,
        role=Role(user.role),
        active=user.active,
        sessions_valid_after=user.sessions_valid_after,
        department_ids=tuple(departments),
    )


def login_credentials(connection: Connection, locked: set[str]) -> dict:
    """The credentials dict streamlit-authenticator expects: active, unlocked users only.

    A disabled or locked user is simply absent, so neither the form nor an old cookie can
    log them in. Built fresh on every run from the database: the library never writes a file.
    """
    users = connection.execute(
        select(User.username, User.display_name, User.email, User.password_hash, User.role).where(
            User.active
        )
    ).all()
    return {
        "usernames": {
            user.username: {
                "email": user.email or "",
                "first_name": user.display_name,
                "last_name": "",
                "password": user.password_hash,
                "roles": [str(user.role)],
                "failed_login_attempts": 0,
            }
            for user in users
            if user.username not in locked
        }
    }
