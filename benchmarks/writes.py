"""Time reassignment commits against a database (it really moves open cases: use a copy).

    python -m benchmarks.writes --database-url postgresql+psycopg://... [--single 30] [--bulk 100]

Single moves are timed one by one (median); a bulk move of ``--bulk`` cases is timed three
times. Cases are taken from the department with most open cases and sent to the next one.
"""

from __future__ import annotations

import argparse
import statistics
import time

from sqlalchemy import Engine, func, select

from auth.roles import Actor
from dashboard.commands import Reason, ShownCase, reassign
from dashboard.db import build_engine, describe_url
from dashboard.domain import DepartmentKind, Role
from dashboard.models import Case, Department

NOTE = "Prueba de rendimiento de reasignación"


def open_cases(engine: Engine, department_id: int, limit: int) -> list[ShownCase]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(Case.code, Case.version)
            .where(Case.department_id == department_id, Case.closed_at.is_(None))
            .order_by(Case.id)
            .limit(limit)
        ).all()
    return [ShownCase(code, version) for code, version in rows]


def departments(engine: Engine) -> tuple[int, int]:
    """The internal department with most open cases, and another one to move them to."""
    with engine.connect() as connection:
        busiest = connection.execute(
            select(Case.department_id)
            .join(Department, Department.id == Case.department_id)
            .where(Case.closed_at.is_(None), Department.kind == DepartmentKind.INTERNAL)
            .group_by(Case.department_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
        other = connection.execute(
            select(Department.id).where(
                Department.kind == DepartmentKind.INTERNAL, Department.id != busiest,
                Department.active,
            ).limit(1)
        ).scalar_one()  # fmt: skip
    return busiest, other


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--single", type=int, default=30)
    parser.add_argument("--bulk", type=int, default=100)
    options = parser.parse_args(argv)
    engine = build_engine(options.database_url)
    source, target = departments(engine)
    actor = Actor("benchmark", Role.SUPERVISOR, (source,))
    cases = open_cases(engine, source, options.single + 3 * options.bulk)
    singles = []
    for case in cases[: options.single]:
        start = time.perf_counter()
        [outcome] = reassign(engine, actor, [case], target, None, Reason.OTHER, NOTE)
        singles.append((time.perf_counter() - start) * 1000)
        assert outcome.moved, outcome.message
    bulks = []
    for run in range(3):
        batch = cases[options.single + run * options.bulk :][: options.bulk]
        start = time.perf_counter()
        outcomes = reassign(engine, actor, batch, target, None, Reason.OTHER, NOTE)
        bulks.append((time.perf_counter() - start) * 1000)
        assert all(o.moved for o in outcomes)
    print(f"Base: {describe_url(options.database_url)}")
    print("| escritura | mediana (ms) | máximo (ms) |")
    print("| --- | ---: | ---: |")
    print(f"| reasignar 1 solicitud ({len(singles)} veces) | {statistics.median(singles):.1f} "
          f"| {max(singles):.1f} |")  # fmt: skip
    print(f"| reasignar {options.bulk} solicitudes juntas (3 veces) | "
          f"{statistics.median(bulks):.1f} | {max(bulks):.1f} |")  # fmt: skip


if __name__ == "__main__":
    main()
