"""Period indexes carry the department

Weekly inflow and outflow per department read a year of cases by ``created_at`` or
``closed_at``; with ``department_id`` in the index PostgreSQL answers them from the index
alone (an index-only scan) instead of visiting a heap page per case. The leading column is
unchanged, so every range read of the old single-column indexes is served as before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOMENTS = ("created_at", "closed_at")


def upgrade() -> None:
    for moment in MOMENTS:
        op.create_index(f"ix_cases_{moment}_department", "cases", [moment, "department_id"])
        op.drop_index(f"ix_cases_{moment}", table_name="cases")


def downgrade() -> None:
    for moment in MOMENTS:
        op.create_index(f"ix_cases_{moment}", "cases", [moment])
        op.drop_index(f"ix_cases_{moment}_department", table_name="cases")
