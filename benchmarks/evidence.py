"""Time the evidence of every registered process change, indicator by indicator.

    python -m benchmarks.evidence --database-url postgresql+psycopg://... [--repeat 3]

Each run is the whole analysis a page or the command line asks for: the two weekly reads
(aggregated in the database) and the statistics in Python (bootstrap, regressions,
placebos, confounders). Target (issue 15): each analysis ≤ 2 s at 1,000,000 cases on
PostgreSQL.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import datetime

from sqlalchemy import func, select

from dashboard.db import build_engine, describe_url
from dashboard.evidence.analysis import EvidenceRefused, analyse
from dashboard.evidence.measures import MEASURES
from dashboard.models import Case, ProcessChange
from queries.process_changes import process_change


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per analysis")
    parser.add_argument("--as-of", type=datetime.fromisoformat, default=None,
                        help="cut-off (default: the latest case's creation)")  # fmt: skip
    options = parser.parse_args(argv)
    engine = build_engine(options.database_url, statement_timeout_ms=None)
    with engine.connect() as connection:
        cases = connection.execute(select(func.count()).select_from(Case)).scalar_one()
        as_of = options.as_of or connection.execute(select(func.max(Case.created_at))).scalar()
        names = connection.execute(select(ProcessChange.name).order_by(ProcessChange.id)).scalars()
        print(f"Base: {describe_url(engine.url)}; {cases} solicitudes; corte {as_of:%Y-%m-%d}")
        print(f"Mediana de {options.repeat} corridas tras una de calentamiento.\n")
        print("| cambio | indicador | mediana (ms) | máximo (ms) | veredicto |")
        print("| --- | --- | ---: | ---: | --- |")
        for name in list(names):
            change = process_change(connection, name)
            for measure in MEASURES:
                print(_row(connection, change, measure.key, as_of, options.repeat), flush=True)
    engine.dispose()


def _row(connection, change, indicator: str, as_of: datetime, repeat: int) -> str:
    def run():
        return analyse(connection, change, indicator, as_of=as_of)

    try:
        found = run()  # warm-up
    except EvidenceRefused as refused:
        return f"| {change.name} | `{indicator}` | — | — | {refused} |"
    durations = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        durations.append((time.perf_counter() - began) * 1000)
    return (f"| {change.name} | `{indicator}` | {statistics.median(durations):,.0f} | "
            f"{max(durations):,.0f} | {found.verdict} |")  # fmt: skip


if __name__ == "__main__":
    main()
