"""How pages reach the database: one engine per URL, and cached runs of ``queries`` functions.

Cached values are shared by every user of the server, so a query's whole scope travels in
its arguments (never read from ``st.session_state`` inside). Results live at most
``CACHE_TTL_SECONDS``; writes clear them with ``clear_cached_queries``. A session keeps the
moment its figures are cut at (``reading_moment``) for as long as a result lives, so a rerun
that changes no filter finds its results in the cache even when the clock's minute turned.

Cached reads go to ``read_database_url()`` (a streaming replica when ``DATABASE_URL_READ`` is
set); writes and ``read_fresh`` go to the primary, ``current_engine()``. A write waits for the
replica to replay it before clearing the cache (see ``clear_cached_queries``).
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from dashboard.db import build_engine, check_connection
from dashboard.domain import local_now
from dashboard.replica import has_replica, replica_notice, wait_for_replay
from dashboard.settings import database_url, read_database_url, statement_timeout_ms

CACHE_TTL_SECONDS = 120
#: How long the replica's lag, once measured, answers every rerun of every session.
REPLICA_CHECK_SECONDS = 10
#: Session key of the moment this session's figures are cut at.
MOMENT_KEY = "momento_de_lectura"
#: Longest a write waits for the replica to replay it (``clear_cached_queries``).
REPLAY_WAIT = timedelta(seconds=3)
#: How long cached reads go to the primary after the replica missed ``REPLAY_WAIT``.
REPLICA_CATCH_UP_SECONDS = 60


@st.cache_resource(show_spinner=False)
def engine_for(url: str) -> Engine:
    return build_engine(url, statement_timeout_ms=statement_timeout_ms())


def current_engine() -> Engine:
    """The primary: every write, and every read that must see a write just made."""
    return engine_for(database_url())


def ensure_database() -> None:
    """Raise ``DatabaseUnavailable`` when the configured database does not answer."""
    check_connection(current_engine())


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=1000, show_spinner=False)
def _cached_run(url: str, module: str, name: str, args: tuple[Any, ...]) -> pd.DataFrame:
    if not module.startswith("queries."):
        raise ValueError(f"{module}.{name} is not a read from queries/")
    function = getattr(importlib.import_module(module), name)
    with engine_for(url).connect() as connection:
        return function(connection, *args)


def run_query(function: Callable[..., pd.DataFrame], *args: Any) -> pd.DataFrame:
    """``function(connection, *args)`` from ``queries/``, cached per database and arguments.

    The function is named by module and name so that the cache key is stable and two
    different queries with the same arguments never share an entry. It reads the read URL
    (the replica, when one is configured), which is part of the key; for
    ``REPLICA_CATCH_UP_SECONDS`` after a write the replica did not replay in time, it reads
    the primary instead.
    """
    return _cached_run(_read_url(), function.__module__, function.__name__, args)


def _read_url() -> str:
    primary, read = database_url(), read_database_url()
    if has_replica(primary, read) and time.monotonic() < _primary_until()[0]:
        return primary
    return read


@st.cache_resource(show_spinner=False)
def _primary_until() -> list[float]:
    """The ``time.monotonic()`` until which cached reads skip a replica that fell behind a
    write: one value shared by every session."""
    return [0.0]


def read_fresh(function: Callable[..., pd.DataFrame], *args: Any) -> pd.DataFrame:
    """``function(connection, *args)`` read now, past the shared cache: for checks that must
    see what other people wrote a moment ago.

    Always on the primary, never on the read replica: a replica replays writes after a
    delay, so a baseline frozen or a case changed a moment ago could be missing there.
    """
    with current_engine().connect() as connection:
        return function(connection, *args)


def reading_moment() -> datetime:
    """ "Now" for this session's figures: the same moment on every rerun until its cached
    results could have expired, then a new one.

    Cut-offs are part of the cache keys; a fresh "now" on every run missed the cache on any
    rerun after the minute turned (switching to English, ticking a case), and every query
    of the page ran again. Kept this way, figures are as fresh as the cache already let them
    be, and the page's caption names the moment.
    """
    now = local_now()
    kept = st.session_state.get(MOMENT_KEY)
    if kept is None or now - kept >= timedelta(seconds=CACHE_TTL_SECONDS) or kept <= last_write():
        st.session_state[MOMENT_KEY] = kept = now
    return kept


@st.cache_resource(show_spinner=False)
def _last_write() -> list[datetime]:
    """When anyone last wrote through this server: one value shared by every session."""
    return [datetime.min]


def last_write() -> datetime:
    return _last_write()[0]


def clear_cached_queries() -> None:
    """Forget every cached result after a write, so that every session shows it at its next
    run: figures read the cases' states at their cut-off, and a moment taken before the
    write would not show it, so each session's moment (and each list's pinned cut-off)
    is renewed when it is older than the latest write.

    With a replica, the cache is cleared only once the replica has replayed the write (or
    ``REPLAY_WAIT`` has passed): cleared earlier, the next read could cache the replica's
    result from before the write for ``CACHE_TTL_SECONDS``. When the replica misses the
    bound (behind, or not answering) the cache is cleared all the same, and cached reads go
    to the primary for ``REPLICA_CATCH_UP_SECONDS``: the write shows at once, at the cost
    of the primary answering reads for that while. The write itself never fails here.
    """
    primary, read = database_url(), read_database_url()
    if has_replica(primary, read) and not wait_for_replay(
        engine_for(primary), engine_for(read), REPLAY_WAIT
    ):
        _primary_until()[0] = time.monotonic() + REPLICA_CATCH_UP_SECONDS
    _cached_run.clear()
    _last_write()[0] = local_now()


def replica_warning(lang: str) -> str | None:
    """What pages should say about the read replica (behind or not answering), or ``None``.

    Measured at most once every ``REPLICA_CHECK_SECONDS`` for the whole server, so a rerun
    costs nothing; with no replica configured there is nothing to measure.
    """
    primary, read = database_url(), read_database_url()
    return _replica_warning(primary, read, lang) if has_replica(primary, read) else None


@st.cache_data(ttl=REPLICA_CHECK_SECONDS, max_entries=10, show_spinner=False)
def _replica_warning(primary_url: str, read_url: str, lang: str) -> str | None:
    return replica_notice(engine_for(primary_url), engine_for(read_url), lang)
