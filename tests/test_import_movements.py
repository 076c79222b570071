"""Movement lines, on both databases: a case's referrals written as rows under it become its
history in date order, it ends where its last movement left it, and the referral pages'
stays follow."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select

from dashboard.commands import import_sheet
from dashboard.domain import EventKind, Status
from dashboard.imports.plan import summary
from dashboard.models import Case, CaseEvent, CaseSource, CaseStay
from tests.test_imports import clerk, plan, world  # noqa: F401 (fixture)

#: N°, Fecha ingreso, Hora, Apellido y nombre, DNI/CUIL, Tel., Localidad/Partido, Tema,
#: Estado, Derivado a, Fecha cierre.
FOLLOWED = [
    ["A-1", "03/11/2026", "09:15", "Pérez, Ana", "30.123.456", "", "La Plata", "Inundación",
     "En trámite", "Asistencia Alimentaria", ""],
    # its movement lines, the id only on its first row and not in date order
    ["", "05/11/2026", "10:00", "", "", "", "", "", "Derivado", "Hábitat y Vivienda", ""],
    ["", "04/11/2026", "11:00", "", "", "", "", "", "En espera", "", ""],
    ["A-2", "4/11/26", "", "GÓMEZ Juan", "20-31234567-7", "", "Tandil", "Temporal",
     "En trámite", "Hábitat y Vivienda", ""],
    # the id repeated on every row, with the citizen's data too
    ["A-2", "06/11/2026", "12:00", "GÓMEZ Juan", "20-31234567-7", "", "Tandil", "Temporal",
     "Cerrado", "", "06/11/2026"],
    ["A-3", "05/11/2026", "14:00", "Ruiz, Marta", "27.555.111", "", "Tandil", "Temporal",
     "Abierto", "", ""],
]  # fmt: skip
LATER_LINE = ["", "07/11/2026", "09:00", "", "", "", "", "", "Cerrado", "", "07/11/2026"]


def history(engine: Engine, source_id: str) -> tuple[list[tuple], list[tuple], tuple]:
    """The case's events, its stays and its current state, as the pages read them."""
    with engine.connect() as connection:
        case = connection.execute(
            select(Case.id, Case.status, Case.department_id, Case.closed_at)
            .join(CaseSource, CaseSource.case_id == Case.id)
            .where(CaseSource.source_id == source_id)
        ).one()  # fmt: skip
        events = connection.execute(
            select(CaseEvent.kind, CaseEvent.at, CaseEvent.from_department_id,
                   CaseEvent.to_department_id, CaseEvent.to_status)
            .where(CaseEvent.case_id == case.id).order_by(CaseEvent.at, CaseEvent.id)
        ).all()  # fmt: skip
        stays = connection.execute(
            select(CaseStay.step, CaseStay.department_id, CaseStay.entered_at)
            .where(CaseStay.case_id == case.id).order_by(CaseStay.step)
        ).all()  # fmt: skip
    return [tuple(event) for event in events], [tuple(stay) for stay in stays], tuple(case[1:])


def imported(engine: Engine, world, rows: list[list[str]]):  # noqa: F811
    planned = plan(engine, world, rows)
    outcome = import_sheet(engine, clerk(world), world.intake, planned.source, planned.sheet,
                           planned.mapping, planned.prepared)  # fmt: skip
    return planned, outcome


def test_the_preview_counts_movement_lines_and_their_cases(engine: Engine, world) -> None:  # noqa: F811
    planned = plan(engine, world, FOLLOWED)
    assert (planned.to_import, planned.prepared.rows_with_errors) == (3, 0)
    assert planned.movements == (3, 2)
    assert "Líneas de movimiento: 3 (de 2 solicitudes)" in summary(planned)


