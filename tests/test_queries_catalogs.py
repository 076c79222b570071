"""Known answers for the filter bar's choices, on SQLite and on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine, insert, select

from dashboard.domain import DepartmentKind
from dashboard.models import Department
from queries import catalogs
from tests.builders import small_world


def test_catalogues_list_what_was_written(engine: Engine) -> None:
    world = small_world(engine)
    with engine.connect() as connection:
        departments = catalogs.departments(connection)
        channels = catalogs.channels(connection)
        categories = catalogs.categories(connection)
        partidos = catalogs.municipalities(connection)
    assert departments["name"].tolist() == [
        "Asistencia Alimentaria", "Hábitat y Vivienda", "Modernización",
    ]  # fmt: skip
    assert channels["code"].tolist() == ["whatsapp", "correo"]
    assert partidos[["id", "name"]].to_dict("records") == [
        {"id": world.la_plata, "name": "La Plata"},
        {"id": world.tandil, "name": "Tandil"},
    ]
    # Each group comes first, followed by its categories in alphabetical order.
    assert categories.fillna("").to_dict("records") == [
        {"id": world.group_emergency, "name": "Emergencias", "group": ""},
        {"id": world.flood, "name": "Inundación", "group": "Emergencias"},
        {"id": world.storm, "name": "Temporal", "group": "Emergencias"},
    ]


def test_receiving_departments_list_directorates_before_regional_delegations(
    engine: Engine,
) -> None:
    """Only active internal departments; by name, a delegation would come before Hábitat."""
    world = small_world(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(Department),
            [
                {"code": code, "name": name, "kind": kind, "active": active}
                for code, name, kind, active in (
                    ("DEL-RI", "Delegación Región I (Bahía Blanca)", DepartmentKind.INTERNAL,
                     True),
                    ("DIR-ZOO", "Dirección de Zoonosis", DepartmentKind.INTERNAL, True),
                    ("DIR-CERR", "Dirección Cerrada", DepartmentKind.INTERNAL, False),
                    ("ONG-1", "Cáritas", DepartmentKind.NGO, True),
                )
            ],
        )  # fmt: skip
        delegation = connection.execute(
            select(Department.id).where(Department.code == "DEL-RI")
        ).scalar_one()
        zoonosis = connection.execute(
            select(Department.id).where(Department.code == "DIR-ZOO")
        ).scalar_one()
    with engine.connect() as connection:
        receiving = catalogs.receiving_departments(connection)
    assert receiving.to_dict("records") == [
        {"id": world.food, "name": "Asistencia Alimentaria", "regional": False},
        {"id": zoonosis, "name": "Dirección de Zoonosis", "regional": False},
        {"id": world.housing, "name": "Hábitat y Vivienda", "regional": False},
        {"id": delegation, "name": "Delegación Región I (Bahía Blanca)", "regional": True},
    ]
