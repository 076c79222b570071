"""Canonical JSON of figures, and its SHA-256: what a content hash digests.

Shared by the monthly report (``dashboard.report.content``) and the frozen baselines
(``dashboard.evidence.baseline``), so two documents holding the same figures hash alike
however the figures were read (a driver, a summation order).
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import date, datetime
from numbers import Number

import pandas as pd

#: Digits kept of every float before hashing: the same figure read through another float
#: path (a driver, a summation order) must not change the hash.
HASH_DIGITS = 9


def canonical_json(document: object) -> str:
    """``document`` as one line of JSON, keys sorted, accents kept: equal documents give
    equal text."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256_of(document: object) -> str:
    """SHA-256 (hex) of ``canonical_json(document)``."""
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


def canonical_frame(frame: pd.DataFrame) -> dict[str, list]:
    """A frame as plain JSON values: its columns, then its rows in order."""
    return {
        "columns": [str(column) for column in frame.columns],
        "rows": [[plain(value) for value in row] for row in frame.itertuples(index=False)],
    }


def plain(value: object) -> object:
    """A cell as a JSON value: blanks as null, moments as ISO text, floats rounded."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, Number):
        number = float(value)
        if number.is_integer():
            return int(number)
        return float(f"{number:.{HASH_DIGITS}g}") if math.isfinite(number) else str(number)
    return str(value)
