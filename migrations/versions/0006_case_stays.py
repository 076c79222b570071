"""Case stays: each case's stays in departments, a read model of its history

The referral flows (Derivaciones) read one row per stay instead of ordering millions of
events with window functions on every request. A trigger on ``case_events`` keeps the table
in step with the history (``dashboard.stays``); this upgrade also fills it for the cases
already there (about a minute and a half at a million cases on PostgreSQL).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dashboard import stays

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_stays",
        sa.Column("case_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("step", sa.SmallInteger(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.Column("left_at", sa.DateTime(), nullable=True),
        sa.Column("next_department_id", sa.Integer(), nullable=True),
        sa.Column("revisit", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_stays_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_case_stays_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["next_department_id"],
            ["departments.id"],
            name=op.f("fk_case_stays_next_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("case_id", "step", name=op.f("pk_case_stays")),
    )
    connection = op.get_bind()
    stays.READ_MODEL.refresh(connection)
    stays.READ_MODEL.create_trigger(connection)


def downgrade() -> None:
    stays.READ_MODEL.drop_trigger(op.get_bind())
    op.drop_table("case_stays")
