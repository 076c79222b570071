"""The partido map: one shape per partido, each value on its own partido, nothing fetched."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from plotly.colors import sample_colorscale

from dashboard.maps import (
    COLORSCALE,
    GEOJSON_PATH,
    MISSING_COLOR,
    conurbano_claves,
    partido_map,
    partido_shapes,
)
from dashboard.reference import municipality_rows
from tests.e2e_server import chromium, free_port

REFERENCE = {row["clave"]: row["name"] for row in municipality_rows()}


def sample_frame() -> pd.DataFrame:
    """Every partido with a distinct value: 0 for the first clave, 1 for the next, ..."""
    claves = sorted(REFERENCE)
    return pd.DataFrame(
        {
            "clave": claves,
            "partido": [REFERENCE[clave] for clave in claves],
            "open_per_10k": np.arange(len(claves), dtype=float),
            "open_cases": np.arange(len(claves)) * 1000,
        }
    )


def draw(frame: pd.DataFrame, **options):
    labels = {
        "value": "open_per_10k", "title": "Solicitudes abiertas cada 10.000 habitantes",
        "colorbar_title": "Abiertas cada 10.000 hab.", "value_label": "Abiertas cada 10.000 hab.",
        "lang": "es", "missing_label": "Sin datos", "inset_title": "Gran Buenos Aires",
    }  # fmt: skip
    return partido_map(frame, **(labels | options))


def main_map(figure) -> dict[str, object]:
    """The polygons of the province map (not the inset), by clave."""
    return {trace.meta: trace for trace in figure.data if trace.fill and trace.xaxis == "x"}


def test_the_boundaries_join_the_reference_partidos() -> None:
    with GEOJSON_PATH.open(encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    claves = [feature["properties"]["clave"] for feature in features]
    assert len(claves) == len(set(claves)) == 134
    assert set(claves) == set(REFERENCE)
    assert {f["properties"]["clave"]: f["properties"]["partido"] for f in features} == REFERENCE
    assert set(partido_shapes()) == set(REFERENCE)
    assert len(conurbano_claves()) == 24


def test_one_shape_per_partido_coloured_by_its_own_value() -> None:
    frame = sample_frame()
    frame.loc[frame["clave"] == "TANDIL", "open_per_10k"] = np.nan
    frame = frame[frame["clave"] != "AZUL"]  # no row at all
    figure = draw(frame)
    shapes = main_map(figure)
    assert len(shapes) == 134 and set(shapes) == set(REFERENCE)

    values = frame.set_index("clave")["open_per_10k"]
    low, high = values.min(), values.max()
    for clave, value in values.dropna().items():
        expected = sample_colorscale(COLORSCALE, [(value - low) / (high - low)])[0]
        assert shapes[clave].fillcolor == expected, clave
    assert shapes[min(values.dropna().index)].fillcolor == sample_colorscale(COLORSCALE, [0])[0]
    assert shapes["ZARATE"].fillcolor == sample_colorscale(COLORSCALE, [1])[0]  # last clave
    for clave in ("TANDIL", "AZUL"):
        assert shapes[clave].fillcolor == MISSING_COLOR
        assert shapes[clave].fillpattern.shape == "/"
        assert shapes[clave].text == f"<b>{REFERENCE[clave]}</b><br>Sin datos"


def test_hover_names_the_partido_with_spanish_numbers() -> None:
    frame = sample_frame()
    frame.loc[frame["clave"] == "LA MATANZA", ["open_per_10k", "open_cases"]] = [1234.56, 4321]
    figure = draw(frame, hover_columns={"open_cases": ("Abiertas", "count")})
    assert main_map(figure)["LA MATANZA"].text == (
        "<b>La Matanza</b><br>Abiertas cada 10.000 hab.: 1.234,6<br>Abiertas: 4.321"
    )
    assert figure.layout.separators == ",."
    bar = [trace for trace in figure.data if trace.marker and trace.marker.showscale]
    assert len(bar) == 1 and bar[0].marker.colorbar.title.text == "Abiertas cada 10.000 hab."
    assert figure.layout.title.text == "Solicitudes abiertas cada 10.000 habitantes"


def test_greater_buenos_aires_is_drawn_again_in_the_inset() -> None:
    figure = draw(sample_frame())
    inset = {trace.meta for trace in figure.data if trace.fill and trace.xaxis == "x2"}
    assert conurbano_claves() <= inset
    assert len(inset) < 60  # only the partidos near Greater Buenos Aires
    assert figure.layout.annotations[0].text == "Gran Buenos Aires"


def test_no_map_tiles_geo_subplot_or_internet_address() -> None:
    figure = draw(sample_frame())
    assert {trace.type for trace in figure.data} == {"scatter"}
    layout = figure.to_plotly_json()["layout"]
    assert not {"geo", "mapbox", "map"} & set(layout)
    assert "http" not in figure.to_json()


@pytest.mark.e2e
def test_the_map_draws_in_a_browser_without_internet(tmp_path: Path) -> None:
    """The figure as a page with plotly.js inlined, served from localhost: every polygon is
    drawn and the browser asks no other host for anything."""
    frame = sample_frame()
    draw(frame).write_html(tmp_path / "map.html", include_plotlyjs=True)
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1000, "height": 680})
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto(base + "map.html")
            page.wait_for_selector(".scatterlayer path.js-fill")
            page.wait_for_load_state("networkidle")
            filled = page.locator(".scatterlayer path.js-fill").count()
            colorbar = page.locator(".colorbar").count()
    finally:
        server.shutdown()
    assert filled >= 134 + len(conurbano_claves())
    assert colorbar == 1
    assert requested and all(url.startswith(base) for url in requested), requested


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
