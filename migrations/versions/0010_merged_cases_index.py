"""A case's merged duplicates are found by an index

The survivor of a merge shows the history of every case merged into it
(``cases.duplicate_of_id`` = the survivor). Without an index that lookup reads the whole
``cases`` table for each case page (about 0.4 s at a million cases); the index holds only
the merged cases, so it stays small.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MERGED = sa.text("duplicate_of_id IS NOT NULL")


def upgrade() -> None:
    op.create_index("ix_cases_duplicate_of_id", "cases", ["duplicate_of_id"],
                    postgresql_where=MERGED, sqlite_where=MERGED)  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_cases_duplicate_of_id", table_name="cases")
