"""Demo data that looks like the province: ``python -m dashboard.seed --cases N``.

Deterministic: the same ``seed``, ``cases``, ``years`` and ``until`` give the same rows.
The data ends at midnight at the start of ``until``. The pieces: ``rhythm`` (when requests
arrive, the flood), ``cases`` (what each case is and where it goes), ``capacity`` (who is
overloaded), ``people`` (staff and citizens), ``history`` (events and the resulting case
rows), ``reforms`` (the process changes it registers and the effect it plants), ``load``
(bulk writes).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, func, select, text, update

from dashboard.domain import local_now
from dashboard.i18n import format_int
from dashboard.migrate import downgrade, upgrade
from dashboard.models import (
    Base,
    Case,
    CaseEvent,
    CaseStay,
    Category,
    Channel,
    Citizen,
    Department,
    Municipality,
    ProcessChange,
    SlaTarget,
    Staff,
)
from dashboard.read_models import refresh_read_models
from dashboard.reference import load_reference_data
from dashboard.seed import capacity, load, reforms
from dashboard.seed.cases import CasePlan, plan_cases
from dashboard.seed.history import Staffing, build_history
from dashboard.seed.people import NamePools, citizens_frame, staff_frame
from dashboard.seed.progress import Progress
from dashboard.seed.rhythm import FLOOD_PARTIDOS, flood_window
from dashboard.seed.world import PRIORITIES, World, read_world

__all__ = ["FLOOD_PARTIDOS", "Mode", "SeedRefused", "SeedReport", "flood_window", "seed_database"]

HISTORY_CHUNK = 100_000
#: What the seed writes (reference catalogue, people, cases, process changes) and
#: ``--replace`` wipes.
SEEDED_MODELS: tuple[type[Base], ...] = (
    Municipality,
    Channel,
    Department,
    Category,
    SlaTarget,
    Staff,
    Citizen,
    Case,
    CaseEvent,
    CaseStay,  # no foreign key cascades the wipe to it
    ProcessChange,
)


class Mode(StrEnum):
    NEW = "new"  # only into a database without cases
    APPEND = "append"
    REPLACE = "replace"


class SeedRefused(RuntimeError):
    """The database already holds cases and neither append nor replace was asked for."""

    def __init__(self, existing: int) -> None:
        super().__init__(
            f"La base ya tiene {format_int(existing)} solicitudes: usá --append para agregar "
            "más o --replace para reemplazarlas."
        )
        self.existing = existing


@dataclass(frozen=True)
class SeedReport:
    cases: int
    events: int
    citizens: int
    seconds: float


def seed_database(
    engine: Engine,
    *,
    cases: int,
    seed: int = 7,
    years: int = 5,
    until: date | None = None,
    mode: Mode = Mode.NEW,
    show_progress: bool = False,
) -> SeedReport:
    """Migrate, then write ``cases`` demo cases with their citizens, staff and history."""
    if cases < 1 or years < 1:
        raise ValueError(f"cases and years must be positive (got {cases}, {years})")
    started = time.monotonic()
    until = until or local_now().date()  # the province's today, like every timestamp
    upgrade(engine)
    existing = _count(engine)
    if existing and mode == Mode.NEW:
        raise SeedRefused(existing)
    if mode == Mode.REPLACE:
        _wipe(engine)
    rng = np.random.default_rng([seed, existing if mode == Mode.APPEND else 0])
    with engine.begin() as connection:
        if connection.execute(select(func.count()).select_from(Municipality)).scalar_one() == 0:
            load_reference_data(connection)
        world = read_world(connection)
        plan, citizen_plan = plan_cases(rng, world, cases, until, years)
        reforms.write_reforms(connection, world, until)
        pools = NamePools(seed)
        if mode != Mode.APPEND or _count_rows(connection, Staff) == 0:
            _write_staff(connection, rng, pools, world, plan, until)
        staffing, weekly = _staffing(connection)
        slowdown = capacity.slowdown(weekly, plan, until)
        first_case = (connection.execute(select(func.max(Case.id))).scalar() or 0) + 1
        with load.bulk_load(connection):
            citizen_ids = _write_citizens(connection, rng, pools, world, citizen_plan)
            events = _write_cases(
                connection, rng, world, plan, citizen_ids, staffing, slowdown, until, show_progress
            )
            # The load ran without the history triggers: build the new cases' stays and
            # state spans at once, still without the foreign keys checked row by row.
            new = None if first_case == 1 else select(Case.id).where(Case.id >= first_case)
            refresh_read_models(connection, new)
        load.analyze(connection)
    return SeedReport(len(plan), events, len(citizen_plan.partido), time.monotonic() - started)


def _count(engine: Engine) -> int:
    with engine.connect() as connection:
        return _count_rows(connection, Case)


def _count_rows(connection: Connection, model: type[Base]) -> int:
    return connection.execute(select(func.count()).select_from(model)).scalar_one()


def _wipe(engine: Engine) -> None:
    """Start over: TRUNCATE on PostgreSQL; rebuild the schema of the SQLite demo file.

    On PostgreSQL users, login attempts, the audit log and frozen baselines stay (the seed
    never wrote them); supervisors' department scopes go with the departments, and process
    changes registered by hand with the seeded ones. SQLite's case history refuses
    DELETE, so there the whole demo file is rebuilt and ``make run`` recreates its users.
    """
    if engine.dialect.name == "postgresql":
        tables = ", ".join(model.__tablename__ for model in SEEDED_MODELS)
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        return
    downgrade(engine, "base")
    upgrade(engine)


def _write_staff(connection, rng, pools, world: World, plan: CasePlan, until: date) -> None:
    weekly = capacity.weekly_capacity(rng, world, plan, until)
    for department_id, value in weekly.items():
        connection.execute(
            update(Department).where(Department.id == department_id).values(weekly_capacity=value)
        )
    first_id = (connection.execute(select(func.max(Staff.id))).scalar() or 0) + 1
    load.write_frame(connection, Staff.__table__, staff_frame(rng, pools, weekly, first_id))


def _staffing(connection: Connection) -> tuple[Staffing, dict[int, int]]:
    """Who can act in each department, and each department's weekly capacity."""
    staff = connection.execute(select(Staff.id, Staff.department_id).where(Staff.active)).all()
    departments = connection.execute(select(func.max(Department.id))).scalar_one()
    staffing = Staffing.from_pairs(
        np.array([s.id for s in staff]), np.array([s.department_id for s in staff]), departments
    )
    weekly = dict(
        connection.execute(
            select(Department.id, Department.weekly_capacity).where(
                Department.weekly_capacity.is_not(None)
            )
        ).all()
    )
    return staffing, weekly


