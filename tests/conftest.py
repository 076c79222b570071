"""Shared fixtures: an empty migrated database on SQLite and on the real PostgreSQL.

PostgreSQL tests get a throw-away database created for the session. When the server is
down they skip with a reason saying how to run them; under ``CI=true`` they fail instead.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import bcrypt
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from dashboard.db import build_engine
from dashboard.domain import local_now
from dashboard.migrate import upgrade
from dashboard.models import Base
from tests.builders import add_case, add_role_users, small_world

#: bcrypt's lowest work factor: hashing and checking as in production, without the cost.
TEST_BCRYPT_ROUNDS = 4

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _admin_engine() -> Engine:
    return create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashes() -> Iterator[None]:
    """Users made by tests get bcrypt hashes of the lowest cost.

    At bcrypt's default cost each hash takes a third of a second or more here, and tests
    create users by the hundred (five per role-user fixture) and log them in; a hash made
    here is still a real salted bcrypt hash, checked the same way, by the app in an
    end-to-end server too (the cost is written in the hash).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            bcrypt, "gensalt", functools.partial(bcrypt.gensalt, rounds=TEST_BCRYPT_ROUNDS)
        )
        yield


def require_postgres() -> None:
    """Skip (or, under CI, fail) when the PostgreSQL server cannot be reached."""
    try:
        with _admin_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        message = (
            f"PostgreSQL not reachable at {make_url(POSTGRES_ADMIN_URL).render_as_string()}: "
            "start it (see README, 'Tests') or set TEST_POSTGRES_URL to run these tests"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} ({exc.__class__.__name__})")
        pytest.skip(message)


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped on exit."""
    require_postgres()
    name = f"mdc_test_{uuid.uuid4().hex[:10]}"
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def migrated_postgres_database() -> Iterator[str]:
    """The URL of a new PostgreSQL database with every migration applied, dropped on exit."""
    with fresh_postgres_database() as url:
        engine = build_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session, dropped at the end."""
    with migrated_postgres_database() as url:
        yield url


#: Tables whose rows the migrations write (reference data, not test data): kept between tests.
MIGRATED_DATA = {"business_days"}


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty, migrated database of each kind; every test starts from no rows."""
    if request.param == "sqlite":
        engine = build_engine(f"sqlite:///{tmp_path / 'test.sqlite3'}")
        upgrade(engine)
    else:
        engine = build_engine(request.getfixturevalue("postgres_url"))
        tables = ", ".join(
            table.name for table in Base.metadata.sorted_tables if table.name not in MIGRATED_DATA
        )
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield engine
    engine.dispose()


APP_COOKIE_KEY = "clave-de-pruebas-" + "x" * 32


@pytest.fixture
def app_database(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """Three recent open cases: two of Asistencia Alimentaria (one overdue), one of Hábitat."""
    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    now = local_now()
    add_case(engine, world, created_at=now - timedelta(days=2))
    add_case(engine, world, created_at=now - timedelta(days=40), due_in=timedelta(days=5))
    add_case(
        engine, world, created_at=now - timedelta(days=20), department=world.housing,
        due_in=timedelta(days=30),
    )  # fmt: skip
    add_role_users(engine, world)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("AUTH_COOKIE_KEY", APP_COOKIE_KEY)
    return engine
