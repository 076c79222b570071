"""The page list of a role, grouped in sections.

A page left out of a role's list answers "Page not found" when its URL is typed, so this
is also the first access check; every write checks permission again in ``commands``.
"""

from __future__ import annotations

import streamlit as st

from auth.roles import PAGES
from dashboard.domain import Role
from dashboard.ui import t
from pages import auditoria, resumen, solicitud, usuarios

#: url_path → (render function, title key, icon, section key)
ALL_PAGES = {
    "resumen": (resumen.render, "page.resumen", ":material/dashboard:", "nav.section.overview"),
    "solicitud": (solicitud.render, "page.solicitud", ":material/search:", "nav.section.overview"),
    "usuarios": (usuarios.render, "page.usuarios", ":material/group:", "nav.section.admin"),
    "auditoria": (auditoria.render, "page.auditoria", ":material/policy:", "nav.section.admin"),
}


def pages(role: Role) -> dict[str, list[st.Page]]:
    sections: dict[str, list[st.Page]] = {}
    for index, url_path in enumerate(PAGES[role]):
        render, title, icon, section = ALL_PAGES[url_path]
        page = st.Page(render, title=t(title), icon=icon, url_path=url_path, default=index == 0)
        sections.setdefault(t(section), []).append(page)
    return sections
