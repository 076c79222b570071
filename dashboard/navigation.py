"""The page list, grouped in sections. Each entry is a function from the ``pages`` package."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import t
from pages import resumen


def pages() -> dict[str, list[st.Page]]:
    return {
        t("nav.section.overview"): [
            st.Page(
                resumen.render,
                title=t("page.resumen"),
                icon=":material/dashboard:",
                url_path="resumen",
                default=True,
            ),
        ],
    }
