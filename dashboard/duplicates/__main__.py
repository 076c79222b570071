"""``python -m dashboard.duplicates scan [--since AAAA-MM-DD] [--days N]``: propose new pairs.

Checks the cases created since the date (all when omitted) against every case of the base
and stores the new pairs of probable duplicates for the page "Duplicados". Exit status 0,
or 2 with a one-line Spanish reason (a date or number it cannot read, a database it cannot
reach).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from dashboard.cli import PROBLEMS, Refused, refuse
from dashboard.db import build_engine, check_connection
from dashboard.duplicates.compare import DEFAULT_WINDOW_DAYS
from dashboard.duplicates.find import scan
from dashboard.i18n import format_decimal, format_int
from dashboard.settings import database_url


def main(argv: list[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    try:
        since, days = _since(options.since), _days(options.days)
        engine = build_engine(options.database_url or database_url(), statement_timeout_ms=None)
        try:
            check_connection(engine)
            report = scan(engine, since=since, days=days)
        finally:
            engine.dispose()
    except PROBLEMS as problem:
        return refuse("No se revisó nada: ", problem)
    pairs = "par nuevo" if report.found == 1 else "pares nuevos"
    print(
        f"Revisadas {format_int(report.checked)} solicitudes en "
        f"{format_decimal(report.seconds)} s: {format_int(report.found)} {pairs} de posibles "
        "duplicadas."
    )
    return 0


def _since(written: str | None) -> datetime | None:
    if written is None:
        return None
    try:
        return datetime.combine(date.fromisoformat(written), datetime.min.time())
    except ValueError:
        raise Refused(f"la fecha «{written}» no es válida: usá AAAA-MM-DD.") from None


def _days(written: str) -> int:
    if not written.isdigit() or int(written) < 1:
        raise Refused(f"--days tiene que ser un número de días mayor que cero, no «{written}».")
    return int(written)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard.duplicates", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("scan", help="buscar pares nuevos de posibles duplicadas")
    run.add_argument(
        "--since",
        metavar="AAAA-MM-DD",
        help="solo las solicitudes creadas desde ese día (contra toda la base)",
    )
    run.add_argument(
        "--days",
        default=str(DEFAULT_WINDOW_DAYS),
        metavar="N",
        help=f"días entre ingresos (por omisión {DEFAULT_WINDOW_DAYS})",
    )
    run.add_argument("--database-url", help="por omisión, DATABASE_URL o la base de demo")
    return parser  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
