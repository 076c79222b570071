"""Writes are checked for permission on the server and leave an audit entry, on both databases."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DatabaseError

from auth.accounts import load_account
from auth.passwords import WeakPassword, verify_password
from auth.roles import Actor
from dashboard import commands
from dashboard.domain import Priority, Role
from dashboard.models import AuditEntry, Case, Category, Department, SlaTarget
from tests.builders import add_case, add_role_users, small_world


def audit_rows(engine: Engine) -> list:
    with engine.connect() as connection:
        return connection.execute(select(AuditEntry).order_by(AuditEntry.id)).all()


def code_of(engine: Engine, case_id: int) -> str:
    with engine.connect() as connection:
        return connection.execute(select(Case.code).where(Case.id == case_id)).scalar_one()


@pytest.fixture
def world(engine: Engine):
    w = small_world(engine)
    add_role_users(engine, w)
    return w


def test_a_supervisor_reveals_a_case_in_scope_and_it_is_logged(engine: Engine, world) -> None:
    code = code_of(engine, add_case(engine, world, created_at=datetime(2026, 5, 4)))
    supervisor = Actor("supervisora", Role.SUPERVISOR, (world.food,))
    data = commands.reveal_personal_data(engine, supervisor, code, "Llamar por la entrega")
    assert (data.dni, data.first_name, data.last_name) == ("30123456", "Ana", "Pérez")
    [entry] = audit_rows(engine)[-1:]
    assert (entry.username, entry.action, entry.target, entry.reason) == (
        "supervisora", "revelar_datos", code, "Llamar por la entrega",
    )  # fmt: skip


@pytest.mark.parametrize(
    "actor",
    [
        Actor("supervisora", Role.SUPERVISOR, (999,)),  # another department
        Actor("gabinete", Role.GABINETE),
        Actor("mesa", Role.MESA),
    ],
    ids=["supervisor-out-of-scope", "gabinete", "mesa"],
)
def test_reveal_is_refused_outside_scope_and_for_masked_roles(
    engine: Engine, world, actor: Actor
) -> None:
    code = code_of(engine, add_case(engine, world, created_at=datetime(2026, 5, 4)))
    before = len(audit_rows(engine))
    with pytest.raises(commands.PermissionDenied):
        commands.reveal_personal_data(engine, actor, code, "Motivo suficientemente largo")
    assert len(audit_rows(engine)) == before


def test_reveal_needs_a_stated_reason(engine: Engine, world) -> None:
    code = code_of(engine, add_case(engine, world, created_at=datetime(2026, 5, 4)))
    with pytest.raises(commands.CommandError, match="motivo"):
        commands.reveal_personal_data(engine, Actor("admin", Role.ADMIN), code, "  corto ")


def test_exports_are_logged_with_their_filters(engine: Engine, world) -> None:
    commands.record_export(
        engine,
        Actor("gabinete", Role.GABINETE),
        "resumen_por_canal",
        {"date_from": "2026-01-01"},
        8,
    )
    entry = audit_rows(engine)[-1]
    assert (entry.action, entry.target) == ("exportar", "resumen_por_canal")
    assert json.loads(entry.details) == {"filtros": {"date_from": "2026-01-01"}, "filas": 8}


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.GABINETE, Role.MESA])
def test_only_administrators_manage_users(engine: Engine, world, role: Role) -> None:
    actor = Actor("alguien", role, (world.food,) if role == Role.SUPERVISOR else ())
    with pytest.raises(commands.PermissionDenied):
        commands.set_user_active(engine, actor, "mesa", False)
    with pytest.raises(commands.PermissionDenied):
        commands.create_user(
            engine, actor, username="nuevo", display_name="Nuevo", role=Role.ADMIN,
            password="una-clave-larga",
        )  # fmt: skip


def test_password_reset_and_disabling_revoke_sessions_and_are_logged(engine: Engine, world) -> None:
    admin = Actor("admin", Role.ADMIN)
    commands.reset_password(engine, admin, "mesa", "otra-clave-larga")
    with engine.connect() as connection:
        account = load_account(connection, "mesa")
    assert account.sessions_valid_after is not None
    assert verify_password("otra-clave-larga", account.password_hash)
    commands.set_user_active(engine, admin, "mesa", False)
    with engine.connect() as connection:
        assert load_account(connection, "mesa").active is False
    actions = [entry.action for entry in audit_rows(engine)]
    assert actions[-2:] == ["restablecer_contrasena", "deshabilitar_usuario"]


def test_user_rules_are_enforced_in_the_command(engine: Engine, world) -> None:
    admin = Actor("admin", Role.ADMIN)
    with pytest.raises(commands.CommandError, match="al menos un área"):
        commands.set_user_access(engine, admin, "mesa", Role.SUPERVISOR, ())
    with pytest.raises(commands.CommandError, match="Ya existe"):
        commands.create_user(engine, admin, username="gabinete", display_name="Otro",
                             role=Role.GABINETE, password="una-clave-larga")  # fmt: skip
    with pytest.raises(WeakPassword):
        commands.reset_password(engine, admin, "mesa", "corta")


@pytest.mark.parametrize(
    ("areas", "message"),
    [
        ((), "necesita su área de ingreso"),
        (("food",), "solo puede tener áreas de ingreso"),
        (("intake", "food"), "solo puede tener áreas de ingreso"),
    ],
)
def test_an_intake_clerk_works_for_intake_areas_only(
    engine: Engine, world, areas: tuple[str, ...], message: str
) -> None:
    admin = Actor("admin", Role.ADMIN)
    with pytest.raises(commands.CommandError, match=message):
        commands.set_user_access(engine, admin, "mesa", Role.INGRESO,
                                 tuple(getattr(world, area) for area in areas))  # fmt: skip
    commands.set_user_access(engine, admin, "mesa", Role.INGRESO, (world.intake,))
    with engine.connect() as connection:
        clerk = load_account(connection, "mesa").actor
    assert clerk.role == Role.INGRESO
    assert clerk.may_import(world.intake) and not clerk.may_import(world.food)
    assert Actor("admin", Role.ADMIN).may_import(world.intake)
    assert not Actor("s", Role.SUPERVISOR, (world.intake,)).may_import(world.intake)


def test_the_audit_log_is_append_only(engine: Engine, world) -> None:
    commands.record_export(engine, Actor("gabinete", Role.GABINETE), "x", {}, 0)
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log"))
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET reason = 'x'"))


def test_an_admin_sets_capacity_and_targets_and_adds_a_category(engine: Engine, world) -> None:
    admin = Actor("admin", Role.ADMIN)
    commands.set_department_capacity(engine, admin, world.food, 75, True)
    commands.set_sla_target(engine, admin, world.flood, Priority.URGENTE, 12)
    commands.add_category(
        engine, admin, world.group_emergency, "emer-sequia", "Sequía",
        {Priority.URGENTE: 24, Priority.ALTA: 72, Priority.MEDIA: 240, Priority.BAJA: 480},
    )  # fmt: skip
    with engine.connect() as connection:
        capacity = connection.execute(
            select(Department.weekly_capacity).where(Department.id == world.food)
        ).scalar_one()
        urgent = connection.execute(
            select(SlaTarget.target_hours).where(
                SlaTarget.category_id == world.flood, SlaTarget.priority == Priority.URGENTE
            )
        ).scalar_one()
        drought = connection.execute(
            select(func.count())
            .select_from(SlaTarget)
            .join(Category, Category.id == SlaTarget.category_id)
            .where(Category.code == "emer-sequia")
        ).scalar_one()
    assert (capacity, urgent, drought) == (75, 12, 4)
    actions = [entry.action for entry in audit_rows(engine)][-3:]
    assert actions == ["cambiar_capacidad", "cambiar_meta", "crear_categoria"]


def test_catalogue_rules_are_enforced_in_the_command(engine: Engine, world) -> None:
    admin = Actor("admin", Role.ADMIN)
    with pytest.raises(commands.CommandError):
        commands.set_department_capacity(engine, admin, world.food, -1, True)
    with pytest.raises(commands.CommandError):
        commands.set_sla_target(engine, admin, world.flood, Priority.ALTA, 0)
    with pytest.raises(commands.CommandError, match="Ya existe"):
        commands.add_category(engine, admin, world.group_emergency, "inundacion", "Otra",
                              dict.fromkeys(Priority, 24))  # fmt: skip
    with pytest.raises(commands.PermissionDenied):
        commands.set_sla_target(engine, Actor("mesa", Role.MESA), world.flood, Priority.ALTA, 5)
