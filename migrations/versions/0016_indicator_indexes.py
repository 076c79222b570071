"""Closing events are found by time

The protocol's closing rules read the closings of a period from ``case_events`` (an event
into a closed status, with its reason). No index reached them by time, so PostgreSQL read
the whole history for every figure (about 0.1 s at 200,000 cases, growing with it); this
partial index holds only the closing events, a fraction of the history.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: ``dashboard.models.CLOSING_EVENT`` as it stood at this revision.
CLOSING = sa.text("to_status IN ('resuelta', 'cerrada', 'anulada', 'duplicada')")


def upgrade() -> None:
    op.create_index("ix_case_events_closing_at", "case_events", ["at"],
                    postgresql_where=CLOSING, sqlite_where=CLOSING)  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_case_events_closing_at", table_name="case_events")
