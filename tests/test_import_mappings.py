"""Saved mappings: kept by name per intake area (on both databases), chosen again by the
headers of next week's sheet, and used by the command line with ``--mapping``."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from auth.roles import Actor
from dashboard.commands import CommandError, PermissionDenied, save_import_mapping
from dashboard.db import build_engine
from dashboard.domain import Role
from dashboard.imports.fields import Field
from dashboard.imports.mappings import SavedMapping, as_json, best_mapping, load_mappings
from dashboard.imports.plan import Choices, plan_import
from dashboard.models import AuditEntry, Case, Category, Department
from tests.test_imports import HEADER, ROWS, clerk, sheet, world  # noqa: F401 (fixture)
from tests.test_imports_cli import database, run  # noqa: F401 (fixture)

#: What the area's clerk confirmed last week: "Tema" is not the category, "En trámite" means
#: waiting.
CONFIRMED = as_json(
    {"Tema": None, "DNI/CUIL": Field.dni_cuil},
    {Field.status: {"en tramite": "en_espera"}},
)


def test_a_mapping_is_kept_by_name_for_the_area_and_replaced_by_the_same_name(
    engine: Engine,
    world,  # noqa: F811
) -> None:
    save_import_mapping(engine, clerk(world), world.intake, "  Planilla   semanal ", CONFIRMED)
    with engine.connect() as connection:
        [saved] = load_mappings(connection, world.intake)
    assert saved == SavedMapping(
        "Planilla semanal",
        {"Tema": None, "DNI/CUIL": Field.dni_cuil},
        {Field.status: {"en tramite": "en_espera"}},
    )
    save_import_mapping(engine, clerk(world), world.intake, "Planilla semanal",
                        as_json({"Tema": Field.category}, {}))  # fmt: skip
    with engine.connect() as connection:
        [saved] = load_mappings(connection, world.intake)
        audited = connection.execute(
            select(func.count()).where(AuditEntry.action == "guardar_mapeo")
        ).scalar_one()
    assert (saved.columns, saved.values, audited) == ({"Tema": Field.category}, {}, 2)


def test_a_pasted_name_loses_its_control_characters_instead_of_failing_the_database(
    engine: Engine,
    world,  # noqa: F811
) -> None:
    save_import_mapping(engine, clerk(world), world.intake, "Planilla\x00 \tsemanal\x1b\n",
                        CONFIRMED)  # fmt: skip
    save_import_mapping(engine, clerk(world), world.intake, "Planilla semanal", CONFIRMED)
    with engine.connect() as connection:
        assert [saved.name for saved in load_mappings(connection, world.intake)] == [
            "Planilla semanal"
        ]


@pytest.mark.parametrize(
    ("actor", "name", "refusal"),
    [
        (Actor("sofia", Role.SUPERVISOR, (1,)), "Semanal", PermissionDenied),
        (Actor("gabi", Role.GABINETE), "Semanal", PermissionDenied),
        (Actor("admin", Role.ADMIN), "   ", CommandError),
        (Actor("admin", Role.ADMIN), "\x00\x07 \x1b", CommandError),
        (Actor("admin", Role.ADMIN), "x" * 81, CommandError),
    ],
)
def test_only_the_area_s_clerks_and_admins_save_a_named_mapping(
    engine: Engine,
    world,  # noqa: F811
    actor: Actor,
    name: str,
    refusal: type[Exception],
) -> None:
    with pytest.raises(refusal):
        save_import_mapping(engine, actor, world.intake, name, CONFIRMED)
    with engine.connect() as connection:
        assert load_mappings(connection, world.intake) == []


def test_next_week_s_sheet_picks_the_saved_mapping_that_knows_its_headers() -> None:
    weekly = SavedMapping("Semanal", dict.fromkeys(HEADER))
    other = SavedMapping("Gabinete", dict.fromkeys(["fecha_de_alta", "motivo", "situacion"]))
    newer = SavedMapping("Semanal (nueva)", dict.fromkeys(HEADER))
    assert best_mapping([other, weekly], [*HEADER, "Observaciones"]) == weekly
    assert best_mapping([newer, weekly], HEADER) == newer  # the latest saved on a tie
    assert best_mapping([weekly, other], ["fecha_de_alta", "motivo", "Tel."]) == other
    assert best_mapping([weekly, other], ["Fecha", "Asunto", "Estado", "DNI"]) is None
    assert best_mapping([], HEADER) is None


def test_a_saved_mapping_reads_the_sheet_as_the_clerk_confirmed_it(
    engine: Engine,
    world,  # noqa: F811
) -> None:
    save_import_mapping(engine, clerk(world), world.intake, "Semanal", CONFIRMED)
    with engine.connect() as connection:
        [saved] = load_mappings(connection, world.intake)
        choices = Choices(columns={**saved.columns, "No está": Field.phone},
                          value_maps=saved.values)  # fmt: skip
        planned = plan_import(connection, sheet(ROWS), "planilla.csv", world.intake, choices)
    assert planned.columns["Tema"] is None and "No está" not in planned.columns
    assert [row.status for row in planned.prepared.cases] == ["en_espera", "cerrada"]
    assert planned.mapping == as_json(planned.columns, saved.values)


def saved_on(url: str, name: str, mapping: dict) -> None:
    engine = build_engine(url)
    with engine.connect() as connection:
        area = connection.execute(
            select(Department.id).where(Department.code == "ING-MOD")
        ).scalar_one()
    save_import_mapping(engine, Actor("admin", Role.ADMIN), area, name, mapping)
    engine.dispose()


def written(url: str) -> list[tuple[str, str]]:
    engine = build_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(Case.status, Category.code).join(Category).order_by(Case.id)
        ).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def test_the_command_line_reads_with_a_saved_mapping_and_overrides_it(
    database: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    saved_on(database, "Semanal", CONFIRMED)
    planilla = tmp_path / "planilla.csv"
    planilla.write_bytes(sheet(ROWS))
    override = ("--map", "Tema=category", "--value", "category:Inundación=temporal")
    assert run(database, str(planilla), "--mapping", "Semanal", *override) == 0
    assert written(database) == [("en_espera", "temporal"), ("cerrada", "sin_clasificar")]


def test_an_unknown_saved_mapping_exits_2_with_a_reason(
    database: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    planilla = tmp_path / "planilla.csv"
    planilla.write_bytes(sheet(ROWS))
    assert run(database, str(planilla), "--mapping", "Mensual") == 2
    assert "no tiene un mapeo guardado «Mensual»" in capsys.readouterr().err
    assert written(database) == []
