"""What a process change touched, as stored in ``process_changes.touches``.

A change names the departments, intake areas, channels and category groups it touched; the
evidence compares those with the ones it did not touch. Stored as JSON text (a handful of ids
per change, never filtered in SQL) so both databases keep it the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

#: The kinds of thing a change can touch, in the order the evidence picks its unit of
#: comparison: the first kind a change names is what its groups are made of.
TOUCH_KINDS: tuple[str, ...] = ("department", "intake_area", "channel", "category_group")

Touches = dict[str, tuple[int, ...]]


def touches_json(touches: Mapping[str, Iterable[int]]) -> str:
    """``touches`` as stored: every kind present, ids sorted, so equal sets store equally."""
    unknown = set(touches) - set(TOUCH_KINDS)
    if unknown:
        raise ValueError(f"unknown kinds of touch: {sorted(unknown)}")
    return json.dumps(
        {kind: sorted({int(i) for i in touches.get(kind, ())}) for kind in TOUCH_KINDS}
    )


def parse_touches(text: str | None) -> Touches:
    """The stored JSON as a tuple of ids per kind (every kind present, maybe empty)."""
    stored = json.loads(text) if text else {}
    return {kind: tuple(int(i) for i in stored.get(kind, ())) for kind in TOUCH_KINDS}


def unit_of(touches: Touches) -> str | None:
    """The kind the change's groups are made of: the first of ``TOUCH_KINDS`` it names."""
    return next((kind for kind in TOUCH_KINDS if touches.get(kind)), None)
