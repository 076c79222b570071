"""Saved mappings: how one source's sheets read, kept by name for its intake area.

An area's sheet keeps its columns week after week, and so do its clerks' own labels. A
mapping (which column fills which field, which sheet value means which catalogue entry) is
saved under a name (``commands.save_import_mapping``) and chosen again by the headers of the
next sheet, so that sheet maps itself. Nothing here knows about Streamlit.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Connection

from dashboard.imports.fields import Field
from queries.imports import saved_mappings

#: Least share of a sheet's headers a saved mapping must know to be chosen by itself.
MIN_SHARED_HEADERS = 0.5

Columns = Mapping[str, Field | None]
ValueMaps = Mapping[Field, Mapping[str, str]]


@dataclass(frozen=True)
class SavedMapping:
    name: str
    columns: dict[str, Field | None]
    #: Field → folded sheet value → catalogue code (or status).
    values: dict[Field, dict[str, str]] = field(default_factory=dict)


def as_json(columns: Columns, values: ValueMaps) -> dict:
    """A mapping as batches record it and ``import_mappings`` keeps it."""
    return {
        "columns": {header: chosen and chosen.value for header, chosen in columns.items()},
        "values": {field.value: dict(maps) for field, maps in values.items() if maps},
    }


def from_json(name: str, text: str) -> SavedMapping:
    """A saved mapping as written by ``as_json``; a field name this version does not know
    (saved by a later one) is left out rather than refused."""
    data = json.loads(text)
    fields = {field.value: field for field in Field}
    columns = {header: fields.get(value) for header, value in data.get("columns", {}).items()}
    values = {fields[key]: dict(maps) for key, maps in data.get("values", {}).items()
              if key in fields}  # fmt: skip
    return SavedMapping(name, columns, values)


def load_mappings(connection: Connection, intake_department_id: int) -> list[SavedMapping]:
    """The area's saved mappings, the most recently saved first."""
    return mappings_from(saved_mappings(connection, intake_department_id))


def mappings_from(frame: pd.DataFrame) -> list[SavedMapping]:
    """Saved mappings from the rows of ``queries.imports.saved_mappings``."""
    return [from_json(row.name, row.mapping) for row in frame.itertuples()]


def find_mapping(saved: list[SavedMapping], name: str) -> SavedMapping | None:
    return next((mapping for mapping in saved if mapping.name == name), None)


def best_mapping(saved: list[SavedMapping], headers: list[str]) -> SavedMapping | None:
    """The saved mapping that knows most of ``headers`` (the latest saved on a tie), when it
    knows at least half of them: next week's sheet from the same area picks its own."""
    if not headers:
        return None
    shares = [len(set(headers) & set(mapping.columns)) / len(headers) for mapping in saved]
    best = max(range(len(saved)), key=lambda index: (shares[index], -index), default=None)
    if best is None or shares[best] < MIN_SHARED_HEADERS:
        return None
    return saved[best]


def merged_values(saved: ValueMaps, chosen: ValueMaps) -> dict[Field, dict[str, str]]:
    """``saved`` equivalences with ``chosen`` ones taking over value by value."""
    fields = dict.fromkeys([*saved, *chosen])
    return {field: {**saved.get(field, {}), **chosen.get(field, {})} for field in fields}
