"""Paused SLA clock: when a waiting case began to wait

``due_at`` now counts business hours and is pushed on when a wait ends; ``paused_at`` marks
a case whose clock is stopped right now (status ``en_espera``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE on both databases (SQLite >= 3.35 drops columns in place): a batch
# rebuild of ``cases`` would trip the foreign keys that point at it.
def upgrade() -> None:
    op.add_column("cases", sa.Column("paused_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("cases", "paused_at")
