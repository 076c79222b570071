"""Per partido, for the map: open cases, inflow and overdue, as counts and per 10,000 people.

Rates per 10,000 inhabitants (domain.md) let a partido of 20,000 people be compared with La
Matanza's 1.9 million. The population is the partido's INDEC projection held in
``municipalities.population`` (year in ``population_year``).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import aliased

from dashboard.models import Case, CaseState, Municipality
from queries._frames import to_frame
from queries.definitions import created_between, open_at, past_due
from queries.filters import CaseFilters, dimension_conditions, with_case_columns

#: Rates are per this many inhabitants.
PER_INHABITANTS = 10_000


def partido_measures(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """One row per partido (all 134, zeros where there are no cases), ordered by ``clave``,
    then one row for the cases with no partido.

    Columns: ``municipality_id, clave, partido, zone, population, open_cases`` (open at the
    cut-off), ``inflow`` (created in the period), ``overdue_cases`` (overdue at the cut-off),
    ``open_per_10k``, ``inflow_per_10k``, ``overdue_share`` (overdue ÷ open; empty where
    nothing is open) and ``in_filter``. A partido left out by the partido filter keeps its row
    with ``in_filter`` false and empty measures, so a map shows it as "not selected" rather
    than as zero.

    The last row (``municipality_id``, ``clave`` and ``partido`` empty: "sin partido") counts
    the cases whose sheet named no partido or a place outside the province, so that no case is
    dropped from the figures by partido. It has no population, hence no rates per 10,000
    inhabitants, and no outline on the map; a partido filter leaves it out like any other row.
    """
    as_of = filters.as_of
    # Each open case's partido looked up by its key: PostgreSQL misjudges how few spans are
    # open now (most current spans are closed ones) and would otherwise hash every case.
    placed = aliased(Case, name="placed")
    partido = (
        select(placed.municipality_id).where(placed.id == CaseState.case_id).scalar_subquery()
    ).label("municipality_id")
    opened = select(
        partido,
        func.count().label("open_cases"),
        func.count().filter(past_due(as_of)).label("overdue_cases"),
    ).where(open_at(as_of), *dimension_conditions(filters, held_by=CaseState.department_id))
    opened = to_frame(
        connection, with_case_columns(opened, filters, CaseState.case_id).group_by(partido)
    )
    came_in = to_frame(
        connection,
        select(Case.municipality_id, func.count().label("inflow"))
        .where(created_between(filters.period_start, as_of), *dimension_conditions(filters))
        .group_by(Case.municipality_id),
    )
    counts = opened.merge(came_in, on="municipality_id", how="outer")
    partidos = to_frame(
        connection,
        select(
            Municipality.id.label("municipality_id"),
            Municipality.clave,
            Municipality.name.label("partido"),
            Municipality.zone,
            Municipality.population,
        ).order_by(Municipality.clave),
    )
    measures = ["open_cases", "inflow", "overdue_cases"]
    counts["municipality_id"] = counts["municipality_id"].astype("Int64")
    placed = partidos.astype({"municipality_id": "Int64"}).merge(
        counts, on="municipality_id", how="left"
    )
    unplaced = counts[counts["municipality_id"].isna()].reindex(columns=placed.columns)
    if unplaced.empty:
        unplaced = pd.DataFrame([{column: pd.NA for column in placed.columns}])
    frame = pd.concat([placed, unplaced], ignore_index=True)
    frame[measures] = frame[measures].fillna(0).astype("Int64")
    frame["population"] = frame["population"].astype("Int64")
    people = frame["population"].where(frame["population"] > 0).astype(float)
    frame["open_per_10k"] = frame["open_cases"].astype(float) * PER_INHABITANTS / people
    frame["inflow_per_10k"] = frame["inflow"].astype(float) * PER_INHABITANTS / people
    frame["overdue_share"] = frame["overdue_cases"].astype(float) / frame["open_cases"].where(
        frame["open_cases"] > 0
    ).astype(float)
    selected = set(filters.municipality_ids)
    frame["in_filter"] = frame["municipality_id"].isin(selected) if selected else True
    frame["in_filter"] = frame["in_filter"].astype(bool)
    rates = ["open_per_10k", "inflow_per_10k", "overdue_share"]
    frame.loc[~frame["in_filter"], measures + rates] = pd.NA
    return frame


def unplaced_cases(measures: pd.DataFrame) -> pd.Series:
    """The "sin partido" row of ``partido_measures``: the cases a map cannot draw."""
    return measures[measures["municipality_id"].isna()].iloc[0]
