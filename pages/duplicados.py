"""Duplicados (intake clerks, supervisors, administrators): the same request logged by two
doors, reviewed pair by pair and merged, kept apart, or left for later."""

from __future__ import annotations

import streamlit as st

from dashboard.duplicates_view import (
    chosen_pair,
    headline,
    pair_review,
    recent_decisions,
    review_list,
    show_answer,
)
from dashboard.ui import t


def render() -> None:
    st.title(t("page.duplicados"))
    st.caption(t("duplicados.caption"))
    show_answer()
    counts = headline()
    queue = review_list(counts)
    pair_id = chosen_pair(queue)
    if pair_id is not None:
        st.header(t("duplicados.pair.title"))
        pair_review(pair_id)
    recent_decisions()
