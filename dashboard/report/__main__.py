"""``python -m dashboard.report --month AAAA-MM --out CARPETA [--database-url URL]``.

Writes ``informe_AAAA-MM.xlsx`` and ``informe_AAAA-MM.pdf`` (the monthly report for the whole
province) into the folder, prints their content hash and paths, and logs the generation in
the audit log as ``consola:<user>``. The database is the app's (``DATABASE_URL`` or the demo
file) unless ``--database-url`` names another. Exit status 0, or 2 with a one-line Spanish
reason (a month it cannot read or that has not begun, a database it cannot reach, a folder it
cannot write).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date, datetime
from pathlib import Path

from auth.roles import Actor
from dashboard.cli import PROBLEMS, Refused, refuse
from dashboard.commands import record_export
from dashboard.db import build_engine, check_connection
from dashboard.domain import Role, local_now
from dashboard.report import AUDIT_WHAT, Report, build_report
from dashboard.settings import database_url


def main(argv: list[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    try:
        now = local_now()
        month = _month(options.month, now)
        report, paths = _generate(options.database_url, month, options.out, now)
    except (*PROBLEMS, OSError) as problem:
        return refuse("No se generó el informe: ", problem, options.out)
    print(f"Informe mensual de {month:%m/%Y} escrito en {paths[0]} y {paths[1]}.")
    print(f"Hash del contenido (SHA-256): {report.content_hash}")
    return 0


def _generate(
    url: str | None, month: date, folder: Path, now: datetime
) -> tuple[Report, list[Path]]:
    engine = build_engine(url or database_url(), statement_timeout_ms=None)
    try:
        check_connection(engine)
        user = f"consola:{getpass.getuser()}"
        with engine.connect() as connection:
            report = build_report(connection, month, generated_by=user, generated_at=now)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for suffix, data in (("xlsx", report.xlsx), ("pdf", report.pdf)):
            path = folder / f"informe_{month:%Y-%m}.{suffix}"
            path.write_bytes(data)
            paths.append(path)
        filters = {"mes": f"{month:%Y-%m}", "hash": report.content_hash}
        record_export(engine, Actor(user, Role.ADMIN), AUDIT_WHAT, filters, report.rows,
                      file_format="xlsx+pdf")  # fmt: skip
        return report, paths
    finally:
        engine.dispose()


def _month(written: str, now: datetime) -> date:
    """The first day of the month written ``AAAA-MM``; a month that has not begun is refused."""
    try:
        month = datetime.strptime(written, "%Y-%m").date()
    except ValueError:
        raise Refused(
            f"el mes «{written}» no es válido: usá AAAA-MM (por ejemplo 2026-11)."
        ) from None
    if month > now.date():
        raise Refused(f"el mes {month:%m/%Y} todavía no empezó.")
    return month


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.report",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--month", required=True, metavar="AAAA-MM", help="el mes del informe")
    parser.add_argument("--out", required=True, type=Path, metavar="CARPETA",
                        help="carpeta donde escribir el Excel y el PDF")  # fmt: skip
    parser.add_argument("--database-url", help="por omisión, DATABASE_URL o la base de demo")
    return parser


if __name__ == "__main__":
    sys.exit(main())
