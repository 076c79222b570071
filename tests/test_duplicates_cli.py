"""``python -m dashboard.duplicates scan``: what it prints and its exit status."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select

from benchmarks.duplicates import main as benchmark
from dashboard.duplicates.__main__ import main
from dashboard.models import DuplicatePair
from dashboard.settings import PROJECT_ROOT
from tests.builders import add_case, small_world

T0 = datetime(2026, 3, 2, 9, 30)


def url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def stored(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(DuplicatePair)).scalar_one()


def test_a_scan_says_how_many_cases_it_checked_and_pairs_it_found(engine: Engine, capsys) -> None:
    world = small_world(engine)
    for day in (0, 3, 40):
        add_case(engine, world, created_at=T0 + timedelta(days=day))
    assert main(["scan", "--database-url", url(engine)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("Revisadas 3 solicitudes en ")
    assert printed.endswith(" s: 1 par nuevo de posibles duplicadas.\n")
    assert main(["scan", "--days", "45", "--since", "2026-04-01", "--database-url",
                 url(engine)]) == 0  # fmt: skip
    assert ": 2 pares nuevos" in capsys.readouterr().out  # the case of day 40, with both
    assert stored(engine) == 3


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        (["--since", "2026-02-30"], "la fecha «2026-02-30» no es válida: usá AAAA-MM-DD."),
        (["--days", "0"], "--days tiene que ser un número de días mayor que cero, no «0»."),
        (["--days", "treinta"], "--days tiene que ser un número de días mayor que cero, no "
                                "«treinta»."),
    ],
)  # fmt: skip
def test_what_it_cannot_read_is_refused_in_one_spanish_line(
    engine: Engine, capsys, arguments: list[str], reason: str
) -> None:
    assert main(["scan", *arguments, "--database-url", url(engine)]) == 2
    assert capsys.readouterr().err == f"No se revisó nada: {reason}\n"


def test_an_unreachable_database_is_refused_naming_it_without_its_password(capsys) -> None:
    target = "postgresql+psycopg://mdc:secreto@127.0.0.1:1/mdc"
    assert main(["scan", "--database-url", target]) == 2
    assert capsys.readouterr().err == (
        "No se revisó nada: no se puede conectar con la base "
        "postgresql+psycopg://mdc:***@127.0.0.1:1/mdc.\n"
    )


def test_the_module_runs_from_the_command_line() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "dashboard.duplicates", "scan", "--since", "ayer"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert finished.returncode == 2
    assert finished.stderr == "No se revisó nada: la fecha «ayer» no es válida: usá AAAA-MM-DD.\n"


def test_the_benchmark_times_new_cases_and_the_full_scan(engine: Engine, capsys) -> None:
    world = small_world(engine)
    for day in (0, 2, 4):
        add_case(engine, world, created_at=T0 + timedelta(days=day))
    benchmark(["--database-url", url(engine), "--new", "1"])
    new, full = capsys.readouterr().out.splitlines()[-2:]
    # The newest case pairs with the two others; rolled back, the full scan finds all three.
    assert new.startswith("| revisar las 1 solicitudes más recientes contra la base | ")
    assert new.endswith(" | 2 |")
    assert full.startswith("| revisar toda la base (3 solicitudes) | ")
    assert full.endswith(" | 3 |")
    assert stored(engine) == 3
