"""The catalogue as numpy arrays, read back from the database so ids are the real ones."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, select

from dashboard.domain import DepartmentKind, Priority
from dashboard.models import Category, Channel, Department, Municipality, SlaTarget
from dashboard.reference.catalog import CATEGORY_GROUPS, EXTERNAL_KIND_BY_GROUP

PRIORITIES: tuple[Priority, ...] = (Priority.URGENTE, Priority.ALTA, Priority.MEDIA, Priority.BAJA)


@dataclass(frozen=True)
class World:
    partido_ids: np.ndarray
    partido_claves: np.ndarray
    partido_population: np.ndarray
    partido_conurbano: np.ndarray  # bool
    channel_ids: dict[str, int]
    intake_ids: dict[str, int]
    internal_ids: np.ndarray
    internal_codes: np.ndarray
    internal_capacity: np.ndarray  # catalogue capacity, used as a relative size
    external_ids: np.ndarray
    external_kinds: np.ndarray  # DepartmentKind values
    municipal_actor_by_partido: dict[int, int]
    #: per category group: ids of its categories and of its owning departments
    group_codes: tuple[str, ...]
    group_category_ids: tuple[np.ndarray, ...]
    group_department_ids: tuple[np.ndarray, ...]
    group_external_kinds: tuple[tuple[DepartmentKind, ...], ...]
    #: SLA target hours by category id and priority index (see ``PRIORITIES``)
    sla_hours: dict[int, np.ndarray]


def read_world(connection: Connection) -> World:
    partidos = connection.execute(
        select(
            Municipality.id, Municipality.clave, Municipality.population, Municipality.zone
        ).order_by(Municipality.id)
    ).all()
    departments = connection.execute(
        select(
            Department.id,
            Department.code,
            Department.kind,
            Department.weekly_capacity,
            Department.municipality_id,
        ).order_by(Department.id)
    ).all()
    by_code = {row.code: row for row in departments}
    internal = [row for row in departments if row.kind == DepartmentKind.INTERNAL]
    external = [
        row
        for row in departments
        if row.kind not in (DepartmentKind.INTERNAL, DepartmentKind.INTAKE)
    ]
    categories = dict(connection.execute(select(Category.code, Category.id)).all())
    sla: dict[int, np.ndarray] = {}
    for category_id, priority, hours in connection.execute(
        select(SlaTarget.category_id, SlaTarget.priority, SlaTarget.target_hours)
    ):
        sla.setdefault(category_id, np.zeros(len(PRIORITIES), dtype=np.int64))
        sla[category_id][PRIORITIES.index(Priority(priority))] = hours
    return World(
        partido_ids=np.array([p.id for p in partidos]),
        partido_claves=np.array([p.clave for p in partidos]),
        partido_population=np.array([p.population for p in partidos], dtype=float),
        partido_conurbano=np.array([p.zone == "conurbano" for p in partidos]),
        channel_ids=dict(connection.execute(select(Channel.code, Channel.id)).all()),
        intake_ids={r.code: r.id for r in departments if r.kind == DepartmentKind.INTAKE},
        internal_ids=np.array([r.id for r in internal]),
        internal_codes=np.array([r.code for r in internal]),
        internal_capacity=np.array([r.weekly_capacity or 1 for r in internal], dtype=float),
        external_ids=np.array([r.id for r in external]),
        external_kinds=np.array([str(r.kind) for r in external]),
        municipal_actor_by_partido={
            r.municipality_id: r.id for r in external if r.municipality_id is not None
        },
        group_codes=tuple(g.code for g in CATEGORY_GROUPS),
        group_category_ids=tuple(
            np.array([categories[code] for code, _ in g.categories]) for g in CATEGORY_GROUPS
        ),
        group_department_ids=tuple(
            np.array([by_code[code].id for code in g.departments]) for g in CATEGORY_GROUPS
        ),
        group_external_kinds=tuple(EXTERNAL_KIND_BY_GROUP[g.code] for g in CATEGORY_GROUPS),
        sla_hours=sla,
    )
