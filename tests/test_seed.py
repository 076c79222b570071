"""The demo seed: deterministic, and its data keeps the invariants every page relies on.

Each check is a query on a seeded database (a few thousand cases, on SQLite and on the real
PostgreSQL); expected values come from the data's own rules, not from a stored snapshot.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.orm import aliased

from dashboard.db import build_engine
from dashboard.deadlines import due_at
from dashboard.domain import CLOSED_STATUSES, DepartmentKind, EventKind
from dashboard.models import (
    AuditEntry,
    Case,
    CaseEvent,
    Category,
    Citizen,
    Department,
    SlaTarget,
    Staff,
)
from dashboard.seed import FLOOD_PARTIDOS, Mode, SeedRefused, flood_window, seed_database
from dashboard.settings import PROJECT_ROOT
from tests.conftest import BACKENDS, fresh_postgres_database

UNTIL = date(2026, 11, 24)
CASES = 4000


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = build_engine(f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.sqlite3'}")
        seed_database(engine, cases=CASES, seed=11, until=UNTIL)
        yield engine
        engine.dispose()
        return
    with fresh_postgres_database() as url:
        engine = build_engine(url)
        seed_database(engine, cases=CASES, seed=11, until=UNTIL)
        yield engine
        engine.dispose()


def scalar(engine: Engine, sql: str, **params) -> int:
    with engine.connect() as connection:
        return connection.execute(text(sql), params).scalar_one()


def rows(engine: Engine, sql: str, **params) -> list:
    with engine.connect() as connection:
        return connection.execute(text(sql), params).all()


def typed(engine: Engine, statement) -> list:
    """Rows of a Core ``select``: datetimes come back as datetimes on both back ends."""
    with engine.connect() as connection:
        return connection.execute(statement).all()


@dataclass
class Replay:
    """A case as its history leaves it, rebuilt event by event."""

    created_at: datetime
    last_at: datetime
    status: str
    department_id: int
    #: The last ministry department that held the case: it acts while an outside actor works.
    handler_id: int
    first_response_at: datetime | None = None
    closed_at: datetime | None = None


@pytest.fixture(scope="module")
def replayed(seeded: Engine) -> dict[int, Replay]:
    """Every case rebuilt from its events, checking each step against the state before it."""
    department_kind = dict(typed(seeded, select(Department.id, Department.kind)))
    staff_department = dict(typed(seeded, select(Staff.id, Staff.department_id)))
    ministry = (DepartmentKind.INTERNAL, DepartmentKind.INTAKE)
    cases: dict[int, Replay] = {}
    for event in typed(
        seeded, select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.at, CaseEvent.id)
    ):
        case = cases.get(event.case_id)
        if case is None:
            assert event.kind == EventKind.CREATED and event.actor_staff_id is None, event
            cases[event.case_id] = Replay(
                event.at, event.at, event.to_status, event.to_department_id, event.to_department_id
            )
            continue
        assert event.kind != EventKind.CREATED, event
        assert event.at > case.last_at, event
        assert event.from_status == case.status, event
        if event.from_department_id is not None:
            assert event.from_department_id == case.department_id, event
        assert staff_department.get(event.actor_staff_id) == case.handler_id, event
        case.last_at = event.at
        case.first_response_at = case.first_response_at or event.at
        case.status = event.to_status or case.status
        if case.closed_at is None and case.status in CLOSED_STATUSES:
            case.closed_at = event.at
        if event.to_department_id is not None:
            case.department_id = event.to_department_id
            if department_kind[event.to_department_id] in ministry:
                case.handler_id = event.to_department_id
    return cases


def test_writes_the_cases_asked_for_with_their_history(seeded: Engine) -> None:
    assert scalar(seeded, "SELECT count(*) FROM cases") == CASES
    events = scalar(seeded, "SELECT count(*) FROM case_events")
    assert 4 * CASES <= events <= 7 * CASES
    assert scalar(seeded, "SELECT count(*) FROM municipalities") == 134
    internal = scalar(seeded, "SELECT count(*) FROM departments WHERE kind = 'interna'")
    external = scalar(
        seeded, "SELECT count(*) FROM departments WHERE kind NOT IN ('interna', 'ingreso')"
    )
    assert 35 <= internal <= 45 and 55 <= external <= 70


def test_every_case_starts_with_its_creation_event(seeded: Engine) -> None:
    wrong = scalar(
        seeded,
        """
        SELECT count(*) FROM cases c JOIN case_events e ON e.case_id = c.id
        WHERE e.at = (SELECT min(at) FROM case_events f WHERE f.case_id = c.id)
          AND (e.kind <> 'creada' OR e.at <> c.created_at)
        """,
    )
    assert wrong == 0
    assert scalar(seeded, "SELECT count(*) FROM case_events WHERE kind = 'creada'") == CASES


def test_case_rows_say_what_their_history_says(seeded: Engine, replayed: dict[int, Replay]) -> None:
    """Strict order, chained statuses and departments, actors of the acting department (all
    checked while replaying), then the case row's derived fields against the replay."""
    stored = typed(
        seeded,
        select(
            Case.id,
            Case.created_at,
            Case.first_response_at,
            Case.closed_at,
            Case.status,
            Case.department_id,
        ),
    )
    assert len(stored) == len(replayed) == CASES
    for case in stored:
        history = replayed[case.id]
        assert history.created_at == case.created_at, case
        assert history.first_response_at == case.first_response_at, case
        assert history.closed_at == case.closed_at, case
        assert (history.status, history.department_id) == (case.status, case.department_id)


