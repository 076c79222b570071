"""Reads from ``DATABASE_URL_READ``: a real PostgreSQL streaming replica of the local cluster.

The module makes the replica once with ``pg_basebackup -R`` (a copy of the whole cluster,
tens of seconds) and starts it with ``pg_ctl`` on a free port, as the ``postgres`` user when
the tests run as root (``pg_ctl`` refuses root). It skips with the reason when that cannot be
done without restarting the shared server: no local PostgreSQL binaries, ``wal_level`` below
``replica``, no WAL senders. A missing ``pg_hba.conf`` line for replication is added and
reloaded (``pg_reload_conf()``), and taken out again at the end.

Lag is never stubbed: replay is paused on the replica (``pg_wal_replay_pause()``) and the
primary writes.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import types
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection, make_url

from dashboard import data, replica
from dashboard.db import build_engine
from dashboard.i18n import translate
from dashboard.replica import replica_lag, replica_notice, wait_for_replay
from dashboard.settings import read_database_url
from queries import catalogs
from tests.apptest_pages import page_as
from tests.builders import add_role_users, small_world
from tests.conftest import APP_COOKIE_KEY, migrated_postgres_database

pytestmark = pytest.mark.postgres

REPLICATION_RULE = "host replication all 127.0.0.1/32 trust"
#: Longest the replica may take to replay what the primary wrote, before a test gives up.
CATCH_UP_SECONDS = 120


@dataclass(frozen=True)
class Replica:
    primary_url: str
    url: str
    primary: Engine
    engine: Engine


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    """``pg_ctl`` refuses to run as root; the cluster's files belong to ``postgres``."""
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else command


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_as_postgres(command), capture_output=True, text=True, timeout=900)


def _replication_allowed(binaries: Path, host: str, port: int) -> bool:
    probe = _run([str(binaries / "psql"), f"host={host} port={port} user=postgres "
                  "replication=true", "-c", "IDENTIFY_SYSTEM"])  # fmt: skip
    return probe.returncode == 0


@pytest.fixture(scope="module")
def primary_url() -> Iterator[str]:
    """A fresh migrated database on the shared server, made before the copy so it is in it."""
    with migrated_postgres_database() as url:
        yield url


@pytest.fixture(scope="module")
def replica_url(primary_url: str) -> Iterator[str]:
    """The same database on a streaming replica of the whole local cluster."""
    parsed = make_url(primary_url)
    host, port = parsed.host or "127.0.0.1", parsed.port or 5432
    if host not in ("127.0.0.1", "localhost"):
        pytest.skip(f"the replica is copied from a local server; the tests use {host}")
    admin = build_engine(primary_url)
    with admin.connect() as connection:
        version = int(connection.execute(text("SHOW server_version_num")).scalar()) // 10000
        wal_level = connection.execute(text("SHOW wal_level")).scalar()
        senders = int(connection.execute(text("SHOW max_wal_senders")).scalar())
        hba_file = Path(connection.execute(text("SHOW hba_file")).scalar())
    binaries = Path(f"/usr/lib/postgresql/{version}/bin")
    if not (binaries / "pg_basebackup").exists():
        pytest.skip(f"no PostgreSQL {version} binaries in {binaries} to make a replica")
    if os.getuid() == 0 and not shutil.which("runuser"):
        pytest.skip("running as root, and no runuser to start the replica as postgres")
    if wal_level not in ("replica", "logical") or senders == 0:
        pytest.skip(
            f"wal_level={wal_level}, max_wal_senders={senders}: streaming needs wal_level "
            "replica and WAL senders, which only a restart of the shared server changes"
        )
    original_rules = None
    if not _replication_allowed(binaries, host, port):
        if not os.access(hba_file, os.W_OK):
            pytest.skip(f"{hba_file} allows no replication connection and is not writable")
        original_rules = hba_file.read_text()
        hba_file.write_text(f"{original_rules.rstrip()}\n{REPLICATION_RULE}\n")
        with admin.connect() as connection:
            connection.execute(text("SELECT pg_reload_conf()"))
    workdir = Path(tempfile.mkdtemp(prefix="mdc-replica-"))
    data_dir = workdir / "data"
    if os.getuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(workdir, owner.pw_uid, owner.pw_gid)
    replica_port = _free_port()
    started = False
    try:
        copied = _run([str(binaries / "pg_basebackup"), "-h", host, "-p", str(port),
                       "-U", "postgres", "-D", str(data_dir), "-R", "-X", "stream",
                       "-c", "fast"])  # fmt: skip
        if copied.returncode != 0:
            pytest.fail(f"pg_basebackup failed: {copied.stderr}")
        # Debian keeps the server's configuration outside the data directory.
        (data_dir / "postgresql.conf").write_text(
            f"port = {replica_port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{workdir}'\nhot_standby = on\n"
            "shared_buffers = 32MB\n"
        )
        (data_dir / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n"
        )
        (data_dir / "pg_ident.conf").write_text("")
        if os.getuid() == 0:
            for name in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
                os.chown(data_dir / name, owner.pw_uid, owner.pw_gid)
        start = _run([str(binaries / "pg_ctl"), "-D", str(data_dir), "-l",
                      str(workdir / "replica.log"), "-w", "-t", "120", "start"])  # fmt: skip
        started = start.returncode == 0
        if not started:
            log = workdir / "replica.log"
            pytest.fail(f"the replica did not start: {start.stderr} {log.read_text()[-2000:]}")
        yield parsed.set(port=replica_port).render_as_string(hide_password=False)
    finally:
        if started:
            _run([str(binaries / "pg_ctl"), "-D", str(data_dir), "-m", "fast", "-w", "stop"])
        shutil.rmtree(workdir, ignore_errors=True)
        if original_rules is not None:
            hba_file.write_text(original_rules)
            with admin.connect() as connection:
                connection.execute(text("SELECT pg_reload_conf()"))
        admin.dispose()


