"""Hand-built data with answers a person can check on paper.

``small_world`` writes a tiny catalogue; ``add_case`` writes one case with its intake event.
Tests state their own cases, so each expected figure is visible in the test itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import count

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from auth.roles import Actor
from dashboard.commands import create_user
from dashboard.domain import CLOSED_STATUSES, DepartmentKind, EventKind, Priority, Role, Status
from dashboard.models import (
    AuditEntry,
    Case,
    CaseEvent,
    CaseSource,
    Category,
    Channel,
    Citizen,
    Department,
    DuplicatePair,
    ImportBatch,
    Municipality,
    SlaTarget,
    Staff,
    User,
)

_sequence = count(1)


@dataclass(frozen=True)
class World:
    """Ids of the catalogue rows ``small_world`` wrote."""

    la_plata: int
    tandil: int
    intake: int
    food: int
    housing: int
    whatsapp: int
    email: int
    group_emergency: int
    flood: int
    storm: int
    citizen: int
    juan: int  # staff of Asistencia Alimentaria


def small_world(engine: Engine) -> World:
    with Session(engine) as session:
        la_plata = Municipality(
            clave="LA PLATA",
            name="La Plata",
            zone="interior",
            population=800_000,
            population_year=2025,
        )
        tandil = Municipality(
            clave="TANDIL",
            name="Tandil",
            zone="interior",
            population=140_000,
            population_year=2025,
        )
        intake = Department(code="ING-MOD", name="Modernización", kind=DepartmentKind.INTAKE)
        food = Department(
            code="DIR-ALIM",
            name="Asistencia Alimentaria",
            kind=DepartmentKind.INTERNAL,
            weekly_capacity=50,
        )
        housing = Department(
            code="DIR-HAB",
            name="Hábitat y Vivienda",
            kind=DepartmentKind.INTERNAL,
            weekly_capacity=30,
        )
        whatsapp = Channel(code="whatsapp", name="WhatsApp")
        email = Channel(code="correo", name="Correo electrónico")
        emergency = Category(code="emergencias", name="Emergencias")
        session.add_all([la_plata, tandil, intake, food, housing, whatsapp, email, emergency])
        session.flush()
        flood = Category(code="inundacion", name="Inundación", parent_id=emergency.id)
        storm = Category(code="temporal", name="Temporal", parent_id=emergency.id)
        citizen = Citizen(
            dni="30123456", first_name="Ana", last_name="Pérez", phone="+54 9 221 555-0101",
            email="ana.perez@example.com", municipality_id=la_plata.id,
        )  # fmt: skip
        session.add_all([flood, storm, citizen])
        session.flush()
        juan = Staff(department_id=food.id, name="Juan Gómez", weekly_capacity=10)
        session.add(juan)
        session.add_all(
            SlaTarget(category_id=category.id, priority=priority, target_hours=hours)
            for category in (flood, storm)
            for priority, hours in zip(Priority, (480, 240, 72, 24), strict=True)
        )
        session.commit()
        return World(
            la_plata=la_plata.id,
            tandil=tandil.id,
            intake=intake.id,
            food=food.id,
            housing=housing.id,
            whatsapp=whatsapp.id,
            email=email.id,
            group_emergency=emergency.id,
            flood=flood.id,
            storm=storm.id,
            citizen=citizen.id,
            juan=juan.id,
        )


def world_of(engine: Engine) -> World:
    """The ids of the catalogue ``small_world`` already wrote, read back by code."""
    with Session(engine) as session:

        def by_code(model, code: str) -> int:
            return session.execute(select(model.id).where(model.code == code)).scalar_one()

        def by_name(model, name: str) -> int:
            return session.execute(select(model.id).where(model.name == name)).scalar_one()

        return World(
            la_plata=by_name(Municipality, "La Plata"),
            tandil=by_name(Municipality, "Tandil"),
            intake=by_code(Department, "ING-MOD"),
            food=by_code(Department, "DIR-ALIM"),
            housing=by_code(Department, "DIR-HAB"),
            whatsapp=by_code(Channel, "whatsapp"),
            email=by_code(Channel, "correo"),
            group_emergency=by_code(Category, "emergencias"),
            flood=by_code(Category, "inundacion"),
            storm=by_code(Category, "temporal"),
            citizen=session.execute(
                select(Citizen.id).where(Citizen.dni == "30123456")
            ).scalar_one(),
            juan=by_name(Staff, "Juan Gómez"),
        )


def add_case(
    engine: Engine,
    world: World,
    *,
    created_at: datetime,
    department: int | None = None,
    channel: int | None = None,
    category: int | None = None,
    municipality: int | None = None,
    due_in: timedelta = timedelta(days=10),
    closed_at: datetime | None = None,
    status: Status | None = None,
    assignee: int | None = None,
    due_at: datetime | None = None,
    paused_at: datetime | None = None,
    intake: int | None = None,
    citizen: int | None = None,
    history: bool = True,
) -> int:
    """One case and the history that leaves it so; closed when ``closed_at`` is given,
    waiting (its clock stopped) when ``paused_at`` is. ``due_at`` overrides ``due_in``. By
    default it came in through Modernización from Ana Pérez. With ``history=False`` only its
    intake event is written: the test writes the rest of its path itself."""
    waiting = Status.EN_ESPERA if paused_at else Status.ASIGNADA
    status = status or (Status.CERRADA if closed_at else waiting)
    assert (status in CLOSED_STATUSES) == (closed_at is not None)
    with Session(engine) as session:
        case = Case(
            code=f"MDC-{created_at.year}-{next(_sequence):06d}",
            citizen_id=citizen or world.citizen,
            channel_id=channel or world.whatsapp,
            intake_department_id=intake or world.intake,
            category_id=category or world.flood,
            priority=Priority.MEDIA,
            status=status,
            department_id=department or world.food,
            assignee_id=assignee,
            municipality_id=municipality or world.la_plata,
            created_at=created_at,
            due_at=due_at or created_at + due_in,
            paused_at=paused_at,
            closed_at=closed_at,
        )
        session.add(case)
        session.flush()
        events = _history(case, intake or world.intake)
        session.add_all(events if history else events[:1])
        session.commit()
        return case.id


def _history(case: Case, intake: int) -> list[CaseEvent]:
    """Events that leave the case as ``add_case`` wrote it, as the hub would have: intake,
    then (at the same instant) its assignment, the start of its wait, its closing."""
    worked = (
        case.status
        if case.status in (Status.NUEVA, Status.ASIGNADA, Status.EN_CURSO, Status.DERIVADA)
        else Status.ASIGNADA
    )
    events = [_event(case, EventKind.CREATED, case.created_at, None, Status.NUEVA,
                     to_department_id=intake, due_at=case.due_at)]  # fmt: skip
    if (worked, case.department_id, case.assignee_id) != (Status.NUEVA, intake, None):
        events.append(_event(case, EventKind.ASSIGNED, case.created_at, Status.NUEVA, worked,
                             from_department_id=intake, to_department_id=case.department_id,
                             assignee_id=case.assignee_id))  # fmt: skip
    if case.paused_at:
        events.append(_event(case, EventKind.STATUS_CHANGED, case.paused_at, worked,
                             Status.EN_ESPERA))  # fmt: skip
    if case.closed_at:
        events.append(_event(case, EventKind.CLOSED, case.closed_at, worked, case.status))
    return events


def _event(
    case: Case, kind: EventKind, at: datetime, before: Status | None, after: Status,
    **columns: object,
) -> CaseEvent:  # fmt: skip
    """One event of ``case`` taking it from status ``before`` to ``after``; ``columns`` are
    the event's other fields (departments, assignee, due date)."""
    return CaseEvent(case_id=case.id, kind=kind, at=at, from_status=before, to_status=after,
                     **columns)  # fmt: skip


