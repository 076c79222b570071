"""The demo tells the truth: a strained but working ministry, not a province in flames.

A demo-shaped database (the demo's seed over the same five years, with fewer cases) must show
a short alert list made of the departments the seed overloaded, a minority of open cases
overdue, more of them where the seed overloaded, and only a small tail of cases open for years.
Its first start says what it is doing at every step.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Connection, Engine, func, select

from dashboard import prepare
from dashboard.db import build_engine
from dashboard.models import Case, CaseState, Department
from dashboard.prepare import DEMO_SEED
from dashboard.seed import capacity, seed_database
from queries.definitions import open_at, overdue_at, state_at
from queries.filters import CaseFilters
from queries.overload import overload_hotspots

UNTIL = date(2026, 11, 24)
CUT_OFF = datetime.combine(UNTIL, datetime.min.time())
CASES = 30_000


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = build_engine(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}")
    seed_database(engine, cases=CASES, seed=DEMO_SEED, until=UNTIL)
    yield engine
    engine.dispose()


def count(connection: Connection, *conditions) -> int:
    """Cases as they stood at the cut-off (their state spans then) meeting ``conditions``."""
    query = (
        select(func.count())
        .select_from(CaseState)
        .join(Case, Case.id == CaseState.case_id)
        .where(state_at(CUT_OFF), *conditions)
    )
    return connection.execute(query).scalar()


def overdue_share(connection: Connection, *conditions) -> float:
    return count(connection, overdue_at(CUT_OFF), *conditions) / count(
        connection, open_at(CUT_OFF), *conditions
    )


@pytest.fixture(scope="module")
def hotspots(demo: Engine) -> pd.DataFrame:
    """The Sobrecarga table for the default 90 days up to the end of the data."""
    filters = CaseFilters(UNTIL - timedelta(days=90), UNTIL - timedelta(days=1), CUT_OFF)
    with demo.connect() as connection:
        frame = overload_hotspots(connection, filters)
        codes = dict(connection.execute(select(Department.id, Department.code)).all())
    return frame.assign(code=frame["department_id"].map(codes))


def test_the_alert_list_is_short_and_names_the_overloaded(hotspots: pd.DataFrame) -> None:
    on_alert = set(hotspots.loc[hotspots["hot_measures"] > 0, "code"])
    assert len(hotspots) >= 35  # every department with capacity is measured
    assert 2 <= len(on_alert) <= 8, on_alert
    assert len(on_alert & set(capacity.OVERLOADED)) >= 0.75 * len(on_alert), on_alert


def test_few_departments_hold_more_than_a_week_of_work(hotspots: pd.DataFrame) -> None:
    assert (hotspots["load"] > 1).sum() <= len(hotspots) / 2


def test_a_minority_of_open_cases_is_overdue_more_where_overloaded(demo: Engine) -> None:
    with demo.connect() as connection:
        overloaded = select(Department.id).where(Department.code.in_(capacity.OVERLOADED))
        overall = overdue_share(connection)
        in_overloaded = overdue_share(connection, CaseState.department_id.in_(overloaded))
        elsewhere = overdue_share(
            connection,
            CaseState.department_id.not_in(overloaded),
            CaseState.department_id.in_(
                select(Department.id).where(Department.weekly_capacity > 0)
            ),
        )
    assert 0.12 <= overall <= 0.33
    assert in_overloaded > 1.5 * elsewhere


def test_only_a_small_tail_of_cases_is_open_for_more_than_a_year(demo: Engine) -> None:
    with demo.connect() as connection:
        still_open = count(connection, open_at(CUT_OFF))
        old = count(connection, open_at(CUT_OFF), Case.created_at < CUT_OFF - timedelta(days=365))
    assert old / still_open <= 0.05


def test_the_first_start_announces_every_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    monkeypatch.setattr(prepare, "database_url", lambda: url)
    monkeypatch.setattr(prepare, "is_embedded", lambda candidate: candidate == url)
    monkeypatch.setattr(prepare, "DEMO_CASES", 1500)
    monkeypatch.setattr(prepare, "DEMO_SAMPLES", tmp_path / "samples")
    assert prepare.main() == 0
    lines = capsys.readouterr().out.splitlines()
    steps = ["Actualizando la estructura", "Creando la base de demostración (1.500 solicitudes)",
             "Buscando solicitudes posiblemente duplicadas", "Creando los usuarios",
             "Escribiendo las planillas", "Base lista"]  # fmt: skip
    announced = [next(i for i, line in enumerate(lines) if line.startswith(s)) for s in steps]
    assert announced == sorted(announced), lines
