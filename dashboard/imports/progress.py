"""How a long import says how far it got, without knowing who listens (a progress bar on
the page, lines on the console)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum


class Stage(StrEnum):
    READING = "reading"
    CHECKING = "checking"
    WRITING = "writing"


#: Called with the share done of the stage (0 to 1) and the stage.
Progress = Callable[[float, Stage], None]


def silent(share: float, stage: Stage) -> None:
    """The listener when nobody listens."""
