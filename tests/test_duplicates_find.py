"""Finding probable duplicates on both databases: which pairs are proposed and which never."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.orm import Session

from auth.roles import Actor
from dashboard.commands import import_sheet
from dashboard.domain import DuplicateDecision, Role, Status
from dashboard.duplicates.find import check_cases, scan
from dashboard.duplicates.probe import Incoming, probable_matches
from dashboard.imports.plan import plan_import, summary
from dashboard.models import Case, Category, Channel, DuplicatePair
from tests.builders import add_case, add_citizen, small_world
from tests.test_imports import ROWS, sheet

T0 = datetime(2026, 3, 2, 9, 30)


def pairs(engine: Engine) -> list[tuple[int, int]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(DuplicatePair.case_id, DuplicatePair.other_case_id).order_by(DuplicatePair.id)
        )
        return [tuple(row) for row in rows]


def food_category(engine: Engine) -> int:
    """A category of another group than small_world's emergencies."""
    with Session(engine) as session:
        group = Category(code="alimentos", name="Alimentos")
        session.add(group)
        session.flush()
        bags = Category(code="bolsones", name="Bolsones", parent_id=group.id)
        session.add(bags)
        session.commit()
        return bags.id


def set_status(engine: Engine, case_id: int, status: Status) -> None:
    with engine.begin() as connection:
        connection.execute(
            update(Case).where(Case.id == case_id).values(status=status, closed_at=Case.created_at)
        )


def cousin(engine: Engine, *, phone: str | None = None, address: str | None = None) -> int:
    """Ana Pérez again, under another DNI (a typo far from hers), name written otherwise."""
    return add_citizen(engine, "41777333", "Ana", "Peres", phone=phone, address=address)


def test_same_dni_within_thirty_days_is_a_pair_and_thirty_one_is_not(engine: Engine) -> None:
    world = small_world(engine)
    first = add_case(engine, world, created_at=T0)
    second = add_case(engine, world, created_at=T0 + timedelta(days=30), channel=world.email)
    add_case(engine, world, created_at=T0 + timedelta(days=61))  # 31 days after the second
    report = scan(engine)
    assert (report.checked, report.found) == (3, 1)
    assert pairs(engine) == [(first, second)]
    with engine.connect() as connection:
        pair = connection.execute(select(DuplicatePair.score, DuplicatePair.reasons)).one()
    # 35 + 20 + 15 + 10/2 (no address) + 10 + 0 (30 days) = 85.
    assert pair.score == 85
    assert json.loads(pair.reasons) == {
        "document": "agree", "name": "agree", "phone": "agree", "address": "missing",
        "category": "agree", "days": 30,
    }  # fmt: skip


def test_another_category_group_is_not_a_pair_another_category_of_the_group_is(
    engine: Engine,
) -> None:
    world = small_world(engine)
    first = add_case(engine, world, created_at=T0)
    add_case(engine, world, created_at=T0 + timedelta(days=1), category=food_category(engine))
    storm = add_case(engine, world, created_at=T0 + timedelta(days=2), category=world.storm)
    scan(engine)
    assert pairs(engine) == [(first, storm)]


def test_different_dni_needs_a_close_name_and_a_shared_phone_or_address(engine: Engine) -> None:
    world = small_world(engine)
    first = add_case(engine, world, created_at=T0)
    by_phone = add_case(engine, world, created_at=T0 + timedelta(days=1),
                        citizen=cousin(engine, phone="0221 555-0101"))  # fmt: skip
    husband = add_citizen(engine, "28111222", "Juan", "Pérez", phone="221 555 0101")
    add_case(engine, world, created_at=T0 + timedelta(days=1), citizen=husband)
    stranger = add_citizen(engine, "33444555", "Ana", "Pérez", phone="11 4444-5555")
    add_case(engine, world, created_at=T0 + timedelta(days=1), citizen=stranger)
    scan(engine)
    assert pairs(engine) == [(first, by_phone)]


def test_a_shared_address_with_a_close_name_is_a_pair(engine: Engine) -> None:
    world = small_world(engine)
    home = add_citizen(engine, "30555666", "Marta", "Gómez", address="Calle 12 N° 845")
    first = add_case(engine, world, created_at=T0, citizen=home)
    other = add_citizen(engine, "30555667", "MARTA", "GOMEZ", address="calle 12 845")
    second = add_case(engine, world, created_at=T0 + timedelta(days=2), citizen=other)
    scan(engine)
    assert pairs(engine) == [(first, second)]


def test_void_merged_and_anonymous_cases_never_pair(engine: Engine) -> None:
    world = small_world(engine)
    add_case(engine, world, created_at=T0)
    set_status(engine, add_case(engine, world, created_at=T0 + timedelta(days=1)), Status.ANULADA)
    set_status(engine, add_case(engine, world, created_at=T0 + timedelta(days=2)),
               Status.DUPLICADA)  # fmt: skip
    anonymous = add_case(engine, world, created_at=T0 + timedelta(days=3))
    with engine.begin() as connection:
        connection.execute(update(Case).where(Case.id == anonymous).values(citizen_id=None))
    report = scan(engine)
    assert (report.checked, report.found) == (2, 0)
    assert pairs(engine) == []


