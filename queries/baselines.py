"""Frozen baselines (``baselines``): the list the page offers, and one baseline to show.

A baseline's row never changes once written (migration 0021), so these reads may be cached
for as long as a page likes; only the list grows.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, select

from dashboard.models import Baseline
from queries._frames import to_frame

#: Columns of ``baseline_list``: what tells baselines apart, not their figures.
LISTED = (Baseline.id, Baseline.name, Baseline.date_from, Baseline.date_to,
          Baseline.definitions_version, Baseline.created_by, Baseline.created_at,
          Baseline.content_hash)  # fmt: skip


def baseline_list(connection: Connection) -> pd.DataFrame:
    """Every baseline, the latest frozen first: ``id, name, date_from, date_to,
    definitions_version, created_by, created_at, content_hash``."""
    query = select(*LISTED).order_by(Baseline.created_at.desc(), Baseline.id.desc())
    return to_frame(connection, query)


def baseline_row(connection: Connection, baseline_id: int) -> pd.DataFrame:
    """The baseline ``baseline_id``, every column with its stored ``filters`` and ``content``
    JSON: one row, or none when there is no such baseline."""
    columns = [*LISTED, Baseline.filters, Baseline.content]
    return to_frame(connection, select(*columns).where(Baseline.id == baseline_id))
