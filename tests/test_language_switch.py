"""Switching the interface language redraws the page from the cached query results.

The language only changes how results are written, so a switch must not send a page's
queries to the database again: on a busy server that made the switch to English take
seconds. Counted in SQL statements, not timed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, event
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.i18n import translate
from tests.apptest_pages import page_as

#: Pages whose figures come from several cached queries over the filter bar's period.
PAGES = ["resumen", "bandejas", "pendientes", "derivaciones", "sobrecarga"]


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    """Every SQL statement any engine sends while the block runs."""
    sent: list[str] = []

    def record(_connection, _cursor, statement, *_args) -> None:
        sent.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def statements_of_a_run(at: AppTest) -> list[str]:
    with counted_statements() as sent:
        at.run()
    assert not at.exception
    return sent


@pytest.mark.parametrize("url_path", PAGES)
def test_switching_to_english_runs_no_query_again(
    app_database: Engine, monkeypatch: pytest.MonkeyPatch, url_path: str
) -> None:
    # The switch comes after the clock's minute turned: cut-offs are part of the cache keys.
    clock = [datetime.combine(data.local_now().date(), datetime.min.time()).replace(hour=12)]
    monkeypatch.setattr(data, "local_now", lambda: clock[0])
    # Writes are remembered per process at the real time: one by an earlier test, after noon,
    # would look newer than this clock and renew the session's moment on every run.
    monkeypatch.setattr(data, "last_write", lambda: datetime.min)
    at = page_as("admin", url_path)
    same_language = statements_of_a_run(at)  # what any rerun reads: the login checks
    clock[0] += timedelta(seconds=61)
    at.session_state["lang"] = "en"
    switched = statements_of_a_run(at)
    assert at.title[0].value == translate(f"page.{url_path}", "en")
    assert sorted(switched) == sorted(same_language)
