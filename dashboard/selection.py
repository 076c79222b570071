"""What a person picked in a list of cases: codes and the versions they saw, never positions.

A table widget reports ticks as row positions. Positions only mean something against the
rows that were on screen when the person clicked; the next read of the same list may hold
other rows (someone else moved a case, the shared query cache was cleared), and position 0
is then another case. So every drawing of a list gets a key derived from the exact rows it
shows (``drawn_key``), ticks are translated into codes against those rows only
(``apply_ticks``), and what the person picked is kept as ``code → version seen``. A write
then acts on those codes and versions, and the command refuses a case whose version moved on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

#: Code of a case → the version the person saw when they ticked it.
Picks = dict[str, int]


@dataclass(frozen=True)
class DrawnRow:
    """One row of a list as it was drawn: the case's code and the version it showed."""

    code: str
    version: int


def drawn_key(prefix: str, rows: Sequence[DrawnRow]) -> str:
    """A widget key that names exactly ``rows`` in their order: a list drawn with other rows
    (or other versions of them) is a new widget, so no tick can carry over to another case."""
    shown = "|".join(f"{row.code}@{row.version}" for row in rows)
    return f"{prefix}:{hashlib.sha256(shown.encode()).hexdigest()[:16]}"


def apply_ticks(
    picks: Mapping[str, int],
    rows: Sequence[DrawnRow],
    before: Iterable[int],
    after: Iterable[int],
    *,
    single: bool = False,
) -> Picks:
    """``picks`` after the person changed the ticks on ``rows`` from ``before`` to ``after``.

    Only the rows whose tick changed count: a newly ticked row is picked at the version
    drawn, an unticked one is dropped, and picks made on other pages or lists stay. In a
    ``single`` list a new tick replaces whatever was picked before.
    """
    before, after = set(before), set(after)
    ticked, unticked = after - before, before - after
    kept = {} if single and ticked else dict(picks)
    for position in unticked:
        kept.pop(rows[position].code, None)
    for position in sorted(ticked):
        kept[rows[position].code] = rows[position].version
    return kept


def ticks_for(picks: Mapping[str, int], rows: Sequence[DrawnRow]) -> list[int]:
    """Positions of ``rows`` to show ticked: those picked at the very version drawn.

    A picked case drawn at another version changed since it was picked; it is shown
    unticked, so ticking it again is a deliberate choice of what it is now.
    """
    return [position for position, row in enumerate(rows) if picks.get(row.code) == row.version]
