"""The effect a reassignment would have on its receivers, shown before confirming."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, insert

from dashboard.models import Staff
from queries.reassignment import reassignment_preview
from tests.builders import add_case, case_code, small_world

AS_OF = datetime(2026, 3, 10, 12, 0)
DAY = datetime(2026, 3, 1)


def preview(engine: Engine, department: int, assignee: int | None, codes: list[str]):
    with engine.connect() as connection:
        frame = reassignment_preview(connection, department, assignee, tuple(codes), AS_OF)
    return frame.set_index("level")


def test_the_receiving_area_and_person_before_and_after(engine: Engine) -> None:
    world = small_world(engine)
    with engine.begin() as connection:
        rosa = connection.execute(
            insert(Staff).values(department_id=world.housing, name="Rosa Díaz", weekly_capacity=2)
            .returning(Staff.id)
        ).scalar_one()  # fmt: skip
    for _ in range(29):  # Hábitat holds 29 open cases for a capacity of 30; Rosa holds 2
        add_case(engine, world, created_at=DAY, department=world.housing)
    for _ in range(2):
        add_case(engine, world, created_at=DAY, department=world.housing, assignee=rosa)
    add_case(engine, world, created_at=DAY, department=world.housing,
             closed_at=DAY + timedelta(days=1))  # closed: not in the load  # fmt: skip
    moving = [case_code(engine, add_case(engine, world, created_at=DAY)) for _ in range(2)]
    already_there = case_code(engine, add_case(engine, world, created_at=DAY,
                                               department=world.housing))  # fmt: skip

    frame = preview(engine, world.housing, rosa, [*moving, already_there])

    area, person = frame.loc["area"], frame.loc["persona"]
    assert (area["name"], area["open_before"], area["incoming"], area["open_after"]) == (
        "Hábitat y Vivienda", 32, 2, 34,
    )  # fmt: skip
    assert area["weekly_capacity"] == 30 and bool(area["over_capacity"])
    assert round(area["load_after"], 3) == round(34 / 30, 3)
    assert (person["name"], person["open_before"], person["incoming"]) == ("Rosa Díaz", 2, 3)
    assert person["open_after"] == 5 and bool(person["over_capacity"])


def test_no_person_means_one_row_and_room_means_no_warning(engine: Engine) -> None:
    world = small_world(engine)
    code = case_code(engine, add_case(engine, world, created_at=DAY))
    frame = preview(engine, world.housing, None, [code])
    assert list(frame.index) == ["area"]
    assert frame.loc["area", "open_after"] == 1 and not frame.loc["area", "over_capacity"]
