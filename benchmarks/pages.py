"""Time every page of every role in Streamlit's AppTest and print a table of CPU above a
trivial page.

    python -m benchmarks.pages --database-url postgresql+psycopg://... [--repeat 5]
        [--roles supervisor,gabinete] [--pages resumen,bandejas]

Why CPU above a trivial page: a Streamlit run has a fixed cost (the script, the widgets'
protobufs, AppTest's own bookkeeping) that no page can avoid, so a page's own cost is its CPU
minus that of a page with one ``st.write``, measured in the same run (5 ms warm on our
machine under AppTest; a browser session through the server costs more). CPU is the benchmark
process's (``time.process_time`` around ``at.run()``): Python and the database driver, not
the database server's work, which ``benchmarks.queries`` times.

- cold: the page's first run in a new session, with ``st.cache_data`` emptied first (the
  sign-in run before it, which lands on the role's first page, is not timed);
- warm: reruns of that same page afterwards (median of ``--repeat``), as when a person
  ticks a box or switches language and the cached reads answer.

Targets at 1M cases: warm CPU at most 150 ms above the trivial page (rows above are
flagged), and the session checks every rerun makes (database check, credentials, account
reload: ``ensure_database`` and ``auth.gate.require_login``) at most 10 ms.

The app signs in as an existing user of each role, found in the ``users`` table: nothing is
written to the database, and a role without an active user is skipped with a note. Pages
are opened with ``tests.apptest_pages`` (the same helpers as the page tests).
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from sqlalchemy import select
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from auth.roles import PAGES
from dashboard.db import build_engine, describe_url
from dashboard.domain import Role
from dashboard.models import User
from tests.apptest_pages import APP, open_page, signed_in

#: A page's warm CPU above the trivial page's, at most (ms).
CPU_TARGET_MS = 150.0
#: The session checks of one rerun, at most (ms).
SESSION_TARGET_MS = 10.0
#: Seconds a single run may take: a cold page on a million cases reads for a while.
RUN_TIMEOUT = 600
TRIVIAL = "página trivial"


@dataclass(frozen=True)
class PageTiming:
    role: str
    page: str
    cold_ms: float
    warm_ms: float
    warm_cpu_ms: float
    failed: bool = False


def timed_run(at: AppTest, run: Callable[[AppTest], object] = AppTest.run) -> tuple[float, float]:
    """Wall and process-CPU milliseconds of one run of ``at``."""
    wall, cpu = time.perf_counter(), time.process_time()
    run(at)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def warm(at: AppTest, repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``repeat`` reruns."""
    runs = [timed_run(at) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def _trivial_page() -> None:
    import streamlit as st

    st.write("Hola")


def time_trivial(repeat: int) -> PageTiming:
    # A throw-away first run: the process's one-time imports are no page's cost.
    AppTest.from_function(_trivial_page, default_timeout=RUN_TIMEOUT).run()
    at = AppTest.from_function(_trivial_page, default_timeout=RUN_TIMEOUT)
    cold_ms, _ = timed_run(at)
    warm_ms, warm_cpu_ms = warm(at, repeat)
    return PageTiming("—", TRIVIAL, cold_ms, warm_ms, warm_cpu_ms)


def time_page(role: Role, username: str, url_path: str, repeat: int) -> PageTiming:
    """Sign in (untimed), empty the data cache, open the page (cold), rerun it (warm)."""
    at = signed_in(AppTest.from_file(APP, default_timeout=RUN_TIMEOUT), username).run()
    if calc_hash(url_path) not in at._registered_pages:
        # Seen once on a loaded machine: the sign-in run ended with only the login page
        # registered. The next run, with the account already in the session, has them all.
        at.run()
    st.cache_data.clear()
    cold_ms, _ = timed_run(at, lambda app: open_page(app, url_path))
    failed = bool(at.exception)
    warm_ms, warm_cpu_ms = warm(at, repeat)
    failed = failed or bool(at.exception)
    return PageTiming(str(role), url_path, cold_ms, warm_ms, warm_cpu_ms, failed)


def _session_checks(username: str) -> None:
    """One rerun's checks, timed alone; run as an AppTest script, so imports are inside."""
    import time

    import streamlit as st

    from auth.cookies import cookie_key
    from auth.gate import require_login
    from dashboard.data import current_engine, ensure_database
    from dashboard.domain import local_now

    if "login_at" not in st.session_state:
        st.session_state.update(authentication_status=True, username=username, login_at=local_now())
    wall, cpu = time.perf_counter(), time.process_time()
    ensure_database()
    account = require_login(current_engine(), cookie_key(False))
    timing = ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
    if account is None:
        raise RuntimeError(f"benchmarks: {username} did not stay signed in")
    st.session_state.setdefault("tiempos_de_control", []).append(timing)


def time_session_checks(username: str, repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``ensure_database`` plus ``require_login`` for a
    signed-in user, after one untimed run (at least thirty timed runs: each is a few ms)."""
    at = AppTest.from_function(_session_checks, args=(username,), default_timeout=RUN_TIMEOUT)
    for _ in range(max(repeat, 30) + 1):
        at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].message)
    timings = at.session_state["tiempos_de_control"][1:]
    return statistics.median(w for w, _ in timings), statistics.median(c for _, c in timings)


def users_by_role(url: str) -> dict[Role, str]:
    """One active user of each role present, the first by name."""
    engine = build_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(User.role, User.username).where(User.active).order_by(User.username)
        ).all()
    engine.dispose()
    found: dict[Role, str] = {}
    for role, username in rows:
        found.setdefault(Role(role), username)
    return found


def markdown_table(trivial: PageTiming, timings: list[PageTiming]) -> str:
    lines = [
        "| rol | página | frío (ms) | tibio (ms) | CPU tibio (ms) "
        "| CPU sobre la página trivial (ms) |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for t in [trivial, *timings]:
        above = t.warm_cpu_ms - trivial.warm_cpu_ms
        flag = " ⚠" if above > CPU_TARGET_MS else ""
        page = f"{t.page} (con error)" if t.failed else t.page
        lines.append(
            f"| {t.role} | {page} | {t.cold_ms:.0f} | {t.warm_ms:.0f} | {t.warm_cpu_ms:.0f} "
            f"| {above:.0f}{flag} |"
        )
    return "\n".join(lines)


def _names(text: str | None) -> list[str] | None:
    return [name.strip() for name in text.split(",") if name.strip()] if text else None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=5, help="warm reruns per page")
    parser.add_argument("--roles", default=None, help="e.g. supervisor,gabinete (default: all)")
    parser.add_argument("--pages", default=None, help="e.g. resumen,bandejas (default: all)")
    options = parser.parse_args(argv)
    url = options.database_url
    os.environ["DATABASE_URL"] = url  # the app reads it through dashboard.settings
    # No cookie is issued under AppTest, but the app refuses to start without a safe key.
    os.environ.setdefault("AUTH_COOKIE_KEY", secrets.token_urlsafe(48))
    roles = [Role(name) for name in _names(options.roles) or [str(role) for role in Role]]
    wanted_pages = _names(options.pages)
    users = users_by_role(url)

    print(f"Base: {describe_url(url)}")
    print(f"Frío: primera corrida de la página con la caché vacía; tibio: mediana de "
          f"{options.repeat} corridas siguientes.\n")  # fmt: skip
    trivial = time_trivial(options.repeat)
    timings = []
    for role in roles:
        if role not in users:
            print(f"Sin usuario activo de rol {role}: se omite.")
            continue
        for url_path in PAGES[role]:
            if wanted_pages is None or url_path in wanted_pages:
                timings.append(time_page(role, users[role], url_path, options.repeat))
    print(markdown_table(trivial, timings))
    print(f"\n⚠: más de {CPU_TARGET_MS:.0f} ms de CPU sobre la página trivial.")
    if users:
        checker = users.get(Role.GABINETE) or next(iter(users.values()))
        wall_ms, cpu_ms = time_session_checks(checker, options.repeat)
        flag = " ⚠" if wall_ms > SESSION_TARGET_MS else ""
        print(f"Controles de sesión por rerun: {wall_ms:.1f} ms (CPU {cpu_ms:.1f} ms; "
              f"meta ≤ {SESSION_TARGET_MS:.0f} ms){flag}")  # fmt: skip


if __name__ == "__main__":
    main()
