"""Text people type or paste, made fit to store and to compare.

PostgreSQL refuses NUL in text (``DataError``, which a page would show as an outage) and the
other control characters are invisible leftovers of a paste; both go before a value is stored
or matched. Tab, line feed and carriage return are not counted as control characters: a
multi-line note keeps its line breaks, a one-line value turns every run of whitespace into one
space, so a pasted name matches the one typed last week.
"""

from __future__ import annotations

import re

#: C0 control characters and DEL, except tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None, *, lines: bool = False) -> str:
    """``value`` without control characters, trimmed; with ``lines`` its line breaks stay,
    without, every run of whitespace (line breaks too) becomes one space."""
    text = CONTROL.sub("", value or "")
    return text.strip() if lines else " ".join(text.split())


def clean_name(value: str | None, width: int) -> str:
    """A name a file gave (its own, a sheet's), cleaned as one line and cut to ``width``:
    no person typed it, so it is kept as far as it fits rather than refused."""
    return clean_text(value)[:width]
