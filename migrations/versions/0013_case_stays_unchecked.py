"""Case stays without foreign keys; the stays trigger steps aside in its WHEN clause

``case_stays`` is a read model: every row is computed from ``case_events``
(``dashboard.stays``), whose own foreign keys already tie each case and department to an
existing row, and a case or department with history cannot be deleted. Checking the same
keys again on every stay cost an import of 100,000 rows 600,000 lookups, about 6 of the
database's 33 seconds of work (``benchmarks/imports.py``), so the three keys go.

The trigger that keeps the table fresh now reads ``mdc.stays_deferred`` in its WHEN clause, so
a bulk write that deferred it (an import) no longer calls the function once per event only
for it to return. The downgrade puts the keys back (checking every stay) and keeps this form
of the trigger, which behaves the same.

SQLite rebuilds ``case_stays`` to drop its keys; the trigger on ``case_events`` names the
table, so it is dropped first and created again after.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

from dashboard import stays

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Each foreign key of 0006: name → (column, referred table).
FOREIGN_KEYS = {
    "fk_case_stays_case_id_cases": ("case_id", "cases"),
    "fk_case_stays_department_id_departments": ("department_id", "departments"),
    "fk_case_stays_next_department_id_departments": ("next_department_id", "departments"),
}


def upgrade() -> None:
    connection = op.get_bind()
    stays.READ_MODEL.drop_trigger(connection)
    with op.batch_alter_table("case_stays") as batch_op:
        for name in FOREIGN_KEYS:
            batch_op.drop_constraint(name, type_="foreignkey")
    stays.READ_MODEL.create_trigger(connection)


def downgrade() -> None:
    connection = op.get_bind()
    stays.READ_MODEL.drop_trigger(connection)
    with op.batch_alter_table("case_stays") as batch_op:
        for name, (column, referred) in FOREIGN_KEYS.items():
            batch_op.create_foreign_key(name, referred, [column], ["id"])
    stays.READ_MODEL.create_trigger(connection)
