"""The login form in AppTest: generic failures, lockout counted in the database."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import Engine, func, select
from streamlit.testing.v1 import AppTest
from streamlit_authenticator.views import authentication_view

from auth.lockout import MAX_FAILURES, record_attempt
from auth.roles import Actor
from dashboard import commands
from dashboard.domain import Role, local_now
from dashboard.i18n import translate
from dashboard.models import LoginAttempt
from tests.apptest_pages import APP
from tests.builders import PASSWORD

GENERIC = translate("login.failed", "es")


def attempt(username: str, password: str) -> AppTest:
    """One login through the form, in a browser session of its own."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click().run()
    # In a browser the cookie component answers after a form login and so reruns the app
    # with the user's pages; AppTest runs no components, so the test reruns by hand.
    return at.run()


def signed_in(at: AppTest) -> bool:
    return bool(at.metric) and not at.error


def test_the_right_password_opens_the_dashboard(app_database: Engine) -> None:
    at = attempt("gabinete", PASSWORD)
    assert not at.exception
    assert signed_in(at)
    assert at.session_state["username"] == "gabinete"


def test_the_login_waits_for_nothing(app_database: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """The library's default pause (0.7 s on the login page's run and again on the run that
    checks the password) waited for a cookie it now reads from the request."""
    pauses: list[float] = []
    monkeypatch.setattr(authentication_view, "time", SimpleNamespace(sleep=pauses.append))
    assert signed_in(attempt("gabinete", PASSWORD))
    assert pauses and not any(pauses)


@pytest.mark.parametrize("username", ["gabinete", "nadie"])
def test_wrong_password_and_unknown_user_get_the_same_message(
    app_database: Engine, username: str
) -> None:
    at = attempt(username, "no-es-la-clave")
    assert not signed_in(at)
    assert [error.value for error in at.error] == [GENERIC]


def test_five_failures_lock_the_user_across_sessions(app_database: Engine) -> None:
    for _ in range(MAX_FAILURES):
        assert not signed_in(attempt("mesa", "no-es-la-clave"))
    locked = attempt("mesa", PASSWORD)  # the right password, in a fresh session
    assert not signed_in(locked)
    assert [error.value for error in locked.error] == [GENERIC]
    assert signed_in(attempt("gabinete", PASSWORD))  # other users are not affected
    with app_database.connect() as connection:
        failures = connection.execute(
            select(func.count()).where(LoginAttempt.username == "mesa", ~LoginAttempt.succeeded)
        ).scalar_one()
    assert failures == MAX_FAILURES


def test_the_lock_ends_after_fifteen_minutes(app_database: Engine) -> None:
    long_ago = local_now() - timedelta(minutes=31)
    with app_database.begin() as connection:
        for minute in range(MAX_FAILURES):
            record_attempt(connection, "mesa", False, long_ago + timedelta(minutes=minute))
    assert signed_in(attempt("mesa", PASSWORD))


def test_a_disabled_user_cannot_log_in(app_database: Engine) -> None:
    commands.set_user_active(app_database, Actor("admin", Role.ADMIN), "mesa", False)
    at = attempt("mesa", PASSWORD)
    assert not signed_in(at)
    assert [error.value for error in at.error] == [GENERIC]
