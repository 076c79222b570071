"""The demo's sample sheets go through the real import: most rows import, each planted problem
is reported, a second import adds nothing, and the duplicates across doors are there to find."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import aliased

from auth.roles import Actor
from dashboard import prepare
from dashboard.commands import import_sheet
from dashboard.db import build_engine
from dashboard.domain import Role
from dashboard.imports.plan import Choices, ImportPlan, plan_import
from dashboard.imports.samples import (
    DESPACHO,
    DESPACHO_HEADER,
    FILE_NAMES,
    GABINETE,
    MODERNIZACION,
    MODERNIZACION_HEADER,
    ROWS,
    SHARED_PER_PAIR,
    write_samples,
)
from dashboard.models import Case, Category, Citizen, Department
from dashboard.seed import seed_database

#: A fixed last day, so that the samples' March and April are inside the one year seeded.
UNTIL = date(2026, 11, 30)
SEED = 2026
#: Each sheet to import: file, intake area, sheet of the workbook, the errors planted in it
#: (column, how the reason starts) and how many rows repeat an earlier one.
SHEETS = [
    pytest.param("modernizacion.csv", MODERNIZACION, None,
                 {("Fecha ingreso", "fecha imposible: 31/02/"),
                  ("DNI/CUIL", "DNI con 5 dígitos")}, 1, id="modernizacion"),
    pytest.param("coordinacion_gabinete.xlsx", GABINETE, None,
                 {("fecha_de_alta", "fecha imposible: 31/04/")}, 0, id="gabinete-abril"),
    pytest.param("coordinacion_gabinete.xlsx", GABINETE, "Marzo",
                 {("mail", "correo electrónico sin @")}, 0, id="gabinete-marzo"),
    pytest.param("mesa_de_entradas.csv", DESPACHO, None,
                 {("DNI", "CUIL con dígito verificador inválido")}, 0, id="despacho"),
]  # fmt: skip
#: Rows spoilt on purpose that still import, each with its warning: (area, how it starts).
WARNED = [(MODERNIZACION, "fuera de la provincia: CABA: se importa sin partido"),
          (DESPACHO, "sin DNI ni CUIL: la persona no se puede identificar")]  # fmt: skip
ADMIN = Actor("admin", Role.ADMIN)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo database: two thousand cases over a year, with their histories."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    engine = build_engine(f"sqlite:///{path}")
    seed_database(engine, cases=2000, seed=3, years=1, until=UNTIL)
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def demo(demo_file: Path) -> Iterator[Engine]:
    """The demo database as the samples were made from it: nothing is imported into it."""
    engine = build_engine(f"sqlite:///{demo_file}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def samples(demo: Engine, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("samples")
    write_samples(demo, directory, seed=SEED)
    return directory


@pytest.fixture(scope="module")
def plans(demo: Engine, samples: Path) -> dict[str, list[ImportPlan]]:
    """Each area's previews (the workbook's two month sheets for the cabinet)."""
    planned: dict[str, list[ImportPlan]] = {}
    with demo.connect() as connection:
        for param in SHEETS:
            name, area, sheet, *_ = param.values
            planned.setdefault(area, []).append(plan(connection, samples, name, area, sheet))
    return planned


def area_id(connection: Connection, code: str) -> int:
    return connection.execute(select(Department.id).where(Department.code == code)).scalar_one()


def plan(connection: Connection, directory: Path, name: str, area: str,
         sheet: str | None) -> ImportPlan:  # fmt: skip
    data = (directory / name).read_bytes()
    return plan_import(connection, data, name, area_id(connection, area), Choices(sheet))


@pytest.mark.parametrize(("name", "area", "sheet", "planted", "repeated"), SHEETS)
def test_most_rows_import_and_each_planted_problem_is_reported_in_spanish(
    demo: Engine, samples: Path, name: str, area: str, sheet: str | None,
    planted: set[tuple[str, str]], repeated: int,
) -> None:  # fmt: skip
    with demo.connect() as connection:
        planned = plan(connection, samples, name, area, sheet)
    errors = planned.prepared.errors
    assert planned.to_import >= 0.8 * len(planned.table.rows)
    assert planned.prepared.rows_with_errors == len(errors) == len(planted)
    for column, reason in planted:
        assert any(e.column == column and e.reason.startswith(reason) for e in errors), reason
    assert len(planned.prepared.repeated) == repeated


@pytest.mark.parametrize(("area", "warning"), WARNED)
def test_a_place_outside_the_province_or_a_missing_dni_imports_with_a_warning(
    plans, area: str, warning: str
) -> None:
    warned = [row for planned in plans[area] for row in planned.prepared.cases
              if any(w.startswith(warning) for w in row.warnings)]  # fmt: skip
    assert len(warned) == 1
    if area == MODERNIZACION:
        assert warned[0].partido_id is None and warned[0].original["partido"] == "CABA"
    else:
        assert warned[0].dni is None and warned[0].last_name == "Municipalidad"


def test_each_sample_is_written_the_way_its_area_writes(samples: Path, plans) -> None:
    modernizacion, = plans[MODERNIZACION]  # fmt: skip
    abril, marzo = plans[GABINETE]
    despacho, = plans[DESPACHO]  # fmt: skip
    assert (modernizacion.source.encoding, modernizacion.source.separator) == ("cp1252", ";")
    assert modernizacion.table.headers == MODERNIZACION_HEADER
    notes = [row[-1] or "" for row in modernizacion.table.rows]
    assert any(";" in note for note in notes) and any("\n" in note for note in notes)
    documents = [row[4] or "" for row in modernizacion.table.rows]
    assert sum(document.count(".") == 2 for document in documents) > 50
    assert sum(document.count("-") == 2 for document in documents) > 10  # CUILs
    assert [table.sheet for table in abril.source.tables] == ["Abril", "Marzo", "Notas"]
    assert (abril.table.sheet, marzo.table.sheet, abril.table.header_row) == ("Abril", "Marzo", 3)
    cells = [row for table in (abril.table, marzo.table) for row in table.rows]
    assert sum(isinstance(row[3], float) for row in cells) > 0.8 * len(cells)  # documento
    assert sum(isinstance(row[0], date) for row in cells) == len(cells) - 1  # but the 31/04
    assert (despacho.source.encoding, despacho.source.separator) == ("utf-8-sig", ",")
    assert despacho.table.headers == DESPACHO_HEADER
    readme = (samples / "README.txt").read_text()
    for area, name in FILE_NAMES.items():
        assert f"-m dashboard.imports data/samples/{name} --area {area}" in readme


def test_importing_each_sample_twice_adds_nothing_the_second_time(
    demo_file: Path, samples: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, copy)
    engine = build_engine(f"sqlite:///{copy}")
    try:
        for param in SHEETS:
            name, area, sheet, *_ = param.values
            outcomes = []
            for _ in range(2):
                with engine.connect() as connection:
                    planned = plan(connection, samples, name, area, sheet)
                    target = area_id(connection, area)
                outcomes.append(import_sheet(engine, ADMIN, target, planned.source,
                                             planned.table.sheet, planned.mapping,
                                             planned.prepared))  # fmt: skip
            first, second = outcomes
            assert first.imported == len(planned.prepared.cases) > 0
            assert (second.batch_id, second.imported, second.already) == (None, 0, first.imported)
    finally:
        engine.dispose()


def test_a_tenth_of_each_sheet_is_a_request_the_base_has_from_another_door(
    demo: Engine, plans
) -> None:
    for area, planned in plans.items():
        rows = logged(demo, planned)
        with demo.connect() as connection:
            base = base_requests(connection, area, {dni for dni, _, _ in rows})
        again = [row for row in rows if any(same_request(row, case) for case in base)]
        assert 0.07 <= len(again) / ROWS[area] <= 0.13, area


def test_some_requests_are_in_two_of_the_sheets(demo: Engine, plans) -> None:
    for first, second in combinations(plans, 2):
        pairs = [(one, other) for one in logged(demo, plans[first])
                 for other in logged(demo, plans[second]) if same_request(one, other)]  # fmt: skip
        assert len(pairs) >= SHARED_PER_PAIR, (first, second)


def test_the_same_database_and_seed_give_the_same_files(
    demo: Engine, samples: Path, tmp_path: Path
) -> None:
    again = write_samples(demo, tmp_path / "again", seed=SEED)
    assert [path.read_bytes() for path in again] == [
        (samples / path.name).read_bytes() for path in again
    ]
    other = write_samples(demo, tmp_path / "other", seed=SEED + 1)
    assert other[0].read_bytes() != (samples / other[0].name).read_bytes()


def test_only_the_demo_database_gets_samples_and_the_output_says_where(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    samples = tmp_path / "samples"
    monkeypatch.setattr(prepare, "DEMO_SAMPLES", samples)
    configured = tmp_path / "configured.sqlite3"
    shutil.copy(demo_file, configured)
    monkeypatch.setattr(prepare, "database_url", lambda: f"sqlite:///{configured}")
    assert prepare.main() == 0
    assert not samples.exists()

    monkeypatch.setattr(prepare, "is_embedded", lambda url: True)
    monkeypatch.setattr(prepare, "ensure_demo_users", lambda engine: None)
    assert prepare.main() == 0  # a demo database that has cases but no samples yet
    assert sorted(path.name for path in samples.iterdir()) == [
        "README.txt", "coordinacion_gabinete.xlsx", "mesa_de_entradas.csv", "modernizacion.csv"
    ]  # fmt: skip
    assert f"Planillas de ejemplo para importar: {os.path.relpath(samples)}" in (
        capsys.readouterr().out
    )
    (samples / "modernizacion.csv").unlink()
    assert prepare.main() == 0  # samples a newcomer may have edited are left alone
    assert not (samples / "modernizacion.csv").exists()

    monkeypatch.setattr(prepare, "database_url", lambda: f"sqlite:///{tmp_path / 'new.sqlite3'}")
    monkeypatch.setattr(prepare, "DEMO_CASES", 2000)
    assert prepare.main() == 0  # a new demo database: its own samples, whatever was there
    assert (samples / "modernizacion.csv").exists()


Logged = tuple[str, str, datetime]  # DNI, category group, when


def logged(engine: Engine, planned: list[ImportPlan]) -> list[Logged]:
    groups = category_groups(engine)
    return [(row.dni, groups.get(row.category, row.category), row.created_at)
            for plan_ in planned for row in plan_.prepared.cases]  # fmt: skip


def category_groups(engine: Engine) -> dict[str, str]:
    group = aliased(Category)
    with engine.connect() as connection:
        return dict(connection.execute(
            select(Category.code, group.code).join(group, group.id == Category.parent_id)
        ).all())  # fmt: skip


def base_requests(connection: Connection, area: str, dnis: set[str]) -> list[Logged]:
    """The base's cases of these citizens that came in through another door."""
    group, intake = aliased(Category), aliased(Department)
    query = (
        select(Citizen.dni, group.code, Case.created_at)
        .join(Citizen, Citizen.id == Case.citizen_id)
        .join(Category, Category.id == Case.category_id)
        .join(group, group.id == Category.parent_id)
        .join(intake, intake.id == Case.intake_department_id)
        .where(Citizen.dni.in_(dnis), intake.code != area)
    )
    return [tuple(row) for row in connection.execute(query)]


def same_request(one: Logged, other: Logged) -> bool:
    """Same citizen, same category group, logged within three days of each other."""
    return one[:2] == other[:2] and abs((one[2].date() - other[2].date()).days) <= 3
