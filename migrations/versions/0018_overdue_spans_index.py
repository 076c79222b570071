"""The spans ever overdue are found by their end

A monthly trend counted the overdue cases at each month's end by walking every open span
ended since (millions for a month two years back). Only spans whose due date passed while
they held can be overdue at any cut-off, a small share of them; this partial index holds
those, by end, with what the count reads (``queries.indicators._earlier_overdue``).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: ``dashboard.models.OVERDUE_SPAN`` as it stood at this revision.
OVERDUE_SPAN = sa.text(
    "status IN ('nueva', 'asignada', 'en_curso', 'derivada', 'en_espera') "
    "AND (ended_at IS NULL OR due_at < ended_at) AND (paused_at IS NULL OR due_at < paused_at)"
)


def upgrade() -> None:
    op.create_index(
        "ix_case_states_overdue_ended_at", "case_states",
        ["ended_at", "started_at", "due_at", "department_id"],
        postgresql_where=OVERDUE_SPAN, sqlite_where=OVERDUE_SPAN,
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_case_states_overdue_ended_at", table_name="case_states")
