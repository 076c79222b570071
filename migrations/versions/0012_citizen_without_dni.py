"""A citizen may have no DNI: a person a sheet names without one

Sheets name people without a DNI or CUIL. Dropping their name, phone and address would lose
what the sheet said, and the duplicates finder could never pair their request with another
door's (close name plus the same phone or address), so they are kept as citizens with no
DNI. ``citizens.dni`` stays unique among those who have one (a unique constraint admits many
NULLs on both databases).

The downgrade refuses while any citizen has no DNI: inventing one would be worse.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _set_nullable(True)


def downgrade() -> None:
    missing = (
        op.get_bind()
        .execute(sa.text("SELECT count(*) FROM citizens WHERE dni IS NULL"))
        .scalar_one()
    )
    if missing:
        raise RuntimeError(
            f"No se puede volver a la revisión 0011: {missing} personas no tienen DNI, "
            "y esa revisión lo exige."
        )
    _set_nullable(False)


def _set_nullable(nullable: bool) -> None:
    with op.batch_alter_table("citizens") as batch_op:
        batch_op.alter_column("dni", existing_type=sa.String(length=10), nullable=nullable)
