"""Importar planillas (intake clerks, administrators): an area's sheet into the shared base,
once and only once, after a preview of exactly what will happen."""

from __future__ import annotations

import streamlit as st

from dashboard.import_view import batches, chosen_area, confirm, planned, preview, uploaded_file
from dashboard.ui import t


def render() -> None:
    st.title(t("page.importar"))
    st.caption(t("importar.caption"))
    area = chosen_area()
    if area is None:
        return
    area_id, _ = area
    upload = uploaded_file()
    plan = planned(*upload, area_id) if upload else None
    if plan is not None:
        preview(plan)
        if plan.to_import:
            confirm(plan, area_id)
    st.header(t("importar.batches"))
    batches(area_id)
