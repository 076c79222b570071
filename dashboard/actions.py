"""Carry out a command from a page: as the signed-in person, with a Spanish answer."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from auth.passwords import WeakPassword
from dashboard.commands import CommandError
from dashboard.data import clear_cached_queries, current_engine
from dashboard.session import current_actor
from dashboard.ui import t

NOTICE_KEY = "aviso"


def run_command(command: Callable[..., None], *args, **kwargs) -> None:
    """Run ``command(engine, actor, ...)``; on success refresh every figure and rerun, so
    tables above the form already show the change; on refusal say why, in Spanish."""
    try:
        command(current_engine(), current_actor(), *args, **kwargs)
    except (CommandError, WeakPassword) as refusal:
        st.error(str(refusal))
        return
    clear_cached_queries()
    st.session_state[NOTICE_KEY] = t("usuarios.done")
    st.rerun()


def show_notice() -> None:
    """The confirmation a command left for this run, as a toast."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.toast(notice, icon=":material/check_circle:")
