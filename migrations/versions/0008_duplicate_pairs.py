"""Duplicates: pairs of cases that are probably the same request, and what was decided

``dashboard.duplicates`` finds pairs of cases that look like the same request of the same
person logged by two doors; each pair waits here for a person's decision (merge, not a
duplicate, later), and a decided pair is never proposed again.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
DECISION = sa.Enum(
    "fusionada", "no_duplicado", "mas_tarde",
    name="duplicate_decision", native_enum=False, create_constraint=True, length=24,
)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "duplicate_pairs",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("case_id", BIG_ID, nullable=False),
        sa.Column("other_case_id", BIG_ID, nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("decision", DECISION, nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by", sa.String(length=60), nullable=True),
        sa.Column("survivor_id", BIG_ID, nullable=True),
        sa.CheckConstraint("case_id < other_case_id", name=op.f("ck_duplicate_pairs_ordered_pair")),
        sa.CheckConstraint("score BETWEEN 0 AND 100", name=op.f("ck_duplicate_pairs_score_range")),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_duplicate_pairs_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["other_case_id"], ["cases.id"], name=op.f("fk_duplicate_pairs_other_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["survivor_id"], ["cases.id"], name=op.f("fk_duplicate_pairs_survivor_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_pairs")),
        sa.UniqueConstraint(
            "case_id", "other_case_id", name=op.f("uq_duplicate_pairs_case_id_other_case_id")
        ),
    )
    op.create_index("ix_duplicate_pairs_decision_score", "duplicate_pairs", ["decision", "score"])
    op.create_index("ix_duplicate_pairs_other_case_id", "duplicate_pairs", ["other_case_id"])


def downgrade() -> None:
    op.drop_index("ix_duplicate_pairs_other_case_id", table_name="duplicate_pairs")
    op.drop_index("ix_duplicate_pairs_decision_score", table_name="duplicate_pairs")
    op.drop_table("duplicate_pairs")
