"""``make database``: migrate the configured database; seed the embedded demo when absent.

A configured (production) database is only migrated, never seeded and never given the demo
users (their passwords are public) nor sample sheets: demo data must not mix with real cases.
The first real administrator comes from ``python -m auth.users add``.
"""

from __future__ import annotations

import os
import sys

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError, OperationalError

from auth.demo import ensure_demo_users
from dashboard.db import build_engine, describe_url
from dashboard.domain import local_now
from dashboard.duplicates.find import scan
from dashboard.i18n import format_int
from dashboard.imports.samples import write_samples
from dashboard.migrate import upgrade
from dashboard.models import Case
from dashboard.seed import seed_database
from dashboard.settings import EMBEDDED_DB_PATH, database_url, is_embedded

#: Size of the embedded demo: enough for every page to look like the province (five years,
#: a couple of hundred cases a week), quick to build on a first start (about half a minute).
DEMO_CASES = 60_000
DEMO_SEED = 2026
#: The intake areas' sample sheets, made from the demo database beside it.
DEMO_SAMPLES = EMBEDDED_DB_PATH.parent / "samples"


def main() -> int:
    url = database_url()
    engine = build_engine(url, statement_timeout_ms=None)
    try:
        engine.connect().close()
    except (OperationalError, DBAPIError):
        print(f"No se puede conectar con la base {describe_url(url)}.", file=sys.stderr)
        return 1
    print("Actualizando la estructura de la base…")
    upgrade(engine)
    if is_embedded(url):
        _prepare_demo(engine)
    print(f"Base lista: {describe_url(url)}")
    return 0


def _prepare_demo(engine: Engine) -> None:
    """Seed the demo database when it has no cases, then its users, then the sample sheets:
    written anew with a new database (the old ones name other cases) or when missing."""
    with engine.connect() as connection:
        cases = connection.execute(select(func.count()).select_from(Case)).scalar_one()
    if cases == 0:
        print(f"Creando la base de demostración ({format_int(DEMO_CASES)} solicitudes)…")
        seed_database(
            engine,
            cases=DEMO_CASES,
            seed=DEMO_SEED,
            until=local_now().date(),
            show_progress=True,
        )
        # So that the "Duplicados" queue opens with the seed's repeated requests to review.
        print("Buscando solicitudes posiblemente duplicadas…")
        found = scan(engine).found
        print(f"Posibles duplicadas para revisar: {format_int(found)}")
    print("Creando los usuarios de demostración…")
    ensure_demo_users(engine)
    if cases == 0 or not DEMO_SAMPLES.exists():
        print("Escribiendo las planillas de ejemplo…")
        write_samples(engine, DEMO_SAMPLES, seed=DEMO_SEED)
    print(f"Planillas de ejemplo para importar: {os.path.relpath(DEMO_SAMPLES)} (ver README.txt)")


if __name__ == "__main__":
    raise SystemExit(main())
