"""A read cancelled at its time limit says so in Spanish and loses nothing; it is not shown as
a lost database (PostgreSQL only: SQLite has no statement time limit)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from streamlit.testing.v1 import AppTest

from dashboard.db import build_engine, check_connection, is_statement_timeout
from dashboard.domain import local_now
from dashboard.i18n import translate
from dashboard.migrate import upgrade
from tests.apptest_pages import APP, signed_in
from tests.builders import add_case, add_role_users, small_world
from tests.conftest import APP_COOKIE_KEY, fresh_postgres_database

LIMIT_MS = 1000


@pytest.fixture
def busy_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A migrated PostgreSQL database with one case and the role users, read by the app with
    a one-second limit per statement."""
    with fresh_postgres_database() as url:
        engine = build_engine(url)
        upgrade(engine)
        world = small_world(engine)
        add_case(engine, world, created_at=local_now() - timedelta(days=2))
        add_role_users(engine, world)
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("AUTH_COOKIE_KEY", APP_COOKIE_KEY)
        monkeypatch.setenv("STATEMENT_TIMEOUT_MS", str(LIMIT_MS))
        yield engine
        engine.dispose()


def test_a_cancelled_statement_is_told_apart_from_a_lost_server(postgres_url: str) -> None:
    quick = build_engine(postgres_url, statement_timeout_ms=50)
    with pytest.raises(OperationalError) as cancelled, quick.connect() as connection:
        connection.execute(text("SELECT pg_sleep(1)"))
    quick.dispose()
    assert is_statement_timeout(cancelled.value)

    gone = build_engine("postgresql+psycopg://nadie@127.0.0.1:1/ninguna")
    with pytest.raises(OperationalError) as lost, gone.connect():
        pass
    assert not is_statement_timeout(lost.value)


def test_a_table_held_by_a_long_write_is_not_taken_for_a_missing_schema(
    busy_database: Engine,
) -> None:
    checked = build_engine(str(busy_database.url.render_as_string(hide_password=False)),
                           statement_timeout_ms=200)  # fmt: skip
    with busy_database.connect() as holder:
        holder.execute(text("LOCK TABLE cases IN ACCESS EXCLUSIVE MODE"))
        with pytest.raises(OperationalError) as held:
            check_connection(checked)
    checked.dispose()
    assert is_statement_timeout(held.value)


def test_a_read_past_its_limit_says_so_and_the_page_comes_back(busy_database: Engine) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["lang"] = "es"
    signed_in(at, "gabinete")
    with busy_database.connect() as holder:
        # Another session's long write holds the cases: every read of them waits, then is
        # cancelled at the limit.
        holder.execute(text("LOCK TABLE cases IN ACCESS EXCLUSIVE MODE"))
        at.run()
        assert not at.exception
        assert [w.value for w in at.warning] == [translate("db.timeout.title", "es", seconds=1)]
        assert translate("db.unavailable.title", "es") not in [e.value for e in at.error]
    at.run()  # the write is over: the same session reads again
    assert not at.warning
    assert translate("metric.open_cases", "es") in [m.label for m in at.metric]
