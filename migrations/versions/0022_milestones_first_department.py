"""Case milestones: the first department, the first return (ping-pong), the case's attributes

"Evidencia" attributes each case to the first department it was sent to and counts a
ping-pong at its first return to a department it had left. Both were joined from
``case_stays`` at every read (three seconds for a year at a million cases); they are now
moments of ``case_milestones`` like the others, kept in step by the same trigger. The case's
channel, intake area, category and partido, which never change, are copied too, so a cohort
by one of them joins no case.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dashboard import milestones
from dashboard.models import SPAN_CASE_ATTRIBUTES

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_COLUMNS = (
    ("first_department_id", sa.Integer()),
    ("first_department_at", sa.DateTime()),
    ("revisited_at", sa.DateTime()),
    *((name, sa.Integer()) for name in SPAN_CASE_ATTRIBUTES),
)


def upgrade() -> None:
    connection = op.get_bind()
    milestones.READ_MODEL.drop_trigger(connection)
    with op.batch_alter_table("case_milestones") as table:
        for name, kind in NEW_COLUMNS:
            table.add_column(sa.Column(name, kind, nullable=True))
    milestones.READ_MODEL.refresh(connection)
    milestones.READ_MODEL.create_trigger(connection)


def downgrade() -> None:
    """Leaves ``case_milestones`` without its trigger: the trigger of 0021's columns lives
    in no code any more. Upgrading again rebuilds the table and its trigger."""
    milestones.READ_MODEL.drop_trigger(op.get_bind())
    with op.batch_alter_table("case_milestones") as table:
        for name, _ in NEW_COLUMNS:
            table.drop_column(name)
