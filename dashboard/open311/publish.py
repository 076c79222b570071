"""Write the GeoReport records to ``services.json`` and ``requests.json``, one at a time.

A year of requests is hundreds of thousands of records: each is written as it is read, so
neither the rows nor the JSON text are ever whole in memory. A file is written under a
temporary name and renamed when complete, so a failure half-way never leaves a truncated
file where a publisher would take it for the real one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from dashboard.open311.georeport import requests, services

SERVICES_FILE = "services.json"
REQUESTS_FILE = "requests.json"


@dataclass(frozen=True)
class Published:
    """What an export wrote and where."""

    services: int
    requests: int
    folder: Path


def export(connection: Connection, first: date, last: date, folder: Path) -> Published:
    """Write both files into ``folder`` (created if missing) for the cases created from
    ``first`` to ``last``."""
    folder.mkdir(parents=True, exist_ok=True)
    written_services = write_array(folder / SERVICES_FILE, services(connection))
    written_requests = write_array(folder / REQUESTS_FILE, requests(connection, first, last))
    return Published(written_services, written_requests, folder)


def write_array(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Write ``records`` as a JSON array in UTF-8, one record a line; return how many."""
    partial = path.with_name(f".{path.name}.partial")
    written = 0
    try:
        with partial.open("w", encoding="utf-8") as out:
            out.write("[")
            for record in records:
                out.write(",\n" if written else "\n")
                out.write(json.dumps(record, ensure_ascii=False))
                written += 1
            out.write("\n]\n")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return written
