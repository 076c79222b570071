"""Small pieces every page uses: the current language, translated text, figures with
their definitions. Pages build on these so that no page repeats layout or wording rules.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.formats import chart_marks, written
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    TEXTS,
    chart_locale,
    format_decimal,
    format_int,
    format_percent,
    translate,
)

LANGUAGE_KEY = "lang"
#: Height of one row of ``st.dataframe``, to size short tables to their content.
ROW_PIXELS = 35


def language() -> str:
    """The language chosen in the sidebar switch (kept in the URL as ``?lang=English``)."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values: object) -> str:
    """``key`` translated into the current language."""
    return translate(key, language(), **values)


def label(prefix: str, code: object) -> object:
    """The name of a stored code in the current language (``status.en_curso`` → "en curso").

    Values with no entry pass through unchanged: empty cells, and free text such as the
    reasons written by intake staff, which are already prose.
    """
    key = f"{prefix}.{code}"
    return t(key) if key in TEXTS else code


def language_switch() -> None:
    st.sidebar.segmented_control(
        t("app.language"),
        options=list(LANGUAGES),
        format_func=lambda code: {"es": "Español", "en": "English"}[code],
        default=DEFAULT_LANGUAGE,
        key=LANGUAGE_KEY,
        bind="query-params",
        required=True,
    )


def figure(column, label_key: str, value: float, decimals: int = 0, share: bool = False) -> None:
    """A headline number with its one-line definition right under it ("—" when undefined,
    such as a ratio over nothing); ``share`` writes a 0–1 value as a percentage."""
    lang = language()
    if pd.isna(value):
        shown = "—"
    elif share:
        shown = format_percent(value, lang)
    elif decimals:
        shown = format_decimal(value, lang, digits=decimals)
    else:
        shown = format_int(value, lang)
    with column:
        st.metric(t(label_key), shown)
        st.caption(t(f"{label_key}.def"))


#: Plotly's tool bar keeps its PNG download (for meeting slides) but loses its logo and the
#: selection tools, which do nothing on these charts.
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def chart_config(lang: str) -> dict[str, object]:
    """``CHART_CONFIG`` in ``lang``: Plotly's tool bar titles (what a screen reader announces),
    notices and date names come from the locale handed over with the chart."""
    locale = chart_locale(lang)
    locale["format"] = {**locale["format"], **chart_marks(lang)}
    return {**CHART_CONFIG, "locale": lang, "locales": {lang: locale}}


def chart(figure, definition: str, container=st) -> None:
    """A Plotly figure across the width, with its definition right under it."""
    container.plotly_chart(figure, width="stretch", config=chart_config(language()))
    container.caption(definition)


def or_dash(formatter, value: float, *args: object) -> str:
    """``formatter(value, *args)``, or "—" where the value is undefined (a ratio over zero)."""
    return "—" if pd.isna(value) else formatter(value, *args)


def field_table(record, fields: list[str]) -> None:
    """A record as a two-column table of translated labels (``field.<name>``) and values,
    each written as its kind is in the interface language."""
    lang = language()
    values = [written(record[name], lang) for name in fields]
    st.dataframe(
        {t("field.label"): [t(f"field.{name}") for name in fields], t("field.value"): values},
        hide_index=True,
        width="stretch",
        # The labels are short: the room goes to the values (long department names).
        column_config={
            t("field.label"): st.column_config.TextColumn(width=130),
            t("field.value"): st.column_config.TextColumn(width="large"),
        },
        height=ROW_PIXELS * (len(fields) + 1) + 3,  # every field in view, no inner scrolling
    )


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A table whose columns mix kinds (one field per row) as text, each cell written as its
    kind is in the interface language; tables of one kind per column use ``show_table``."""
    lang = language()
    return frame.map(lambda value: written(value, lang))
