"""Known answers for the filter bar's choices, on SQLite and on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine

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
