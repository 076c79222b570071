"""Entry point: ``streamlit run dashboard/app.py``.

This file only sets the page up, checks the database and hands over to the navigation;
each page lives in the top-level ``pages`` package (not beside this file, which would switch
Streamlit into its legacy multipage mode).
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

from dashboard.data import ensure_database  # noqa: E402
from dashboard.db import DatabaseUnavailable, SchemaMissing, describe_url  # noqa: E402
from dashboard.navigation import pages  # noqa: E402
from dashboard.settings import database_url, is_embedded  # noqa: E402
from dashboard.ui import language_switch, t  # noqa: E402

ASSETS = PROJECT_ROOT / "assets"


def main() -> None:
    st.set_page_config(
        page_title=t("app.title"), page_icon=str(ASSETS / "favicon.png"), layout="wide"
    )
    st.logo(str(ASSETS / "logo.svg"), size="large")
    language_switch()
    if is_embedded(database_url()):
        st.sidebar.caption(t("app.demo_database"))
    navigation = st.navigation(pages())
    try:
        ensure_database()
        navigation.run()
    except SchemaMissing:
        st.error(t("db.schema_missing", url=describe_url(database_url())))
    except (DatabaseUnavailable, OperationalError, DBAPIError):
        show_database_unavailable()


def show_database_unavailable() -> None:
    """A plain Spanish explanation instead of a traceback; the next rerun tries again."""
    st.error(t("db.unavailable.title"))
    st.markdown(t("db.unavailable.body", url=describe_url(database_url())))
    st.button(t("db.retry"))


main()