def test_movement_lines_become_the_case_s_history_in_date_order(engine: Engine, world) -> None:  # noqa: F811
    imported(engine, world, FOLLOWED)
    events, stays, state = history(engine, "A-1")
    at = datetime(2026, 11, 3, 9, 15)
    assert events == [
        (EventKind.CREATED, at, None, world.intake, Status.NUEVA),
        (EventKind.ASSIGNED, at, world.intake, world.food, Status.ASIGNADA),
        (EventKind.STATUS_CHANGED, at, None, None, Status.EN_CURSO),
        (EventKind.STATUS_CHANGED, datetime(2026, 11, 4, 11), None, None, Status.EN_ESPERA),
        (EventKind.REFERRED, datetime(2026, 11, 5, 10), world.food, world.housing,
         Status.DERIVADA),
    ]  # fmt: skip
    assert stays == [(0, world.intake, at), (1, world.food, at),
                     (2, world.housing, datetime(2026, 11, 5, 10))]  # fmt: skip
    assert state == (Status.DERIVADA, world.housing, None)


def test_a_closing_movement_closes_the_case_where_it_stands(engine: Engine, world) -> None:  # noqa: F811
    imported(engine, world, FOLLOWED)
    events, stays, state = history(engine, "A-2")
    closed = datetime(2026, 11, 6, 12)  # the line's hour: its closing date has none
    kinds = [EventKind.CREATED, EventKind.ASSIGNED, EventKind.STATUS_CHANGED, EventKind.CLOSED]
    assert [kind for kind, *_ in events] == kinds
    assert events[-1][1:] == (closed, None, None, Status.CERRADA)
    assert [department for _, department, _ in stays] == [world.intake, world.housing]
    assert state == (Status.CERRADA, world.housing, closed)
    _, _, plain = history(engine, "A-3")  # a case without movement lines is as before
    assert plain == (Status.NUEVA, world.intake, None)


def test_a_case_left_waiting_stopped_its_clock_when_its_line_says_so(
    engine: Engine,
    world,  # noqa: F811
) -> None:
    waiting = [FOLLOWED[0], FOLLOWED[2]]  # A-1 without its referral: it ends "en espera"
    imported(engine, world, waiting)
    with engine.connect() as connection:
        paused_at = connection.execute(
            select(Case.paused_at).join(CaseSource, CaseSource.case_id == Case.id)
            .where(CaseSource.source_id == "A-1")
        ).scalar_one()  # fmt: skip
    assert paused_at == datetime(2026, 11, 4, 11)


def test_new_lines_of_a_case_already_imported_are_reported_not_applied(
    engine: Engine,
    world,  # noqa: F811
) -> None:
    imported(engine, world, FOLLOWED)
    before = history(engine, "A-1")
    longer = [*FOLLOWED[:3], LATER_LINE, *FOLLOWED[3:]]
    planned, outcome = imported(engine, world, longer)
    assert (planned.to_import, planned.already, planned.movements_already) == (0, 3, 4)
    assert any("no se vuelven a aplicar" in line for line in summary(planned))
    assert outcome.imported == 0 and history(engine, "A-1") == before


def test_a_bad_movement_line_is_a_row_error_and_so_are_the_lines_of_a_bad_case(
    engine: Engine,
    world,  # noqa: F811
) -> None:
    bad_date = ["", "31/02/2026", "", "", "", "", "", "", "Derivado", "Hábitat y Vivienda", ""]
    bad_case = ["A-9", "32/11/2026", "", "Díaz, Rosa", "28.000.111", "", "Tandil", "Temporal",
                "", "", ""]  # fmt: skip
    its_line = ["", "08/11/2026", "", "", "", "", "", "", "Derivado", "Hábitat y Vivienda", ""]
    planned = plan(engine, world, [*FOLLOWED[:1], bad_date, bad_case, its_line])
    reasons = {(error.row, error.reason.split(":")[0]) for error in planned.prepared.errors}
    assert reasons == {(3, "fecha imposible"), (4, "fecha imposible"),
                       (5, "línea de movimiento de la fila 4, que no se importa")}  # fmt: skip
    assert planned.to_import == 1 and planned.movements == (0, 0)