@pytest.fixture
def replica_db(
    primary_url: str, replica_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Replica]:
    """The app pointed at the primary for writes and at the replica for reads."""
    monkeypatch.setenv("DATABASE_URL", primary_url)
    monkeypatch.setenv("DATABASE_URL_READ", replica_url)
    data.clear_cached_queries()
    data._primary_until.clear()
    data._replica_warning.clear()
    found = Replica(primary_url, replica_url, build_engine(primary_url), build_engine(replica_url))
    yield found
    with found.engine.connect() as connection:
        connection.execute(text("SELECT pg_wal_replay_resume()"))
    data._primary_until.clear()
    found.primary.dispose()
    found.engine.dispose()


def _probe(connection: Connection) -> pd.DataFrame:
    """Which server answered: ``standby`` is true on the replica."""
    return pd.read_sql(text("SELECT pg_is_in_recovery() AS standby"), connection)


@pytest.fixture
def probe(monkeypatch: pytest.MonkeyPatch) -> Callable[[Connection], pd.DataFrame]:
    """``_probe`` as if it lived in ``queries/``, the only place ``run_query`` reads from."""
    module = types.ModuleType("queries.replica_probe")
    module.probe = _probe
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(_probe, "__module__", module.__name__)
    monkeypatch.setattr(_probe, "__name__", "probe")
    return _probe


def _add_department(engine: Engine) -> str:
    name = f"Dirección {uuid.uuid4().hex[:8]}"
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO departments (code, name, kind) VALUES (:code, :name, 'interna')"),
            {"code": name[-8:], "name": name},
        )
    return name


def _caught_up(found: Replica) -> None:
    """Wait until the replica has replayed everything the primary wrote so far (other
    databases of the shared server may keep writing: later WAL is not waited for)."""
    with found.primary.connect() as connection:
        written = connection.execute(text("SELECT CAST(pg_current_wal_lsn() AS text)")).scalar()
    behind = text("SELECT pg_wal_lsn_diff(CAST(:lsn AS pg_lsn), pg_last_wal_replay_lsn()) > 0")
    deadline = time.monotonic() + CATCH_UP_SECONDS
    with found.engine.connect() as connection:
        while connection.execute(behind, {"lsn": written}).scalar():
            if time.monotonic() > deadline:
                pytest.fail(f"the replica did not catch up in {CATCH_UP_SECONDS} s")
            time.sleep(0.1)


def _pause_replay(found: Replica) -> None:
    with found.engine.connect() as connection:
        connection.execute(text("SELECT pg_wal_replay_pause()"))
        while connection.execute(text("SELECT pg_get_wal_replay_pause_state()")).scalar() != (
            "paused"
        ):
            time.sleep(0.05)


