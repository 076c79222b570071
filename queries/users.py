"""Dashboard users for the administration page (a small table, read whole)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, select

from dashboard.models import Department, User, user_departments
from queries._frames import to_frame


def users(connection: Connection) -> pd.DataFrame:
    """``username, display_name, email, role, active, departments`` (names, comma-separated)."""
    people = to_frame(
        connection,
        select(
            User.id, User.username, User.display_name, User.email, User.role, User.active
        ).order_by(User.username),
    )
    scopes = to_frame(
        connection,
        select(user_departments.c.user_id, Department.name).join(
            Department, Department.id == user_departments.c.department_id
        ),
    )
    names = scopes.groupby("user_id")["name"].agg(lambda n: ", ".join(sorted(n)))
    people["departments"] = people["id"].map(names).fillna("")
    return people.drop(columns="id")
