"""Buscar solicitud: one case by its code (its detail and history), with the citizen's data
masked unless revealed."""

from __future__ import annotations

import streamlit as st

from dashboard.case_view import case_detail, case_record, is_anonymous
from dashboard.commands import CommandError, reveal_personal_data
from dashboard.data import current_engine
from dashboard.session import current_actor
from dashboard.ui import field_table, t


def render() -> None:
    actor = current_actor()
    st.title(t("page.solicitud"))
    st.caption(t("solicitud.caption"))
    code = st.text_input(
        t("solicitud.code"), key="codigo", bind="query-params", placeholder="MDC-2026-000123"
    )
    if not code.strip():
        return
    case = case_record(code)
    if case is None:
        st.warning(t("solicitud.not_found", code=code.strip().upper()))
        return
    case_detail(case)

    st.subheader(t("solicitud.personal"))
    revealed = st.session_state.get(f"revealed:{case['code']}")
    if revealed:
        field_table(revealed, ["dni", "first_name", "last_name", "phone", "email", "address"])
        return
    if is_anonymous(case):
        st.info(t("solicitud.anonymous"))
        return
    field_table(case, ["dni", "citizen"])
    if not actor.may_reveal(int(case["department_id"])):
        st.info(t("solicitud.masked_role"))
        return
    with st.form(key="revelar", clear_on_submit=True):
        reason = st.text_area(t("solicitud.reason"), help=t("solicitud.reason.help"))
        if st.form_submit_button(t("solicitud.reveal")):
            try:
                data = reveal_personal_data(current_engine(), actor, case["code"], reason)
            except CommandError as refusal:
                st.error(str(refusal))
                return
            st.session_state[f"revealed:{case['code']}"] = vars(data)
            st.rerun()
