"""Business days: the business clock of ``dashboard.deadlines`` as a calendar table

Time to first action and time to close in business days are aggregated in the database, so
the clock has to be readable in SQL: one row per day of ``deadlines.HOLIDAY_YEARS`` with
whether it counts and the business hours before its midnight (``dashboard.business_calendar``
computes them in one numpy pass; about 15,000 rows in one bulk insert).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dashboard.business_calendar import fill_business_days

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "business_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("business", sa.Boolean(), nullable=False),
        sa.Column("hours_before", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_business_days")),
    )
    fill_business_days(op.get_bind())


def downgrade() -> None:
    op.drop_table("business_days")
