"""Process changes and frozen baselines, for the task force's before/after evidence

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "process_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("touches", sa.Text(), nullable=False),
        sa.Column("registered_by", sa.String(length=60), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=60), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process_changes")),
        sa.UniqueConstraint("name", name=op.f("uq_process_changes_name")),
    )
    op.create_index("ix_process_changes_effective_on", "process_changes", ["effective_on"])
    op.create_table(
        "baselines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("filters", sa.Text(), nullable=False),
        sa.Column("definitions_version", sa.String(length=20), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=60), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_baselines")),
        sa.UniqueConstraint("name", name=op.f("uq_baselines_name")),
    )
    _freeze_baselines()


def _freeze_baselines() -> None:
    """A baseline is never updated nor deleted, whoever connects: the same guard as the
    audit log's (migration 0003)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION baselines_frozen() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'baselines are frozen'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER baselines_frozen BEFORE UPDATE OR DELETE ON baselines "
            "FOR EACH ROW EXECUTE FUNCTION baselines_frozen()"
        )
        return
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER baselines_no_{action.lower()} BEFORE {action} ON baselines "
            "BEGIN SELECT RAISE(ABORT, 'baselines are frozen'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER baselines_frozen ON baselines")
        op.execute("DROP FUNCTION baselines_frozen()")
    op.drop_table("baselines")
    op.drop_index("ix_process_changes_effective_on", table_name="process_changes")
    op.drop_table("process_changes")
