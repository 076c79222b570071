"""The benchmark runs every query of ``queries/`` and reports real row counts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, text

from benchmarks import writes
from benchmarks.queries import markdown_table, query_functions, run
from dashboard.domain import local_now
from tests.builders import add_case, small_world


def test_benchmark_times_every_query_function(engine: Engine) -> None:
    world = small_world(engine)
    add_case(engine, world, created_at=local_now() - timedelta(days=3))
    timings = run(engine.url.render_as_string(hide_password=False), repeat=2)
    timed = {timing.query for timing in timings}
    expected = {
        f"{function.__module__.removeprefix('queries.')}.{function.__name__}"
        for function in query_functions()
    }
    assert timed == expected
    assert "summary.headline_figures" in timed
    channel_rows = [t.rows for t in timings if t.query == "summary.cases_by_channel"]
    assert channel_rows[:2] == [1, 1]  # the one recent case, in its one channel
    assert "| `summary.headline_figures` | 90 días |" in markdown_table(timings)


def test_write_benchmark_moves_cases_and_reports_medians(engine: Engine, capsys) -> None:
    world = small_world(engine)
    for day in range(1, 9):
        add_case(engine, world, created_at=local_now() - timedelta(days=day))
    writes.main(["--database-url", engine.url.render_as_string(hide_password=False),
                 "--single", "2", "--bulk", "2"])  # fmt: skip
    printed = capsys.readouterr().out
    assert "| reasignar 1 solicitud (2 veces) |" in printed
    assert "| reasignar 2 solicitudes juntas (3 veces) |" in printed
    with engine.connect() as connection:
        moved = connection.execute(
            text("SELECT count(*) FROM case_events WHERE kind = 'reasignada'")
        ).scalar_one()
    assert moved == 8
