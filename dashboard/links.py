"""Moving between pages without losing the filters the reader chose.

Every filter widget is bound to the URL, so the filter state travels with the page: another
page opened in the same session shows the same view, and its address can be sent to a
colleague. Streamlit refuses to set a bound parameter in ``st.switch_page``'s query, so a
click that opens another page sets the filter widgets themselves (from its callback, before
they are drawn) and the switch happens once the filter bar has drawn them.
"""

from __future__ import annotations

import streamlit as st

PENDING_KEY = "abrir_pagina"


def request_page(url_path: str, **filter_values: list[int]) -> None:
    """From a widget callback: set these filter widgets, then open ``url_path`` on the next
    run (``area=[12]`` opens department 12 with every other filter kept)."""
    for key, value in filter_values.items():
        st.session_state[key] = value
    st.session_state[PENDING_KEY] = url_path


def follow_requested_page() -> None:
    """Open the page a callback asked for; called once the filter bar has drawn its widgets,
    so their values belong to this run and carry over to the next page."""
    target = st.session_state.pop(PENDING_KEY, None)
    if target:
        from dashboard.navigation import page_of  # the navigation imports every page

        # An empty query, not none: with none Streamlit tries to clear the bound parameters
        # and refuses; the next page's bound widgets write their values back to the URL.
        st.switch_page(page_of(target), query_params={})
