"""The page list of a role, grouped in sections.

A page left out of a role's list answers "Page not found" when its URL is typed, so this
is also the first access check; every write checks permission again in ``commands``.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from auth.roles import PAGES
from dashboard.domain import Role
from dashboard.links import requested_page
from dashboard.ui import t
from pages import (
    auditoria,
    bandejas,
    cambios,
    catalogo,
    derivaciones,
    duplicados,
    evidencia,
    importar,
    indicadores,
    linea_de_base,
    pendientes,
    resumen,
    sobrecarga,
    solicitud,
    usuarios,
)

#: url_path → (render function, title key, icon, section key)
ALL_PAGES = {
    "resumen": (resumen.render, "page.resumen", ":material/dashboard:", "nav.section.overview"),
    "bandejas": (bandejas.render, "page.bandejas", ":material/inbox:", "nav.section.supervision"),
    "pendientes": (
        pendientes.render,
        "page.pendientes",
        ":material/stacked_line_chart:",
        "nav.section.supervision",
    ),
    "derivaciones": (
        derivaciones.render,
        "page.derivaciones",
        ":material/alt_route:",
        "nav.section.analysis",
    ),
    "sobrecarga": (
        sobrecarga.render,
        "page.sobrecarga",
        ":material/local_fire_department:",
        "nav.section.analysis",
    ),
    "indicadores": (
        indicadores.render,
        "page.indicadores",
        ":material/monitoring:",
        "nav.section.analysis",
    ),
    "cambios": (cambios.render, "page.cambios", ":material/event_note:", "nav.section.evidence"),
    "linea_de_base": (
        linea_de_base.render,
        "page.linea_de_base",
        ":material/flag:",
        "nav.section.evidence",
    ),
    "evidencia": (
        evidencia.render,
        "page.evidencia",
        ":material/science:",
        "nav.section.evidence",
    ),
    "solicitud": (solicitud.render, "page.solicitud", ":material/search:", "nav.section.overview"),
    "usuarios": (usuarios.render, "page.usuarios", ":material/group:", "nav.section.admin"),
    "catalogo": (catalogo.render, "page.catalogo", ":material/tune:", "nav.section.admin"),
    "auditoria": (auditoria.render, "page.auditoria", ":material/policy:", "nav.section.admin"),
    "importar": (importar.render, "page.importar", ":material/upload_file:", "nav.section.intake"),
    "duplicados": (duplicados.render, "page.duplicados", ":material/join:", "nav.section.intake"),
}


def pages(role: Role) -> dict[str, list[st.Page]]:
    sections: dict[str, list[st.Page]] = {}
    for index, url_path in enumerate(PAGES[role]):
        section = ALL_PAGES[url_path][3]
        sections.setdefault(t(section), []).append(page_of(url_path, default=index == 0))
    return sections


def page_of(url_path: str, default: bool = False) -> st.Page:
    """The navigation's page for ``url_path``; also what ``st.switch_page`` is given."""
    render, title, icon, _ = ALL_PAGES[url_path]
    return st.Page(render, title=t(title), icon=icon, url_path=url_path, default=default)


def follow_requested_page() -> None:
    """Open the page a click asked for (``dashboard.links.request_page``), after the page that
    took the click has run: its filter widgets were drawn in this run with the values the
    click set, so they carry over to the next page."""
    target = requested_page()
    if target:
        # An empty query, not none: with none Streamlit tries to clear the bound parameters
        # and refuses; the next page's bound widgets write their values back to the URL.
        st.switch_page(page_of(target), query_params={})


def login_pages(render: Callable[[], None] | None) -> list[st.Page]:
    """While nobody is logged in, every page path shows only the login (drawn by the gate).

    Registering the paths keeps a deep link such as ``/solicitud?codigo=…`` in place while the
    person logs in; what the page then shows is decided by their role's navigation.
    """
    return [
        st.Page(render or _nothing, title=t("login.title"), url_path=url_path, default=index == 0)
        for index, url_path in enumerate(ALL_PAGES)
    ]


def _nothing() -> None:
    """The login form above is the whole page."""
