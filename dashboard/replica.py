"""How far the read replica (``DATABASE_URL_READ``) is behind the primary, in words for pages.

Cached reads go to the replica, which replays the primary's writes a moment later; pages say
so when that moment grows past ``LAG_WARNING`` or when the replica does not answer. Nothing
here imports Streamlit, so the measure can be tested against a real replica.

``now() - pg_last_xact_replay_timestamp()`` alone is not the lag: on a primary that writes
nothing it grows without bound while the replica holds every change. The replica is behind
only while it has not replayed the primary's current WAL position; only then does the age of
its last replayed transaction say by how much (at most).

After a write, ``wait_for_replay`` lets the replica replay it before cached results are
cleared, so the next cached read does not keep a result from before the write.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from dashboard.db import DatabaseUnavailable, describe_url
from dashboard.i18n import translate

#: A replica further behind than this makes pages warn that figures may be out of date.
LAG_WARNING = timedelta(seconds=30)
#: How often ``wait_for_replay`` asks the replica whether it has replayed the write.
REPLAY_POLL_SECONDS = 0.05

_WRITTEN = text("SELECT CAST(pg_current_wal_lsn() AS text)")
# A read URL that is not a standby (a read-only role on the primary) has nothing to replay.
_CAUGHT_UP = text(
    "SELECT NOT pg_is_in_recovery()"
    " OR pg_wal_lsn_diff(pg_last_wal_replay_lsn(), CAST(:primary_lsn AS pg_lsn)) >= 0"
)
_REPLAYED = text(
    "SELECT pg_is_in_recovery(),"
    " pg_wal_lsn_diff(CAST(:primary_lsn AS pg_lsn), pg_last_wal_replay_lsn()),"
    " EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())"
)


@dataclass(frozen=True)
class ReplicaLag:
    """What the replica has not replayed yet.

    ``delay`` is zero when nothing is missing; when something is, it is the age of the last
    transaction the replica replayed (an upper bound), or ``None`` when it has replayed
    none since it started.
    """

    bytes_behind: int
    delay: timedelta | None

    def exceeds(self, threshold: timedelta) -> bool:
        return self.bytes_behind > 0 and (self.delay is None or self.delay > threshold)


def has_replica(primary_url: str, read_url: str) -> bool:
    """True when reads go to another PostgreSQL server (or role) than writes."""
    backends = {make_url(url).get_backend_name() for url in (primary_url, read_url)}
    return read_url != primary_url and backends == {"postgresql"}


def replica_lag(primary: Engine, replica: Engine) -> ReplicaLag:
    """The replica's lag behind ``primary``'s WAL position read just before.

    Raises ``DatabaseUnavailable`` when the replica does not answer; a primary that does not
    answer raises SQLAlchemy's own error, which the app already explains. A read URL that is
    not a standby (a read-only role on the primary itself) has nothing to lag behind.
    """
    with primary.connect() as connection:
        primary_lsn = connection.execute(_WRITTEN).scalar()
    try:
        with replica.connect() as connection:
            standby, missing, age = connection.execute(
                _REPLAYED, {"primary_lsn": primary_lsn}
            ).one()
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseUnavailable(describe_url(replica.url)) from exc
    if not standby or missing is None or missing <= 0:
        return ReplicaLag(0, timedelta(0))
    delay = None if age is None else timedelta(seconds=float(age))
    return ReplicaLag(int(missing), delay)


def wait_for_replay(primary: Engine, replica: Engine, timeout: timedelta) -> bool:
    """True once ``replica`` has replayed all that ``primary`` had written when called; False
    when ``timeout`` passes first or either server does not answer. Never raises.

    The caller is a write that has already committed, so nothing here may fail it or hold it
    past ``timeout``. The asking runs on a daemon thread that is waited for ``timeout`` at
    most: a replica host that vanished can keep a connection attempt (5 s connect timeout) or
    a pooled connection's ping (TCP retries, minutes) hanging far longer; such a thread ends
    when its connection gives up.
    """
    caught_up = threading.Event()
    seconds = timeout.total_seconds()
    worker = threading.Thread(
        target=_poll_replay,
        args=(primary, replica, time.monotonic() + seconds, caught_up),
        name="wait-for-replay",
        daemon=True,
    )
    worker.start()
    worker.join(seconds)
    return caught_up.is_set()


def _poll_replay(
    primary: Engine, replica: Engine, deadline: float, caught_up: threading.Event
) -> None:
    try:
        with primary.connect() as connection:
            primary_lsn = connection.execute(_WRITTEN).scalar()
        with replica.connect() as connection:
            while not connection.execute(_CAUGHT_UP, {"primary_lsn": primary_lsn}).scalar():
                if time.monotonic() >= deadline:
                    return
                time.sleep(REPLAY_POLL_SECONDS)
    except SQLAlchemyError:
        return  # not caught up, as far as anyone can tell: the caller reads the primary
    caught_up.set()


def replica_notice(
    primary: Engine, replica: Engine, lang: str, threshold: timedelta | None = None
) -> str | None:
    """What a page should say about the replica in ``lang``, or ``None`` when it is current.

    ``threshold`` defaults to ``LAG_WARNING`` as it stands when called.
    """
    try:
        lag = replica_lag(primary, replica)
    except DatabaseUnavailable:
        return translate("replica.down", lang)
    if not lag.exceeds(LAG_WARNING if threshold is None else threshold):
        return None
    if lag.delay is None:
        return translate("replica.behind_unknown", lang)
    return translate("replica.behind", lang, delay=_duration(lag.delay))


def _duration(delay: timedelta) -> str:
    """45 s, 12 min, 3 h: the same units in both languages."""
    seconds = int(delay.total_seconds())
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"
