"""The hub's shared vocabulary: statuses, priorities, kinds of department and of event.

Values are the Spanish codes stored in the database (see ``docs/schema.md``); the UI
translates them through ``dashboard.i18n``. Keeping them in one module means the models,
the seed, the queries and the pages cannot drift apart.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

#: Every timestamp in the database is naive local time of the province (UTC-3, no DST).
LOCAL_TZ = ZoneInfo("America/Argentina/Buenos_Aires")


class Status(StrEnum):
    NUEVA = "nueva"
    ASIGNADA = "asignada"
    EN_CURSO = "en_curso"
    DERIVADA = "derivada"
    EN_ESPERA = "en_espera"
    RESUELTA = "resuelta"
    CERRADA = "cerrada"
    ANULADA = "anulada"
    DUPLICADA = "duplicada"


#: A case is open (part of the backlog) while its status is one of these.
OPEN_STATUSES: tuple[Status, ...] = (
    Status.NUEVA,
    Status.ASIGNADA,
    Status.EN_CURSO,
    Status.DERIVADA,
    Status.EN_ESPERA,
)
#: Reaching any of these sets ``closed_at``; reopening clears it.
CLOSED_STATUSES: tuple[Status, ...] = (
    Status.RESUELTA,
    Status.CERRADA,
    Status.ANULADA,
    Status.DUPLICADA,
)


def status_after_move(changes_department: bool, has_assignee: bool) -> Status:
    """The status a supervisor's move leaves a case in, in the lifecycle's words.

    ``derivada`` is a case "handed to another department": moved to another one with nobody
    named, it waits in that department's queue until someone there takes it (as a referral
    does in the hub). With a person named it is ``asignada`` to them; kept in its department
    with nobody named, it is ``asignada`` to the department, as at intake.
    """
    return Status.DERIVADA if changes_department and not has_assignee else Status.ASIGNADA


class Priority(StrEnum):
    BAJA = "baja"
    MEDIA = "media"
    ALTA = "alta"
    URGENTE = "urgente"


class DepartmentKind(StrEnum):
    INTAKE = "ingreso"  # one of the three intake areas
    INTERNAL = "interna"  # a department (dirección) of the ministry
    MUNICIPALITY = "municipio"
    NGO = "ong"
    NATIONAL_AGENCY = "organismo_nacional"
    PROVINCIAL_MINISTRY = "ministerio_provincial"


EXTERNAL_KINDS: tuple[DepartmentKind, ...] = (
    DepartmentKind.MUNICIPALITY,
    DepartmentKind.NGO,
    DepartmentKind.NATIONAL_AGENCY,
    DepartmentKind.PROVINCIAL_MINISTRY,
)


class EventKind(StrEnum):
    CREATED = "creada"  # automatic intake event, always the first of a case
    ASSIGNED = "asignada"  # owner department and/or assignee set
    STATUS_CHANGED = "cambio_estado"
    REFERRED = "derivada"  # handed to another department or an external actor
    REASSIGNED = "reasignada"  # moved by a supervisor from the dashboard
    NOTE = "nota"
    CLOSED = "cerrada"  # reached a closed status
    REOPENED = "reabierta"
    MERGED = "fusionada"  # marked duplicate of another case


class DuplicateDecision(StrEnum):
    """What a person decided about a pair of probable duplicates (none yet: pending)."""

    MERGED = "fusionada"  # one case became ``duplicada`` of the other
    NOT_DUPLICATE = "no_duplicado"  # remembered: the pair is never proposed again
    LATER = "mas_tarde"  # looked at, left for later: stays in the queue, below new pairs


class Role(StrEnum):
    SUPERVISOR = "supervisor"
    GABINETE = "gabinete"
    MESA = "mesa"
    ADMIN = "admin"
    #: An intake clerk: brings their intake area's spreadsheets in, reviews its duplicates.
    INGRESO = "ingreso"


def local_now() -> datetime:
    """Now in the province, naive, as every timestamp in the database."""
    return datetime.now(LOCAL_TZ).replace(tzinfo=None)
