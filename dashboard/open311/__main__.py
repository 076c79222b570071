"""``python -m dashboard.open311 export --from AAAA-MM-DD --to AAAA-MM-DD [--out CARPETA]``.

Writes ``services.json`` and ``requests.json`` (Open311 GeoReport v2) for the cases created
in those days, both included, and logs the export in the audit log as ``consola:<user>``.
The database is the app's (``DATABASE_URL`` or the demo file) unless ``--database-url``
names another. Exit status 0, or 2 with a one-line Spanish reason (a date it cannot read,
a database it cannot reach, a folder it cannot write).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path

from auth.roles import Actor
from dashboard.cli import PROBLEMS, Refused, refuse
from dashboard.commands import record_export
from dashboard.db import build_engine, check_connection
from dashboard.domain import Role
from dashboard.i18n import format_int
from dashboard.open311.publish import REQUESTS_FILE, SERVICES_FILE, Published, export
from dashboard.settings import database_url

DEFAULT_FOLDER = "open311"


def main(argv: list[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    try:
        first, last = _day(options.first, "--from"), _day(options.last, "--to")
        if first > last:
            raise Refused(f"--from ({first}) es posterior a --to ({last}).")
        published = _export(options.database_url or database_url(), first, last, options.out)
    except (*PROBLEMS, OSError) as problem:
        return refuse("No se exportó nada: ", problem, options.out)
    print(_summary(published, first, last))
    return 0


def _export(url: str, first: date, last: date, folder: Path) -> Published:
    engine = build_engine(url, statement_timeout_ms=None)
    try:
        check_connection(engine)
        with engine.connect() as connection:
            published = export(connection, first, last, folder)
        actor = Actor(f"consola:{getpass.getuser()}", Role.ADMIN)
        filters = {"desde": first.isoformat(), "hasta": last.isoformat()}
        record_export(engine, actor, "open311", filters, published.requests)
        return published
    finally:
        engine.dispose()


def _summary(published: Published, first: date, last: date) -> str:
    services = "servicio" if published.services == 1 else "servicios"
    requests = "solicitud" if published.requests == 1 else "solicitudes"
    return (
        f"Escritos {format_int(published.services)} {services} ({SERVICES_FILE}) y "
        f"{format_int(published.requests)} {requests} creadas del {first:%d/%m/%Y} al "
        f"{last:%d/%m/%Y} ({REQUESTS_FILE}) en {published.folder}."
    )


def _day(written: str, option: str) -> date:
    try:
        day = date.fromisoformat(written)
    except ValueError:
        raise Refused(f"la fecha de {option} «{written}» no es válida: usá AAAA-MM-DD.") from None
    if day == date.max:  # the export reads up to the day after: there is none
        raise Refused(f"la fecha de {option} «{written}» está fuera del calendario.")
    return day


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard.open311", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("export", help="escribir services.json y requests.json")
    run.add_argument("--from", dest="first", required=True, metavar="AAAA-MM-DD",
                     help="primer día de creación (incluido)")  # fmt: skip
    run.add_argument("--to", dest="last", required=True, metavar="AAAA-MM-DD",
                     help="último día de creación (incluido)")  # fmt: skip
    run.add_argument("--out", type=Path, default=Path(DEFAULT_FOLDER), metavar="CARPETA",
                     help=f"carpeta de salida (por omisión, ./{DEFAULT_FOLDER})")  # fmt: skip
    run.add_argument("--database-url", help="por omisión, DATABASE_URL o la base de demo")
    return parser


if __name__ == "__main__":
    sys.exit(main())
