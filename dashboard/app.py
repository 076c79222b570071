"""Entry point: ``streamlit run dashboard/app.py``.

This file only sets the page up, checks the database and the login, and hands over to the
navigation of the user's role; each page lives in the top-level ``pages`` package (not
beside this file, which would switch Streamlit into its legacy multipage mode).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Started as a script, Python puts only dashboard/ on the path; the packages live one up.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

import streamlit as st  # noqa: E402
from sqlalchemy.exc import DBAPIError, OperationalError  # noqa: E402

from auth.cookies import CookieKeyError, cookie_key  # noqa: E402
from auth.demo import DEMO_USERS  # noqa: E402
from auth.gate import logged_in_with_form, logout_button, require_login  # noqa: E402
from dashboard.actions import show_notice  # noqa: E402
from dashboard.data import current_engine, ensure_database, replica_warning  # noqa: E402
from dashboard.db import (  # noqa: E402
    DatabaseUnavailable,
    SchemaMissing,
    describe_url,
    is_statement_timeout,
)
from dashboard.navigation import follow_requested_page, login_pages, pages  # noqa: E402
from dashboard.session import ACCOUNT_KEY  # noqa: E402
from dashboard.settings import database_url, is_embedded, statement_timeout_ms  # noqa: E402
from dashboard.ui import language, language_switch, t  # noqa: E402

ASSETS = PROJECT_ROOT / "assets"


def main() -> None:
    st.set_page_config(
        page_title=t("app.title"), page_icon=str(ASSETS / "favicon.png"), layout="wide"
    )
    st.logo(str(ASSETS / "logo.svg"), size="large")
    language_switch()
    embedded = is_embedded(database_url())
    if embedded:
        st.sidebar.caption(t("app.demo_database"))
    try:
        ensure_database()
        signed_in_run(embedded)
    except CookieKeyError as error:
        st.error(t("login.cookie_key"))
        st.markdown(str(error))
    except SchemaMissing:
        st.error(t("db.schema_missing", url=describe_url(database_url())))
    except (DatabaseUnavailable, OperationalError, DBAPIError) as error:
        if is_statement_timeout(error):
            show_read_timed_out()
        else:
            show_database_unavailable()


def signed_in_run(embedded: bool) -> None:
    """Login, then the page of the user's role.

    The navigation is registered before the login runs: the login's cookie component can
    interrupt the first run, and a run that registered no navigation would lose a deep link
    such as ``/solicitud?codigo=…``.
    """
    key = cookie_key(embedded)
    known = st.session_state.get(ACCOUNT_KEY)
    if known:
        navigation = st.navigation(pages(known.role))
    else:
        demo = show_demo_users if embedded else None
        navigation = st.navigation(login_pages(demo), position="hidden")
    account = require_login(current_engine(), key)
    st.session_state[ACCOUNT_KEY] = account
    if account is None:
        if known:
            st.rerun()  # just logged out: back to the login pages
        navigation.run()
        return
    if known is None or known.role != account.role:
        # Just logged in, or the role changed: run again with this role's pages. After a form
        # login the cookie component must render first; its answer brings that rerun.
        if not logged_in_with_form():
            st.rerun()
        return
    st.sidebar.caption(
        t("login.signed_in_as", name=account.display_name, role=t(f"role.{account.role}"))
    )
    logout_button(current_engine(), account)
    show_notice()
    if warning := replica_warning(language()):  # the read replica is behind or down
        st.warning(warning, icon=":material/schedule:")
    navigation.run()
    follow_requested_page()


def show_demo_users() -> None:
    """Only for the embedded demo database, whose users and passwords are public."""
    st.subheader(t("login.demo_title"))
    st.table(
        {
            t("login.username"): [username for username, *_ in DEMO_USERS],
            t("login.password"): [password for _, _, _, password, _ in DEMO_USERS],
        }
    )


def show_database_unavailable() -> None:
    """A plain Spanish explanation instead of a traceback; the next rerun tries again."""
    st.error(t("db.unavailable.title"))
    st.markdown(t("db.unavailable.body", url=describe_url(database_url())))
    st.button(t("db.retry"))


def show_read_timed_out() -> None:
    """A read cancelled at its time limit is no outage: nothing was lost, and a narrower
    period or fewer groups make the same read smaller."""
    st.warning(t("db.timeout.title", seconds=round(statement_timeout_ms() / 1000)))
    st.markdown(t("db.timeout.body"))
    st.button(t("db.retry"))


main()
