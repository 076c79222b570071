"""A one-line progress bar on stderr, so a million-case seed shows it is alive."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 30


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.monotonic()

    def advance(self, amount: int) -> None:
        self.done += amount
        share = min(self.done / self.total, 1.0)
        elapsed = time.monotonic() - self.started
        remaining = elapsed / share - elapsed if share > 0 else 0.0
        bar = "#" * round(WIDTH * share)
        line = (
            f"{self.label} [{bar:<{WIDTH}}] {share:6.1%} "
            f"{self.done:,}/{self.total:,} · faltan {remaining:4.0f} s"
        ).replace(",", ".")
        end = "\r" if self.stream.isatty() and share < 1 else "\n"
        self.stream.write(line + end)
        self.stream.flush()