def add_imported_case(
    engine: Engine, world: World, *, created_at: datetime, imported_at: datetime
) -> int:
    """A case in food brought in by its own batch (``planilla_vieja.xlsx``) imported at
    ``imported_at``, as the importer records it; returns the batch id."""
    case_id = add_case(engine, world, created_at=created_at, department=world.food)
    with Session(engine) as session, session.begin():
        batch = ImportBatch(
            intake_department_id=world.intake, file_name="planilla_vieja.xlsx", sha256="0" * 64,
            mapping="{}", username="ingreso", imported_at=imported_at, rows_read=1,
            rows_imported=1, rows_already=0, rows_with_errors=0,
        )  # fmt: skip
        session.add(batch)
        session.flush()
        session.add(CaseSource(
            case_id=case_id, batch_id=batch.id, row_number=2, fingerprint=str(case_id),
            intake_department_id=world.intake,
        ))  # fmt: skip
        return batch.id


def add_department(engine: Engine, code: str, name: str, kind: DepartmentKind) -> int:
    """One more department (another intake area, another internal department)."""
    with Session(engine) as session:
        department = Department(code=code, name=name, kind=kind, weekly_capacity=20)
        session.add(department)
        session.commit()
        return department.id


def add_citizen(
    engine: Engine,
    dni: str,
    first_name: str,
    last_name: str,
    *,
    phone: str | None = None,
    email: str | None = None,
    address: str | None = None,
) -> int:
    with Session(engine) as session:
        citizen = Citizen(dni=dni, first_name=first_name, last_name=last_name, phone=phone,
                          email=email, address=address)  # fmt: skip
        session.add(citizen)
        session.commit()
        return citizen.id


