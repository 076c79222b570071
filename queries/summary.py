"""Figures of the home page "Resumen", each aggregated in the database."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
from sqlalchemy import Connection, and_, func, or_, select

from dashboard.models import Case, Channel
from queries._frames import to_frame
from queries.definitions import created_between, open_at, overdue_at
from queries.filters import CaseFilters, dimension_conditions

INFLOW_WINDOW = timedelta(days=7)


def headline_figures(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """One row: ``open_cases``, ``inflow_7d``, ``overdue_cases`` at ``filters.as_of``.

    One statement reads only the cases that can count for any of the three (open at the
    cut-off, or created in the last week), which the created/closed indexes find quickly.
    """
    as_of = filters.as_of
    recent = created_between(as_of - INFLOW_WINDOW, as_of)
    query = select(
        func.count().filter(open_at(as_of)).label("open_cases"),
        func.count().filter(recent).label("inflow_7d"),
        func.count().filter(overdue_at(as_of)).label("overdue_cases"),
    ).where(and_(or_(open_at(as_of), recent), *dimension_conditions(filters)))
    return to_frame(connection, query)


def cases_by_channel(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """Cases created in the period per channel: ``channel_code, channel, cases, share``."""
    cases = func.count(Case.id).label("cases")
    query = (
        select(Channel.code.label("channel_code"), Channel.name.label("channel"), cases)
        .join(Case, Case.channel_id == Channel.id)
        .where(
            created_between(filters.period_start, filters.as_of),
            *dimension_conditions(filters),
        )
        .group_by(Channel.code, Channel.name)
        .order_by(cases.desc(), Channel.name)
    )
    frame = to_frame(connection, query)
    total = frame["cases"].sum()
    frame["share"] = frame["cases"] / total if total else 0.0
    return frame
