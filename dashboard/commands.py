"""Every write the dashboard makes, each checked for permission here on the server.

A command takes the acting person (``auth.roles.Actor``), checks what they may do, writes its
change and its audit entry in one transaction, and returns a result the page can show.
Pages never write to the database themselves; hidden buttons are not security.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from auth.passwords import hash_password
from auth.roles import MAY_RECORD_EVIDENCE, Actor
from dashboard.deadlines import resumed_due_at
from dashboard.domain import (
    CLOSED_STATUSES,
    DepartmentKind,
    DuplicateDecision,
    EventKind,
    Priority,
    Role,
    Status,
    local_now,
    status_after_move,
)
from dashboard.duplicates.find import check_cases
from dashboard.evidence.baseline import (
    FrozenBaseline,
    compute,
    content_hash,
    filters_document,
    filters_json,
    stored_json,
)
from dashboard.evidence.changes import Touches, parse_touches, touches_json
from dashboard.i18n import translate
from dashboard.imports.prepare import Prepared
from dashboard.imports.progress import Progress, silent
from dashboard.imports.readers import SourceFile
from dashboard.imports.write import Target as ImportTarget
from dashboard.imports.write import already_imported, write_cases
from dashboard.models import (
    AuditEntry,
    Baseline,
    Case,
    CaseEvent,
    CaseSource,
    Category,
    Channel,
    Citizen,
    Department,
    DuplicatePair,
    ImportBatch,
    ImportMapping,
    ProcessChange,
    SlaTarget,
    Staff,
    User,
    user_departments,
)
from dashboard.text import clean_name, clean_text
from queries.case_changes import ever_in_scope, latest_change
from queries.filters import CaseFilters

MIN_REASON_LENGTH = 10
#: The audit log's ``reason`` column, where every stated reason and note ends up.
MAX_REASON_LENGTH = AuditEntry.reason.type.length


class CommandError(ValueError):
    """The request cannot be carried out as asked; the message says why, in Spanish."""


class PermissionDenied(CommandError):
    """The acting person may not do this, whatever the page offered them."""


@dataclass(frozen=True)
class PersonalData:
    case_code: str
    dni: str | None  # someone a sheet named without a DNI
    first_name: str
    last_name: str
    phone: str | None
    email: str | None
    address: str | None


def audit(
    connection: Connection,
    actor: Actor,
    action: str,
    *,
    target: str | None = None,
    reason: str | None = None,
    details: dict | None = None,
    at: datetime | None = None,
) -> None:
    """Append one entry to the audit log (inside the caller's transaction)."""
    connection.execute(
        insert(AuditEntry).values(
            at=at or local_now(),
            username=actor.username,
            role=str(actor.role),
            action=action,
            target=target,
            reason=reason,
            details=json.dumps(details, ensure_ascii=False, default=str) if details else None,
        )
    )


def reveal_personal_data(engine: Engine, actor: Actor, case_code: str, reason: str) -> PersonalData:
    """The citizen's data behind one case, for a stated reason, logged before it is returned."""
    reason = _required_reason(reason)
    with engine.begin() as connection:
        row = connection.execute(
            select(
                Case.department_id, Citizen.dni, Citizen.first_name, Citizen.last_name,
                Citizen.phone, Citizen.email, Citizen.address, Case.citizen_id,
            )
            .outerjoin(Citizen, Citizen.id == Case.citizen_id)
            .where(Case.code == case_code)
        ).one_or_none()  # fmt: skip
        if row is None:
            raise CommandError(f"No existe la solicitud {case_code}.")
        if not actor.may_reveal(row.department_id):
            raise PermissionDenied(
                f"Tu rol no permite ver los datos personales de la solicitud {case_code}."
            )
        if row.citizen_id is None:
            raise CommandError(
                f"La solicitud {case_code} no tiene ciudadano identificado: "
                "no hay datos personales para ver."
            )
        audit(connection, actor, "revelar_datos", target=case_code, reason=reason)
        return PersonalData(
            case_code, row.dni, row.first_name, row.last_name, row.phone, row.email, row.address
        )


def record_export(
    engine: Engine,
    actor: Actor,
    what: str,
    filters: dict,
    rows: int,
    *,
    file_format: str | None = None,
) -> None:
    """Log an export: who took which figures out of the dashboard, with which filters, and
    as which kind of file (``"csv"``, ``"xlsx"``) when the caller says."""
    details = {"filtros": filters, "filas": rows}
    if file_format is not None:
        details["formato"] = file_format
    with engine.begin() as connection:
        audit(connection, actor, "exportar", target=what, details=details)


def end_sessions(engine: Engine, username: str) -> None:
    """Revoke every login cookie of ``username`` issued until now (logout)."""
    with engine.begin() as connection:
        _revoke(connection, username)
        audit(connection, Actor(username, _role_of(connection, username)), "cerrar_sesion")


def create_user(
    engine: Engine,
    actor: Actor,
    *,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    department_ids: tuple[int, ...] = (),
    email: str | None = None,
) -> None:
    _require_admin(actor)
    username = _clean_text(username.lower(), what="el usuario", limit=User.username.type.length)
    display_name = _clean_text(display_name, what="el nombre", limit=User.display_name.type.length)
    email = _clean_text(email, what="el correo", limit=User.email.type.length, minimum=0) or None
    password_hash = hash_password(password)
    with engine.begin() as connection:
        if connection.execute(select(User.id).where(User.username == username)).first():
            raise CommandError(f"Ya existe el usuario {username}.")
        _check_departments(connection, role, department_ids)
        user_id = connection.execute(
            insert(User)
            .values(
                username=username, display_name=display_name, email=email,
                password_hash=password_hash, role=role, active=True, created_at=local_now(),
            )
            .returning(User.id)
        ).scalar_one()  # fmt: skip
        _set_departments(connection, user_id, department_ids)
        audit(connection, actor, "crear_usuario", target=username,
              details={"rol": str(role), "areas": list(department_ids)})  # fmt: skip


def set_user_active(engine: Engine, actor: Actor, username: str, active: bool) -> None:
    """Disable (which also ends every session) or re-enable a user."""
    _require_admin(actor)
    with engine.begin() as connection:
        user_id = _user_id(connection, username)
        connection.execute(update(User).where(User.id == user_id).values(active=active))
        if not active:
            _revoke(connection, username)
        audit(connection, actor, "habilitar_usuario" if active else "deshabilitar_usuario",
              target=username)  # fmt: skip


def reset_password(engine: Engine, actor: Actor, username: str, new_password: str) -> None:
    """Set a new password; every cookie issued with the old one stops working."""
    _require_admin(actor)
    password_hash = hash_password(new_password)
    with engine.begin() as connection:
        user_id = _user_id(connection, username)
        connection.execute(
            update(User).where(User.id == user_id).values(password_hash=password_hash)
        )
        _revoke(connection, username)
        audit(connection, actor, "restablecer_contrasena", target=username)


def set_user_access(
    engine: Engine, actor: Actor, username: str, role: Role, department_ids: tuple[int, ...]
) -> None:
    _require_admin(actor)
    with engine.begin() as connection:
        user_id = _user_id(connection, username)
        _check_departments(connection, role, department_ids)
        connection.execute(update(User).where(User.id == user_id).values(role=role))
        _set_departments(connection, user_id, department_ids)
        audit(connection, actor, "cambiar_acceso", target=username,
              details={"rol": str(role), "areas": list(department_ids)})  # fmt: skip


def set_department_capacity(
    engine: Engine, actor: Actor, department_id: int, weekly_capacity: int, active: bool
) -> None:
    """A department's weekly capacity (cases per week) and whether it takes cases."""
    _require_admin(actor)
    if weekly_capacity < 0:
        raise CommandError("La capacidad semanal no puede ser negativa.")
    with engine.begin() as connection:
        code = connection.execute(
            select(Department.code).where(
                Department.id == department_id,
                Department.kind.in_([DepartmentKind.INTERNAL, DepartmentKind.INTAKE]),
            )
        ).scalar()
        if code is None:
            raise CommandError("Esa área no existe o es un actor externo.")
        connection.execute(
            update(Department)
            .where(Department.id == department_id)
            .values(weekly_capacity=weekly_capacity, active=active)
        )
        audit(connection, actor, "cambiar_capacidad", target=code,
              details={"capacidad_semanal": weekly_capacity, "activa": active})  # fmt: skip


def set_sla_target(
    engine: Engine, actor: Actor, category_id: int, priority: Priority, hours: int
) -> None:
    """Hours allowed from creation to close for one category and priority."""
    _require_admin(actor)
    if not 1 <= hours <= 24 * 365:
        raise CommandError("La meta debe estar entre 1 hora y 1 año (8760 horas).")
    with engine.begin() as connection:
        changed = connection.execute(
            update(SlaTarget)
            .where(SlaTarget.category_id == category_id, SlaTarget.priority == priority)
            .values(target_hours=hours)
        ).rowcount
        if changed != 1:
            raise CommandError("Esa categoría no tiene meta para esa prioridad.")
        audit(connection, actor, "cambiar_meta", target=f"{category_id}/{priority}",
              details={"horas": hours})  # fmt: skip


def add_category(
    engine: Engine, actor: Actor, group_id: int, code: str, name: str, hours: dict[Priority, int]
) -> None:
    """A new category inside a group, with its target hours for every priority."""
    _require_admin(actor)
    code = _clean_text(
        code.lower(), what="el código de la categoría", limit=Category.code.type.length
    )
    name = _clean_text(name, what="el nombre de la categoría", limit=Category.name.type.length)
    if set(hours) != set(Priority) or not all(1 <= h <= 24 * 365 for h in hours.values()):
        raise CommandError("Indicá una meta de 1 a 8760 horas para cada prioridad.")
    with engine.begin() as connection:
        group = connection.execute(
            select(Category.id).where(Category.id == group_id, Category.parent_id.is_(None))
        ).scalar()
        if group is None:
            raise CommandError("Elegí un grupo de categorías existente.")
        if connection.execute(select(Category.id).where(Category.code == code)).first():
            raise CommandError(f"Ya existe una categoría con el código {code}.")
        category_id = connection.execute(
            insert(Category).values(code=code, name=name, parent_id=group_id).returning(Category.id)
        ).scalar_one()
        connection.execute(
            insert(SlaTarget),
            [
                {"category_id": category_id, "priority": p, "target_hours": h}
                for p, h in hours.items()
            ],
        )
        targets = {str(priority): value for priority, value in hours.items()}
        audit(connection, actor, "crear_categoria", target=code,
              details={"grupo": group_id, "metas": targets})  # fmt: skip


# Process changes (issue 15): what the task force changed and when, so the evidence can
# compare the weeks before and after. Only ``mesa`` and ``admin`` write them; an edit names
# the ``version`` it was made on, so one person cannot overwrite another's edit unseen.

#: Shortest and longest name of a process change (the column is 120 wide).
CHANGE_NAME_LENGTHS = (3, ProcessChange.name.type.length)
#: Longest description kept; the column has no width, this keeps a pasted document out.
MAX_CHANGE_DESCRIPTION = 4000
#: Earliest effective date accepted, and how far ahead a planned change may be dated.
EARLIEST_CHANGE = date(2000, 1, 1)
LATEST_CHANGE_AHEAD = timedelta(days=365)


@dataclass(frozen=True)
class ProcessChangeOutcome:
    """The change as stored by the command: its id, name and the version to edit next."""

    change_id: int
    name: str
    version: int


@dataclass(frozen=True)
class _ChangeFields:
    name: str
    description: str
    effective_on: date
    touches: str  # as stored (``touches_json``)


def register_process_change(
    engine: Engine,
    actor: Actor,
    name: str,
    description: str,
    effective_on: date,
    touches: Mapping[str, Iterable[int]],
) -> ProcessChangeOutcome:
    """Record a process change and audit it, both or neither."""
    _require_evidence_role(actor)
    fields = _change_fields(name, description, effective_on, touches)
    with _one_name(fields.name), engine.begin() as connection:
        _check_touches(connection, parse_touches(fields.touches))
        _check_unique_name(connection, fields.name)
        now = local_now()
        change_id = connection.execute(
            insert(ProcessChange)
            .values(
                name=fields.name, description=fields.description,
                effective_on=fields.effective_on, touches=fields.touches,
                registered_by=actor.username, registered_at=now, updated_by=actor.username,
                updated_at=now, version=1,
            )
            .returning(ProcessChange.id)
        ).scalar_one()  # fmt: skip
        audit(connection, actor, "registrar_cambio_proceso", target=fields.name,
              details=_change_details(fields), at=now)  # fmt: skip
    return ProcessChangeOutcome(change_id, fields.name, 1)


def edit_process_change(
    engine: Engine,
    actor: Actor,
    change_id: int,
    version: int,
    name: str,
    description: str,
    effective_on: date,
    touches: Mapping[str, Iterable[int]],
) -> ProcessChangeOutcome:
    """Rewrite a change as edited on ``version``; refused, with nothing written, when
    someone saved another version meanwhile. The audit entry keeps what changed, before
    and after."""
    _require_evidence_role(actor)
    fields = _change_fields(name, description, effective_on, touches)
    with _one_name(fields.name), engine.begin() as connection:
        stored = connection.execute(
            select(ProcessChange).where(ProcessChange.id == change_id)
        ).one_or_none()
        if stored is None:
            raise CommandError("Ese cambio de proceso ya no existe.")
        if stored.version != version:
            raise CommandError(_change_edited_meanwhile(stored.name))
        _check_touches(connection, parse_touches(fields.touches))
        _check_unique_name(connection, fields.name, change_id)
        before = _ChangeFields(stored.name, stored.description, stored.effective_on,
                               stored.touches)  # fmt: skip
        changed = _changed_fields(before, fields)
        if not changed:
            raise CommandError("No cambiaste nada: el cambio de proceso queda como estaba.")
        now = local_now()
        written = connection.execute(
            update(ProcessChange)
            .where(ProcessChange.id == change_id, ProcessChange.version == version)
            .values(
                name=fields.name, description=fields.description,
                effective_on=fields.effective_on, touches=fields.touches,
                updated_by=actor.username, updated_at=now, version=version + 1,
            )
        ).rowcount  # fmt: skip
        if written != 1:
            raise CommandError(_change_edited_meanwhile(stored.name))
        audit(connection, actor, "editar_cambio_proceso", target=fields.name, at=now,
              details={"antes": _change_details(before, changed),
                       "despues": _change_details(fields, changed)})  # fmt: skip
    return ProcessChangeOutcome(change_id, fields.name, version + 1)


def _require_evidence_role(actor: Actor) -> None:
    if actor.role not in MAY_RECORD_EVIDENCE:
        raise PermissionDenied(
            "Solo la mesa de trabajo y los administradores registran y editan cambios de proceso."
        )


def _change_fields(
    name: str, description: str, effective_on: date, touches: Mapping[str, Iterable[int]]
) -> _ChangeFields:
    """The typed values as stored, or a Spanish refusal of the first one that is wrong."""
    shortest, longest = CHANGE_NAME_LENGTHS
    name = _clean_text(
        name, what="el nombre del cambio", limit=longest, minimum=shortest,
        missing=f"El nombre del cambio necesita al menos {shortest} caracteres.",
    )  # fmt: skip
    description = _clean_text(
        description, what="la descripción", limit=MAX_CHANGE_DESCRIPTION, lines=True
    )
    latest = local_now().date() + LATEST_CHANGE_AHEAD
    if not isinstance(effective_on, date) or not EARLIEST_CHANGE <= effective_on <= latest:
        raise CommandError(
            f"La fecha en que rige debe estar entre el {EARLIEST_CHANGE:%d/%m/%Y} y el "
            f"{latest:%d/%m/%Y}."
        )
    try:
        stored = touches_json(touches)
    except (TypeError, ValueError) as wrong:
        raise CommandError("No se entiende qué tocó el cambio: elegilo de las listas.") from wrong
    if not any(parse_touches(stored).values()):
        raise CommandError(
            "Indicá qué tocó el cambio: al menos un área, área de ingreso, canal o grupo de "
            "categorías."
        )
    return _ChangeFields(name, description, effective_on, stored)


#: What each kind of touch must be, and how a refusal names it.
_TOUCH_TABLES = {
    "department": (select(Department.id).where(Department.kind == DepartmentKind.INTERNAL),
                   "áreas"),
    "intake_area": (select(Department.id).where(Department.kind == DepartmentKind.INTAKE),
                    "áreas de ingreso"),
    "channel": (select(Channel.id), "canales"),
    "category_group": (select(Category.id).where(Category.parent_id.is_(None)),
                       "grupos de categorías"),
}  # fmt: skip


def _check_touches(connection: Connection, touches: Touches) -> None:
    """Every id names an existing thing of its kind: a category where a group is expected,
    or an outside actor where a department is, is refused."""
    for kind, ids in touches.items():
        if not ids:
            continue
        query, words = _TOUCH_TABLES[kind]
        found = set(connection.execute(query.where(query.selected_columns[0].in_(ids))).scalars())
        if found != set(ids):
            raise CommandError(f"Alguno de los {words} elegidos no existe o no es de ese tipo.")


def _check_unique_name(connection: Connection, name: str, change_id: int | None = None) -> None:
    """Names are compared regardless of case, so the evidence's command line finds one."""
    clash = select(ProcessChange.id).where(func.lower(ProcessChange.name) == func.lower(name))
    if change_id is not None:
        clash = clash.where(ProcessChange.id != change_id)
    if connection.execute(clash).first():
        raise CommandError(_name_taken(name))


@contextmanager
def _one_name(name: str) -> Iterator[None]:
    """Two people saving one name at the same moment both pass ``_check_unique_name``; the
    unique index refuses the second, and this says so in words instead of a traceback."""
    try:
        yield
    except IntegrityError as clash:
        raise CommandError(_name_taken(name)) from clash


def _name_taken(name: str) -> str:
    return f"Ya hay un cambio de proceso llamado «{name}»: elegí otro nombre."


def _changed_fields(before: _ChangeFields, after: _ChangeFields) -> tuple[str, ...]:
    return tuple(
        field
        for field in ("name", "description", "effective_on", "touches")
        if getattr(before, field) != getattr(after, field)
    )


#: The audit details' words for each field of a change.
_CHANGE_DETAIL_NAMES = {
    "name": "nombre", "description": "descripcion", "effective_on": "rige_desde",
    "touches": "toca",
}  # fmt: skip


def _change_details(fields: _ChangeFields, only: tuple[str, ...] | None = None) -> dict:
    """``fields`` as the audit log keeps them (all, or the ``only`` ones)."""
    values = {
        "name": fields.name,
        "description": fields.description,
        "effective_on": fields.effective_on.isoformat(),
        "touches": {kind: list(ids) for kind, ids in parse_touches(fields.touches).items() if ids},
    }
    return {_CHANGE_DETAIL_NAMES[field]: values[field] for field in only or values}


def _change_edited_meanwhile(name: str) -> str:
    return (
        f"No se guardó: otra persona lo cambió mientras lo mirabas («{name}»). Mirá en la "
        "lista cómo quedó y repetí tu edición si todavía hace falta."
    )


def _required_reason(reason: str) -> str:
    """The stated reason as the audit log keeps it, line breaks included (it is typed in a
    text area), at least ``MIN_REASON_LENGTH`` long."""
    return _clean_text(
        reason, what="el motivo", limit=MAX_REASON_LENGTH, minimum=MIN_REASON_LENGTH, lines=True,
        missing=f"Indicá el motivo (al menos {MIN_REASON_LENGTH} caracteres): queda registrado.",
    )  # fmt: skip


def _clean_text(
    value: str | None,
    *,
    what: str,
    limit: int,
    minimum: int = 1,
    lines: bool = False,
    missing: str | None = None,
) -> str:
    """Free text as a command stores it (``dashboard.text.clean_text``), refused in Spanish
    when shorter than ``minimum`` once cleaned (0: optional) or longer than ``limit``, its
    column's width: PostgreSQL enforces widths (an outage on the page), SQLite does not.
    ``what`` names the field, with its article; ``missing`` words a refusal of a value too
    short other than "Completá ...". Single-line values lose their line breaks."""
    text = clean_text(value, lines=lines)
    if len(text) < minimum:
        raise CommandError(missing or f"Completá {what}.")
    if len(text) > limit:
        raise CommandError(f"{what[0].upper()}{what[1:]} no puede pasar de {limit} caracteres.")
    return text


def _require_admin(actor: Actor) -> None:
    if actor.role != Role.ADMIN:
        raise PermissionDenied("Solo un administrador puede gestionar usuarios.")


def _user_id(connection: Connection, username: str) -> int:
    user_id = connection.execute(select(User.id).where(User.username == username)).scalar()
    if user_id is None:
        raise CommandError(f"No existe el usuario {username}.")
    return user_id


def _role_of(connection: Connection, username: str) -> Role:
    return Role(connection.execute(select(User.role).where(User.username == username)).scalar_one())


def _revoke(connection: Connection, username: str) -> None:
    connection.execute(
        update(User).where(User.username == username).values(sessions_valid_after=local_now())
    )


def _check_departments(connection: Connection, role: Role, department_ids: tuple[int, ...]) -> None:
    """Supervisors have departments in charge and intake clerks their intake area(s); the
    other roles read the whole province and have none."""
    if role == Role.SUPERVISOR and not department_ids:
        raise CommandError("Un supervisor necesita al menos un área a cargo.")
    if role == Role.INGRESO and not department_ids:
        raise CommandError("Un usuario de ingreso necesita su área de ingreso.")
    if role not in (Role.SUPERVISOR, Role.INGRESO) and department_ids:
        raise CommandError(
            "Solo supervisión e ingreso tienen áreas a cargo; los demás roles ven toda la "
            "provincia."
        )
    kinds = dict(
        connection.execute(
            select(Department.id, Department.kind).where(Department.id.in_(department_ids))
        ).all()
    )
    if set(kinds) != set(department_ids):
        raise CommandError("Alguna de las áreas elegidas no existe.")
    if role == Role.INGRESO and set(kinds.values()) != {DepartmentKind.INTAKE}:
        raise CommandError("Un usuario de ingreso solo puede tener áreas de ingreso.")


def _set_departments(connection: Connection, user_id: int, department_ids: tuple[int, ...]) -> None:
    connection.execute(delete(user_departments).where(user_departments.c.user_id == user_id))
    if department_ids:
        connection.execute(
            insert(user_departments),
            [{"user_id": user_id, "department_id": d} for d in department_ids],
        )


# Reassignment. Each case moves in its own transaction (its row and its ``reasignada`` event
# together, or neither), guarded by optimistic concurrency on ``cases.version``: a case that
# changed since the form was drawn is refused and reported, the others still move. A bulk
# move reports per case what moved and what did not; it is not all-or-nothing.

MIN_NOTE_LENGTH = 10


class Reason(StrEnum):
    OVER_CAPACITY = "sobrecarga"
    WRONG_CATEGORY = "categoria_equivocada"
    OTHER_COMPETENCE = "competencia_de_otra_area"
    ABSENCE = "ausencia"
    OTHER = "otro"


@dataclass(frozen=True)
class ShownCase:
    """A case as the form showed it: its code and the version the user saw."""

    code: str
    version: int


class OutcomeKind(StrEnum):
    """What became of one case of a reassignment; the page words each kind in its language."""

    MOVED = "movida"
    #: Its version differs from the one the form showed: someone or something else changed it.
    CHANGED = "cambiada"
    #: Closed, void or merged at the version the form showed.
    CLOSED = "cerrada"
    OUTSIDE = "fuera_de_alcance"
    MISSING = "inexistente"


@dataclass(frozen=True)
class CaseChange:
    """What last happened to a case that changed under the form, and where it is now
    (``queries.case_changes.latest_change``, the definition the page's warning uses too)."""

    at: datetime
    event: EventKind
    #: Who did it: a dashboard user's or a staff member's name; None for the hub's automation.
    by: str | None
    department: str
    status: Status


@dataclass(frozen=True)
class Outcome:
    """One case's result. ``message`` is a Spanish sentence for the command line; the page
    words ``kind`` (and ``change``, filled for ``CHANGED``) in the reader's language."""

    code: str
    moved: bool
    message: str
    kind: OutcomeKind
    change: CaseChange | None = None


def reassign(
    engine: Engine,
    actor: Actor,
    cases: Sequence[ShownCase],
    target_department_id: int | None,
    assignee_id: int | None,
    reason: Reason | None,
    note: str,
) -> list[Outcome]:
    """Move ``cases`` to a department (and optionally a person); one outcome per case. The
    note keeps its line breaks: it is typed in a text area and read in the case's history."""
    if not actor.may_reassign:
        raise PermissionDenied("Solo la supervisión de un área puede reasignar solicitudes.")
    if not cases:
        raise CommandError("Elegí al menos una solicitud.")
    if target_department_id is None:
        raise CommandError("Elegí el área de destino.")
    if reason not in {choice.value for choice in Reason}:
        raise CommandError("Elegí un motivo de la lista.")
    note = _clean_text(
        note, what="la explicación", limit=MAX_REASON_LENGTH, minimum=MIN_NOTE_LENGTH, lines=True,
        missing=f"Explicá el motivo en al menos {MIN_NOTE_LENGTH} caracteres.",
    )  # fmt: skip
    with engine.connect() as connection:
        target = _check_target(connection, target_department_id, assignee_id)
        user_id = connection.execute(
            select(User.id).where(User.username == actor.username)
        ).scalar()
    return [
        _move_one(
            engine, actor, user_id, shown, (target_department_id, target), assignee_id,
            Reason(reason), note,
        )
        for shown in cases
    ]  # fmt: skip


def _check_target(connection: Connection, department_id: int, assignee_id: int | None) -> str:
    """The target department's name, after checking it and the assignee exist and fit."""
    department = connection.execute(
        select(Department.name, Department.kind, Department.active).where(
            Department.id == department_id
        )
    ).one_or_none()
    if department is None or department.kind != DepartmentKind.INTERNAL or not department.active:
        raise CommandError("El área de destino no existe o no recibe solicitudes.")
    if assignee_id is not None:
        person = connection.execute(
            select(Staff.department_id, Staff.active).where(Staff.id == assignee_id)
        ).one_or_none()
        if person is None or person.department_id != department_id:
            raise CommandError(f"La persona elegida no trabaja en {department.name}.")
        if not person.active:
            raise CommandError("La persona elegida no está activa.")
    return department.name


def _move_one(
    engine: Engine,
    actor: Actor,
    user_id: int | None,
    shown: ShownCase,
    target: tuple[int, str],
    assignee_id: int | None,
    reason: Reason,
    note: str,
) -> Outcome:
    with engine.begin() as connection:
        case = connection.execute(
            select(Case.id, Case.department_id, Case.status, Case.version, Case.due_at,
                   Case.paused_at, Department.name)
            .join(Department, Department.id == Case.department_id)
            .where(Case.code == shown.code)
        ).one_or_none()  # fmt: skip
        refusal = _refusal(connection, actor, shown, case)
        if refusal:
            return refusal
        target_id, target_name = target
        now = local_now()
        status = status_after_move(target_id != case.department_id, assignee_id is not None)
        # A waiting case that moves is no longer waiting: its clock runs again.
        resumed = resumed_due_at(case.due_at, case.paused_at, now) if case.paused_at else None
        changed = connection.execute(
            update(Case)
            .where(Case.id == case.id, Case.version == shown.version)
            .values(
                department_id=target_id,
                assignee_id=assignee_id,
                status=status,
                version=Case.version + 1,
                due_at=resumed or case.due_at,
                paused_at=None,
            )
        ).rowcount
        if changed != 1:  # changed between our read and our write (it was in scope at our read)
            return _changed(connection, shown.code)
        connection.execute(
            insert(CaseEvent).values(
                case_id=case.id, kind=EventKind.REASSIGNED, at=now, actor_user_id=user_id,
                from_department_id=case.department_id, to_department_id=target_id,
                from_status=case.status, to_status=status, reason=str(reason),
                note=note, assignee_id=assignee_id, due_at=resumed,
            )
        )  # fmt: skip
        audit(connection, actor, "reasignar", target=shown.code, reason=note, at=now,
              details={"de": case.name, "a": target_name, "motivo": str(reason)})  # fmt: skip
    return Outcome(
        shown.code, True, f"{shown.code} pasó de {case.name} a {target_name}.", OutcomeKind.MOVED
    )


def _refusal(
    connection: Connection, actor: Actor, shown: ShownCase, case: Row | None
) -> Outcome | None:
    """Why ``case`` stays where it is, or None. A changed version is told in full before the
    scope is checked, since the change may be what took the case out of the actor's
    departments; but only for a case that was ever hers, or a made-up version would reveal
    where any case went."""
    code = shown.code
    if case is None:
        return _refused(code, OutcomeKind.MISSING, f"{code} no existe.")
    if case.version != shown.version and _was_ever_in_scope(connection, case.id, actor.scope):
        return _changed(connection, code)
    if not actor.covers(case.department_id):
        outside = f"{code} no está entre las solicitudes de tus áreas."
        return _refused(code, OutcomeKind.OUTSIDE, outside)
    if case.status in CLOSED_STATUSES:
        return _refused(code, OutcomeKind.CLOSED, f"{code} está {case.status}: no se puede mover.")
    return None


def _refused(code: str, kind: OutcomeKind, message: str) -> Outcome:
    return Outcome(code, False, message, kind)


def _was_ever_in_scope(connection: Connection, case_id: int, scope: tuple[int, ...] | None) -> bool:
    return bool(connection.execute(select(ever_in_scope(scope)).where(Case.id == case_id)).scalar())


def _changed(connection: Connection, code: str) -> Outcome:
    """The refusal of a case that changed since the form was drawn, re-read as it is now."""
    row = connection.execute(latest_change([code])).one()
    change = CaseChange(row.at, EventKind(row.event), row.by, row.department, Status(row.status))
    by = f"por {change.by}" if change.by else "por el sistema"
    message = (
        f"{code} no se movió: cambió desde que la marcaste. Última novedad: "
        f"{translate(f'event.{change.event}')} {by} el {change.at:%d/%m/%Y %H:%M}; ahora está "
        f"en {change.department}, estado {translate(f'status.{change.status}')}."
    )
    return Outcome(code, False, message, OutcomeKind.CHANGED, change)


# Imports. A sheet's confirmed rows are written in one transaction with their batch, events,
# provenance and audit entry, or not at all; rows an earlier batch of the area already wrote
# are skipped (``case_sources``' unique fingerprint holds even against two clerks at once).


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: its batch (None when nothing was new) and its counts."""

    batch_id: int | None
    imported: int
    already: int
    #: New pairs of probable duplicates the imported cases form with the base.
    possible_duplicates: int = 0


def import_sheet(
    engine: Engine,
    actor: Actor,
    intake_department_id: int,
    source: SourceFile,
    sheet: str | None,
    mapping: dict,
    prepared: Prepared,
    progress: Progress = silent,
) -> ImportOutcome:
    """Write the new rows of ``prepared`` (read from ``source`` with ``mapping``), telling
    ``progress`` how far the writing got."""
    try:
        with engine.begin() as connection:
            _check_intake_area(connection, actor, intake_department_id)
            fingerprints = [row.fingerprint for row in prepared.cases]
            done = already_imported(connection, intake_department_id, fingerprints)
            new = [row for row in prepared.cases if row.fingerprint not in done]
            if not new:
                return ImportOutcome(None, 0, len(done))
            file_name = clean_name(source.name, ImportBatch.file_name.type.length) or "planilla"
            sheet_name = clean_name(sheet, ImportBatch.sheet.type.length)
            batch_id = connection.execute(
                insert(ImportBatch).values(
                    intake_department_id=intake_department_id, file_name=file_name,
                    sha256=source.sha256, sheet=sheet_name or None,
                    username=actor.username,
                    mapping=json.dumps(mapping, ensure_ascii=False, default=str),
                    imported_at=local_now(), rows_read=len(prepared.cases)
                    + prepared.rows_with_errors + len(prepared.repeated)
                    + prepared.movement_lines, rows_imported=len(new),
                    rows_already=len(done), rows_with_errors=prepared.rows_with_errors,
                )
                .returning(ImportBatch.id)
            ).scalar_one()  # fmt: skip
            write_cases(connection, ImportTarget(batch_id, intake_department_id), new, progress)
            pairs = check_cases(
                connection, select(CaseSource.case_id).where(CaseSource.batch_id == batch_id)
            )
            counts = {"lote": batch_id, "importadas": len(new), "ya_estaban": len(done),
                      "con_errores": prepared.rows_with_errors,
                      "posibles_duplicadas": pairs}  # fmt: skip
            audit(connection, actor, "importar", target=file_name[:120], details=counts)
    except IntegrityError as clash:
        raise CommandError(
            "Otra importación escribió algunas de estas filas recién: volvé a previsualizar."
        ) from clash
    return ImportOutcome(batch_id, len(new), len(done), pairs)


def save_import_mapping(
    engine: Engine, actor: Actor, intake_department_id: int, name: str, mapping: dict
) -> int:
    """Keep ``mapping`` (``dashboard.imports.mappings.as_json``) under ``name`` for the area,
    replacing the one of that name, so next week's sheet maps itself; returns its id. The name
    is cleaned as one line, so a pasted name matches the one saved last week."""
    name = _clean_text(
        name, what="el nombre del mapeo", limit=ImportMapping.name.type.length,
        missing="Poné un nombre al mapeo, por ejemplo el de la planilla.",
    )  # fmt: skip
    values = {"mapping": json.dumps(mapping, ensure_ascii=False), "updated_at": local_now(),
              "updated_by": actor.username}  # fmt: skip
    try:
        with engine.begin() as connection:
            _check_intake_area(connection, actor, intake_department_id)
            mapping_id = connection.execute(
                select(ImportMapping.id).where(
                    ImportMapping.intake_department_id == intake_department_id,
                    ImportMapping.name == name,
                )
            ).scalar()
            if mapping_id is None:
                mapping_id = connection.execute(
                    insert(ImportMapping).values(intake_department_id=intake_department_id,
                                                 name=name, **values)
                    .returning(ImportMapping.id)
                ).scalar_one()  # fmt: skip
            else:
                connection.execute(
                    update(ImportMapping).where(ImportMapping.id == mapping_id).values(**values)
                )
            audit(connection, actor, "guardar_mapeo", target=name,
                  details={"area": intake_department_id, "mapeo": mapping})  # fmt: skip
    except IntegrityError as clash:
        raise CommandError(
            "Otra persona guardó un mapeo con ese nombre recién: probá de nuevo."
        ) from clash
    return mapping_id


def undo_import(engine: Engine, actor: Actor, batch_id: int, reason: str) -> int:
    """Void every case of a batch (``anulada``, with an event saying why); returns how many.
    Nothing is deleted, and the batch's rows may be imported again afterwards."""
    reason = _required_reason(reason)
    now = local_now()
    with engine.begin() as connection:
        batch = connection.execute(
            select(ImportBatch.intake_department_id, ImportBatch.undone_at, ImportBatch.file_name)
            .where(ImportBatch.id == batch_id)
        ).one_or_none()  # fmt: skip
        if batch is None:
            raise CommandError(f"No existe la importación {batch_id}.")
        _check_intake_area(connection, actor, batch.intake_department_id)
        if batch.undone_at is not None:
            raise CommandError(f"La importación {batch_id} ya fue deshecha.")
        cases = connection.execute(
            select(Case.id, Case.status)
            .join(CaseSource, CaseSource.case_id == Case.id)
            .where(CaseSource.batch_id == batch_id)
        ).all()  # fmt: skip
        ids = [case.id for case in cases]
        connection.execute(
            update(Case).where(Case.id.in_(ids)).values(
                status=Status.ANULADA, closed_at=func.coalesce(Case.closed_at, now),
                paused_at=None, version=Case.version + 1,
            )
        )  # fmt: skip
        if cases:
            connection.execute(
                insert(CaseEvent),
                [{"case_id": case.id, "kind": EventKind.CLOSED, "at": now, "from_status":
                  case.status, "to_status": Status.ANULADA, "reason": "importación deshecha",
                  "note": reason} for case in cases],
            )  # fmt: skip
        connection.execute(update(CaseSource).where(CaseSource.batch_id == batch_id)
                           .values(undone=True))  # fmt: skip
        connection.execute(
            update(ImportBatch).where(ImportBatch.id == batch_id)
            .values(undone_at=now, undone_by=actor.username, undo_reason=reason[:300])
        )  # fmt: skip
        audit(connection, actor, "deshacer_importacion", target=batch.file_name[:120],
              reason=reason, details={"lote": batch_id, "anuladas": len(ids)})  # fmt: skip
    return len(ids)


def _check_intake_area(connection: Connection, actor: Actor, intake_department_id: int) -> None:
    kind = connection.execute(
        select(Department.kind).where(Department.id == intake_department_id)
    ).scalar()
    if kind != DepartmentKind.INTAKE:
        raise CommandError("Elegí una de las áreas de ingreso.")
    if not actor.may_import(intake_department_id):
        raise PermissionDenied(
            "Solo el personal de esa área de ingreso puede importar sus planillas."
        )


# Duplicates. A person decides about a pair ``dashboard.duplicates`` proposed: merge it (one
# case becomes ``duplicada`` of the other, with an event on each), not a duplicate
# (remembered: never proposed again) or later (it stays in the queue). A decision is refused
# when someone else already took one, and a merge or "not a duplicate" when either case
# changed since the page showed it. A merge can be undone, with events of its own: nothing is
# deleted. A merged case's other pending pairs are left as they are: the queue can show them
# as moot (a merged case cannot be merged again), and undoing the merge makes them live again.

#: Who decided, in a refusal: what each decision did.
_DECISION_WORDS = {
    DuplicateDecision.MERGED: "las unificó",
    DuplicateDecision.NOT_DUPLICATE: "marcó que no son duplicadas",
    DuplicateDecision.LATER: "lo dejó para más tarde",
}
#: Decisions still open to another: a pair left for later may be merged or dismissed.
_OPEN_DECISIONS = (None, DuplicateDecision.LATER)


@dataclass(frozen=True)
class MergeOutcome:
    """What a decision about a pair did, with a Spanish sentence the page shows. The codes
    are the surviving and the merged case's; for "not a duplicate" and "later", which merge
    nothing, ``survivor_code`` and ``duplicate_code`` are the pair's cases in stored order."""

    pair_id: int
    survivor_code: str
    duplicate_code: str
    message: str


@dataclass(frozen=True)
class _Pair:
    id: int
    decision: DuplicateDecision | None
    decided_by: str | None
    decided_at: datetime | None
    survivor_id: int | None
    #: Both cases, in stored order (lower id first).
    cases: tuple[Row, Row]

    def by_code(self, code: str) -> tuple[Row, Row]:
        """(the case ``code``, the other one)."""
        first, second = self.cases
        if code == first.code:
            return first, second
        if code == second.code:
            return second, first
        raise CommandError(f"{code} no es una de las dos solicitudes de este par.")

    @property
    def codes(self) -> str:
        return f"{self.cases[0].code} y {self.cases[1].code}"


def merge_duplicates(
    engine: Engine, actor: Actor, pair_id: int, survivor_code: str, versions: Mapping[str, int]
) -> MergeOutcome:
    """Merge the pair: the case other than ``survivor_code`` becomes ``duplicada`` of it.
    ``versions`` are both cases' versions (by code) as the page showed them."""
    with engine.begin() as connection:
        pair = _pair_to_decide(connection, actor, pair_id)
        survivor, duplicate = pair.by_code(survivor_code)
        if not actor.covers(duplicate.department_id):
            raise PermissionDenied(
                f"Solo podés unificar como duplicada una solicitud de tus áreas: "
                f"{duplicate.code} está en otra."
            )
        for shown in pair.cases:
            if shown.status in (Status.ANULADA, Status.DUPLICADA):
                raise CommandError(
                    f"{shown.code} está {translate(f'status.{shown.status}')}: no se puede "
                    "unificar."
                )
        now, user_id = local_now(), _acting_user_id(connection, actor)
        _decide(connection, actor, pair, DuplicateDecision.MERGED, now, survivor_id=survivor.id)
        _bump(connection, duplicate, versions, status=Status.DUPLICADA,
              duplicate_of_id=survivor.id, closed_at=now, paused_at=None)  # fmt: skip
        _bump(connection, survivor, versions)
        connection.execute(insert(CaseEvent), [
            _event(duplicate.id, EventKind.MERGED, now, user_id, from_status=duplicate.status,
                   to_status=Status.DUPLICADA, reason=f"Duplicada de {survivor.code}"),
            _event(survivor.id, EventKind.NOTE, now, user_id,
                   reason=f"Se le unificó {duplicate.code}"),
        ])  # fmt: skip
        audit(connection, actor, "unificar_duplicadas", target=duplicate.code, at=now,
              details={"par": pair_id, "sobreviviente": survivor.code})  # fmt: skip
    return MergeOutcome(pair_id, survivor.code, duplicate.code,
                        f"{duplicate.code} quedó como duplicada de {survivor.code}.")  # fmt: skip


def undo_merge(engine: Engine, actor: Actor, pair_id: int, reason: str) -> MergeOutcome:
    """Undo the pair's merge: the merged case returns to the status (and closing) it had
    before, read from its history; the pair is pending again."""
    reason = _required_reason(reason)
    with engine.begin() as connection:
        pair = _pair_for(connection, actor, pair_id)
        if pair.decision != DuplicateDecision.MERGED:
            raise CommandError(f"{pair.codes} no están unificadas: no hay nada que deshacer.")
        first, second = pair.cases
        survivor, duplicate = (first, second) if first.id == pair.survivor_id else (second, first)
        if not actor.covers(duplicate.department_id):
            raise PermissionDenied(
                f"Solo podés deshacer la unificación de una solicitud de tus áreas: "
                f"{duplicate.code} está en otra."
            )
        if duplicate.status != Status.DUPLICADA or duplicate.duplicate_of_id != survivor.id:
            raise CommandError(
                f"{duplicate.code} ya no es duplicada de {survivor.code}: cambió después."
            )
        before = _before_merge(connection, duplicate.id)
        now, user_id = local_now(), _acting_user_id(connection, actor)
        versions = {case_.code: case_.version for case_ in pair.cases}
        _bump(connection, duplicate, versions, status=before.status, duplicate_of_id=None,
              closed_at=before.closed_at, paused_at=before.paused_at)  # fmt: skip
        _bump(connection, survivor, versions)
        connection.execute(insert(CaseEvent), [
            _event(duplicate.id, EventKind.REOPENED, now, user_id, from_status=Status.DUPLICADA,
                   to_status=before.status, note=reason,
                   reason=f"Se deshizo la unificación con {survivor.code}"),
            _event(survivor.id, EventKind.NOTE, now, user_id, note=reason,
                   reason=f"Se deshizo la unificación de {duplicate.code}"),
        ])  # fmt: skip
        connection.execute(
            update(DuplicatePair).where(DuplicatePair.id == pair_id)
            .values(decision=None, decided_at=None, decided_by=None, survivor_id=None)
        )  # fmt: skip
        audit(connection, actor, "deshacer_unificacion", target=duplicate.code, at=now,
              reason=reason, details={"par": pair_id, "sobreviviente": survivor.code})  # fmt: skip
    back = f"{duplicate.code} volvió a estar {translate(f'status.{before.status}')}"
    return MergeOutcome(pair_id, survivor.code, duplicate.code, f"{back}; el par quedó pendiente.")


def mark_not_duplicate(
    engine: Engine, actor: Actor, pair_id: int, versions: Mapping[str, int]
) -> MergeOutcome:
    """Remember that the pair's cases are different requests: never proposed again."""
    with engine.begin() as connection:
        pair = _pair_to_decide(connection, actor, pair_id)
        for shown in pair.cases:
            _check_version(shown, versions)
        _decide(connection, actor, pair, DuplicateDecision.NOT_DUPLICATE, local_now())
        audit(connection, actor, "no_duplicadas", target=pair.cases[0].code,
              details={"par": pair_id, "otra": pair.cases[1].code})  # fmt: skip
    return MergeOutcome(pair_id, pair.cases[0].code, pair.cases[1].code,
                        f"Quedó registrado que {pair.codes} no son duplicadas: no se vuelven "
                        "a proponer.")  # fmt: skip


def postpone_duplicate(engine: Engine, actor: Actor, pair_id: int) -> MergeOutcome:
    """Leave the pair for later: it stays in the queue, after the pairs nobody looked at."""
    with engine.begin() as connection:
        pair = _pair_to_decide(connection, actor, pair_id)
        _decide(connection, actor, pair, DuplicateDecision.LATER, local_now())
        audit(connection, actor, "duplicadas_mas_tarde", target=pair.cases[0].code,
              details={"par": pair_id, "otra": pair.cases[1].code})  # fmt: skip
    return MergeOutcome(pair_id, pair.cases[0].code, pair.cases[1].code,
                        f"{pair.codes} quedan para decidir más tarde.")  # fmt: skip


def _pair_for(connection: Connection, actor: Actor, pair_id: int) -> _Pair:
    """The pair and its two cases as they are now, once ``actor`` may review it."""
    pair = connection.execute(
        select(DuplicatePair.id, DuplicatePair.case_id, DuplicatePair.other_case_id,
               DuplicatePair.decision, DuplicatePair.decided_by, DuplicatePair.decided_at,
               DuplicatePair.survivor_id)
        .where(DuplicatePair.id == pair_id)
    ).one_or_none()  # fmt: skip
    if pair is None:
        raise CommandError(f"No existe el par de posibles duplicadas {pair_id}.")
    rows = connection.execute(
        select(Case.id, Case.code, Case.status, Case.version, Case.department_id,
               Case.intake_department_id, Case.duplicate_of_id)
        .where(Case.id.in_([pair.case_id, pair.other_case_id])).order_by(Case.id)
    ).all()  # fmt: skip
    if not actor.may_review_duplicates(
        [row.intake_department_id for row in rows], [row.department_id for row in rows]
    ):
        raise PermissionDenied(
            "No podés decidir sobre este par: ninguna de las dos solicitudes es de tus áreas."
            if actor.role in (Role.SUPERVISOR, Role.INGRESO)
            else "Tu rol no revisa posibles duplicadas."
        )
    return _Pair(pair.id, pair.decision, pair.decided_by, pair.decided_at, pair.survivor_id,
                 (rows[0], rows[1]))  # fmt: skip


def _pair_to_decide(connection: Connection, actor: Actor, pair_id: int) -> _Pair:
    pair = _pair_for(connection, actor, pair_id)
    if pair.decision not in _OPEN_DECISIONS:
        raise CommandError(_already_decided(pair))
    return pair


def _already_decided(pair: _Pair) -> str:
    when = f"{pair.decided_at:%d/%m/%Y %H:%M}" if pair.decided_at else "antes"
    return (
        f"Este par ya lo decidió {pair.decided_by or 'otra persona'} el {when}: "
        f"{_DECISION_WORDS[pair.decision]}."
    )


def _decide(
    connection: Connection,
    actor: Actor,
    pair: _Pair,
    decision: DuplicateDecision,
    now: datetime,
    survivor_id: int | None = None,
) -> None:
    """Record the decision unless someone else recorded one since the pair was read."""
    decided = connection.execute(
        update(DuplicatePair)
        .where(DuplicatePair.id == pair.id, _still_open(DuplicatePair.decision))
        .values(decision=decision, decided_at=now, decided_by=actor.username,
                survivor_id=survivor_id)
    ).rowcount  # fmt: skip
    if decided != 1:
        raise CommandError(_already_decided(_pair_for(connection, actor, pair.id)))


def _still_open(decision: ColumnElement) -> ColumnElement[bool]:
    return decision.is_(None) | (decision == DuplicateDecision.LATER)


def _check_version(case_: Row, versions: Mapping[str, int]) -> None:
    if versions.get(case_.code) != case_.version:
        raise CommandError(_changed_while_shown(case_.code))


def _bump(connection: Connection, case_: Row, versions: Mapping[str, int], **values) -> None:
    """Write ``values`` (and a new version) to the case unless it changed since it was shown."""
    _check_version(case_, versions)
    changed = connection.execute(
        update(Case)
        .where(Case.id == case_.id, Case.version == case_.version)
        .values(version=Case.version + 1, **values)
    ).rowcount
    if changed != 1:
        raise CommandError(_changed_while_shown(case_.code))


def _changed_while_shown(code: str) -> str:
    return f"{code} cambió mientras la mirabas: volvé a abrir el par para verla como está ahora."


@dataclass(frozen=True)
class _BeforeMerge:
    status: Status
    closed_at: datetime | None
    paused_at: datetime | None


def _before_merge(connection: Connection, case_id: int) -> _BeforeMerge:
    """The case as its latest merge found it, read from its history: the status the merge
    event left, when it had closed (the latest closing before it), when it began waiting."""
    merged = connection.execute(
        select(CaseEvent.id, CaseEvent.at, CaseEvent.from_status)
        .where(CaseEvent.case_id == case_id, CaseEvent.kind == EventKind.MERGED)
        .order_by(CaseEvent.at.desc(), CaseEvent.id.desc()).limit(1)
    ).one()  # fmt: skip
    status = Status(merged.from_status or Status.NUEVA)

    def latest(statuses: Sequence[Status]) -> datetime | None:
        return connection.execute(
            select(func.max(CaseEvent.at)).where(
                CaseEvent.case_id == case_id, CaseEvent.id != merged.id,
                CaseEvent.at <= merged.at, CaseEvent.to_status.in_(statuses),
            )
        ).scalar()  # fmt: skip

    closed_at = (latest(CLOSED_STATUSES) or merged.at) if status in CLOSED_STATUSES else None
    paused_at = (latest([Status.EN_ESPERA]) or merged.at) if status == Status.EN_ESPERA else None
    return _BeforeMerge(status, closed_at, paused_at)


def _event(case_id: int, kind: EventKind, at: datetime, user_id: int | None, *,
           from_status: Status | None = None, to_status: Status | None = None,
           reason: str | None = None, note: str | None = None) -> dict:  # fmt: skip
    """One ``case_events`` row, every column given (rows inserted together share keys)."""
    return {"case_id": case_id, "kind": kind, "at": at, "actor_user_id": user_id,
            "from_status": from_status, "to_status": to_status, "reason": reason,
            "note": note}  # fmt: skip


def _acting_user_id(connection: Connection, actor: Actor) -> int | None:
    """The dashboard user behind ``actor`` (None for the console), for the events' author."""
    return connection.execute(select(User.id).where(User.username == actor.username)).scalar()


def freeze_baseline(
    engine: Engine, actor: Actor, name: str, filters: CaseFilters
) -> FrozenBaseline:
    """Compute the figures of ``filters`` (period, cut-off, dimensions) and store them under
    ``name`` as a baseline, with their hash and an audit entry, in one transaction.

    The name is checked first so that a taken one is refused before the figures are read;
    between that check and the insert only the unique constraint can tell two people who
    froze the same name at once apart, so its refusal gets the same message."""
    if actor.role not in MAY_RECORD_EVIDENCE:
        raise PermissionDenied(
            "Solo la mesa de trabajo o un administrador pueden congelar una línea de base."
        )
    name = _clean_text(
        name, what="el nombre de la línea de base", limit=Baseline.name.type.length,
        missing="Poné un nombre a la línea de base, por ejemplo «Primer semestre 2026».",
    )  # fmt: skip
    taken = f"Ya existe una línea de base llamada «{name}»: elegí otro nombre."
    try:
        with engine.begin() as connection:
            if connection.execute(select(Baseline.id).where(Baseline.name == name)).first():
                raise CommandError(taken)
            content = compute(connection, filters)
            digest, created_at = content_hash(content), local_now()
            baseline_id = connection.execute(
                insert(Baseline).values(
                    name=name, date_from=filters.date_from, date_to=filters.date_to,
                    filters=filters_json(filters),
                    definitions_version=content.definitions_version,
                    content=stored_json(content), content_hash=digest,
                    created_by=actor.username, created_at=created_at,
                ).returning(Baseline.id)
            ).scalar_one()  # fmt: skip
            audit(connection, actor, "congelar_linea_de_base", target=name, at=created_at,
                  details={"id": baseline_id, "hash": digest,
                           "filtros": filters_document(filters)})  # fmt: skip
    except IntegrityError as clash:
        raise CommandError(taken) from clash
    return FrozenBaseline(baseline_id, name, content, digest, actor.username, created_at)