def test_due_dates_count_business_hours_and_skip_waiting(seeded: Engine) -> None:
    """Every case's due date and pause, recomputed from its target and its own events."""
    cases = typed(
        seeded,
        select(Case.id, Case.status, Case.created_at, Case.due_at, Case.paused_at,
               SlaTarget.target_hours)
        .join(SlaTarget, (SlaTarget.category_id == Case.category_id)
              & (SlaTarget.priority == Case.priority)),
    )  # fmt: skip
    waits: dict[int, list[list]] = {}
    for case_id, at, from_status, to_status in typed(
        seeded,
        select(CaseEvent.case_id, CaseEvent.at, CaseEvent.from_status, CaseEvent.to_status)
        .order_by(CaseEvent.case_id, CaseEvent.at, CaseEvent.id),
    ):  # fmt: skip
        if to_status == "en_espera":
            waits.setdefault(case_id, []).append([at, None])
        elif from_status == "en_espera":
            waits[case_id][-1][1] = at
    assert len(cases) == CASES and sum(map(len, waits.values())) > 0
    for case in cases:
        ended = [(start, end) for start, end in waits.get(case.id, []) if end is not None]
        running = [start for start, end in waits.get(case.id, []) if end is None]
        assert case.due_at == due_at(case.created_at, case.target_hours, ended), case
        assert case.paused_at == (running[0] if running else None), case
        assert (case.paused_at is not None) == (case.status == "en_espera"), case
    closed = typed(
        seeded,
        select(Case.closed_at <= Case.due_at).where(Case.status.in_(["resuelta", "cerrada"])),
    )
    met = sum(on_time for (on_time,) in closed) / len(closed)
    assert 0.2 < met < 0.95  # some cases miss their target, most do not wait forever


def test_codes_number_each_year_from_one(seeded: Engine) -> None:
    by_year: dict[int, list[int]] = {}
    for code, created_at in typed(seeded, select(Case.code, Case.created_at)):
        year, number = re.fullmatch(r"MDC-(\d{4})-(\d{6})", code).groups()
        assert int(year) == created_at.year, code
        by_year.setdefault(created_at.year, []).append(int(number))
    for numbers in by_year.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))


def test_citizens_have_unique_dnis_and_some_ask_more_than_once(seeded: Engine) -> None:
    dnis = [dni for (dni,) in typed(seeded, select(Citizen.dni))]
    assert len(set(dnis)) == len(dnis)
    assert all(re.fullmatch(r"\d{7,8}", dni) for dni in dnis)
    repeat = scalar(
        seeded,
        "SELECT count(*) FROM (SELECT citizen_id FROM cases WHERE duplicate_of_id IS NULL "
        "GROUP BY citizen_id HAVING count(*) > 1) AS repeaters",
    )
    assert repeat > 0


def test_each_case_row_matches_its_last_event(seeded: Engine) -> None:
    mismatched = scalar(
        seeded,
        """
        SELECT count(*) FROM cases c JOIN case_events e ON e.case_id = c.id
        WHERE e.at = (SELECT max(at) FROM case_events f WHERE f.case_id = c.id)
          AND e.to_status IS NOT NULL AND e.to_status <> c.status
        """,
    )
    assert mismatched == 0
    wrong_owner = scalar(
        seeded,
        """
        SELECT count(*) FROM cases c
        WHERE c.department_id <> (
            SELECT e.to_department_id FROM case_events e
            WHERE e.case_id = c.id AND e.to_department_id IS NOT NULL
            ORDER BY e.at DESC LIMIT 1)
        """,
    )
    assert wrong_owner == 0