def _write_citizens(connection, rng, pools, world, citizen_plan) -> np.ndarray:
    first_id = (connection.execute(select(func.max(Citizen.id))).scalar() or 0) + 1
    frame = citizens_frame(rng, pools, world, citizen_plan, first_id)
    load.write_frame(connection, Citizen.__table__, frame)
    return frame["id"].to_numpy()


def _write_cases(
    connection,
    rng,
    world: World,
    plan: CasePlan,
    citizen_ids,
    staffing,
    slowdown,
    until,
    show_progress,
) -> int:
    first_case = (connection.execute(select(func.max(Case.id))).scalar() or 0) + 1
    first_event = (connection.execute(select(func.max(CaseEvent.id))).scalar() or 0) + 1
    case_ids = np.arange(first_case, first_case + len(plan))
    codes = _codes(connection, plan.created)
    end = np.datetime64(until).astype("datetime64[s]")
    progress = Progress(len(plan), "Solicitudes") if show_progress else None
    events_written = 0
    for start in range(0, len(plan), HISTORY_CHUNK):
        rows = slice(start, min(start + HISTORY_CHUNK, len(plan)))
        events, state = build_history(
            rng, plan, rows, case_ids[rows], staffing, slowdown, end, first_event + events_written
        )
        frame = _case_frame(world, plan, rows, case_ids, codes, citizen_ids, state)
        load.write_frame(connection, Case.__table__, frame)
        load.write_frame(connection, CaseEvent.__table__, events)
        events_written += len(events)
        if progress:
            progress.advance(rows.stop - rows.start)
    return events_written


def _case_frame(
    world: World, plan: CasePlan, rows: slice, case_ids, codes, citizen_ids, state
) -> pd.DataFrame:
    duplicate_of = plan.duplicate_of[rows]
    merged = (duplicate_of >= 0) & (state["status"].to_numpy() == "duplicada")
    original = pd.array(case_ids[np.maximum(duplicate_of, 0)], dtype="Int64")
    original[~merged] = pd.NA
    frame = pd.DataFrame(
        {
            "id": case_ids[rows],
            "code": codes[rows],
            "citizen_id": citizen_ids[plan.citizen[rows]],
            "channel_id": plan.channel_id[rows],
            "intake_department_id": plan.intake_id[rows],
            "category_id": plan.category_id[rows],
            "priority": np.array([p.value for p in PRIORITIES])[plan.priority[rows]],
            "municipality_id": world.partido_ids[plan.partido[rows]],
            "created_at": plan.created[rows],
            "duplicate_of_id": original,
        }
    )
    return pd.concat([frame, state], axis=1)


def _codes(connection: Connection, created: np.ndarray) -> np.ndarray:
    """``MDC-<year>-<sequence>``, numbering on from codes already stored for each year."""
    year = created.astype("datetime64[Y]").astype(np.int64) + 1970
    sequence = np.zeros(len(created), dtype=np.int64)
    for value in np.unique(year):
        members = np.flatnonzero(year == value)
        last = connection.execute(
            select(func.max(Case.code)).where(Case.code.like(f"MDC-{value}-%"))
        ).scalar()
        sequence[members] = (int(last[-6:]) if last else 0) + 1 + np.arange(len(members))
    numbers = pd.Series(sequence.astype(str)).str.zfill(6)
    return ("MDC-" + pd.Series(year.astype(str)) + "-" + numbers).to_numpy()