def test_cached_reads_come_from_the_replica_and_show_what_it_replayed(
    replica_db: Replica, probe: Callable[[Connection], pd.DataFrame]
) -> None:
    assert bool(data.run_query(probe).iloc[0]["standby"]) is True
    name = _add_department(data.current_engine())
    _caught_up(replica_db)
    data.clear_cached_queries()
    assert name in data.run_query(catalogs.departments)["name"].tolist()


def test_writes_and_fresh_reads_stay_on_the_primary(
    replica_db: Replica, probe: Callable[[Connection], pd.DataFrame]
) -> None:
    """A replica refuses writes and replays late, so neither may reach it."""
    assert data.current_engine().url.port == make_url(replica_db.primary_url).port
    assert bool(data.read_fresh(probe).iloc[0]["standby"]) is False
    _pause_replay(replica_db)
    name = _add_department(data.current_engine())
    assert name in data.read_fresh(catalogs.departments)["name"].tolist()
    assert name not in data.run_query(catalogs.departments)["name"].tolist()


def test_a_replica_that_caught_up_reports_no_lag(replica_db: Replica) -> None:
    _add_department(replica_db.primary)
    _caught_up(replica_db)
    lag = replica_lag(replica_db.primary, replica_db.engine)
    assert lag.delay is not None and lag.delay < timedelta(seconds=5)
    assert data.replica_warning("es") is None


def test_paused_replay_is_reported_as_lag(replica_db: Replica) -> None:
    _add_department(replica_db.primary)
    _caught_up(replica_db)
    _pause_replay(replica_db)
    _add_department(replica_db.primary)
    lag = replica_lag(replica_db.primary, replica_db.engine)
    assert lag.bytes_behind > 0
    assert lag.delay is not None and lag.delay > timedelta(0)
    notice = replica_notice(replica_db.primary, replica_db.engine, "es", timedelta(0))
    assert notice is not None and notice.startswith("Los datos pueden estar atrasados")
    assert replica_notice(replica_db.primary, replica_db.engine, "es") is None  # under 30 s


