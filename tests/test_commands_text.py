"""Free text every command stores is cleaned the same way, on both databases: control
characters go (PostgreSQL refuses NUL, and would show it as an outage), whitespace is trimmed,
a value too long for its column or empty once cleaned is refused in Spanish, naming the field."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import Engine, func, insert, select

from auth.roles import Actor
from dashboard import commands
from dashboard.commands import CommandError, ShownCase
from dashboard.domain import EventKind, Priority, Role, local_now
from dashboard.models import (
    AuditEntry,
    Case,
    CaseEvent,
    Category,
    ImportBatch,
    ImportMapping,
    User,
)
from dashboard.text import clean_text
from tests.builders import add_case, add_duplicate_pair, add_role_users, case_code, small_world

ADMIN = Actor("admin", Role.ADMIN)
#: NUL, bell, escape, DEL and a vertical tab: what a paste from another program brings along.
JUNK = "\x00\x07\x1b\x7f\x0b"
HOURS = dict.fromkeys(Priority, 72)


@pytest.fixture
def world(engine: Engine):
    w = small_world(engine)
    add_role_users(engine, w)
    return w


def last_audit(engine: Engine) -> tuple:
    with engine.connect() as connection:
        return tuple(
            connection.execute(
                select(AuditEntry.action, AuditEntry.target, AuditEntry.reason)
                .order_by(AuditEntry.id.desc())
                .limit(1)
            ).one()
        )


def count(engine: Engine, model) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.mark.parametrize(
    ("value", "lines", "expected"),
    [
        (f" Ana{JUNK}  Pérez\n\tGómez ", False, "Ana Pérez Gómez"),
        (f" Llamó{JUNK} dos veces:\r\n\tpide\x00 turno ", True, "Llamó dos veces:\r\n\tpide turno"),
        (JUNK + " \n ", True, ""),
        (None, False, ""),
    ],
    ids=["one-line", "lines", "only-junk", "none"],
)
def test_clean_text_drops_control_characters_and_keeps_only_wanted_breaks(
    value: str | None, lines: bool, expected: str
) -> None:
    assert clean_text(value, lines=lines) == expected


def test_a_new_user_is_stored_clean(engine: Engine, world) -> None:
    commands.create_user(
        engine, ADMIN, username=f" Nue{JUNK}va ", display_name=f"Ana\x00 {JUNK} Pérez\n",
        email=f" ana{JUNK}@mdc.gba.gob.ar ", role=Role.MESA, password="una-clave-larga",
    )  # fmt: skip
    with engine.connect() as connection:
        user = connection.execute(
            select(User.username, User.display_name, User.email).where(User.username == "nueva")
        ).one()
    assert tuple(user) == ("nueva", "Ana Pérez", "ana@mdc.gba.gob.ar")
    assert last_audit(engine)[:2] == ("crear_usuario", "nueva")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("username", JUNK + "  ", "Completá el usuario."),
        ("display_name", JUNK, "Completá el nombre."),
        ("display_name", "n" * 121, "El nombre no puede pasar de 120 caracteres."),
        ("email", "a" * 110 + "@gmail.com" + JUNK + "x", "El correo no puede pasar de 120"),
    ],
    ids=["username-only-junk", "name-only-junk", "name-too-long", "email-too-long"],
)
def test_a_new_user_s_text_is_refused_in_spanish(
    engine: Engine, world, field: str, value: str, message: str
) -> None:
    given = {"username": "nueva", "display_name": "Nueva", "email": None, field: value}
    before = count(engine, User)
    with pytest.raises(CommandError, match=message):
        commands.create_user(engine, ADMIN, role=Role.MESA, password="una-clave-larga", **given)
    assert count(engine, User) == before


def test_a_new_category_is_stored_clean(engine: Engine, world) -> None:
    commands.add_category(engine, ADMIN, world.group_emergency, f" Granizo{JUNK} ",
                          f"Granizo\x00 y\t{JUNK}viento ", HOURS)  # fmt: skip
    with engine.connect() as connection:
        category = connection.execute(
            select(Category.code, Category.name).where(Category.code == "granizo")
        ).one()
    assert tuple(category) == ("granizo", "Granizo y viento")
    assert last_audit(engine)[:2] == ("crear_categoria", "granizo")


@pytest.mark.parametrize(
    ("code", "name", "message"),
    [
        (JUNK, "Granizo", "Completá el código de la categoría."),
        ("granizo", "\x00 \n", "Completá el nombre de la categoría."),
        ("g" * 61, "Granizo", "El código de la categoría no puede pasar de 60 caracteres."),
    ],
    ids=["code-only-junk", "name-only-junk", "code-too-long"],
)
def test_a_new_category_s_text_is_refused_in_spanish(
    engine: Engine, world, code: str, name: str, message: str
) -> None:
    before = count(engine, Category)
    with pytest.raises(CommandError, match=message):
        commands.add_category(engine, ADMIN, world.group_emergency, code, name, HOURS)
    assert count(engine, Category) == before


def reassign(engine: Engine, world, case_id: int, note: str) -> list[commands.Outcome]:
    with engine.connect() as connection:
        version = connection.execute(select(Case.version).where(Case.id == case_id)).scalar_one()
    supervisor = Actor("supervisora", Role.SUPERVISOR, (world.food,))
    shown = [ShownCase(case_code(engine, case_id), version)]
    return commands.reassign(engine, supervisor, shown, world.housing, None,
                             commands.Reason.OTHER, note)  # fmt: skip


def test_a_reassignment_note_keeps_its_lines_and_loses_its_control_characters(
    engine: Engine, world
) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4))
    [outcome] = reassign(engine, world, case_id, f"  Es de vivienda:{JUNK}\npide chapas\x00 ")
    assert outcome.moved
    with engine.connect() as connection:
        note = connection.execute(
            select(CaseEvent.note).where(CaseEvent.kind == EventKind.REASSIGNED)
        ).scalar_one()
    assert note == "Es de vivienda:\npide chapas"
    assert last_audit(engine)[2] == note


@pytest.mark.parametrize(
    ("note", "message"),
    [
        (JUNK * 4 + "corto", "Explicá el motivo en al menos 10 caracteres."),
        ("x" * 301, "La explicación no puede pasar de 300 caracteres."),
    ],
    ids=["short-once-clean", "longer-than-the-audit-log"],
)
def test_a_reassignment_note_is_refused_in_spanish(
    engine: Engine, world, note: str, message: str
) -> None:
    case_id = add_case(engine, world, created_at=datetime(2026, 5, 4))
    with pytest.raises(CommandError, match=message):
        reassign(engine, world, case_id, note)
    with engine.connect() as connection:
        assert connection.execute(select(Case.department_id)).scalar_one() == world.food


def test_a_saved_mapping_s_name_is_stored_clean(engine: Engine, world) -> None:
    clerk = Actor("ingreso", Role.INGRESO, (world.intake,))
    commands.save_import_mapping(engine, clerk, world.intake, f" Planilla{JUNK}  mensual ", {})
    with pytest.raises(CommandError, match="Poné un nombre al mapeo"):
        commands.save_import_mapping(engine, clerk, world.intake, JUNK, {})
    with engine.connect() as connection:
        assert connection.execute(select(ImportMapping.name)).scalars().all() == [
            "Planilla mensual"
        ]


def test_a_reason_to_reveal_is_logged_clean(engine: Engine, world) -> None:
    code = case_code(engine, add_case(engine, world, created_at=datetime(2026, 5, 4)))
    supervisor = Actor("supervisora", Role.SUPERVISOR, (world.food,))
    commands.reveal_personal_data(engine, supervisor, code, f"Llamar{JUNK}\npor la entrega\x00")
    assert last_audit(engine) == ("revelar_datos", code, "Llamar\npor la entrega")


def test_a_reason_to_undo_an_import_is_stored_clean(engine: Engine, world) -> None:
    with engine.begin() as connection:
        batch_id = connection.execute(
            insert(ImportBatch).values(
                intake_department_id=world.intake, file_name="planilla.csv", sha256="0" * 64,
                mapping="{}", username="ingreso", imported_at=local_now(), rows_read=0,
                rows_imported=0, rows_already=0, rows_with_errors=0,
            ).returning(ImportBatch.id)
        ).scalar_one()  # fmt: skip
    clerk = Actor("ingreso", Role.INGRESO, (world.intake,))
    commands.undo_import(engine, clerk, batch_id, f"Era\x00 de otra{JUNK} semana")
    with engine.connect() as connection:
        stored = connection.execute(
            select(ImportBatch.undo_reason).where(ImportBatch.id == batch_id)
        ).scalar_one()
    assert stored == "Era de otra semana"
    assert last_audit(engine)[2] == stored


def test_a_reason_to_undo_a_merge_is_stored_clean(engine: Engine, world) -> None:
    first, second = (add_case(engine, world, created_at=datetime(2026, 5, day)) for day in (4, 5))
    pair_id = add_duplicate_pair(engine, first, second, 90, datetime(2026, 5, 6))
    codes = [case_code(engine, first), case_code(engine, second)]
    with engine.connect() as connection:
        versions = dict(connection.execute(select(Case.code, Case.version)).all())
    commands.merge_duplicates(engine, ADMIN, pair_id, codes[0], versions)
    outcome = commands.undo_merge(engine, ADMIN, pair_id, f"Eran\x00 dos{JUNK} pedidos")
    assert outcome.duplicate_code == codes[1]
    with engine.connect() as connection:
        notes = connection.execute(
            select(CaseEvent.note).where(CaseEvent.note.is_not(None))
        ).scalars().all()  # fmt: skip
    assert notes == ["Eran dos pedidos", "Eran dos pedidos"]
    assert last_audit(engine)[2] == "Eran dos pedidos"
