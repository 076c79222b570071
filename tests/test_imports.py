"""Importing a sheet, on both databases: what it writes, once and only once, and its undo."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import Engine, func, insert, select, update

from auth.roles import Actor
from dashboard.commands import CommandError, PermissionDenied, import_sheet, undo_import
from dashboard.domain import EventKind, Role, Status
from dashboard.imports.plan import ImportPlan, plan_import
from dashboard.models import (
    AuditEntry,
    Case,
    CaseEvent,
    CaseSource,
    CaseStay,
    Channel,
    Citizen,
    Department,
    ImportBatch,
)
from tests.builders import small_world

HEADER = ["N°", "Fecha ingreso", "Hora", "Apellido y nombre", "DNI/CUIL", "Tel.",
          "Localidad/Partido", "Tema", "Estado", "Derivado a", "Fecha cierre"]  # fmt: skip
ROWS = [
    ["A-1", "03/11/2026", "09:15", "Pérez, Ana", "30.123.456", "(0221) 15-555-0101", "La Plata",
     "Inundación", "En trámite", "Asistencia Alimentaria", ""],
    ["A-2", "4/11/26", "", "GÓMEZ Juan", "20-31234567-7", "", "Tandil", "Voladura de techo",
     "Cerrado", "", "04/11/2026"],
    ["A-3", "05/11/2026", "14:00", "Ruiz, Marta", "20-31234567-0", "", "Gral. Pueyrredón",
     "Temporal", "Abierto", "", ""],
    ["A-4", "31/02/2026", "", "Sin Fecha", "22.222.222", "", "La Plata", "Temporal", "", "", ""],
]  # fmt: skip
NEXT_WEEK = ["A-5", "06/11/2026", "", "Díaz, Rosa", "28.000.111", "", "Tandil", "Temporal",
             "", "", ""]  # fmt: skip


def sheet(rows: list[list[str]]) -> bytes:
    """A semicolon CSV in Windows-1252, as Excel in Spanish saves one."""
    return "".join(";".join(cells) + "\r\n" for cells in [HEADER, *rows]).encode("cp1252")


@pytest.fixture
def world(engine: Engine):
    w = small_world(engine)
    with engine.begin() as connection:
        connection.execute(insert(Channel).values(code="presencial", name="Presencial"))
    return w


def clerk(world) -> Actor:
    return Actor("clara", Role.INGRESO, (world.intake,))


def plan(engine: Engine, world, rows: list[list[str]]) -> ImportPlan:
    with engine.connect() as connection:
        return plan_import(connection, sheet(rows), "planilla.csv", world.intake)


def do_import(engine: Engine, world, rows: list[list[str]]):
    planned = plan(engine, world, rows)
    return planned, import_sheet(engine, clerk(world), world.intake, planned.source, None,
                                 planned.mapping, planned.prepared)  # fmt: skip


def cases(engine: Engine) -> list:
    with engine.connect() as connection:
        return connection.execute(
            select(Case.code, Case.status, Case.created_at, Case.closed_at, Case.department_id,
                   Case.municipality_id, Citizen.dni)
            .join(Citizen, Citizen.id == Case.citizen_id).order_by(Case.id)
        ).all()  # fmt: skip


def test_the_preview_reads_a_messy_sheet_and_names_each_problem(engine: Engine, world) -> None:
    planned = plan(engine, world, ROWS)
    assert (planned.source.encoding, planned.source.separator) == ("cp1252", ";")
    assert planned.to_import == 2 and planned.already == 0
    errors = {(error.row, error.column) for error in planned.prepared.errors}
    assert (4, "DNI/CUIL") in errors  # a wrong check digit
    # "Gral. Pueyrredón" is not in this catalogue: that alone would import it with no partido.
    assert (4, "Localidad/Partido") not in errors
    assert (5, "Fecha ingreso") in errors  # 31/02
    ana, juan = planned.prepared.cases
    assert (ana.created_at, ana.dni, ana.last_name, ana.first_name) == (
        datetime(2026, 11, 3, 9, 15),
        "30123456",
        "Pérez",
        "Ana",
    )
    assert ana.status == Status.EN_CURSO and ana.department == "DIR-ALIM"
    assert (juan.dni, juan.status, juan.category) == ("31234567", Status.CERRADA, "sin_clasificar")
    assert any("sin clasificar" in warning for warning in juan.warnings)
    assert cases(engine) == []  # nothing written by a preview


def test_an_over_long_value_is_a_row_error_not_a_failed_import(engine: Engine, world) -> None:
    long_id = ["X" * 81, *ROWS[1][1:]]
    planned = plan(engine, world, [ROWS[0], long_id])
    assert [(e.row, e.column, e.reason) for e in planned.prepared.errors] == [
        (3, "N°", "más de 80 caracteres")
    ]
    import_sheet(engine, clerk(world), world.intake, planned.source, None, planned.mapping,
                 planned.prepared)  # fmt: skip
    assert [c.dni for c in cases(engine)] == ["30123456"]


def test_file_and_sheet_names_are_kept_clean_and_within_their_columns(
    engine: Engine, world
) -> None:
    """A file's name and a workbook's sheet come from outside: a NUL would fail PostgreSQL,
    a long name its column; neither may cost the clerk the import."""
    with engine.connect() as connection:
        planned = plan_import(connection, sheet(ROWS), "plani\x00lla\x1b.csv", world.intake)
    import_sheet(engine, clerk(world), world.intake, planned.source, "Hoja\x00 1" + "x" * 200,
                 planned.mapping, planned.prepared)  # fmt: skip
    with engine.connect() as connection:
        batch = connection.execute(select(ImportBatch.file_name, ImportBatch.sheet)).one()
        target = connection.execute(
            select(AuditEntry.target).where(AuditEntry.action == "importar")
        ).scalar_one()
    assert (batch.file_name, target) == ("planilla.csv", "planilla.csv")
    assert batch.sheet.startswith("Hoja 1x") and len(batch.sheet) == 120


def test_a_department_is_found_by_the_short_name_sheets_use(engine: Engine, world) -> None:
    with engine.begin() as connection:
        connection.execute(
            update(Department).where(Department.id == world.housing)
            .values(name="Dirección de Hábitat y Vivienda")
        )  # fmt: skip
    row = [*ROWS[0][:9], "Hábitat y Vivienda", ""]
    [case] = plan(engine, world, [row]).prepared.cases
    assert (case.department, case.warnings) == ("DIR-HAB", [])


def test_an_import_writes_cases_with_history_and_provenance_once(engine: Engine, world) -> None:
    _, outcome = do_import(engine, world, ROWS)
    assert (outcome.imported, outcome.already) == (2, 0)
    written = cases(engine)
    assert [(c.status, c.dni) for c in written] == [
        (Status.EN_CURSO, "30123456"),
        (Status.CERRADA, "31234567"),
    ]
    assert written[0].department_id == world.food and written[1].department_id == world.intake
    # A same-day closing without its hour closes at the moment it came in.
    assert written[1].closed_at == written[1].created_at == datetime(2026, 11, 4)
    with engine.connect() as connection:
        kinds = connection.execute(
            select(CaseEvent.kind).join(Case).where(Case.code == written[0].code)
            .order_by(CaseEvent.at, CaseEvent.id)).scalars().all()  # fmt: skip
        sources = connection.execute(select(CaseSource.row_number, CaseSource.source_id)
                                     .order_by(CaseSource.row_number)).all()  # fmt: skip
        stays = connection.execute(
            select(CaseStay.step, CaseStay.department_id).join(Case, Case.id == CaseStay.case_id)
            .where(Case.code == written[0].code).order_by(CaseStay.step)).all()  # fmt: skip
    assert kinds == [EventKind.CREATED, EventKind.ASSIGNED, EventKind.STATUS_CHANGED]
    assert stays == [(0, world.intake), (1, world.food)]  # referral pages see the import
    assert sources == [(2, "A-1"), (3, "A-2")]

    _, again = do_import(engine, world, ROWS)
    assert (again.batch_id, again.imported, again.already) == (None, 0, 2)
    # Next week's copy: one row more, and every row renumbered (the "N°" is a row counter).
    longer = [[f"B-{number}", *cells[1:]] for number, cells in enumerate([NEXT_WEEK, *ROWS])]
    _, next_week = do_import(engine, world, longer)
    assert (next_week.imported, next_week.already) == (1, 2)
    assert len(cases(engine)) == 3


def test_undoing_a_batch_voids_its_cases_and_lets_them_be_imported_again(
    engine: Engine, world
) -> None:
    _, outcome = do_import(engine, world, ROWS)
    assert (
        undo_import(engine, clerk(world), outcome.batch_id, "Era la planilla de otra semana") == 2
    )
    assert {c.status for c in cases(engine)} == {Status.ANULADA}
    with engine.connect() as connection:
        voided = connection.execute(select(func.count()).where(
            CaseEvent.to_status == Status.ANULADA, CaseEvent.note.like("Era la planilla%"))
        ).scalar_one()  # fmt: skip
        undone = connection.execute(select(ImportBatch.undone_by)).scalar_one()
    assert (voided, undone) == (2, "clara")
    with pytest.raises(CommandError, match="ya fue deshecha"):
        undo_import(engine, clerk(world), outcome.batch_id, "Otra vez por las dudas")
    _, again = do_import(engine, world, ROWS)
    assert (again.imported, again.already) == (2, 0)


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.GABINETE, Role.MESA, Role.INGRESO])
def test_only_the_area_s_clerks_and_admins_import(engine: Engine, world, role: Role) -> None:
    planned = plan(engine, world, ROWS)
    other = Actor("otro", role, (world.food,) if role == Role.SUPERVISOR else ())
    with pytest.raises(PermissionDenied):
        import_sheet(engine, other, world.intake, planned.source, None, planned.mapping,
                     planned.prepared)  # fmt: skip
    admin = Actor("admin", Role.ADMIN)
    assert import_sheet(engine, admin, world.intake, planned.source, None, planned.mapping,
                        planned.prepared).imported == 2  # fmt: skip
