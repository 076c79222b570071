"""Alembic environment: the target is our models' metadata, the URL our settings' answer.

A caller may hand in a live connection through ``config.attributes["connection"]`` (the
seed and the tests do, so migrations run inside their transaction and engine).
"""

from alembic import context

from dashboard.db import build_engine
from dashboard.models import Base
from dashboard.settings import database_url

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or database_url()
    engine = build_engine(url, statement_timeout_ms=None)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
