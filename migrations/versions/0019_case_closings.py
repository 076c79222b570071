"""Case closings: every closing of every case, and whether it came within the due date

Outflow and SLA compliance found each closing of a period in ``case_states`` and then the span
before it, to read the due date valid then: a second for a year at a million cases.
``case_closings`` holds one row per closing with whether it was on time
(``dashboard.closings``), kept in step by a trigger in the writer's transaction as the other
read models are.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dashboard import closings

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_closings",
        sa.Column("case_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("on_time", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", "at", name=op.f("pk_case_closings")),
    )
    op.create_index("ix_case_closings_at", "case_closings", ["at", "on_time"])
    connection = op.get_bind()
    closings.READ_MODEL.refresh(connection)
    closings.READ_MODEL.create_trigger(connection)


def downgrade() -> None:
    closings.READ_MODEL.drop_trigger(op.get_bind())
    op.drop_index("ix_case_closings_at", table_name="case_closings")
    op.drop_table("case_closings")
