"""Auditoría (administrators): every write, export and reveal of personal data."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from dashboard.data import run_query
from dashboard.domain import local_now
from dashboard.ui import t
from queries.audit import PAGE_SIZE, audit_entries

ACTIONS = (
    "revelar_datos", "exportar", "crear_usuario", "cambiar_acceso", "restablecer_contrasena",
    "deshabilitar_usuario", "habilitar_usuario", "cerrar_sesion", "cambiar_capacidad",
    "cambiar_meta", "crear_categoria",
)  # fmt: skip


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
    action = st.selectbox(t("auditoria.action"), [None, *ACTIONS],
                          format_func=lambda a: t("filters.all") if a is None else a)  # fmt: skip
    page = st.number_input(t("auditoria.page"), min_value=1, value=1, step=1) - 1
    entries = run_query(audit_entries, period[0], period[1], username, action, int(page))
    total = int(entries["total"].iloc[0]) if not entries.empty else 0
    st.caption(t("auditoria.total", total=total, size=PAGE_SIZE))
    st.dataframe(
        entries.drop(columns="total").fillna("—"),
        hide_index=True,
        column_config={
            name: t(f"auditoria.col.{name}") for name in entries.columns if name != "total"
        },
    )
