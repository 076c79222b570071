"""A large sheet's phone numbers checked in a second process while the rows are read.

Checking a number against the numbering plan (``phonenumbers``) costs more than everything
else a row needs together, and a sheet's phones are nearly all different, so remembering
answers does not help. A child process checks them a block of rows ahead of the process
reading the sheet, which then only looks the answers up: on two cores the preview of a
100,000-row sheet takes seconds less. The child runs ``values.phone`` itself, so its answers
are those of checking in place; a small sheet, or a machine that cannot start the child, is
checked in place (the caller checks any cell it has no answer for).

The child is a plain interpreter started with ``-c``, like the workbook reader's, rather than
a ``multiprocessing`` worker: those re-import the parent's main module, which Streamlit,
pytest and the command line each set up differently.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO

from dashboard.imports import values
from dashboard.imports.readers import Cell, CellUnpickler, child_command

#: Rows per block; the first block is checked in place while the child starts.
BLOCK = 5_000
#: Answers by cell (and its type, so that 1 and True stay apart): the number in E.164, or
#: why it was refused.
Answers = dict[tuple[type, Cell], tuple[str | None, values.BadValue | None]]
_CHILD_COMMAND = child_command(__name__, "_serve")


@contextmanager
def checked_ahead(cells: Sequence[Cell]) -> Iterator[Iterator[Answers]]:
    """Yields the answers for each block of ``BLOCK`` cells after the first, in order, as
    the caller asks for them; none when the sheet is small or the child cannot run. The
    child is stopped on leaving the block, whatever happened."""
    later = list(cells[BLOCK:])
    child = _started(later) if later else None
    try:
        yield iter(()) if child is None else _answers_from(child)
    finally:
        if child is not None:
            child.kill()
            child.wait()


def _started(cells: list[Cell]) -> subprocess.Popen | None:
    try:
        child = subprocess.Popen([sys.executable, "-c", _CHILD_COMMAND], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)  # fmt: skip
    except OSError:
        return None
    payload = pickle.dumps(cells, protocol=pickle.HIGHEST_PROTOCOL)
    threading.Thread(target=_send, args=(child.stdin, payload), daemon=True).start()
    return child


def _send(pipe: IO[bytes], payload: bytes) -> None:
    """Hand the cells over without making the reading process wait for the child to start."""
    try:
        pipe.write(payload)
        pipe.close()
    except OSError:  # the child was stopped first; the caller checks in place
        pass


def _answers_from(child: subprocess.Popen) -> Iterator[Answers]:
    """Each block's answers as the child writes them; on any failure, no more (the caller
    then checks the rest in place)."""
    try:
        while True:  # one unpickler per block: an unpickler's memo outlives its load()
            yield {(type(cell), cell): (number, values.BadValue(reason) if reason else None)
                   for cell, number, reason in CellUnpickler(child.stdout).load()}  # fmt: skip
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        return


def _serve() -> None:
    """The child's side: the cells on stdin, then one list of (cell, number, reason) per
    block on stdout, each as soon as it is checked."""
    cells = pickle.load(sys.stdin.buffer)
    for start in range(0, len(cells), BLOCK):
        pickle.dump(_checked(cells[start : start + BLOCK]), sys.stdout.buffer)
        sys.stdout.buffer.flush()


def _checked(cells: Sequence[Cell]) -> list[tuple[Cell, str | None, str | None]]:
    answers: dict[tuple[type, Cell], tuple[Cell, str | None, str | None]] = {}
    for cell in cells:
        key = (type(cell), cell)
        if key in answers or values.is_blank(cell):
            continue
        try:
            answers[key] = (cell, values.phone(cell), None)
        except values.BadValue as bad:
            answers[key] = (cell, None, str(bad))
    return list(answers.values())
