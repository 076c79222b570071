"""Time every read in ``queries/`` against a database and print a table of medians.

    python -m benchmarks.queries --database-url postgresql+psycopg://... [--repeat 7]

Functions are discovered, not listed by hand, so a new query cannot miss its benchmark:
every public function in a ``queries`` module whose first parameter is ``connection`` runs
once per filter scenario (when it takes ``filters``) after one untimed warm-up run.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pandas as pd
from sqlalchemy import Connection, func, select

import queries
from auth.roles import Actor
from dashboard.db import build_engine, describe_url
from dashboard.domain import DepartmentKind, Role, local_now
from dashboard.models import (
    Baseline,
    Case,
    CaseStay,
    Channel,
    Department,
    DuplicatePair,
    ProcessChange,
)
from dashboard.settings import database_url
from queries.case_list import CaseListOptions
from queries.evidence import evidence_weeks
from queries.filters import DEFAULT_PERIOD_DAYS, CaseFilters


@dataclass(frozen=True)
class Timing:
    query: str
    scenario: str
    median_ms: float
    max_ms: float
    rows: int


def query_functions() -> list[Callable[..., pd.DataFrame]]:
    """Every public read in the ``queries`` package, in module order."""
    found = []
    for module_info in pkgutil.iter_modules(queries.__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"queries.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            parameters = list(inspect.signature(function).parameters)
            if (
                function.__module__ == module.__name__
                and not name.startswith("_")
                and parameters[:1] == ["connection"]
            ):
                found.append(function)
    return found


def scenarios(connection: Connection) -> dict[str, CaseFilters]:
    """What users ask most: the default 90 days, a whole year, and one busy department."""
    now = local_now()
    today = now.date()
    busiest = connection.execute(
        select(Case.department_id)
        .where(Case.closed_at.is_(None))
        .group_by(Case.department_id)
        .order_by(func.count().desc())
        .limit(1)
    ).scalar()
    whatsapp = connection.execute(select(Channel.id).where(Channel.code == "whatsapp")).scalar()
    default_from = today - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    return {
        "90 días": CaseFilters.for_period(default_from, today, now),
        "365 días": CaseFilters.for_period(today - timedelta(days=364), today, now),
        "90 días, 1 área + WhatsApp": CaseFilters.for_period(
            default_from,
            today,
            now,
            department_ids=(busiest,) if busiest else (),
            channel_ids=(whatsapp,) if whatsapp else (),
        ),
    }


def time_call(call: Callable[[], object], repeat: int) -> tuple[list[float], int]:
    found = call()  # warm-up: plans and caches, as a running server would have them
    # A frame counts its rows; a read of one record (a process change) counts it or none.
    rows = len(found) if isinstance(found, pd.DataFrame) else int(found is not None)
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        durations.append((time.perf_counter() - start) * 1000)
    return durations, rows


def sample_arguments(connection: Connection) -> dict[str, object]:
    """Values for parameters other than ``filters``, by name: a recent case, the last month,
    a bulk reassignment of 100 open cases into the busiest department and its busiest
    person (the heaviest preview a supervisor can ask for), those 100 cases ticked at a
    version none of them has any more (every one listed as changed), and a recent referral
    flow."""
    now = local_now()
    latest = connection.execute(select(Case.code).order_by(Case.id.desc()).limit(1)).scalar()
    department, assignee = connection.execute(
        select(Case.department_id, Case.assignee_id)
        .where(Case.closed_at.is_(None))
        .group_by(Case.department_id, Case.assignee_id)
        .order_by(Case.assignee_id.is_(None), func.count().desc())
        .limit(1)
    ).one()
    moving = tuple(
        connection.execute(
            select(Case.code)
            .where(Case.closed_at.is_(None), Case.department_id != department)
            .limit(100)
        ).scalars()
    )
    # The most recent move between two departments: a flow of the default period.
    origin, destination = connection.execute(
        select(CaseStay.department_id, CaseStay.next_department_id)
        .where(CaseStay.next_department_id.is_not(None))
        .order_by(CaseStay.case_id.desc())
        .limit(1)
    ).one_or_none() or (department, department)
    intake = tuple(
        connection.execute(
            select(Department.id).where(Department.kind == DepartmentKind.INTAKE)
        ).scalars()
    )
    return {
        "code": latest or "MDC-0000-000000",
        "scope": None,
        "date_from": now.date() - timedelta(days=30),
        "date_to": now.date(),
        "options": CaseListOptions(),
        "department_id": department,
        "assignee_id": assignee,
        "codes": moving,
        "seen": tuple((code, 0) for code in moving),
        "origin_id": origin,
        "destination_id": destination,
        "as_of": now,
        # Protocol: the cases behind the busiest department's stale figure.
        "rule": "stale",
        # Duplicates: an administrator reviews every pair; the best-scored one is opened.
        "actor": Actor("benchmark", Role.ADMIN),
        "pair_id": connection.execute(
            select(DuplicatePair.id).order_by(DuplicatePair.score.desc()).limit(1)
        ).scalar()
        or 0,
        "intake_department_ids": intake,
        "intake_department_id": intake[0] if intake else 0,
        # Evidence: the 24 weeks around a change 16 weeks ago, as an analysis reads them.
        "weeks": evidence_weeks(now.date() - timedelta(weeks=16), 12, 12),
        "start": now.date() - timedelta(days=365),
        "end": now.date(),
        "key": connection.execute(select(func.min(ProcessChange.id))).scalar() or 0,
        "baseline_id": connection.execute(select(func.min(Baseline.id))).scalar() or 0,
    }


def arguments_for(function: Callable[..., pd.DataFrame], samples: dict[str, object]) -> tuple:
    """Positional arguments after ``connection`` and ``filters``: required ones from samples."""
    values = []
    for name, parameter in list(inspect.signature(function).parameters.items())[1:]:
        if name == "filters":
            continue
        if parameter.default is not inspect.Parameter.empty:
            break
        if name not in samples:
            raise KeyError(f"benchmarks: no sample value for {function.__name__}({name})")
        values.append(samples[name])
    return tuple(values)


def run(url: str, repeat: int, only: str = "") -> list[Timing]:
    """Time every read whose name (``module.function``) starts with ``only``."""
    engine = build_engine(url)
    timings = []
    with engine.connect() as connection:
        filter_scenarios = scenarios(connection)
        samples = sample_arguments(connection)
        for function in query_functions():
            name = f"{function.__module__.removeprefix('queries.')}.{function.__name__}"
            if not name.startswith(only):
                continue
            extra = arguments_for(function, samples)
            takes_filters = "filters" in inspect.signature(function).parameters
            cases = filter_scenarios.items() if takes_filters else [("—", None)]
            for label, filters in cases:
                args = ((filters,) if filters is not None else ()) + extra
                durations, rows = time_call(lambda f=function, a=args: f(connection, *a), repeat)
                timings.append(
                    Timing(name, label, statistics.median(durations), max(durations), rows)
                )
    engine.dispose()
    return timings


def count_cases(url: str) -> int:
    engine = build_engine(url)
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(Case)).scalar_one()
    engine.dispose()
    return int(total)


def markdown_table(timings: list[Timing]) -> str:
    lines = [
        "| consulta | escenario | mediana (ms) | máximo (ms) | filas |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| `{t.query}` | {t.scenario} | {t.median_ms:.1f} | {t.max_ms:.1f} | {t.rows} |"
        for t in timings
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL or demo")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per query")
    parser.add_argument("--only", default="", help="only reads named so, e.g. indicators.")
    options = parser.parse_args(argv)
    url = options.database_url or database_url()
    print(f"Base: {describe_url(url)} · {count_cases(url):,} solicitudes".replace(",", "."))
    print(f"Mediana de {options.repeat} corridas tras una de calentamiento.\n")
    print(markdown_table(run(url, options.repeat, options.only)))


if __name__ == "__main__":
    main()