def test_a_replica_that_does_not_answer_is_named_in_spanish(
    primary_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    down = make_url(primary_url).set(port=_free_port()).render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", primary_url)
    monkeypatch.setenv("DATABASE_URL_READ", down)
    data._replica_warning.clear()
    assert data.replica_warning("es") == translate("replica.down", "es")


def test_no_replica_configured_means_nothing_to_measure(
    primary_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", primary_url)
    monkeypatch.delenv("DATABASE_URL_READ", raising=False)
    assert data.replica_warning("es") is None


@pytest.fixture
def app_users(replica_db: Replica, monkeypatch: pytest.MonkeyPatch) -> Replica:
    """The people of ``tests.builders`` on the primary, replayed on the replica."""
    with replica_db.primary.connect() as connection:
        known = connection.execute(text("SELECT count(*) FROM users")).scalar()
    if not known:
        add_role_users(replica_db.primary, small_world(replica_db.primary))
    _caught_up(replica_db)
    monkeypatch.setenv("AUTH_COOKIE_KEY", APP_COOKIE_KEY)
    return replica_db


def test_pages_warn_when_the_replica_lags(
    app_users: Replica, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replay really paused; only the 30 s threshold is lowered, to keep the test short."""
    monkeypatch.setattr(replica, "LAG_WARNING", timedelta(seconds=1))
    _pause_replay(app_users)
    _add_department(app_users.primary)
    deadline = time.monotonic() + CATCH_UP_SECONDS
    while not replica_lag(app_users.primary, app_users.engine).exceeds(replica.LAG_WARNING):
        assert time.monotonic() < deadline, "paused replay never showed as lag"
        time.sleep(0.1)
    data._replica_warning.clear()
    at = page_as("gabinete", "resumen")
    assert not at.exception
    assert any(w.value.startswith("Los datos pueden estar atrasados") for w in at.warning)
    assert at.title[0].value == "Resumen"


def test_pages_say_so_when_the_replica_is_down(
    app_users: Replica, monkeypatch: pytest.MonkeyPatch
) -> None:
    down = make_url(app_users.url).set(port=_free_port()).render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL_READ", down)
    at = page_as("gabinete", "resumen")
    assert not at.exception
    assert translate("replica.down", "es") in [w.value for w in at.warning]
    assert translate("db.unavailable.title", "es") in [e.value for e in at.error]


def test_reads_fall_back_to_the_primary_without_a_read_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://app@primary/mdc")
    monkeypatch.delenv("DATABASE_URL_READ", raising=False)
    assert read_database_url() == "postgresql+psycopg://app@primary/mdc"
    monkeypatch.setenv("DATABASE_URL_READ", "postgresql+psycopg://app@replica/mdc")
    assert read_database_url() == "postgresql+psycopg://app@replica/mdc"


def _resume_replay_later(found: Replica, seconds: float) -> threading.Thread:
    def resume() -> None:
        time.sleep(seconds)
        with found.engine.connect() as connection:
            connection.execute(text("SELECT pg_wal_replay_resume()"))

    resuming = threading.Thread(target=resume)
    resuming.start()
    return resuming


def test_a_write_waits_for_the_replica_before_clearing_the_cache(
    replica_db: Replica, probe: Callable[[Connection], pd.DataFrame]
) -> None:
    """Cleared before the replica replayed the write, the next read would cache the replica's
    old answer for two minutes."""
    _caught_up(replica_db)
    _pause_replay(replica_db)
    name = _add_department(data.current_engine())
    resuming = _resume_replay_later(replica_db, 0.5)
    try:
        data.clear_cached_queries()
        departments = data.run_query(catalogs.departments)["name"].tolist()
    finally:
        resuming.join()
    assert name in departments
    assert bool(data.run_query(probe).iloc[0]["standby"]) is True  # read from the replica


def test_a_replica_that_misses_the_bound_sends_reads_to_the_primary(
    replica_db: Replica,
    probe: Callable[[Connection], pd.DataFrame],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Replay stays paused past the (shortened) bound: the write returns, and cached reads
    show it from the primary rather than the replica's old answer."""
    monkeypatch.setattr(data, "REPLAY_WAIT", timedelta(seconds=0.3))
    _caught_up(replica_db)
    _pause_replay(replica_db)
    name = _add_department(data.current_engine())
    data.clear_cached_queries()
    assert bool(data.run_query(probe).iloc[0]["standby"]) is False
    assert name in data.run_query(catalogs.departments)["name"].tolist()
    monkeypatch.setattr(data, "REPLICA_CATCH_UP_SECONDS", 0)
    data.clear_cached_queries()  # still paused: the window opens and closes at once
    assert bool(data.run_query(probe).iloc[0]["standby"]) is True


def test_waiting_for_replay_answers_false_while_paused_and_true_once_replayed(
    replica_db: Replica,
) -> None:
    _caught_up(replica_db)
    _pause_replay(replica_db)
    _add_department(replica_db.primary)
    assert wait_for_replay(replica_db.primary, replica_db.engine, timedelta(seconds=0.2)) is False
    resuming = _resume_replay_later(replica_db, 0.0)
    resuming.join()
    assert wait_for_replay(replica_db.primary, replica_db.engine, timedelta(seconds=30)) is True


def test_a_write_still_returns_when_the_replica_is_down(
    primary_url: str,
    probe: Callable[[Connection], pd.DataFrame],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    down = make_url(primary_url).set(port=_free_port()).render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", primary_url)
    monkeypatch.setenv("DATABASE_URL_READ", down)
    data._primary_until.clear()
    try:
        name = _add_department(data.current_engine())
        data.clear_cached_queries()
        assert bool(data.run_query(probe).iloc[0]["standby"]) is False
        assert name in data.run_query(catalogs.departments)["name"].tolist()
    finally:
        data._primary_until.clear()


def test_a_replica_host_that_never_answers_does_not_hold_the_write(primary_url: str) -> None:
    """A server that accepts the connection and then says nothing, as a vanished host does:
    the connection attempt alone would last the engine's 5 s connect timeout."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        mute = make_url(primary_url).set(port=silent.getsockname()[1])
        mute_url = mute.render_as_string(hide_password=False)
        primary, replica_engine = build_engine(primary_url), build_engine(mute_url)
        started = time.monotonic()
        try:
            assert wait_for_replay(primary, replica_engine, timedelta(seconds=0.2)) is False
            assert time.monotonic() - started < 4  # well under the connect timeout
        finally:
            primary.dispose()
            replica_engine.dispose()
