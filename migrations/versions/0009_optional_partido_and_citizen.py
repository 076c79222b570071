"""A case may have no partido and no identified citizen

Real sheets hold anonymous reports (no DNI, no name) and requests with no partido, or one
outside the province. Inventing a citizen or a partido for them would falsify every figure by
partido and every search by DNI, so ``cases.citizen_id`` and ``cases.municipality_id`` become
nullable and the figures by partido show such cases as "sin partido".

PostgreSQL drops the NOT NULL in place. SQLite cannot, so it rebuilds ``cases`` (``migrate``
runs it with foreign keys off, so the copy cascades nothing; the triggers live on
``case_events`` and ``audit_log`` and survive; the indexes, the partial one included, are
copied as SQLite reports them).

The downgrade **refuses** while any case has no partido or no citizen: filling them in would
invent the very data this revision stopped inventing. Assign them first, or void and leave
them where they are.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
#: The columns that become optional, with their types.
OPTIONAL = {"citizen_id": BIG_ID, "municipality_id": sa.Integer()}


def upgrade() -> None:
    _set_nullable(True)


def downgrade() -> None:
    lacking = "SELECT count(*) FROM cases WHERE citizen_id IS NULL OR municipality_id IS NULL"
    missing = op.get_bind().execute(sa.text(lacking)).scalar_one()
    if missing:
        raise RuntimeError(
            f"No se puede volver a la revisión 0008: {missing} solicitudes no tienen partido "
            "o ciudadano identificado, y esa revisión los exige. Asígnelos antes de bajar."
        )
    _set_nullable(False)


def _set_nullable(nullable: bool) -> None:
    if op.get_bind().dialect.name == "postgresql":
        for column, type_ in OPTIONAL.items():
            op.alter_column("cases", column, existing_type=type_, nullable=nullable)
        return
    with op.batch_alter_table("cases", recreate="always") as batch_op:
        for column, type_ in OPTIONAL.items():
            batch_op.alter_column(column, existing_type=type_, nullable=nullable)
