"""Plotly's own words on our charts follow the interface language (``dashboard.ui.chart_config``).

Plotly writes its tool bar titles (what a screen reader announces), notices and date names
itself, in English unless the chart's config carries a locale. The browser check is in
``test_e2e_accessibility.py``.
"""

from __future__ import annotations

import json

import pytest

from dashboard.i18n import LANGUAGES
from dashboard.ui import CHART_CONFIG, chart_config

#: The tool bar titles Plotly 3 shows on our bar, line, Sankey and map charts.
TOOL_BAR = ["Download plot as a PNG", "Zoom", "Pan", "Zoom in", "Zoom out", "Autoscale",
            "Reset axes", "Reset view"]  # fmt: skip


def spanish_words() -> dict[str, str]:
    config = chart_config("es")
    return config["locales"][config["locale"]]["dictionary"]


def test_spanish_charts_name_every_tool_bar_button_in_spanish() -> None:
    words = spanish_words()
    assert words["Zoom in"] == "Acercar"
    assert words["Download plot as a PNG"] == "Descargar el gráfico como PNG"
    untranslated = [title for title in TOOL_BAR if words.get(title, title) == title]
    assert untranslated == []


def test_spanish_dates_read_the_argentine_way() -> None:
    config = chart_config("es")
    names = config["locales"]["es"]["format"]
    assert names["shortMonths"][11] == "dic"
    assert names["months"][0] == "enero"
    assert names["shortDays"][0] == "dom"
    assert (names["decimal"], names["thousands"], names["date"]) == (",", ".", "%d/%m/%Y")


def test_english_charts_keep_plotlys_own_words() -> None:
    config = chart_config("en")
    assert config["locale"] == "en"
    words = config["locales"]["en"]["dictionary"]
    assert all(words[title] == title for title in TOOL_BAR)
    assert config["locales"]["en"]["format"]["shortMonths"][11] == "Dec"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_config_keeps_the_tool_bar_choices_and_travels_as_json(lang: str) -> None:
    """``st.plotly_chart`` sends the config to the browser as JSON."""
    config = chart_config(lang)
    assert {name: config[name] for name in CHART_CONFIG} == CHART_CONFIG
    assert json.loads(json.dumps(config)) == config
