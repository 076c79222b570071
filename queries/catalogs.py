"""The small reference tables the filter bar offers as choices.

These tables hold tens to a few hundred rows, so reading them whole is fine.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import aliased

from dashboard.models import Category, Channel, Department, Municipality
from queries._frames import to_frame


def departments(connection: Connection) -> pd.DataFrame:
    """Departments, intake areas and external actors: ``id, name, kind``."""
    query = select(Department.id, Department.name, Department.kind).order_by(Department.name)
    return to_frame(connection, query)


def channels(connection: Connection) -> pd.DataFrame:
    """Intake channels: ``id, code, name``."""
    return to_frame(connection, select(Channel.id, Channel.code, Channel.name).order_by(Channel.id))


def categories(connection: Connection) -> pd.DataFrame:
    """Both levels of the taxonomy: ``id, name, group`` (``group`` is empty for a group)."""
    parent = aliased(Category)
    query = (
        select(Category.id, Category.name, parent.name.label("group"))
        .outerjoin(parent, Category.parent_id == parent.id)
        .order_by(
            func.coalesce(parent.name, Category.name), parent.name.is_not(None), Category.name
        )
    )
    return to_frame(connection, query)


def municipalities(connection: Connection) -> pd.DataFrame:
    """Partidos: ``id, name, population``."""
    query = select(Municipality.id, Municipality.name, Municipality.population).order_by(
        Municipality.name
    )
    return to_frame(connection, query)
