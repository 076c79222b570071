"""The spans in ``duplicada`` are found by their own index

The duplicate rate counts the cases that were duplicates at a cut-off. Read from the merge
events, it sorted every merge of the history at each read (a quarter of a second at a million
cases); the spans of ``case_states`` in ``duplicada`` say the same, and this partial index
holds just those, with what the read needs (``queries.definitions.merged_at``).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: ``dashboard.models.DUPLICATE_SPAN`` as it stood at this revision.
DUPLICATE_SPAN = sa.text("status = 'duplicada'")


def upgrade() -> None:
    op.create_index(
        "ix_case_states_duplicate", "case_states", ["started_at", "ended_at", "case_id"],
        postgresql_where=DUPLICATE_SPAN, sqlite_where=DUPLICATE_SPAN,
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_case_states_duplicate", table_name="case_states")
