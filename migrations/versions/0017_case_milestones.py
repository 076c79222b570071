"""Case milestones: when each case first reached each milestone of the indicators

The cohort indicators (time to first action and to close, reopen, referral and external rates)
aggregated a period's events and stays at every read: seconds for a year at a million cases.
``case_milestones`` holds the first moment of each, one row per case, with the business clock
at creation, first action and closing (``dashboard.milestones``), kept in step by a trigger in
the writer's transaction as the other read models are.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    moment = [("created_at", False), ("created_clock", True)]
    for name in ("first_action", "closed"):
        moment += [(f"{name}_at", True), (f"{name}_clock", True)]
    moment += [("reopened_at", True), ("referred_at", True), ("external_at", True)]
    op.create_table(
        "case_milestones",
        sa.Column("case_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        *(sa.Column(name, sa.Float() if name.endswith("_clock") else sa.DateTime(),
                    nullable=nullable) for name, nullable in moment),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_milestones")),
    )  # fmt: skip
    op.create_index("ix_case_milestones_created_at", "case_milestones", ["created_at"])
    # Filled, and kept in step by its trigger, in 0022: the read model is written from
    # today's ``dashboard.milestones``, whose columns 0022 completes.


def downgrade() -> None:
    op.drop_index("ix_case_milestones_created_at", table_name="case_milestones")
    op.drop_table("case_milestones")
