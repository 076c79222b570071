"""Per-partido measures for the map: known answers on both databases.

Period 1–18 March 2026, cut-off the end of the 18th (19 March 00:00). Populations come from
``small_world`` (La Plata 800,000, Tandil 140,000) plus Azul (70,000) with no cases.
"""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
import pytest
from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session

from dashboard.models import Municipality
from dashboard.reference import municipality_rows
from queries.filters import CaseFilters
from queries.territory import partido_measures
from tests.builders import World, add_case, small_world


def period(**dimensions) -> CaseFilters:
    return CaseFilters.for_period(
        date(2026, 3, 1), date(2026, 3, 18), datetime(2026, 4, 1), **dimensions
    )


@pytest.fixture
def territory(engine: Engine) -> tuple[Engine, World, int]:
    world = small_world(engine)
    with Session(engine) as session:
        azul = Municipality(
            clave="AZUL", name="Azul", zone="interior", population=70_000, population_year=2025
        )
        session.add(azul)
        session.commit()
        azul_id = azul.id

    def la_plata(created: datetime, **kwargs) -> None:
        add_case(engine, world, created_at=created, municipality=world.la_plata, **kwargs)

    # La Plata: open at the cut-off A, B, D, E, G (5); overdue A, D, E (3); inflow B, C, D (3).
    la_plata(datetime(2026, 2, 10), due_at=datetime(2026, 2, 20))  # A: open, overdue
    la_plata(datetime(2026, 3, 5), due_at=datetime(2026, 3, 30))  # B: open, inflow
    la_plata(datetime(2026, 3, 6), closed_at=datetime(2026, 3, 10))  # C: inflow only
    la_plata(datetime(2026, 3, 10), due_at=datetime(2026, 3, 12))  # D: open, overdue, inflow
    # E: closed after the cut-off, so open and overdue at it.
    la_plata(datetime(2026, 1, 5), due_at=datetime(2026, 1, 15), closed_at=datetime(2026, 3, 25))
    la_plata(datetime(2026, 3, 20))  # F: created after the cut-off: nowhere
    # G: waiting since before its due date: open, its clock stopped, not overdue.
    la_plata(datetime(2026, 2, 1), due_at=datetime(2026, 2, 10), paused_at=datetime(2026, 2, 5))
    # Tandil: two open cases created in the period, one overdue (by e-mail).
    add_case(engine, world, created_at=datetime(2026, 3, 2), municipality=world.tandil,
             due_at=datetime(2026, 4, 30))  # fmt: skip
    add_case(engine, world, created_at=datetime(2026, 3, 3), municipality=world.tandil,
             due_at=datetime(2026, 3, 4), channel=world.email)  # fmt: skip
    return engine, world, azul_id


def by_clave(engine: Engine, filters: CaseFilters) -> dict[str, dict]:
    with engine.connect() as connection:
        frame = partido_measures(connection, filters)
    return {row["clave"]: row for row in frame.to_dict("records")}


def test_counts_and_rates_per_10000_inhabitants(territory) -> None:
    engine, world, azul = territory
    rows = by_clave(engine, period())
    # Every partido, by clave, then the cases with no partido (none here).
    assert list(rows) == ["AZUL", "LA PLATA", "TANDIL", None]
    assert (rows[None]["open_cases"], rows[None]["inflow"]) == (0, 0)

    la_plata = rows["LA PLATA"]
    assert la_plata["municipality_id"] == world.la_plata and la_plata["partido"] == "La Plata"
    assert (la_plata["population"], la_plata["zone"]) == (800_000, "interior")
    assert (la_plata["open_cases"], la_plata["inflow"], la_plata["overdue_cases"]) == (5, 3, 3)
    assert la_plata["open_per_10k"] == pytest.approx(0.0625)  # 5 × 10,000 / 800,000
    assert la_plata["inflow_per_10k"] == pytest.approx(0.0375)  # 3 × 10,000 / 800,000
    assert la_plata["overdue_share"] == pytest.approx(0.6)  # 3 / 5

    tandil = rows["TANDIL"]
    assert (tandil["open_cases"], tandil["inflow"], tandil["overdue_cases"]) == (2, 2, 1)
    assert tandil["open_per_10k"] == pytest.approx(1 / 7)  # 2 × 10,000 / 140,000
    assert tandil["inflow_per_10k"] == pytest.approx(1 / 7)
    assert tandil["overdue_share"] == pytest.approx(0.5)

    empty = rows["AZUL"]
    assert empty["municipality_id"] == azul and empty["in_filter"]
    assert (empty["open_cases"], empty["inflow"], empty["overdue_cases"]) == (0, 0, 0)
    assert (empty["open_per_10k"], empty["inflow_per_10k"]) == (0, 0)
    assert math.isnan(empty["overdue_share"])  # nothing open: no share


def test_dimension_filters_apply_and_unselected_partidos_stay_empty(territory) -> None:
    engine, world, _ = territory
    whatsapp = by_clave(engine, period(channel_ids=(world.whatsapp,)))["TANDIL"]
    assert (whatsapp["open_cases"], whatsapp["inflow"], whatsapp["overdue_cases"]) == (1, 1, 0)
    assert whatsapp["overdue_share"] == 0

    rows = by_clave(engine, period(municipality_ids=(world.tandil,)))
    assert rows["TANDIL"]["in_filter"] and rows["TANDIL"]["open_cases"] == 2
    assert not rows["LA PLATA"]["in_filter"]
    assert pd.isna(rows["LA PLATA"]["open_cases"])
    assert math.isnan(rows["LA PLATA"]["open_per_10k"])

    housing = by_clave(engine, period(scope=(world.housing,)))["LA PLATA"]
    assert (housing["open_cases"], housing["inflow"]) == (0, 0)


def test_all_134_partidos_appear_with_zeros(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(insert(Municipality), municipality_rows())
    with engine.connect() as connection:
        frame = partido_measures(connection, period())
    partidos = frame[frame["clave"].notna()]  # the last row holds the cases with no partido
    assert len(frame) == 135 and len(partidos) == 134 and partidos["clave"].is_unique
    assert (frame[["open_cases", "inflow", "overdue_cases"]] == 0).all().all()
    assert (partidos["open_per_10k"] == 0).all() and frame["overdue_share"].isna().all()
    assert frame.loc[frame["clave"] == "LA MATANZA", "zone"].item() == "conurbano"
