"""The migrations build the whole schema on both databases and agree with the models."""

from __future__ import annotations

from datetime import datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, insert, inspect, select, text, update
from sqlalchemy.exc import DatabaseError

from dashboard.migrate import downgrade, upgrade
from dashboard.models import Base, Case, CaseEvent, User, user_departments
from tests.builders import add_case, small_world


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_migrations_build_every_table_and_index(engine: Engine) -> None:
    inspector = inspect(engine)
    assert set(Base.metadata.tables) <= set(inspector.get_table_names())
    for table in Base.metadata.sorted_tables:
        built = {index["name"] for index in inspector.get_indexes(table.name)}
        assert {index.name for index in table.indexes} <= built, table.name


def test_downgrade_to_base_and_up_again(engine: Engine) -> None:
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert "case_events" in inspect(engine).get_table_names()


@pytest.mark.parametrize("statement", ["update", "delete"])
def test_case_history_is_append_only_in_the_database(engine: Engine, statement: str) -> None:
    case_id = add_case(engine, small_world(engine), created_at=datetime(2026, 1, 5))
    change = (
        update(CaseEvent).where(CaseEvent.case_id == case_id).values(note="edited")
        if statement == "update"
        else text(f"DELETE FROM case_events WHERE case_id = {case_id}")
    )
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
        connection.execute(change)


def test_the_intake_role_arrives_without_losing_users_their_areas_or_history(
    engine: Engine,
) -> None:
    """Migration 0007 widens the role CHECK; on SQLite that rebuilds ``users``, which must
    not cascade to the supervisors' departments nor break the events that name a user."""
    downgrade(engine, "0006")
    world = small_world(engine)
    with engine.begin() as connection:
        # Written as the schema of 0006 stood: the builders write today's event columns.
        case_id = connection.execute(
            insert(Case).values(code="MDC-2026-000001", citizen_id=world.citizen,
                                channel_id=world.whatsapp, intake_department_id=world.intake,
                                category_id=world.flood, priority="media", status="nueva",
                                department_id=world.intake, created_at=datetime(2026, 1, 5),
                                municipality_id=world.la_plata, due_at=datetime(2026, 1, 15))
            .returning(Case.id)
        ).scalar_one()  # fmt: skip
        connection.execute(
            insert(CaseEvent).values(case_id=case_id, kind="creada", at=datetime(2026, 1, 5),
                                     to_department_id=world.intake, to_status="nueva")
        )  # fmt: skip
        user_id = connection.execute(
            insert(User)
            .values(username="coordinadora", display_name="Coordinadora", password_hash="x",
                    role="supervisor", created_at=datetime(2026, 1, 1))
            .returning(User.id)
        ).scalar_one()  # fmt: skip
        connection.execute(
            insert(user_departments).values(user_id=user_id, department_id=world.food)
        )
        connection.execute(
            insert(CaseEvent).values(case_id=case_id, kind="nota", at=datetime(2026, 1, 6),
                                     actor_user_id=user_id)
        )  # fmt: skip
    upgrade(engine)
    with engine.begin() as connection:
        assert connection.execute(select(user_departments.c.department_id)).scalars().all() == [
            world.food
        ]
        connection.execute(
            insert(User).values(username="clerk", display_name="Clerk", password_hash="x",
                                role="ingreso", created_at=datetime(2026, 1, 1))
        )  # fmt: skip
    with pytest.raises(DatabaseError), engine.begin() as connection:
        connection.execute(
            insert(User).values(username="x", display_name="X", password_hash="x",
                                role="intruso", created_at=datetime(2026, 1, 1))
        )  # fmt: skip
