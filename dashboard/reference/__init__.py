"""Reference data every installation starts from: partidos (INDEC) and the hub's catalogue.

``load_reference_data`` writes it into an empty database; see ``SOURCES.md`` for where the
partido figures come from.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Connection, insert, select

from dashboard.domain import DepartmentKind
from dashboard.models import Category, Channel, Department, Municipality, SlaTarget
from dashboard.reference.catalog import (
    CATEGORY_GROUPS,
    CHANNELS,
    EXTERNAL_ACTORS,
    INTAKE_AREAS,
    INTERNAL_DEPARTMENTS,
    MUNICIPAL_ACTOR_CLAVES,
)

HERE = Path(__file__).resolve().parent
PARTIDOS_CSV = HERE / "partidos_buenos_aires.csv"
INDEC_CODES_CSV = HERE / "partidos_indec_codes.csv"
#: The latest year of INDEC's projection, used as each partido's population.
POPULATION_YEAR = 2025


def municipality_rows() -> list[dict[str, object]]:
    """The 134 partidos (Lezama counted inside Chascomús, as INDEC's projections do)."""
    codes: dict[str, str] = {}
    if INDEC_CODES_CSV.exists():
        with INDEC_CODES_CSV.open(encoding="utf-8") as fh:
            codes = {row["clave"]: row["indec_code"] for row in csv.DictReader(fh)}
    with PARTIDOS_CSV.open(encoding="utf-8") as fh:
        return [
            {
                "clave": row["clave"],
                "name": row["partido"],
                "zone": row["zona"],
                "population": int(row[f"poblacion_{POPULATION_YEAR}"]),
                "population_year": POPULATION_YEAR,
                "indec_code": codes.get(row["clave"]),
            }
            for row in csv.DictReader(fh)
        ]


def load_reference_data(connection: Connection) -> None:
    """Write partidos, channels, departments, actors, categories and SLA targets."""
    connection.execute(insert(Municipality), municipality_rows())
    connection.execute(insert(Channel), [{"code": c, "name": n} for c, n in CHANNELS])
    partido_ids = dict(connection.execute(select(Municipality.clave, Municipality.id)).all())
    connection.execute(insert(Department), _department_rows(partido_ids))
    for group in CATEGORY_GROUPS:
        group_id = connection.execute(
            insert(Category).values(code=group.code, name=group.name).returning(Category.id)
        ).scalar_one()
        for code, name in group.categories:
            category_id = connection.execute(
                insert(Category)
                .values(code=code, name=name, parent_id=group_id)
                .returning(Category.id)
            ).scalar_one()
            connection.execute(
                insert(SlaTarget),
                [
                    {"category_id": category_id, "priority": priority, "target_hours": hours}
                    for priority, hours in group.sla_hours.items()
                ],
            )


def _department_rows(partido_ids: dict[str, int]) -> list[dict[str, object]]:
    names = {row["clave"]: row["name"] for row in municipality_rows()}
    rows: list[dict[str, object]] = [
        {"code": code, "name": name, "kind": DepartmentKind.INTAKE, "weekly_capacity": None}
        for code, name in INTAKE_AREAS
    ]
    rows += [
        {"code": code, "name": name, "kind": DepartmentKind.INTERNAL, "weekly_capacity": capacity}
        for code, name, capacity in INTERNAL_DEPARTMENTS
    ]
    rows += [
        {
            "code": f"MUN-{clave.replace(' ', '-')}",
            "name": f"Municipio de {names[clave]}",
            "kind": DepartmentKind.MUNICIPALITY,
            "municipality_id": partido_ids[clave],
            "weekly_capacity": None,
        }
        for clave in MUNICIPAL_ACTOR_CLAVES
    ]
    rows += [
        {"code": code, "name": name, "kind": kind, "weekly_capacity": None}
        for code, name, kind in EXTERNAL_ACTORS
    ]
    for row in rows:
        row.setdefault("municipality_id", None)
    return rows
