"""Command line: ``python -m dashboard.seed --cases N [--seed S] [--years Y] [--until D]``."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from sqlalchemy.exc import DBAPIError, OperationalError

from dashboard.db import build_engine, describe_url
from dashboard.i18n import format_int
from dashboard.seed import Mode, SeedRefused, seed_database
from dashboard.settings import database_url


def positive(value: str) -> int:
    """argparse type: a whole number above zero, so a typo fails with usage, not a traceback."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"debe ser un entero positivo: {value}")
    return number


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.seed",
        description="Carga solicitudes de demostración con aspecto de provincia.",
    )
    parser.add_argument("--cases", type=positive, required=True, help="cantidad de solicitudes")
    parser.add_argument("--seed", type=int, default=7, help="semilla (mismos datos, misma semilla)")
    parser.add_argument("--years", type=positive, default=5, help="años de historia (5)")
    parser.add_argument(
        "--until", type=date.fromisoformat, default=None, help="fin de los datos, AAAA-MM-DD (hoy)"
    )
    parser.add_argument("--database-url", default=None, help="por omisión DATABASE_URL o la demo")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--append", action="store_const", dest="mode", const=Mode.APPEND)
    mode.add_argument("--replace", action="store_const", dest="mode", const=Mode.REPLACE)
    parser.set_defaults(mode=Mode.NEW)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    url = options.database_url or database_url()
    engine = build_engine(url, statement_timeout_ms=None)
    try:
        report = seed_database(
            engine,
            cases=options.cases,
            seed=options.seed,
            years=options.years,
            until=options.until,
            mode=options.mode,
            show_progress=True,
        )
    except SeedRefused as refusal:
        print(refusal, file=sys.stderr)
        return 2
    except (OperationalError, DBAPIError) as error:
        print(f"No se pudo escribir en {describe_url(url)}: {error.orig}", file=sys.stderr)
        return 1
    print(
        f"Listo: {format_int(report.cases)} solicitudes, {format_int(report.events)} eventos, "
        f"{format_int(report.citizens)} personas en {report.seconds:.1f} s ({describe_url(url)})."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
