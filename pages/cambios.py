"""Cambios de proceso: what the task force changed and when; mesa and admin record them."""

from __future__ import annotations

import streamlit as st

from auth.roles import MAY_RECORD_EVIDENCE
from dashboard.data import run_query
from dashboard.process_changes_view import (
    changes_table,
    edit_form,
    register_form,
    touch_choices,
)
from dashboard.session import current_actor
from dashboard.ui import t
from queries.process_changes import process_changes


def render() -> None:
    st.title(t("page.cambios"))
    st.caption(t("cambios.caption"))
    changes = run_query(process_changes)
    changes_table(changes)
    if current_actor().role not in MAY_RECORD_EVIDENCE:
        st.info(t("cambios.read_only"))  # the commands refuse them too
        return
    choices = touch_choices()
    register_form(choices)
    edit_form(changes, choices)
