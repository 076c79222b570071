"""A large sheet's phones are checked in a child process ahead of the rows: the answers and
the rows' errors must be exactly those of checking in place, and a child that cannot start
must change nothing but the time it takes."""

from __future__ import annotations

import random

import pytest

from dashboard.imports import phones, values
from dashboard.imports.fields import Field
from dashboard.imports.prepare import Catalogue, prepare
from dashboard.imports.readers import Table

CATALOGUE = Catalogue(
    partidos=[(1, "La Plata")],
    categories=[("alimentos", "Asistencia alimentaria")],
    departments=[("DPAA", "Dirección Provincial de Asistencia Alimentaria")],
    channels=[("presencial", "Presencial")],
)
COLUMNS = {"Fecha": Field.created_date, "Teléfono": Field.phone, "Tema": Field.category,
           "Detalle": Field.description}  # fmt: skip


def sheet_phones(count: int, seed: int = 3) -> list[object]:
    """What a phone column holds: numbers typed many ways, floats, blanks and mistakes."""
    rng = random.Random(seed)
    shapes = [
        lambda: f"221 {rng.randrange(4_000_000, 7_000_000)}",
        lambda: f"(011) 15-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}",
        lambda: float(f"221{rng.randrange(4_000_000, 7_000_000)}"),
        lambda: f"4555-{rng.randrange(1000, 9999)}",  # no area code: refused
        lambda: "s/d",
        lambda: None,
        lambda: "llamar a la tarde",
    ]
    return [rng.choice(shapes)() for _ in range(count)]


def in_place(cell: object) -> tuple[str | None, str | None]:
    try:
        return values.phone(cell), None
    except values.BadValue as bad:
        return None, str(bad)


def test_the_child_answers_every_later_block_as_checking_in_place_would() -> None:
    cells = sheet_phones(2 * phones.BLOCK + 123)
    with phones.checked_ahead(cells) as ahead:
        blocks = list(ahead)
    assert len(blocks) == 2
    answers = {key: (number, bad and str(bad)) for block in blocks
               for key, (number, bad) in block.items()}  # fmt: skip
    later = [cell for cell in cells[phones.BLOCK :] if not values.is_blank(cell)]
    assert {(type(cell), cell): in_place(cell) for cell in later} == answers
    assert any(number for number, _ in answers.values())
    assert any(reason for _, reason in answers.values())


def test_a_small_sheet_is_checked_in_place_without_a_child() -> None:
    with phones.checked_ahead(sheet_phones(phones.BLOCK)) as ahead:
        assert list(ahead) == []


def large_sheet() -> Table:
    numbers = sheet_phones(2 * phones.BLOCK + 10, seed=5)
    rows = [["03/02/2026", number, "Asistencia alimentaria", f"Pedido {index}"]
            for index, number in enumerate(numbers)]  # fmt: skip
    return Table("Hoja1", 1, list(COLUMNS), rows, list(range(2, len(rows) + 2)))


def outcome(table: Table) -> tuple[list[tuple[int, str | None]], list[tuple[int, str]]]:
    prepared = prepare(table, COLUMNS, CATALOGUE)
    return ([(case.row, case.phone) for case in prepared.cases],
            [(error.row, error.reason) for error in prepared.errors])  # fmt: skip


def test_a_large_sheet_reads_the_same_with_or_without_the_child(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = large_sheet()
    with_child = outcome(table)
    monkeypatch.setattr(phones.sys, "executable", "/no/such/python")  # the child cannot start
    assert outcome(table) == with_child
    expected: tuple[list, list] = ([], [])
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        phone, reason = (None, None) if values.is_blank(cells[1]) else in_place(cells[1])
        if reason:
            expected[1].append((number, reason))
        else:
            expected[0].append((number, phone))
    assert with_child == expected
    assert [row for row, _ in with_child[1] if row > phones.BLOCK + 1]  # past the first block
