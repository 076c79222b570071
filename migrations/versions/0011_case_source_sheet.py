"""An imported case remembers the sheet its row came from

A workbook's sheets with the same columns import as one batch (a sheet per month), and each
sheet numbers its rows from the top: the row number alone no longer says where a case came
from. ``case_sources.sheet`` says which sheet (NULL when the batch read one).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("case_sources", sa.Column("sheet", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_sources") as batch_op:
        batch_op.drop_column("sheet")
