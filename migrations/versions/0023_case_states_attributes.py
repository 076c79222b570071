"""Case states carry the case's channel, intake area, category and partido

A backlog trend by channel, area, category group or partido, or with one of those filters,
joined every span it counted to ``cases``: a hash of a million cases for each part of the
trend, most of a three-second evidence read. A case's attributes never change after its
creation, so each span now carries them (``models.SPAN_CASE_ATTRIBUTES``), kept by the
same trigger that derives the spans. On PostgreSQL the indexes of the backlog's entries, exits
and overdue spans include them, so such a trend reads those indexes alone.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dashboard import states
from dashboard.models import OVERDUE_SPAN, SPAN_CASE_ATTRIBUTES

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


#: The partial indexes that include the attributes on PostgreSQL: name, columns, predicate.
COVERING = (
    ("ix_case_states_entering", ["started_at", "department_id"], "enters"),
    ("ix_case_states_leaving", ["ended_at", "department_id"], "leaves"),
    ("ix_case_states_overdue_ended_at", ["ended_at", "started_at", "due_at", "department_id"],
     OVERDUE_SPAN),
)  # fmt: skip


def upgrade() -> None:
    connection = op.get_bind()
    states.READ_MODEL.drop_trigger(connection)
    with op.batch_alter_table("case_states") as table:
        for name in SPAN_CASE_ATTRIBUTES:
            table.add_column(sa.Column(name, sa.Integer(), nullable=True))
    states.READ_MODEL.refresh(connection)
    states.READ_MODEL.create_trigger(connection)
    if connection.dialect.name == "postgresql":
        _recreate_covering(list(SPAN_CASE_ATTRIBUTES))


def _recreate_covering(include: list[str]) -> None:
    for name, columns, where in COVERING:
        op.drop_index(name, table_name="case_states")
        op.create_index(name, "case_states", columns, postgresql_where=sa.text(where),
                        postgresql_include=include)  # fmt: skip


def downgrade() -> None:
    """Leaves ``case_states`` without its trigger: the trigger of 0022's columns lives in no
    code any more. Upgrading again rebuilds the table and its trigger."""
    connection = op.get_bind()
    states.READ_MODEL.drop_trigger(connection)
    if connection.dialect.name == "postgresql":
        _recreate_covering([])
    with op.batch_alter_table("case_states") as table:
        for name in SPAN_CASE_ATTRIBUTES:
            table.drop_column(name)
