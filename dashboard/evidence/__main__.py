"""``python -m dashboard.evidence --change NOMBRE --indicator CLAVE [--weeks N]
[--transition N] [--as-of AAAA-MM-DD] [--database-url URL]``.

Prints the evidence that a registered process change moved an indicator as JSON: the effect
and its 95% interval, the method it comes from, the before and after figures, the comparison
groups, the placebo rate, the confounders and the verdict ("improved", "worsened",
"inconclusive"; "increased"/"decreased" for indicators with no better direction). The
database is the app's (``DATABASE_URL`` or the demo file) unless ``--database-url`` names
another. Exit status 0, or 2 with a one-line Spanish reason.

Indicators: time_to_close, time_to_first_action, sla_compliance, referral_rate,
ping_pong_share, backlog, inflow, reopen_rate (``docs/evidence.md`` defines each).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, time, timedelta

from dashboard.cli import PROBLEMS, Refused, refuse
from dashboard.db import build_engine, check_connection
from dashboard.domain import local_now
from dashboard.evidence.analysis import DEFAULT_WEEKS, Evidence, EvidenceRefused, analyse
from dashboard.evidence.measures import BY_KEY
from dashboard.settings import database_url
from queries.process_changes import process_change


def main(argv: list[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    try:
        evidence = _evidence(options)
    except (*PROBLEMS, EvidenceRefused) as problem:
        return refuse("No se analizó el cambio: ", problem)
    print(json.dumps(evidence.summary(), ensure_ascii=False, indent=2))
    return 0


def _evidence(options: argparse.Namespace) -> Evidence:
    as_of = _as_of(options.as_of)
    engine = build_engine(options.database_url or database_url(), statement_timeout_ms=None)
    try:
        check_connection(engine)
        with engine.connect() as connection:
            change = process_change(connection, options.change)
            if change is None:
                raise Refused(f"no hay un cambio de proceso llamado «{options.change}».")
            return analyse(connection, change, options.indicator, weeks=options.weeks,
                           transition=options.transition, as_of=as_of)  # fmt: skip
    finally:
        engine.dispose()


def _as_of(written: str | None) -> datetime:
    """The end of the day written ``AAAA-MM-DD`` (so a report can be repeated), else now."""
    if not written:
        return local_now()
    try:
        day = datetime.strptime(written, "%Y-%m-%d").date()
    except ValueError:
        raise Refused(f"la fecha «{written}» no es válida: usá AAAA-MM-DD.") from None
    return datetime.combine(day + timedelta(days=1), time.min)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.evidence",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--change", required=True, metavar="NOMBRE",
                        help="el nombre del cambio de proceso registrado")  # fmt: skip
    parser.add_argument("--indicator", required=True, choices=list(BY_KEY), metavar="CLAVE",
                        help="uno de: " + ", ".join(BY_KEY))  # fmt: skip
    parser.add_argument("--weeks", type=_weeks, default=DEFAULT_WEEKS, metavar="N",
                        help=f"semanas antes y después (por omisión {DEFAULT_WEEKS})")  # fmt: skip
    parser.add_argument("--transition", type=int, default=0, metavar="N",
                        help="semanas después del cambio que no se cuentan")  # fmt: skip
    parser.add_argument("--as-of", metavar="AAAA-MM-DD", help="fecha de corte (por omisión, hoy)")
    parser.add_argument("--database-url", help="por omisión, DATABASE_URL o la base de demo")
    return parser


def _weeks(written: str) -> int:
    weeks = int(written)
    if not 4 <= weeks <= 52:
        raise argparse.ArgumentTypeError("entre 4 y 52 semanas")
    return weeks


if __name__ == "__main__":
    sys.exit(main())