def test_closed_cases_close_after_they_open_and_open_ones_are_not_closed(seeded: Engine) -> None:
    closed = "('resuelta', 'cerrada', 'anulada', 'duplicada')"
    assert scalar(seeded, "SELECT count(*) FROM cases WHERE closed_at < created_at") == 0
    assert (
        scalar(seeded, f"SELECT count(*) FROM cases WHERE status IN {closed} AND closed_at IS NULL")
        == 0
    )
    assert (
        scalar(
            seeded,
            f"SELECT count(*) FROM cases WHERE status NOT IN {closed} AND closed_at IS NOT NULL",
        )
        == 0
    )
    # The backlog is a few weeks of inflow, not years of it piled up.
    weekly_inflow = CASES / (5 * 365.25 / 7)
    backlog = scalar(seeded, "SELECT count(*) FROM cases WHERE closed_at IS NULL")
    assert 1 <= backlog / weekly_inflow <= 8


def test_the_backlog_is_recent_and_partly_overdue(seeded: Engine) -> None:
    end = datetime.combine(UNTIL, datetime.min.time())

    def open_share(since: datetime, before: datetime) -> float:
        return scalar(
            seeded,
            "SELECT avg(CASE WHEN closed_at IS NULL THEN 1.0 ELSE 0.0 END) FROM cases "
            "WHERE created_at >= :since AND created_at < :before",
            since=since,
            before=before,
        )

    recent = open_share(end - timedelta(days=28), end)
    overall = open_share(datetime.min, end)
    old = open_share(datetime.min, end - timedelta(days=365))
    assert recent > overall > old
    assert old < 0.03  # old cases are almost all closed
    overdue = scalar(
        seeded, "SELECT count(*) FROM cases WHERE closed_at IS NULL AND due_at < :end", end=end
    )
    on_time = scalar(
        seeded, "SELECT count(*) FROM cases WHERE closed_at IS NULL AND due_at >= :end", end=end
    )
    assert overdue > 0 and on_time > 0


def test_duplicates_point_to_an_earlier_case_of_the_same_citizen(seeded: Engine) -> None:
    duplicates = scalar(seeded, "SELECT count(*) FROM cases WHERE status = 'duplicada'")
    assert 0.05 <= duplicates / CASES <= 0.10
    assert (
        scalar(
            seeded,
            "SELECT count(*) FROM cases WHERE status = 'duplicada' AND duplicate_of_id IS NULL",
        )
        == 0
    )
    wrong = scalar(
        seeded,
        """
        SELECT count(*) FROM cases d JOIN cases o ON o.id = d.duplicate_of_id
        WHERE o.citizen_id <> d.citizen_id OR o.created_at >= d.created_at
           OR o.channel_id = d.channel_id
        """,
    )
    assert wrong == 0
    original = aliased(Case)
    pairs = typed(
        seeded,
        select(Case.created_at, original.created_at).join(
            original, original.id == Case.duplicate_of_id
        ),
    )
    assert max(duplicate - first for duplicate, first in pairs) <= timedelta(days=4)


def test_referrals_reach_existing_departments_and_outside_actors(seeded: Engine) -> None:
    dangling = scalar(
        seeded,
        "SELECT count(*) FROM case_events e LEFT JOIN departments d ON d.id = e.to_department_id "
        "WHERE e.kind = 'derivada' AND d.id IS NULL",
    )
    assert dangling == 0
    external = scalar(
        seeded,
        "SELECT count(*) FROM case_events e JOIN departments d ON d.id = e.to_department_id "
        "WHERE e.kind = 'derivada' AND d.kind NOT IN ('interna', 'ingreso')",
    )
    assert external > 0
    ping_pong = scalar(
        seeded,
        """
        SELECT count(DISTINCT later.case_id) FROM case_events later
        JOIN case_events earlier ON earlier.case_id = later.case_id AND earlier.at < later.at
        WHERE later.kind = 'derivada' AND earlier.kind = 'derivada'
          AND later.to_department_id = earlier.from_department_id
        """,
    )
    assert ping_pong > 0


def test_cases_per_partido_follow_population(seeded: Engine) -> None:
    per_partido = rows(
        seeded,
        "SELECT m.population, m.zone, count(c.id) AS cases FROM municipalities m "
        "LEFT JOIN cases c ON c.municipality_id = m.id GROUP BY m.id, m.population, m.zone",
    )
    population = np.array([r.population for r in per_partido], dtype=float)
    cases = np.array([r.cases for r in per_partido], dtype=float)
    assert np.corrcoef(population, cases)[0, 1] > 0.9
    conurbano = np.array([r.zone == "conurbano" for r in per_partido])
    people_share = population[conurbano].sum() / population.sum()
    case_share = cases[conurbano].sum() / cases.sum()
    assert abs(case_share - people_share) < 0.10


