"""Time the duplicates finder against a seeded database (the full scan writes its pairs).

    python -m benchmarks.duplicates --database-url postgresql+psycopg://... [--new 1000]

First checks the ``--new`` most recent cases against the base, as an import checks the cases
it just wrote (in a transaction rolled back afterwards, so it leaves nothing), then scans the
whole base once. Targets (issue 12): at 1,000,000 cases a full scan in 10 minutes or less,
1,000 new cases in 5 seconds or less.
"""

from __future__ import annotations

import argparse
import time

from sqlalchemy import func, select

from dashboard.db import build_engine, describe_url
from dashboard.duplicates.find import check_cases, scan
from dashboard.models import Case


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--new", type=int, default=1_000, help="recent cases to check")
    options = parser.parse_args(argv)
    engine = build_engine(options.database_url, statement_timeout_ms=None)
    with engine.connect() as connection:
        cases = connection.execute(select(func.count()).select_from(Case)).scalar_one()
        recent = connection.execute(
            select(Case.id).order_by(Case.created_at.desc(), Case.id.desc()).limit(options.new)
        ).scalars().all()  # fmt: skip
        began = time.perf_counter()
        found_new = check_cases(connection, recent)
        checked_new = time.perf_counter() - began
        connection.rollback()
    report = scan(engine)
    print(f"Base: {describe_url(engine.url)}; {cases} solicitudes")
    print("| paso | segundos | pares nuevos |\n| --- | ---: | ---: |")
    print(f"| revisar las {len(recent)} solicitudes más recientes contra la base | "
          f"{checked_new:.1f} | {found_new} |")  # fmt: skip
    print(f"| revisar toda la base ({report.checked} solicitudes) | {report.seconds:.1f} | "
          f"{report.found} |")  # fmt: skip
    engine.dispose()


if __name__ == "__main__":
    main()
