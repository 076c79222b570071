"""Every page's tables drawn one way: figures and dates in the interface language.

Pages call :func:`show_table` instead of ``st.dataframe``; see :mod:`dashboard.formats` for
why the display text is made on the server rather than by the browser.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.elements.arrow import DataframeState

from dashboard.formats import EMPTY, column_kinds, styled
from dashboard.ui import language


def show_table(
    frame: pd.DataFrame,
    *,
    kinds: Mapping[str, str] | None = None,
    marks: Mapping[str, str] | None = None,
    column_config: Mapping[str, object] | None = None,
    **options: object,
) -> DeltaGenerator | DataframeState:
    """``st.dataframe`` of ``frame`` with its figures written in the interface language.

    ``kinds`` names the columns whose kind cannot be guessed from their type (``"share"``
    for a 0–1 share); whole numbers, decimals and timestamps are recognised. ``marks``
    flags cells of a column by a true/false column (``dashboard.formats.styled``). A column
    format in ``column_config`` would override the text made here, so it is dropped for
    those columns. Empty cells read "—" (the grid would write "None" over the Styler's
    text). Returns what ``st.dataframe`` returns (the selection, when asked).
    """
    formatted = column_kinds(frame, kinds)
    config = {
        name: _unformatted(value, name in formatted)
        for name, value in (column_config or {}).items()
    }
    table = styled(frame, language(), formatted, marks)
    return st.dataframe(table, column_config=config, placeholder=EMPTY, **options)


def _unformatted(config: object, formatted: bool) -> object:
    if not (formatted and isinstance(config, dict) and "format" in config.get("type_config", {})):
        return config
    return {**config, "type_config": {**config["type_config"], "format": None}}