def test_whatsapp_and_email_carry_a_large_share(seeded: Engine) -> None:
    share = (
        scalar(
            seeded,
            "SELECT count(*) FROM cases c JOIN channels ch ON ch.id = c.channel_id "
            "WHERE ch.code IN ('whatsapp', 'correo')",
        )
        / CASES
    )
    assert 0.35 <= share <= 0.6


def test_inflow_drops_at_weekends_and_food_peaks_in_winter(seeded: Engine) -> None:
    group = aliased(Category)
    cases = typed(
        seeded,
        select(Case.created_at, group.code)
        .join(Category, Category.id == Case.category_id)
        .join(group, group.id == Category.parent_id),
    )
    weekday = np.array([r.created_at.weekday() for r in cases])
    assert (weekday >= 5).sum() / 2 < 0.5 * (weekday < 5).sum() / 5
    winter = np.array([r.created_at.month in (6, 7, 8) for r in cases])
    food = np.array([r.code == "alimentacion" for r in cases])
    assert food[winter].mean() > 1.15 * food[~winter].mean()


def test_some_departments_get_more_than_they_can_handle(seeded: Engine) -> None:
    """Last year's weekly arrivals (assignments and referrals in) against weekly capacity."""
    end = datetime.combine(UNTIL, datetime.min.time())
    load = rows(
        seeded,
        """
        SELECT d.weekly_capacity,
               (SELECT count(*) FROM case_events e
                WHERE e.to_department_id = d.id AND e.kind IN ('asignada', 'derivada')
                  AND e.at >= :since AND e.at < :end) / 52.0 AS weekly_arrivals,
               (SELECT sum(s.weekly_capacity) FROM staff s
                WHERE s.department_id = d.id) AS staff_capacity
        FROM departments d WHERE d.kind = 'interna'
        """,
        since=end - timedelta(days=365),
        end=end,
    )
    overloaded = sum(r.weekly_arrivals > r.weekly_capacity for r in load)
    assert 1 <= overloaded <= len(load) / 2
    assert all(r.staff_capacity >= r.weekly_capacity for r in load)


def test_the_flood_multiplies_inflow_in_its_partidos(tmp_path: Path) -> None:
    """A year of 20,000 cases, so two weeks in five partidos hold enough cases to compare."""
    engine = build_engine(f"sqlite:///{tmp_path / 'flood.sqlite3'}")
    seed_database(engine, cases=20_000, seed=11, years=1, until=UNTIL)
    claves = ", ".join(f"'{c}'" for c in FLOOD_PARTIDOS)

    def daily_inflow(first: date, stop: date) -> float:
        cases = scalar(
            engine,
            "SELECT count(*) FROM cases c JOIN municipalities m ON m.id = c.municipality_id "
            f"WHERE m.clave IN ({claves}) AND c.created_at >= :first AND c.created_at < :stop",
            first=first,
            stop=stop,
        )
        return cases / (stop - first).days

    start, last = flood_window(UNTIL)
    after = last + timedelta(days=1)
    during = daily_inflow(start, after)
    # Six whole weeks on each side, so weekends, the season and the growth of the hub cancel.
    side = timedelta(weeks=6)
    usual = (daily_inflow(start - side, start) + daily_inflow(after, after + side)) / 2
    engine.dispose()
    assert (after - start).days == 14 and start.weekday() == 0
    assert 4.5 < during / usual < 8


def test_same_seed_gives_the_same_data_and_another_seed_does_not(tmp_path: Path) -> None:
    def digest(seed: int, name: str) -> list:
        engine = build_engine(f"sqlite:///{tmp_path / name}")
        seed_database(engine, cases=500, seed=seed, until=UNTIL)
        with engine.connect() as connection:
            cases = connection.execute(text("SELECT * FROM cases ORDER BY id")).all()
            events = connection.execute(text("SELECT * FROM case_events ORDER BY id")).all()
            people = connection.execute(text("SELECT * FROM citizens ORDER BY id")).all()
        engine.dispose()
        return [cases, events, people]

    assert digest(3, "a.sqlite3") == digest(3, "b.sqlite3")
    assert digest(3, "a2.sqlite3") != digest(4, "c.sqlite3")


