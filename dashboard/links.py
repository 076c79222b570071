"""Moving between pages without losing the filters the reader chose.

Every filter widget is bound to the URL, so the filter state travels with the page: another
page opened in the same session shows the same view, and its address can be sent to a
colleague. Streamlit refuses to set a bound parameter in ``st.switch_page``'s query, so a
click that opens another page sets the filter widgets themselves (from its callback, before
they are drawn), and the switch happens once the page has drawn them
(``dashboard.navigation.follow_requested_page``).
"""

from __future__ import annotations

import streamlit as st

PENDING_KEY = "abrir_pagina"


def request_page(url_path: str, **filter_values: list[int]) -> None:
    """From a widget callback: set these filter widgets, then open ``url_path`` once this
    run has drawn them (``area=[12]`` opens department 12 with every other filter kept)."""
    for key, value in filter_values.items():
        st.session_state[key] = value
    st.session_state[PENDING_KEY] = url_path


def requested_page() -> str | None:
    """The page a callback asked to open, forgotten once asked for."""
    return st.session_state.pop(PENDING_KEY, None)
