"""The one place that builds database engines; no page or script builds its own.

Like datasette's ``Database`` class, this module owns connection behaviour for both
back ends: PostgreSQL gets pre-ping (so a restarted server is noticed, not surfaced as a
traceback) and a statement time limit; SQLite gets foreign keys, WAL and a busy timeout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from psycopg.errors import QueryCanceled
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from dashboard.settings import DEFAULT_STATEMENT_TIMEOUT_MS


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached or opened; the message names what to check."""


class SchemaMissing(RuntimeError):
    """The database answers but holds no case tables: the migrations have not run."""


def is_statement_timeout(error: BaseException | None) -> bool:
    """True when PostgreSQL cancelled a statement for running past its time limit, anywhere
    in ``error``'s chain of causes. SQLAlchemy reports it as an ``OperationalError``, the
    same class as a lost server; telling a person the database is down when one read of
    theirs was too wide would send them to the wrong fix."""
    while error is not None:
        if isinstance(error, QueryCanceled) or isinstance(getattr(error, "orig", None),
                                                           QueryCanceled):  # fmt: skip
            return True
        error = error.__cause__
    return False


def build_engine(
    url: str, *, statement_timeout_ms: int | None = DEFAULT_STATEMENT_TIMEOUT_MS
) -> Engine:
    """An engine for ``url`` with this project's connection settings.

    ``statement_timeout_ms=None`` lifts the time limit (the seed's bulk loads need that).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    # Dashboard reads depend on their parameters (a cut-off, a scope): PostgreSQL's generic
    # plan for a prepared statement can be several times slower, so plan every execution.
    # JIT compiling pays off for long analytical scans, not for reads that must answer in a
    # few hundred milliseconds: on the indicator reads it added 0.1 to 1 s of compiling.
    # A year of cohort rows grouped for the indicators' histograms outgrows the default 4 MB
    # of sort memory and spills to disk; 64 MB per connection (ten at most) keeps it in memory.
    options = ["-c plan_cache_mode=force_custom_plan", "-c jit=off", "-c work_mem=64MB"]
    if statement_timeout_ms:
        options.append(f"-c statement_timeout={statement_timeout_ms}")
    connect_args: dict[str, Any] = {"connect_timeout": 5, "options": " ".join(options)}
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        pool_recycle=1800,
        connect_args=connect_args,
    )


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 15})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA busy_timeout = 15000")
        cursor.close()

    return engine


def check_connection(engine: Engine) -> None:
    """Raise ``DatabaseUnavailable`` or ``SchemaMissing`` unless the case table answers."""
    try:
        connection = engine.connect()
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseUnavailable(describe_url(engine.url)) from exc
    with connection:
        try:
            connection.exec_driver_sql("SELECT 1 FROM cases WHERE 1 = 0")
        except (OperationalError, DBAPIError) as exc:
            if is_statement_timeout(exc):  # the table is there, held by a long write
                raise
            raise SchemaMissing(describe_url(engine.url)) from exc


def describe_url(url: Any) -> str:
    """The database's address without its password, fit to show a user."""
    parsed = make_url(str(url)) if not hasattr(url, "render_as_string") else url
    return parsed.render_as_string(hide_password=True)
