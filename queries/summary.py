"""Figures of the home page "Resumen", each aggregated in the database."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
from sqlalchemy import Connection, func, select

from dashboard.models import Case, CaseState, Channel
from queries._frames import to_frame
from queries.definitions import created_between, open_at, past_due
from queries.filters import CaseFilters, dimension_conditions, with_case_columns

INFLOW_WINDOW = timedelta(days=7)


def headline_figures(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """One row: ``open_cases``, ``inflow_7d``, ``overdue_cases`` at ``filters.as_of``.

    Two small statements, each on its own index: the cases' states open at the cut-off (the
    partial index of open spans) and the cases created in the last week (the creation index).
    """
    as_of = filters.as_of
    open_now = select(
        func.count().label("open_cases"), func.count().filter(past_due(as_of)).label("overdue")
    ).where(open_at(as_of), *dimension_conditions(filters, held_by=CaseState.department_id))
    opened = connection.execute(with_case_columns(open_now, filters, CaseState.case_id)).one()
    recent = select(func.count()).where(
        created_between(as_of - INFLOW_WINDOW, as_of), *dimension_conditions(filters)
    )
    inflow = connection.execute(recent).scalar_one()
    return pd.DataFrame(
        [{"open_cases": opened.open_cases, "inflow_7d": inflow, "overdue_cases": opened.overdue}]
    )


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
