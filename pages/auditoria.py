"""Auditoría (administrators): every write, export and reveal of personal data."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from dashboard.audit_text import action_words, details_words, known_actions
from dashboard.data import run_query
from dashboard.domain import local_now
from dashboard.tables import show_table
from dashboard.ui import label, language, t
from queries.audit import PAGE_SIZE, audit_entries


def render() -> None:
    st.title(t("page.auditoria"))
    st.caption(t("auditoria.caption"))
    today = local_now().date()
    period = st.date_input(
        t("filters.period"), value=(today - timedelta(days=30), today), format="DD/MM/YYYY"
    )
    if not (isinstance(period, tuple) and len(period) == 2):
        st.warning(t("filters.bad_period"))
        return
    username = st.text_input(t("login.username")).strip().lower() or None
    action = st.selectbox(
        t("auditoria.action"), [None, *known_actions()],
        format_func=lambda a: t("filters.all") if a is None else action_words(a, language()),
        placeholder=t("form.choose"),
    )  # fmt: skip
    page = st.number_input(t("auditoria.page"), min_value=1, value=1, step=1) - 1
    entries = run_query(audit_entries, period[0], period[1], username, action, int(page))
    total = int(entries["total"].iloc[0]) if not entries.empty else 0
    st.caption(t("auditoria.total", total=total, size=PAGE_SIZE))
    shown = _in_words(entries.drop(columns="total"))
    show_table(
        shown,
        hide_index=True,
        column_config={name: t(f"auditoria.col.{name}") for name in shown.columns},
    )


def _in_words(entries: pd.DataFrame) -> pd.DataFrame:
    """Roles, actions and details as an administrator reads them, not as the log stores them."""
    lang = language()
    return entries.assign(
        role=entries["role"].map(lambda role: label("role", role), na_action="ignore"),
        action=entries["action"].map(lambda action: action_words(action, lang)),
        details=entries["details"].map(
            lambda details: details_words(details, lang), na_action="ignore"
        ),
    )
