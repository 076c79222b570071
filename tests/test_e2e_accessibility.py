"""End to end: what a screen reader announces on a Spanish page is Spanish wherever it is ours.

Screen readers read ``aria-label``, ``title`` and ``alt``, and Plotly's tool bar buttons name
themselves through ``data-title``. Streamlit's frontend writes some labels itself, in English,
whatever the app's language (checked in ``streamlit/static`` of 1.67): those are listed below
and allowed; where such a label wraps one of ours ("Help for Período"), our part is checked.
Every other label must be one of our Spanish texts.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.i18n import TEXTS, translate
from dashboard.settings import PROJECT_ROOT
from tests.builders import PASSWORD
from tests.e2e_server import _wait_healthy, chromium, free_port, log_in, running_app, wait_for_run

pytestmark = pytest.mark.e2e

#: Labels Streamlit 1.67 hard-codes in English (and the cookie component's frame title, which
#: Streamlit makes from the component's Python name). Not ours to translate.
STREAMLIT_OWN = frozenset(
    {
        "App pages",  # the sidebar navigation
        "Sidebar",
        "Collapse sidebar",
        "Expand sidebar",
        "Navigate to home page",  # st.logo's link
        "Logo",  # st.logo's alt text: st.logo takes none
        "Skip to main content",
        "Link to heading",  # the anchor beside every heading
        "Fullscreen",  # element tool bar, and the button Streamlit adds to Plotly's tool bar
        "Search",  # dataframe tool bar
        "Show/hide columns",
        "Download as CSV",
        "Open",  # selectbox and multiselect arrows
        "Clear all",
        "Choose date range",
        "Increment",
        "Decrement",
        "Show password",
        "extra_streamlit_components.CookieManager.cookie_manager",
    }
)
#: Streamlit's English around one of our labels: the group is ours and must be Spanish.
STREAMLIT_WRAPPERS = (
    re.compile(r"^Help for (?P<ours>.+)$"),  # the "?" beside a widget with help=
    re.compile(r"^(?:(?:day|month|year), )?(?P<ours>.+) (?:start|end) date$"),  # date range
)
SPANISH_TEXTS = frozenset(entry["es"] for entry in TEXTS.values())
#: What a screen reader reads on a page: every labelling attribute, placeholders included.
LABELS = """() => [...document.querySelectorAll(
    '[aria-label], [title], [alt], [data-title], [placeholder]')]
  .flatMap(element => ['aria-label', 'title', 'alt', 'data-title', 'placeholder']
    .map(name => element.getAttribute(name))
    .filter(value => value && value.trim())
    .map(value => value.trim()))"""
MODEBAR = "() => [...document.querySelectorAll('.modebar-btn')].map(b => b.dataset.title)"


def not_ours_in_spanish(labels: list[str]) -> set[str]:
    """The labels that are neither Streamlit's own nor (around) one of our Spanish texts."""
    strays = set()
    for label in labels:
        if label in STREAMLIT_OWN:
            continue
        wrapped = next((m for w in STREAMLIT_WRAPPERS if (m := w.match(label))), None)
        if (wrapped["ours"] if wrapped else label) not in SPANISH_TEXTS:
            strays.add(label)
    return strays


def test_the_spanish_summary_has_no_english_label_of_ours(app_database, tmp_path: Path) -> None:
    url = app_database.url.render_as_string(hide_password=False)
    with running_app(url, tmp_path / "streamlit.log") as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        log_in(page, base, "gabinete", PASSWORD)  # Resumen, with its chart by channel
        page.locator(".modebar-btn").first.wait_for(state="attached")
        labels = page.evaluate(LABELS)
        modebar = page.evaluate(MODEBAR)

    assert translate("page.resumen", "es") in SPANISH_TEXTS  # the check reads our texts
    assert not_ours_in_spanish(labels) == set()
    assert translate("plotly.Download plot as a PNG", "es") in modebar
    assert translate("plotly.Zoom in", "es") in modebar
    assert not {"Download plot as a PNG", "Zoom in", "Autoscale", "Reset axes"} & set(modebar)


#: A chart drawn by ``dashboard.ui.chart`` over December dates, on a Spanish page.
DATE_CHART_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
import pandas as pd
import plotly.graph_objects as go
from dashboard.ui import chart

days = pd.date_range("2026-11-20", "2027-01-10", freq="D")
figure = go.Figure(go.Scatter(x=days, y=list(range(len(days)))))
figure.update_xaxes(tickformat="%d %b %Y")
chart(figure, "")
"""


def test_a_date_axis_names_its_months_in_spanish(tmp_path: Path) -> None:
    script = tmp_path / "date_chart.py"
    script.write_text(DATE_CHART_SCRIPT.format(root=str(PROJECT_ROOT)))
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
        "--server.headless=true", "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
    ]  # fmt: skip
    with (tmp_path / "streamlit.log").open("w") as log:
        server = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=log, stderr=log)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_healthy(base, server)
            with chromium() as browser:
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.goto(base)
                wait_for_run(page)
                page.locator(".js-plotly-plot .xtick text").first.wait_for(state="attached")
                ticks = page.evaluate(
                    "() => [...document.querySelectorAll('.js-plotly-plot .xtick text')]"
                    ".map(tick => tick.textContent)"
                )
        finally:
            server.terminate()
            server.wait(timeout=20)

    assert any("dic 2026" in tick for tick in ticks)
    assert not any("Dec" in tick for tick in ticks)