def test_a_decided_pair_is_never_proposed_again(engine: Engine) -> None:
    world = small_world(engine)
    first = add_case(engine, world, created_at=T0)
    second = add_case(engine, world, created_at=T0 + timedelta(days=4))
    assert scan(engine).found == 1
    with engine.begin() as connection:
        connection.execute(
            update(DuplicatePair).values(
                decision=DuplicateDecision.NOT_DUPLICATE, decided_by="ingreso", decided_at=T0
            )
        )
    third = add_case(engine, world, created_at=T0 + timedelta(days=5))
    assert scan(engine).found == 2  # the new case with each of the two, not the decided pair
    assert pairs(engine) == [(first, second), (first, third), (second, third)]


def test_since_looks_from_recent_cases_to_the_whole_base(engine: Engine) -> None:
    world = small_world(engine)
    old = add_case(engine, world, created_at=T0)
    older = add_case(engine, world, created_at=T0 + timedelta(days=1))  # a pair with ``old``
    recent = add_case(engine, world, created_at=T0 + timedelta(days=20))
    report = scan(engine, since=T0 + timedelta(days=10))
    assert (report.checked, report.found) == (1, 2)
    assert pairs(engine) == [(old, recent), (older, recent)]


def test_given_cases_are_checked_against_the_base_in_the_callers_transaction(
    engine: Engine,
) -> None:
    world = small_world(engine)
    add_case(engine, world, created_at=T0)
    second = add_case(engine, world, created_at=T0 + timedelta(days=2))
    new = add_case(engine, world, created_at=T0 + timedelta(days=3))
    with engine.connect() as connection:
        assert check_cases(connection, [new]) == 2
        connection.rollback()
    assert pairs(engine) == []
    with engine.begin() as connection:
        assert check_cases(connection, [new], days=2) == 1  # ``first`` is 3 days before
        assert check_cases(connection, [new], days=2) == 0  # already stored
    assert pairs(engine) == [(second, new)]


@pytest.mark.parametrize("months_between", [2, 8])  # checked cases spanning a short or long time
def test_given_cases_find_a_shared_phone_too(engine: Engine, months_between: int) -> None:
    world = small_world(engine)
    first = add_case(engine, world, created_at=T0)
    by_phone = add_case(engine, world, created_at=T0 + timedelta(days=1),
                        citizen=cousin(engine, phone="0221 555-0101"))  # fmt: skip
    later = add_case(engine, world, created_at=T0 + timedelta(days=30 * months_between))
    with engine.begin() as connection:
        assert check_cases(connection, [by_phone, later]) == 1
    assert pairs(engine) == [(first, by_phone)]


def test_the_probe_counts_sheet_rows_that_repeat_a_case(engine: Engine) -> None:
    world = small_world(engine)
    add_case(engine, world, created_at=T0)
    rows = [
        # The same person by DNI, four days later: a repeat.
        Incoming("30123456", "Ana", "Pérez", None, None, "temporal", T0 + timedelta(days=4)),
        # Another DNI, close name, the same phone: a repeat.
        Incoming(
            "41777333", "Ana", "Peres", "+542215550101", None, "inundacion", T0 + timedelta(days=1)
        ),
        # Her DNI, but forty days later: not.
        Incoming("30123456", "Ana", "Pérez", None, None, "inundacion", T0 + timedelta(days=40)),
        # Her DNI in another group: not.
        Incoming("30123456", "Ana", "Pérez", None, None, "bolsones", T0 + timedelta(days=1)),
        # Someone else altogether: not.
        Incoming("27999888", "Jorge", "Luis", None, None, "inundacion", T0),
    ]
    food_category(engine)
    with engine.connect() as connection:
        assert probable_matches(connection, rows) == [0, 1]
        assert probable_matches(connection, []) == []


def test_an_import_previews_and_proposes_the_rows_that_repeat_a_case(engine: Engine) -> None:
    world = small_world(engine)
    with engine.begin() as connection:
        connection.execute(insert(Channel).values(code="presencial", name="Presencial"))
    existing = add_case(engine, world, created_at=datetime(2026, 11, 2, 8, 0))
    rows = [ROWS[0]]  # Ana Pérez (the same DNI) the next day
    with engine.connect() as connection:
        planned = plan_import(connection, sheet(rows), "planilla.csv", world.intake)
    assert planned.probably_in_base == 1
    assert "1 probablemente ya están en la base (posibles duplicados)" in summary(planned)
    clerk = Actor("clara", Role.INGRESO, (world.intake,))
    outcome = import_sheet(engine, clerk, world.intake, planned.source, None, planned.mapping,
                           planned.prepared)  # fmt: skip
    assert (outcome.imported, outcome.possible_duplicates) == (1, 1)
    assert pairs(engine) == [(existing, existing + 1)]


def test_a_row_naming_someone_without_a_dni_is_proposed_through_their_phone(
    engine: Engine,
) -> None:
    world = small_world(engine)
    with engine.begin() as connection:
        connection.execute(insert(Channel).values(code="presencial", name="Presencial"))
    existing = add_case(engine, world, created_at=datetime(2026, 11, 2, 8, 0))
    # Ana Pérez the next day, without her DNI but with the phone the base has for her.
    row = [*ROWS[0][:4], "", *ROWS[0][5:]]
    with engine.connect() as connection:
        planned = plan_import(connection, sheet([row]), "planilla.csv", world.intake)
    clerk = Actor("clara", Role.INGRESO, (world.intake,))
    outcome = import_sheet(engine, clerk, world.intake, planned.source, None, planned.mapping,
                           planned.prepared)  # fmt: skip
    assert (outcome.imported, outcome.possible_duplicates) == (1, 1)
    assert pairs(engine) == [(existing, existing + 1)]