def add_duplicate_pair(
    engine: Engine, case_id: int, other_case_id: int, score: int, found_at: datetime
) -> int:
    """A pending pair of probable duplicates, stored as the finder stores it (lower id
    first), with no reasons: for tests of reads that do not render them."""
    first, second = sorted((case_id, other_case_id))
    with Session(engine) as session:
        pair = DuplicatePair(case_id=first, other_case_id=second, score=score, reasons="{}",
                             found_at=found_at)  # fmt: skip
        session.add(pair)
        session.commit()
        return pair.id


PASSWORD = "contraseña-de-prueba"


def add_user(
    engine: Engine, username: str, role: Role, department_ids: tuple[int, ...] = ()
) -> None:
    """A dashboard user with the password ``PASSWORD``, created as an administrator would."""
    create_user(
        engine, Actor("pruebas", Role.ADMIN), username=username, display_name=username.title(),
        role=role, password=PASSWORD, department_ids=department_ids,
    )  # fmt: skip


def add_role_users(engine: Engine, world: World) -> None:
    """One user per role; the supervisor covers Asistencia Alimentaria only, the intake
    clerk works for Modernización."""
    add_user(engine, "supervisora", Role.SUPERVISOR, (world.food,))
    add_user(engine, "gabinete", Role.GABINETE)
    add_user(engine, "mesa", Role.MESA)
    add_user(engine, "admin", Role.ADMIN)
    add_user(engine, "ingreso", Role.INGRESO, (world.intake,))


def add_event(
    engine: Engine,
    case_id: int,
    kind: EventKind,
    at: datetime,
    *,
    from_department: int | None = None,
    to_department: int | None = None,
    from_status: Status | None = None,
    to_status: Status | None = None,
    actor_staff: int | None = None,
    actor_user: int | None = None,
    reason: str | None = None,
    assignee: int | None = None,
    due_at: datetime | None = None,
) -> None:
    """One more event in a case's history (the case row itself is left as it is)."""
    with Session(engine) as session:
        session.add(
            CaseEvent(
                case_id=case_id, kind=kind, at=at, from_department_id=from_department,
                to_department_id=to_department, from_status=from_status, to_status=to_status,
                actor_staff_id=actor_staff, actor_user_id=actor_user, reason=reason,
                assignee_id=assignee, due_at=due_at,
            )
        )  # fmt: skip
        session.commit()


def case_code(engine: Engine, case_id: int) -> str:
    """The public code of a case ``add_case`` wrote."""
    with engine.connect() as connection:
        return connection.execute(select(Case.code).where(Case.id == case_id)).scalar_one()


def close_case(engine: Engine, code: str, at: datetime, *, by_staff: int) -> None:
    """Close a case as the hub's own staff do outside this dashboard: the row (a new
    version) and its ``cerrada`` event in one transaction."""
    with Session(engine) as session, session.begin():
        case = session.execute(select(Case).where(Case.code == code)).scalar_one()
        session.add(_event(case, EventKind.CLOSED, at, case.status, Status.CERRADA,
                           actor_staff_id=by_staff))  # fmt: skip
        case.status, case.closed_at, case.version = Status.CERRADA, at, case.version + 1


def reassignments_made(engine: Engine) -> list[tuple[str, str]]:
    """(username, case code) of every ``reasignada`` event, oldest first."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(User.username, Case.code)
            .select_from(CaseEvent)
            .join(Case, Case.id == CaseEvent.case_id)
            .join(User, User.id == CaseEvent.actor_user_id)
            .where(CaseEvent.kind == EventKind.REASSIGNED)
            .order_by(CaseEvent.id)
        )
        return [tuple(row) for row in rows]


def reassignments_audited(engine: Engine) -> list[tuple[str, str]]:
    """(username, case code) of every reassignment in the audit log, oldest first."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditEntry.username, AuditEntry.target)
            .where(AuditEntry.action == "reasignar")
            .order_by(AuditEntry.id)
        )
        return [tuple(row) for row in rows]
