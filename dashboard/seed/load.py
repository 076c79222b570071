"""Bulk writes: PostgreSQL ``COPY`` through psycopg, SQLite ``executemany``.

ORM inserts would take hours at a million cases. On PostgreSQL the foreign keys and
secondary indexes of ``cases`` and ``case_events`` are dropped for the load and rebuilt once
after it (one validating scan instead of a check per row), then the tables are analysed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
from sqlalchemy import Connection, Table, text
from sqlalchemy.schema import AddConstraint, CreateIndex, DropConstraint, DropIndex

from dashboard.models import Case, CaseEvent, CaseState, CaseStay, Citizen, Staff
from dashboard.read_models import create_triggers, drop_triggers

COPY_CHUNK_ROWS = 200_000
BULK_TABLES: tuple[Table, ...] = (
    Case.__table__, CaseEvent.__table__, CaseStay.__table__, CaseState.__table__,
)  # fmt: skip
SEQUENCED_TABLES: tuple[Table, ...] = (
    Citizen.__table__, Staff.__table__, Case.__table__, CaseEvent.__table__,
)  # fmt: skip


def write_frame(connection: Connection, table: Table, frame: pd.DataFrame) -> None:
    """Append ``frame`` (columns named as the table's) to ``table``."""
    if frame.empty:
        return
    if connection.dialect.name == "postgresql":
        _copy(connection, table, frame)
    else:
        _executemany(connection, table, frame)


def _copy(connection: Connection, table: Table, frame: pd.DataFrame) -> None:
    columns = ", ".join(frame.columns)
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
        for start in range(0, len(frame), COPY_CHUNK_ROWS):
            buffer = io.StringIO()
            frame.iloc[start : start + COPY_CHUNK_ROWS].to_csv(
                buffer,
                sep="\t",
                header=False,
                index=False,
                na_rep="\\N",
                date_format="%Y-%m-%d %H:%M:%S",
            )
            copy.write(buffer.getvalue())


def _executemany(connection: Connection, table: Table, frame: pd.DataFrame) -> None:
    """SQLite stores datetimes as text; write them as SQLAlchemy would, to compare alike."""
    converted = frame.copy()
    for name in converted.columns:
        column = converted[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            converted[name] = column.dt.strftime("%Y-%m-%d %H:%M:%S.%f").astype(object)
        elif pd.api.types.is_bool_dtype(column):
            converted[name] = column.astype(int)
        converted[name] = converted[name].astype(object).where(converted[name].notna(), None)
    placeholders = ", ".join("?" for _ in converted.columns)
    statement = f"INSERT INTO {table.name} ({', '.join(converted.columns)}) VALUES ({placeholders})"
    cursor = connection.connection.driver_connection.cursor()
    cursor.executemany(statement, converted.itertuples(index=False, name=None))


@contextmanager
def bulk_load(connection: Connection) -> Iterator[None]:
    """Lift per-row work during the load and redo it after: the read models' triggers on both
    databases (the caller rebuilds the read models once), and on PostgreSQL the indexes and
    foreign keys."""
    drop_triggers(connection)
    if connection.dialect.name != "postgresql":
        yield
        create_triggers(connection)
        return
    constraints = [fk for table in BULK_TABLES for fk in table.foreign_key_constraints]
    indexes = [index for table in BULK_TABLES for index in table.indexes]
    for index in indexes:
        connection.execute(DropIndex(index, if_exists=True))
    for constraint in constraints:
        connection.execute(DropConstraint(constraint))
    yield
    for index in indexes:
        connection.execute(CreateIndex(index))
    for constraint in constraints:
        connection.execute(AddConstraint(constraint))
    create_triggers(connection)
    for table in SEQUENCED_TABLES:
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def analyze(connection: Connection) -> None:
    connection.execute(text("ANALYZE"))
