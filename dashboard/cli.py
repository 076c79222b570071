"""What the ``python -m dashboard.*`` commands share when they refuse to work.

Every command answers a problem the same way: one Spanish line on the error stream, with
the command's own prefix ("No se exportó nada: "…), and exit status 2, so a script that
calls them can tell a refusal from a crash. Saying each kind of problem here keeps the
wording the same across commands.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.db import DatabaseUnavailable, SchemaMissing

REFUSED_STATUS = 2


class Refused(ValueError):
    """What the command line cannot work with, said in one Spanish line."""


# What every command reading the database refuses; commands that write files add OSError.
PROBLEMS = (Refused, DatabaseUnavailable, SchemaMissing)


def refuse(prefix: str, problem: Exception, folder: Path | None = None) -> int:
    """Print ``prefix`` and the reason for ``problem`` on one line; the exit status to return.

    ``folder`` is where the command writes, named when the problem is an ``OSError``.
    """
    print(f"{prefix}{_reason(problem, folder)}", file=sys.stderr)
    return REFUSED_STATUS


def _reason(problem: Exception, folder: Path | None) -> str:
    if isinstance(problem, DatabaseUnavailable):
        return f"no se puede conectar con la base {problem}."
    if isinstance(problem, SchemaMissing):
        return f"la base {problem} no tiene las tablas de solicitudes (corré make database)."
    if isinstance(problem, OSError):
        return f"no se puede escribir en {folder}: {problem.strerror or problem}."
    return str(problem)
