"""The bulk write of an import gives what writing its cases one at a time would, on both
databases: due dates as ``deadlines.due_at`` sets them, and the stays the trigger keeps
(PostgreSQL defers the trigger and rebuilds the batch at once; SQLite keeps the trigger)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, insert, select

from dashboard.deadlines import due_at
from dashboard.domain import EventKind, Priority
from dashboard.history_triggers import triggers_deferred
from dashboard.imports import write
from dashboard.models import Case, CaseEvent, SlaTarget
from tests.builders import World
from tests.test_case_stays import (  # noqa: F401 (histories and world are fixtures)
    histories,
    hours,
    stays_by_hand,
    stored,
    stored_in,
    world,
)
from tests.test_import_movements import FOLLOWED, imported

#: Rows created at awkward moments for a business clock: a Friday evening before a long
#: weekend, a Saturday, midnight, a holiday (24 March), the last minute of a day. The last
#: row, with its movement lines, goes from Alimentaria to Hábitat and back: a ping-pong.
AWKWARD = [
    ["B-1", "20/11/2026", "18:30", "Pérez, Ana", "30.123.456", "", "La Plata", "Inundación",
     "Abierto", "", ""],
    ["B-2", "21/11/2026", "10:00", "GÓMEZ Juan", "20-31234567-7", "", "Tandil", "Temporal",
     "En trámite", "Hábitat y Vivienda", ""],
    ["B-3", "24/03/2026", "00:00", "Ruiz, Marta", "27.555.111", "", "Tandil", "Temporal",
     "Abierto", "", ""],
    ["B-4", "31/12/2026", "23:59", "Díaz, Rosa", "28.000.111", "", "La Plata", "Inundación",
     "Abierto", "Asistencia Alimentaria", ""],
    ["", "04/01/2027", "09:00", "", "", "", "", "", "Derivado", "Hábitat y Vivienda", ""],
    ["", "05/01/2027", "09:00", "", "", "", "", "", "Derivado", "Asistencia Alimentaria", ""],
]  # fmt: skip


@pytest.fixture
def chunks_of_two(monkeypatch: pytest.MonkeyPatch) -> None:
    """Several chunks, so several statements per table, even for a few rows."""
    monkeypatch.setattr(write, "CHUNK", 2)


@pytest.mark.usefixtures("chunks_of_two")
def test_imported_due_dates_are_those_of_one_case_at_a_time(engine: Engine, world) -> None:  # noqa: F811
    _, outcome = imported(engine, world, AWKWARD)
    assert outcome.imported == 4
    with engine.connect() as connection:
        rows = connection.execute(
            select(Case.created_at, Case.due_at, SlaTarget.target_hours)
            .join(SlaTarget, SlaTarget.category_id == Case.category_id)
            .where(SlaTarget.priority == Priority.MEDIA)
        ).all()  # fmt: skip
    assert len(rows) == 4
    assert [due for _, due, _ in rows] == [due_at(created, hours) for created, _, hours in rows]


@pytest.mark.usefixtures("chunks_of_two")
def test_an_imported_batch_has_the_stays_the_trigger_keeps(engine: Engine, world) -> None:  # noqa: F811
    imported(engine, world, FOLLOWED)
    imported(engine, world, AWKWARD)
    assert len(stored(engine)) == 14  # 3 + 2 + 1 of FOLLOWED, 1 + 2 + 1 + 4 of AWKWARD
    assert stored(engine) == stays_by_hand(engine)
    assert any(revisit for *_, revisit in stored(engine))  # B-4's return to Alimentaria


def test_the_trigger_steps_aside_only_inside_a_deferred_block(
    engine: Engine,
    world: World,  # noqa: F811
    histories: dict[str, int],  # noqa: F811
) -> None:
    waiting = histories["waiting"]

    def moves(connection, at: float, target: int) -> None:
        connection.execute(
            insert(CaseEvent).values(case_id=waiting, kind=EventKind.ASSIGNED, at=hours(at),
                                     to_department_id=target)
        )  # fmt: skip

    with engine.begin() as connection:
        with triggers_deferred(connection) as deferred:
            moves(connection, 12, world.food)
            stays_inside = len(stored_in(connection, waiting))
        assert stays_inside == (1 if deferred else 2)  # only PostgreSQL defers
        moves(connection, 13, world.housing)  # after the block, in the same transaction
    assert [stay[2] for stay in stored(engine, waiting)] == [world.intake, world.food,
                                                              world.housing]  # fmt: skip
    assert stored(engine) == stays_by_hand(engine)
