"""Where the data lives: one answer for the app, the seed, the CLI and the benchmarks.

``DATABASE_URL`` from the environment wins, then ``DATABASE_URL`` in
``.streamlit/secrets.toml``; with neither, the embedded SQLite demo file under ``data/``.
``DATABASE_URL_READ``, found the same way, sends the pages' cached reads to a read-only
copy (a PostgreSQL streaming replica); writes always go to ``DATABASE_URL``.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
EMBEDDED_DB_PATH = PROJECT_ROOT / "data" / "mdc_demo.sqlite3"
EMBEDDED_DB_URL = f"sqlite:///{EMBEDDED_DB_PATH}"
#: Longest a dashboard read may run before PostgreSQL cancels it (milliseconds).
DEFAULT_STATEMENT_TIMEOUT_MS = 30_000


def secret(name: str) -> str | None:
    """A value from ``.streamlit/secrets.toml``, read at call time (the file may change)."""
    if not SECRETS_FILE.exists():
        return None
    with SECRETS_FILE.open("rb") as fh:
        value = tomllib.load(fh).get(name)
    return str(value) if value else None


def database_url() -> str:
    """The configured database, or the embedded demo file when nothing is configured."""
    return os.environ.get("DATABASE_URL") or secret("DATABASE_URL") or EMBEDDED_DB_URL


def read_database_url() -> str:
    """Where cached reads go: ``DATABASE_URL_READ`` when set, else the configured database.

    A streaming replica takes the dashboards' reads off the primary; it replays the primary's
    writes a moment later, so anything that must see a write just made reads the primary.
    """
    return os.environ.get("DATABASE_URL_READ") or secret("DATABASE_URL_READ") or database_url()


def statement_timeout_ms() -> int:
    """How long one page read may run on PostgreSQL before it is cancelled (milliseconds):
    ``STATEMENT_TIMEOUT_MS`` when set to a positive whole number, else 30 seconds."""
    configured = os.environ.get("STATEMENT_TIMEOUT_MS") or secret("STATEMENT_TIMEOUT_MS")
    try:
        chosen = int(configured) if configured else DEFAULT_STATEMENT_TIMEOUT_MS
    except ValueError:
        chosen = DEFAULT_STATEMENT_TIMEOUT_MS
    return chosen if chosen > 0 else DEFAULT_STATEMENT_TIMEOUT_MS


def is_embedded(url: str) -> bool:
    """True for the SQLite demo file that ``make run`` creates and seeds."""
    return url == EMBEDDED_DB_URL
