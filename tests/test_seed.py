"""The demo seed: deterministic, and its data keeps the invariants every page relies on.

Each check is a query on a seeded database (a few thousand cases, on SQLite and on the real
PostgreSQL); expected values come from the data's own rules, not from a stored snapshot.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine, text

from dashboard.db import build_engine
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


def test_events_of_a_case_are_strictly_ordered_and_chain_consistently(seeded: Engine) -> None:
    history = rows(
        seeded,
        "SELECT case_id, at, from_status, to_status, from_department_id, to_department_id "
        "FROM case_events ORDER BY case_id, at, id",
    )
    previous, status, department = None, None, None
    for event in history:
        if previous is not None and previous.case_id == event.case_id:
            assert event.at > previous.at, event
            assert event.from_status in (None, status), event
            if event.from_department_id is not None:
                assert event.from_department_id == department, event
        else:
            status, department = None, None
        status = event.to_status or status
        department = event.to_department_id or department
        previous = event


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
    open_share = scalar(seeded, "SELECT count(*) FROM cases WHERE closed_at IS NULL") / CASES
    assert 0.02 <= open_share <= 0.10


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


def test_the_flood_multiplies_inflow_in_its_partidos(seeded: Engine) -> None:
    start, end = flood_window(UNTIL)
    claves = ", ".join(f"'{c}'" for c in FLOOD_PARTIDOS)
    per_day = (
        "SELECT count(*) FROM cases c JOIN municipalities m ON m.id = c.municipality_id "
        f"WHERE m.clave IN ({claves}) AND c.created_at >= :a AND c.created_at < :b"
    )
    during = scalar(seeded, per_day, a=start, b=end) / 14
    before = scalar(seeded, per_day, a=date(start.year - 1, start.month, 1), b=start) / 365
    assert during > 4 * before


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


def test_append_adds_and_replace_starts_over(tmp_path: Path) -> None:
    engine = build_engine(f"sqlite:///{tmp_path / 'modes.sqlite3'}")
    seed_database(engine, cases=300, until=UNTIL)
    with pytest.raises(SeedRefused):
        seed_database(engine, cases=300, until=UNTIL)
    seed_database(engine, cases=200, until=UNTIL, mode=Mode.APPEND)
    assert scalar(engine, "SELECT count(*) FROM cases") == 500
    assert scalar(engine, "SELECT count(DISTINCT code) FROM cases") == 500
    assert scalar(engine, "SELECT count(DISTINCT dni) FROM citizens") == scalar(
        engine, "SELECT count(*) FROM citizens"
    )
    seed_database(engine, cases=100, until=UNTIL, mode=Mode.REPLACE)
    assert scalar(engine, "SELECT count(*) FROM cases") == 100
    assert scalar(engine, "SELECT count(*) FROM municipalities") == 134


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
