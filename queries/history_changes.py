"""When the history of a past period changed after its cut-off.

Figures for a cut-off read the cases' state spans at that moment, so later reassignments,
reopenings and merges never change them. One thing can: an import made after the cut-off
that brings cases (and their events) dated before it, since those events belong to the
period. Pages say so, and when, rather than change silently.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, func, select

from dashboard.models import Case, CaseSource, ImportBatch
from queries._frames import to_frame
from queries.filters import CaseFilters, dimension_conditions


def late_imports(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """Imports made after the cut-off that brought cases created before it, in the filters:
    ``batch_id, imported_at, file_name, cases``, latest first (none for a current cut-off).
    Undone batches are left out: their cases' voiding is dated when it happened."""
    cases = func.count(CaseSource.case_id).label("cases")
    query = (
        select(ImportBatch.id.label("batch_id"), ImportBatch.imported_at,
               ImportBatch.file_name, cases)
        .join(CaseSource, CaseSource.batch_id == ImportBatch.id)
        .join(Case, Case.id == CaseSource.case_id)
        .where(ImportBatch.imported_at > filters.as_of, ImportBatch.undone_at.is_(None),
               Case.created_at < filters.as_of, *dimension_conditions(filters))
        .group_by(ImportBatch.id, ImportBatch.imported_at, ImportBatch.file_name)
        .order_by(ImportBatch.imported_at.desc(), ImportBatch.id.desc())
    )  # fmt: skip
    return to_frame(connection, query)
