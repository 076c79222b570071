"""The login gate: streamlit-authenticator draws the form; this module closes its gaps.

What the library leaves open and how it is closed here:
- credentials come from the ``users`` table on every run (the library never writes a file);
- a disabled or locked user is left out of those credentials, so neither the form nor a
  cookie can log them in;
- failed attempts are counted in the database (``auth.lockout``), not per session;
- a cookie issued before the user's last logout or password change is refused
  (``auth.cookies``), and an open session ends as soon as that happens elsewhere;
- the cookie key is never the library's public default (``auth.cookies.cookie_key``);
- the library's cloud features (``api_key``) are never enabled.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st
import streamlit_authenticator as stauth
from sqlalchemy import Engine
from streamlit_authenticator.utilities import LoginError

from auth import cookies, lockout
from auth.accounts import Account, load_account, login_credentials
from dashboard.commands import end_sessions
from dashboard.domain import local_now
from dashboard.ui import t

LOGIN_AT_KEY = "login_at"
FORM_LOGIN_KEY = "logged_in_with_form"
FORM_LOGIN_RUN_KEY = "form_login_this_run"
#: The library pauses 0.7 s by default before drawing its form, on every run without a login
#: (the login page's and the one that checks the password): a wait for a cookie component it
#: no longer asks, since it reads the cookie from the request (``st.context.cookies``).
LOGIN_SLEEP_SECONDS = 0.0


def require_login(engine: Engine, key: str) -> Account | None:
    """The logged-in account, or ``None`` after drawing the login form."""
    now = local_now()
    with engine.begin() as connection:
        credentials = login_credentials(connection, lockout.locked_usernames(connection, now))
    authenticator = stauth.Authenticate(
        credentials,
        cookies.COOKIE_NAME,
        key,
        cookies.COOKIE_EXPIRY_DAYS,
        auto_hash=False,
        login_sleep_time=LOGIN_SLEEP_SECONDS,
    )
    if not st.session_state.get("authentication_status"):
        _ignore_revoked_cookie(engine, key)
    try:
        authenticator.login(
            location="main", fields=_form_labels(), key="login", callback=_mark_form_login
        )
    except LoginError:
        _forget_session()
    _record_failures(engine, credentials, now)
    if st.session_state.get("authentication_status") is False:
        st.error(t("login.failed"))
    if not st.session_state.get("authentication_status"):
        return None
    account = _verified_account(engine, key, now)
    if account is None:
        _forget_session()
        st.rerun()
    st.session_state["authenticator"] = authenticator
    return account


def logged_in_with_form() -> bool:
    """True once, in the run in which the login form succeeded."""
    return bool(st.session_state.pop(FORM_LOGIN_RUN_KEY, False))


def logout_button(engine: Engine, account: Account) -> None:
    """The library's logout (deletes the cookie) plus revocation of every cookie issued so far."""
    authenticator = st.session_state["authenticator"]
    authenticator.logout(
        t("login.logout"),
        location="sidebar",
        key="cerrar_sesion",
        callback=lambda _info: end_sessions(engine, account.username),
    )
    if not st.session_state.get("authentication_status"):
        st.rerun()  # logged out: show nothing more of the page


def _ignore_revoked_cookie(engine: Engine, key: str) -> None:
    """Tell the library to skip a well-signed cookie that was revoked after it was issued."""
    token = st.context.cookies.get(cookies.COOKIE_NAME)
    parsed = cookies.issued_at(token, key) if token else None
    if parsed is None:
        return
    username, issued = parsed
    with engine.connect() as connection:
        account = load_account(connection, username)
    if not cookies.still_valid(account, issued):
        st.session_state["logout"] = True  # the library reads no cookie while this is set


def _verified_account(engine: Engine, key: str, now: datetime) -> Account | None:
    """Reload the account on every run: a disable or revocation elsewhere ends this session."""
    username = st.session_state["username"]
    if st.session_state.pop(FORM_LOGIN_KEY, False):
        st.session_state[LOGIN_AT_KEY] = now
        st.session_state[FORM_LOGIN_RUN_KEY] = True
        with engine.begin() as connection:
            lockout.record_attempt(connection, username, True, now)
    elif LOGIN_AT_KEY not in st.session_state:
        token = st.context.cookies.get(cookies.COOKIE_NAME)
        parsed = cookies.issued_at(token, key) if token else None
        if parsed is None or parsed[0] != username:
            return None
        st.session_state[LOGIN_AT_KEY] = parsed[1]
    with engine.connect() as connection:
        account = load_account(connection, username)
    return account if cookies.still_valid(account, st.session_state[LOGIN_AT_KEY]) else None


def _record_failures(engine: Engine, credentials: dict, now: datetime) -> None:
    """The library counts a wrong password in the credentials dict; store it for good."""
    failed = [
        username
        for username, user in credentials["usernames"].items()
        if user.get("failed_login_attempts", 0) > 0
    ]
    if failed:
        with engine.begin() as connection:
            for username in failed:
                lockout.record_attempt(connection, username, False, now)


def _mark_form_login(_info: dict) -> None:
    st.session_state[FORM_LOGIN_KEY] = True


def _forget_session() -> None:
    for name in ("authentication_status", "username", "name", "email", "roles", LOGIN_AT_KEY):
        st.session_state[name] = None
    st.session_state.pop(LOGIN_AT_KEY, None)
    st.session_state["logout"] = True


def _form_labels() -> dict[str, str]:
    return {
        "Form name": t("login.title"),
        "Username": t("login.username"),
        "Password": t("login.password"),
        "Login": t("login.submit"),
    }
