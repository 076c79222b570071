"""Triggers on ``case_events`` that keep a read model in step with the history.

Each read model (``case_stays``, ``case_states``, ``case_milestones``, ``case_closings``) is
described once by a ``ReadModel``, which its module declares, and rebuilt for a case by a
trigger when an event of it is inserted, in the writer's own transaction, whoever the writer
is: this dashboard's commands, an import, or the hub itself. So no read model is ever stale.

A bulk write of events (an import) may ask the triggers to step aside for its transaction
and rebuild the touched cases once before it commits (``triggers_deferred``): one rebuild per
thousands of cases instead of one per event. The setting is PostgreSQL's; SQLite keeps its
per-row triggers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Insert, Select, delete, insert, literal_column

from dashboard.models import Base

#: Which cases to rebuild: ids, a SELECT of ids, or ``None`` for every case.
CaseIds = Sequence[int] | Select | None
#: A transaction-local PostgreSQL setting that tells every history trigger to step aside.
DEFERRED_SETTING = "mdc.read_models_deferred"


@dataclass(frozen=True)
class ReadModel:
    """A table derived from ``case_events``, rebuilt case by case: by hand for any set of cases
    (``refresh``), or by its trigger for the case of each inserted event.

    Both rebuilds run the same ``rows`` (the module's SELECT for a set of cases), so the rows a
    bulk load writes and the rows the trigger writes cannot drift apart. ``when`` (SQL on
    ``NEW``) spares the trigger events that cannot change the table.
    """

    trigger: str
    table: type[Base]
    columns: Sequence[str]
    rows: Callable[[CaseIds], Select]
    when: str = "true"

    def rebuild(self, case_ids: CaseIds) -> Insert:
        """The INSERT of the rows of ``case_ids`` (every case when ``None``)."""
        return insert(self.table).from_select(self.columns, self.rows(case_ids))

    def refresh(self, connection: Connection, case_ids: CaseIds = None) -> None:
        """Rebuild the rows of ``case_ids`` (every case when ``None``) from their events."""
        stale = delete(self.table)
        if case_ids is not None:
            stale = stale.where(self.table.case_id.in_(case_ids))
        connection.execute(stale)
        connection.execute(self.rebuild(case_ids))

    def create_trigger(self, connection: Connection) -> None:
        """The trigger that, after an event matching ``when`` is inserted, deletes the case's
        rows and rebuilds them (``NEW.case_id`` stands for the case ids)."""
        dialect = connection.dialect
        rebuild = self.rebuild([literal_column("NEW.case_id")])
        compiled = rebuild.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
        table, name = self.table.__tablename__, self.trigger
        body = f"DELETE FROM {table} WHERE case_id = NEW.case_id; {compiled};"
        if dialect.name == "postgresql":
            # Stepping aside in the WHEN clause spares a bulk write a function call per event.
            deferred = f"current_setting('{DEFERRED_SETTING}', true) IS DISTINCT FROM 'on'"
            connection.exec_driver_sql(
                f"CREATE FUNCTION {name}() RETURNS trigger AS $$ "
                f"BEGIN {body} RETURN NULL; END; $$ LANGUAGE plpgsql"
            )
            connection.exec_driver_sql(
                f"CREATE TRIGGER {name} AFTER INSERT ON case_events FOR EACH ROW "
                f"WHEN (({self.when}) AND {deferred}) EXECUTE FUNCTION {name}()"
            )
        else:
            connection.exec_driver_sql(
                f"CREATE TRIGGER {name} AFTER INSERT ON case_events WHEN {self.when} "
                f"BEGIN {body} END"
            )

    def drop_trigger(self, connection: Connection) -> None:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {self.trigger} ON case_events")
            connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {self.trigger}()")
        else:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {self.trigger}")


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
