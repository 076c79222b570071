"""Importar planillas (intake clerks, administrators): an area's sheet into the shared base,
once and only once, after a preview of exactly what will happen."""

from __future__ import annotations

import streamlit as st

from dashboard.import_view import (
    batches,
    chosen_area,
    confirm,
    planned,
    preview,
    save_mapping,
    uploaded_file,
)
from dashboard.ui import t


def render() -> None:
    st.title(t("page.importar"))
    st.caption(t("importar.caption"))
    area = chosen_area()
    if area is None:
        return
    area_id, _ = area
    upload = uploaded_file()
    planning = planned(*upload, area_id) if upload else None
    if planning is not None:
        plan, saved = planning
        preview(plan)
        save_mapping(plan, area_id, saved)
        if plan.to_import:
            confirm(plan, area_id)
    st.header(t("importar.batches"))
    batches(area_id)