@pytest.mark.postgres
def test_both_back_ends_store_the_same_rows_for_the_same_seed(tmp_path: Path) -> None:
    """COPY and executemany write the same values: one generator, two loaders."""
    tables = (Case, CaseEvent, Citizen, Staff, Department)

    def contents(engine: Engine) -> list:
        seed_database(engine, cases=300, seed=5, until=UNTIL)
        found = [typed(engine, select(t.__table__).order_by(t.id)) for t in tables]
        engine.dispose()
        return found

    sqlite = contents(build_engine(f"sqlite:///{tmp_path / 'same.sqlite3'}"))
    with fresh_postgres_database() as url:
        assert contents(build_engine(url)) == sqlite


def test_append_adds_and_replace_starts_over(engine: Engine) -> None:
    seed_database(engine, cases=300, until=UNTIL)
    with pytest.raises(SeedRefused):
        seed_database(engine, cases=300, until=UNTIL)
    staff = scalar(engine, "SELECT count(*) FROM staff")
    seed_database(engine, cases=200, until=UNTIL, mode=Mode.APPEND)
    assert scalar(engine, "SELECT count(*) FROM cases") == 500
    assert scalar(engine, "SELECT count(DISTINCT code) FROM cases") == 500
    assert scalar(engine, "SELECT count(*) FROM staff") == staff  # catalogue and people reused
    assert scalar(engine, "SELECT count(DISTINCT dni) FROM citizens") == scalar(
        engine, "SELECT count(*) FROM citizens"
    )
    # Sequences continue after the bulk load: a row written without an id gets the next one.
    last = scalar(engine, "SELECT max(id) FROM citizens")
    with engine.begin() as connection:
        added = connection.execute(
            insert(Citizen).values(dni="1", first_name="Ana", last_name="Paz").returning(Citizen.id)
        ).scalar_one()
    assert added == last + 1
    with engine.begin() as connection:
        connection.execute(
            insert(AuditEntry).values(at=datetime(2026, 1, 5), username="ana", action="export")
        )
    seed_database(engine, cases=100, until=UNTIL, mode=Mode.REPLACE)
    assert scalar(engine, "SELECT count(*) FROM cases") == 100
    assert scalar(engine, "SELECT count(*) FROM citizens WHERE dni = '1'") == 0
    assert scalar(engine, "SELECT count(*) FROM municipalities") == 134
    # A real server keeps its audit trail; the SQLite demo file is rebuilt whole.
    kept = 1 if engine.dialect.name == "postgresql" else 0
    assert scalar(engine, "SELECT count(*) FROM audit_log") == kept


def test_the_command_refuses_a_database_with_cases_in_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    command = [sys.executable, "-m", "dashboard.seed", "--database-url", url, "--cases", "50"]
    first = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "50 solicitudes" in first.stdout
    second = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert second.returncode == 2
    assert second.stderr.strip().splitlines() == [
        "La base ya tiene 50 solicitudes: usá --append para agregar más o --replace para "
        "reemplazarlas."
    ]


def test_seeded_and_appended_cases_have_their_stays_and_the_trigger_is_back(
    engine: Engine,
) -> None:
    """The load runs without the stays trigger; afterwards every case has its stays, starting
    at its intake area, and a new event is picked up by the trigger again."""
    seed_database(engine, cases=150, seed=5, until=UNTIL)
    seed_database(engine, cases=50, seed=6, until=UNTIL, mode=Mode.APPEND)
    assert scalar(engine, "SELECT count(DISTINCT case_id) FROM case_stays") == 200
    wrong_start = (
        "SELECT count(*) FROM case_stays s JOIN cases c ON c.id = s.case_id "
        "WHERE s.step = 0 AND s.department_id <> c.intake_department_id"
    )
    assert scalar(engine, wrong_start) == 0
    first_case = (
        "SELECT c.id, count(*), c.department_id FROM cases c "
        "JOIN case_stays s ON s.case_id = c.id GROUP BY c.id, c.department_id ORDER BY c.id"
    )
    case_id, steps, holder = rows(engine, first_case)[0]
    elsewhere = scalar(engine, "SELECT min(id) FROM departments WHERE kind = 'interna' "
                               "AND id <> :holder", holder=holder)  # fmt: skip
    with engine.begin() as connection:
        connection.execute(
            insert(CaseEvent).values(case_id=case_id, kind=EventKind.REFERRED,
                                     at=datetime(2030, 1, 1), from_department_id=holder,
                                     to_department_id=elsewhere)
        )  # fmt: skip
    assert scalar(engine, "SELECT count(*) FROM case_stays WHERE case_id = :c", c=case_id) == (
        steps + 1
    )
