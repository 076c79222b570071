"""Línea de base: freeze the filter bar's period as a citable snapshot (mesa, admin), list the
frozen ones, and show one beside today's recomputation, with its downloads."""

from __future__ import annotations

import streamlit as st

from dashboard.baseline_view import baseline_detail, chosen_baseline, freeze_form
from dashboard.filter_bar import global_filters
from dashboard.ui import t


def render() -> None:
    filters = global_filters()
    st.title(t("page.linea_de_base"))
    st.caption(t("baseline.page.caption"))
    freeze_form(filters)
    baseline_id = chosen_baseline()
    if baseline_id is not None:
        baseline_detail(baseline_id)
