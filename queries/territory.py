"""Per partido, for the map: open cases, inflow and overdue, as counts and per 10,000 people.

Rates per 10,000 inhabitants (domain.md) let a partido of 20,000 people be compared with La
Matanza's 1.9 million. The population is the partido's INDEC projection held in
``municipalities.population`` (year in ``population_year``).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, func, or_, select

from dashboard.models import Case, Municipality
from queries._frames import to_frame
from queries.definitions import created_between, open_at, overdue_at
from queries.filters import CaseFilters, dimension_conditions

#: Rates are per this many inhabitants.
PER_INHABITANTS = 10_000


def partido_measures(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """One row per partido (all 134, zeros where there are no cases), ordered by ``clave``.

    Columns: ``municipality_id, clave, partido, zone, population, open_cases`` (open at the
    cut-off), ``inflow`` (created in the period), ``overdue_cases`` (overdue at the cut-off),
    ``open_per_10k``, ``inflow_per_10k``, ``overdue_share`` (overdue ÷ open; empty where
    nothing is open) and ``in_filter``. A partido left out by the partido filter keeps its row
    with ``in_filter`` false and empty measures, so a map shows it as "not selected" rather
    than as zero.
    """
    as_of = filters.as_of
    inflow = created_between(filters.period_start, as_of)
    counts = (
        select(
            Case.municipality_id,
            func.count().filter(open_at(as_of)).label("open_cases"),
            func.count().filter(inflow).label("inflow"),
            func.count().filter(overdue_at(as_of)).label("overdue_cases"),
        )
        .where(or_(open_at(as_of), inflow), *dimension_conditions(filters))
        .group_by(Case.municipality_id)
        .subquery()
    )
    query = (
        select(
            Municipality.id.label("municipality_id"),
            Municipality.clave,
            Municipality.name.label("partido"),
            Municipality.zone,
            Municipality.population,
            func.coalesce(counts.c.open_cases, 0).label("open_cases"),
            func.coalesce(counts.c.inflow, 0).label("inflow"),
            func.coalesce(counts.c.overdue_cases, 0).label("overdue_cases"),
        )
        .outerjoin(counts, counts.c.municipality_id == Municipality.id)
        .order_by(Municipality.clave)
    )
    frame = to_frame(connection, query)
    people = frame["population"].where(frame["population"] > 0)
    frame["open_per_10k"] = frame["open_cases"] * PER_INHABITANTS / people
    frame["inflow_per_10k"] = frame["inflow"] * PER_INHABITANTS / people
    frame["overdue_share"] = frame["overdue_cases"] / frame["open_cases"].where(
        frame["open_cases"] > 0
    )
    selected = set(filters.municipality_ids)
    frame["in_filter"] = frame["municipality_id"].isin(selected) if selected else True
    measures = ["open_cases", "inflow", "overdue_cases"]
    frame[measures] = frame[measures].astype("Int64")
    rates = ["open_per_10k", "inflow_per_10k", "overdue_share"]
    frame.loc[~frame["in_filter"], measures + rates] = pd.NA
    return frame
