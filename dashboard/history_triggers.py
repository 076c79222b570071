"""Triggers on ``case_events`` that keep a read model in step with the history.

Each read model (``case_stays``, ``case_states``) is rebuilt for a case by a trigger when an
event of it is inserted, in the writer's own transaction, whoever the writer is: this
dashboard's commands, an import, or the hub itself. So no read model is ever stale.

A bulk write of events (an import) may ask the triggers to step aside for its transaction
and rebuild the touched cases once before it commits (``triggers_deferred``): one rebuild per
thousands of cases instead of one per event. The setting is PostgreSQL's; SQLite keeps its
per-row triggers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Insert

#: A transaction-local PostgreSQL setting that tells every history trigger to step aside.
DEFERRED_SETTING = "mdc.read_models_deferred"


def create_history_trigger(
    connection: Connection, name: str, rebuild: Insert, table: str, when: str = "true"
) -> None:
    """A trigger ``name`` that, after an event matching ``when`` (SQL on ``NEW``) is inserted,
    deletes the case's rows of ``table`` and runs ``rebuild`` (which reads ``NEW.case_id``)."""
    dialect = connection.dialect
    compiled = rebuild.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
    body = f"DELETE FROM {table} WHERE case_id = NEW.case_id; {compiled};"
    if dialect.name == "postgresql":
        # Stepping aside in the WHEN clause spares a bulk write a call of the function per event.
        deferred = f"current_setting('{DEFERRED_SETTING}', true) IS DISTINCT FROM 'on'"
        connection.exec_driver_sql(
            f"CREATE FUNCTION {name}() RETURNS trigger AS $$ "
            f"BEGIN {body} RETURN NULL; END; $$ LANGUAGE plpgsql"
        )
        connection.exec_driver_sql(
            f"CREATE TRIGGER {name} AFTER INSERT ON case_events FOR EACH ROW "
            f"WHEN (({when}) AND {deferred}) EXECUTE FUNCTION {name}()"
        )
    else:
        connection.exec_driver_sql(
            f"CREATE TRIGGER {name} AFTER INSERT ON case_events WHEN {when} BEGIN {body} END"
        )


def drop_history_trigger(connection: Connection, name: str) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON case_events")
        connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")
    else:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


@contextmanager
def triggers_deferred(connection: Connection) -> Iterator[bool]:
    """For a bulk write of events on PostgreSQL: inside the block every history trigger steps
    aside for this transaction only, and the caller rebuilds the touched cases' read models
    before it commits (the block is told whether it must). Other sessions keep their
    triggers."""
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        connection.exec_driver_sql(f"SET LOCAL {DEFERRED_SETTING} = 'on'")
    yield postgres
    if postgres:
        connection.exec_driver_sql(f"SET LOCAL {DEFERRED_SETTING} = 'off'")
