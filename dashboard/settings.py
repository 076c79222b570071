"""Where the data lives: one answer for the app, the seed, the CLI and the benchmarks.

``DATABASE_URL`` from the environment wins, then ``DATABASE_URL`` in
``.streamlit/secrets.toml``; with neither, the embedded SQLite demo file under ``data/``.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
EMBEDDED_DB_PATH = PROJECT_ROOT / "data" / "mdc_demo.sqlite3"
EMBEDDED_DB_URL = f"sqlite:///{EMBEDDED_DB_PATH}"


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


def is_embedded(url: str) -> bool:
    """True for the SQLite demo file that ``make run`` creates and seeds."""
    return url == EMBEDDED_DB_URL
