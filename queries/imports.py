"""What an import matches sheet values against, and the batches an area brought in."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, String, cast, literal, select, union_all
from sqlalchemy.orm import aliased

from dashboard.domain import DepartmentKind
from dashboard.models import (
    Category,
    Channel,
    Department,
    ImportBatch,
    ImportMapping,
    Municipality,
)
from queries._frames import to_frame


def matching_catalogue(connection: Connection) -> pd.DataFrame:
    """``kind, key, name`` of every value a sheet can name: partidos (key: id), leaf
    categories, internal departments and channels (key: code)."""
    group = aliased(Category)
    query = union_all(
        select(literal("partido"), cast(Municipality.id, String), Municipality.name),
        select(literal("categoria"), Category.code, Category.name).join(
            group, group.id == Category.parent_id
        ),
        select(literal("area"), Department.code, Department.name).where(
            Department.kind == DepartmentKind.INTERNAL
        ),
        select(literal("canal"), Channel.code, Channel.name),
    )
    frame = to_frame(connection, query)
    frame.columns = ["kind", "key", "name"]
    return frame


def intake_areas(connection: Connection) -> pd.DataFrame:
    """The intake areas: ``id, code, name``."""
    query = (
        select(Department.id, Department.code, Department.name)
        .where(Department.kind == DepartmentKind.INTAKE)
        .order_by(Department.name)
    )
    return to_frame(connection, query)


def import_batches(connection: Connection, intake_department_ids: tuple[int, ...]) -> pd.DataFrame:
    """The batches of these intake areas, newest first: who, when, which file, its counts,
    and whether (and why) it was undone."""
    query = (
        select(
            ImportBatch.id, Department.name.label("area"), ImportBatch.file_name,
            ImportBatch.sheet, ImportBatch.username, ImportBatch.imported_at,
            ImportBatch.rows_read, ImportBatch.rows_imported, ImportBatch.rows_already,
            ImportBatch.rows_with_errors, ImportBatch.undone_at, ImportBatch.undo_reason,
        )
        .join(Department, Department.id == ImportBatch.intake_department_id)
        .where(ImportBatch.intake_department_id.in_(intake_department_ids))
        .order_by(ImportBatch.id.desc())
    )  # fmt: skip
    return to_frame(connection, query)


def saved_mappings(connection: Connection, intake_department_id: int) -> pd.DataFrame:
    """The area's saved mappings, the most recently saved first: ``name, mapping`` (JSON
    text), ``updated_at, updated_by``."""
    query = (
        select(ImportMapping.name, ImportMapping.mapping, ImportMapping.updated_at,
               ImportMapping.updated_by)
        .where(ImportMapping.intake_department_id == intake_department_id)
        .order_by(ImportMapping.updated_at.desc(), ImportMapping.id.desc())
    )  # fmt: skip
    return to_frame(connection, query)
