"""Imports: the intake clerk's role, import batches, each imported case's source, saved mappings

An intake clerk (role ``ingreso``) brings their area's spreadsheets into the base. Every
batch is recorded (``import_batches``); every case it wrote keeps its provenance and a
fingerprint of its row (``case_sources``), so importing the same rows again adds nothing;
``import_mappings`` keeps each source's column and value mapping for next time.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dashboard import stays

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES_BEFORE = ("supervisor", "gabinete", "mesa", "admin")
ROLES_AFTER = (*ROLES_BEFORE, "ingreso")
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    _allow_roles(ROLES_BEFORE, ROLES_AFTER)
    # The stays trigger learns to step aside for a bulk write (``stays.stays_deferred``).
    stays.READ_MODEL.drop_trigger(op.get_bind())
    stays.READ_MODEL.create_trigger(op.get_bind())
    op.create_table(
        "import_batches",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("intake_department_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("sheet", sa.String(length=120), nullable=True),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column("rows_already", sa.Integer(), nullable=False),
        sa.Column("rows_with_errors", sa.Integer(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=60), nullable=True),
        sa.Column("undo_reason", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["intake_department_id"],
            ["departments.id"],
            name=op.f("fk_import_batches_intake_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    op.create_index(
        "ix_import_batches_intake_department_id", "import_batches", ["intake_department_id"]
    )
    op.create_table(
        "case_sources",
        sa.Column("case_id", BIG_ID, nullable=False),
        sa.Column("batch_id", BIG_ID, nullable=False),
        sa.Column("intake_department_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(length=80), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("original", sa.Text(), nullable=True),
        sa.Column("undone", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_sources_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batches.id"],
            name=op.f("fk_case_sources_batch_id_import_batches"),
        ),
        sa.ForeignKeyConstraint(
            ["intake_department_id"],
            ["departments.id"],
            name=op.f("fk_case_sources_intake_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_sources")),
    )
    op.create_index("ix_case_sources_batch_id", "case_sources", ["batch_id"])
    op.create_index(
        "ix_case_sources_fingerprint",
        "case_sources",
        ["intake_department_id", "fingerprint"],
        unique=True,
        postgresql_where=sa.text("NOT undone"),
        sqlite_where=sa.text("NOT undone"),
    )
    op.create_table(
        "import_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_department_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["intake_department_id"],
            ["departments.id"],
            name=op.f("fk_import_mappings_intake_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_mappings")),
        sa.UniqueConstraint(
            "intake_department_id",
            "name",
            name=op.f("uq_import_mappings_intake_department_id_name"),
        ),
    )


def downgrade() -> None:
    op.drop_table("import_mappings")
    op.drop_index("ix_case_sources_fingerprint", table_name="case_sources")
    op.drop_index("ix_case_sources_batch_id", table_name="case_sources")
    op.drop_table("case_sources")
    op.drop_index("ix_import_batches_intake_department_id", table_name="import_batches")
    op.drop_table("import_batches")
    op.execute("DELETE FROM user_departments WHERE user_id IN "
               "(SELECT id FROM users WHERE role = 'ingreso')")  # fmt: skip
    op.execute("UPDATE users SET active = false WHERE role = 'ingreso'")
    _allow_roles(ROLES_AFTER, ROLES_BEFORE, ingreso_becomes="mesa")


def _allow_roles(
    before: tuple[str, ...], after: tuple[str, ...], ingreso_becomes: str | None = None
) -> None:
    """Widen (or narrow) the CHECK on ``users.role``. PostgreSQL swaps the constraint in
    place; SQLite rebuilds the table (``migrate`` runs it with foreign keys off, so the rebuild
    cascades nothing)."""
    if ingreso_becomes:  # a downgrade keeps the (disabled) accounts under a role that exists
        op.execute(f"UPDATE users SET role = '{ingreso_becomes}' WHERE role = 'ingreso'")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("ck_users_role"), "users", type_="check")
        op.create_check_constraint(op.f("ck_users_role"), "users", sa.column("role").in_(after))
        return
    with op.batch_alter_table("users", recreate="always") as batch_op:
        batch_op.alter_column("role", existing_type=_role_type(before), type_=_role_type(after))


def _role_type(roles: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*roles, name="role", native_enum=False, create_constraint=True, length=24)
