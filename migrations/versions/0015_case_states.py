"""Case states: each case's status, department, assignee, due date and wait, span by span

Figures for a past cut-off were rebuilt from today's row in ``cases``: a case reopened or moved
later changed the backlog of a month already reported. ``case_states`` holds the span of each
case's state that held at any moment, derived from ``case_events`` (``dashboard.states``) and
kept in step by a trigger in the writer's transaction, as ``case_stays`` is.

The history did not record who was responsible after an event, nor the due date an event set,
so ``case_events`` gains ``assignee_id`` and ``due_at``, written by every writer from now on.
Events written before carry neither: the spans of such a history use the case's current due
date, and only its current span knows its assignee (``docs/indicators.md``). The history stays
append-only: nothing already written is updated.

Each span also carries the case's creation and whether it enters or leaves its department's
backlog, so the queues and the weekly flows read ``case_states`` alone.

The stays trigger is created again because both triggers now step aside on one setting,
``mdc.read_models_deferred`` (``dashboard.history_triggers``).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dashboard import states, stays
from dashboard.models import OPEN_SPAN

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = ("nueva", "asignada", "en_curso", "derivada", "en_espera", "resuelta", "cerrada",
            "anulada", "duplicada")  # fmt: skip


def upgrade() -> None:
    op.add_column("case_events", sa.Column("assignee_id", sa.Integer(), nullable=True))
    op.add_column("case_events", sa.Column("due_at", sa.DateTime(), nullable=True))
    op.create_table(
        "case_states",
        sa.Column("case_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("seq", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(*STATUSES, name="status", native_enum=False, create_constraint=True, length=24),
            nullable=False,
        ),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("paused_at", sa.DateTime(), nullable=True),
        sa.Column("enters", sa.Boolean(), nullable=False),
        sa.Column("leaves", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", "seq", name=op.f("pk_case_states")),
    )
    op.create_index(
        "ix_case_states_open_ended_at",
        "case_states",
        ["ended_at", "department_id"],
        postgresql_where=sa.text(OPEN_SPAN),
        sqlite_where=sa.text(OPEN_SPAN),
    )
    op.create_index("ix_case_states_started_at", "case_states", ["started_at"])
    for name, moment, flag in (("entering", "started_at", "enters"),
                               ("leaving", "ended_at", "leaves")):  # fmt: skip
        op.create_index(
            f"ix_case_states_{name}", "case_states", [moment, "department_id"],
            postgresql_where=sa.text(flag), sqlite_where=sa.text(flag),
        )  # fmt: skip
    connection = op.get_bind()
    # Filled, and kept in step by its trigger, in 0023: the read model is written from
    # today's ``dashboard.states``, whose columns 0023 completes.
    stays.READ_MODEL.drop_trigger(connection)
    stays.READ_MODEL.create_trigger(connection)


def downgrade() -> None:
    states.READ_MODEL.drop_trigger(op.get_bind())
    op.drop_index("ix_case_states_leaving", table_name="case_states")
    op.drop_index("ix_case_states_entering", table_name="case_states")
    op.drop_index("ix_case_states_started_at", table_name="case_states")
    op.drop_index("ix_case_states_open_ended_at", table_name="case_states")
    op.drop_table("case_states")
    op.drop_column("case_events", "due_at")
    op.drop_column("case_events", "assignee_id")
