"""The partidos of the province as a choropleth, drawn without any map service.

Plotly's geographic traces (``go.Choropleth`` on a ``geo`` subplot) download a world
topojson from cdn.plot.ly before drawing, even with the base map hidden and our own GeoJSON:
in a browser without internet access (a civil servant's network, our test browser) the map
stays blank. So each partido is drawn here as a filled ``go.Scatter`` polygon on plain axes
with equal scale, coloured by sampling the colour scale ourselves, and an invisible marker
trace carries the colour bar. Nothing is fetched: the polygons travel inside the figure.

The 24 partidos of Greater Buenos Aires are a few pixels wide at province scale, so they are
drawn again, enlarged, in an inset beside the province (its area is framed on the main map).

Boundaries: ``assets/partidos_buenos_aires.geojson`` (IGN, simplified; see
``assets/SOURCES.md``), joined to the data by ``clave``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard.charts import FONT
from dashboard.formats import chart_separators
from dashboard.i18n import format_decimal, format_int, format_percent
from dashboard.reference import municipality_rows
from dashboard.settings import PROJECT_ROOT

GEOJSON_PATH = PROJECT_ROOT / "assets" / "partidos_buenos_aires.geojson"
#: Light to dark blue, ending near the dashboard's primary colour; never white, so a partido
#: with the lowest value still reads as land.
COLORSCALE = [[0.0, "#DCEAF5"], [0.5, "#5D9CC9"], [1.0, "#0B3C5D"]]
#: Partidos without a value (not selected, or no data): grey with diagonal hatching, so they
#: cannot be mistaken for the lightest blue.
MISSING_COLOR = "#F0F0F0"
MISSING_PATTERN = {"shape": "/", "fgcolor": "#A0A0A0", "bgcolor": MISSING_COLOR, "size": 6}
BORDER_COLOR = "#FFFFFF"
FRAME_COLOR = "#5F6B76"
#: Margin around Greater Buenos Aires in the inset, in degrees.
INSET_PADDING = 0.04

ValueKind = Literal["rate", "share", "count"]
#: Colour bar tick format (d3) for each kind of value; the separators follow the language.
TICK_FORMATS: dict[str, str] = {"rate": ",.1~f", "share": ".0%", "count": ",d"}


@dataclass(frozen=True)
class PartidoShape:
    """A partido's outline: x (longitude) and y (latitude) arrays, rings separated by NaN
    (sent to the browser as null, which ends a ring)."""

    clave: str
    name: str
    x: np.ndarray
    y: np.ndarray
    bounds: tuple[float, float, float, float]  # lon min, lat min, lon max, lat max


@cache
def partido_shapes() -> dict[str, PartidoShape]:
    """The 134 partido outlines by ``clave``, read once per process."""
    with GEOJSON_PATH.open(encoding="utf-8") as fh:
        collection = json.load(fh)
    shapes = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        rings = [np.array(ring, dtype=float) for polygon in polygons for ring in polygon]
        gap = np.full((1, 2), np.nan)
        points = np.concatenate([part for ring in rings for part in (gap, ring)][1:])
        points.setflags(write=False)
        clave = feature["properties"]["clave"]
        shapes[clave] = PartidoShape(
            clave=clave,
            name=feature["properties"]["partido"],
            x=points[:, 0],
            y=points[:, 1],
            bounds=(*np.nanmin(points, axis=0), *np.nanmax(points, axis=0)),
        )
    return shapes


@cache
def conurbano_claves() -> frozenset[str]:
    """The 24 partidos of Greater Buenos Aires (``zona`` in the reference data)."""
    return frozenset(row["clave"] for row in municipality_rows() if row["zone"] == "conurbano")


def format_value(value: float, kind: ValueKind, lang: str) -> str:
    if kind == "share":
        return format_percent(value, lang)
    if kind == "count":
        return format_int(round(value), lang)
    return format_decimal(value, lang, 1)


def partido_map(
    frame: pd.DataFrame,
    *,
    value: str,
    title: str,
    colorbar_title: str,
    value_label: str,
    lang: str,
    value_kind: ValueKind = "rate",
    hover_columns: Mapping[str, tuple[str, ValueKind]] | None = None,
    missing_label: str = "",
    inset_title: str = "",
    key: str = "clave",
    name: str = "partido",
    value_range: tuple[float, float] | None = None,
    note: str = "",
    height: int = 620,
) -> go.Figure:
    """A map of the partidos coloured by ``frame[value]``, joined on ``frame[key]``.

    Labels come from the caller, already in the reader's language: ``title``,
    ``colorbar_title`` (with units, e.g. "Abiertas cada 10.000 hab."), ``value_label`` (the
    hover line of the value), ``hover_columns`` (more hover lines: column → (label, kind)),
    ``missing_label`` (hover text of a partido without a value), ``inset_title`` and ``note``
    (a small line under the colour bar, e.g. the sources: "Límites: IGN. Población: INDEC.").
    ``value_kind`` formats numbers (``rate`` with one decimal, ``share`` as a percentage,
    ``count`` as a whole number) with the separators of ``lang``. Partidos with no row or an
    empty value are grey. ``value_range`` fixes the colour scale (default: data min to max).
    """
    shapes = partido_shapes()
    rows = frame.set_index(key)
    values = pd.to_numeric(rows[value], errors="coerce").astype(float)
    known = values.dropna()
    low, high = value_range or (
        (float(known.min()), float(known.max())) if len(known) else (0.0, 1.0)
    )
    if high <= low:
        high = low + 1.0

    traces = []
    inset = _inset_bounds(shapes)
    for shape in shapes.values():
        row = rows.loc[shape.clave] if shape.clave in rows.index else None
        amount = values.get(shape.clave, math.nan)
        if row is None or math.isnan(amount):
            color = MISSING_COLOR
            lines = [missing_label] if missing_label else []
        else:
            position = min(max((amount - low) / (high - low), 0.0), 1.0)
            color = sample_colorscale(COLORSCALE, [position])[0]
            lines = [f"{value_label}: {format_value(amount, value_kind, lang)}"]
            for column, (label, kind) in (hover_columns or {}).items():
                cell = row[column]
                shown = "—" if pd.isna(cell) else format_value(float(cell), kind, lang)
                lines.append(f"{label}: {shown}")
        partido = row[name] if row is not None and name in rows.columns else shape.name
        hover = "<br>".join([f"<b>{partido}</b>", *lines])
        traces.append(_polygon(shape, color, hover, "x", "y"))
        if _overlaps(shape.bounds, inset):
            traces.append(_polygon(shape, color, hover, "x2", "y2"))
    traces.append(_colorbar_trace(shapes, low, high, colorbar_title, value_kind))

    figure = go.Figure(traces)
    _layout(
        figure, shapes, inset, title=title, inset_title=inset_title, note=note, lang=lang,
        height=height,
    )  # fmt: skip
    return figure


def _polygon(shape: PartidoShape, color: str, hover: str, xaxis: str, yaxis: str) -> dict:
    """A filled outline (a plain dict: plotly validates it once, in ``go.Figure``)."""
    # Hovering a filled area shows the trace's single ``text`` (hovertemplate does not apply).
    return {
        "type": "scatter",
        "x": shape.x,
        "y": shape.y,
        "mode": "lines",
        "fill": "toself",
        "fillcolor": color,
        "line": {"color": BORDER_COLOR, "width": 0.6},
        "hoveron": "fills",
        "hoverinfo": "text",
        "text": hover,
        "name": shape.name,
        "meta": shape.clave,
        "showlegend": False,
        "xaxis": xaxis,
        "yaxis": yaxis,
        **({"fillpattern": MISSING_PATTERN} if color == MISSING_COLOR else {}),
    }


def _colorbar_trace(
    shapes: dict[str, PartidoShape], low: float, high: float, title: str, kind: ValueKind
) -> go.Scatter:
    """One invisible marker whose colour scale draws the colour bar."""
    anchor = next(iter(shapes.values()))
    return go.Scatter(
        x=[float(anchor.x[0])],
        y=[float(anchor.y[0])],
        mode="markers",
        marker={
            "color": [low],
            "cmin": low,
            "cmax": high,
            "colorscale": COLORSCALE,
            "opacity": 0,
            "showscale": True,
            "colorbar": {
                "title": {"text": title, "side": "top"},
                "orientation": "h",
                "x": 0.82,
                "xanchor": "center",
                "y": 0.26,
                "yanchor": "top",
                "len": 0.34,
                "thickness": 14,
                "tickformat": TICK_FORMATS[kind],
                "outlinewidth": 0,
            },
        },
        hoverinfo="skip",
        showlegend=False,
        name="",
    )


def _inset_bounds(shapes: dict[str, PartidoShape]) -> tuple[float, float, float, float]:
    boxes = np.array([shapes[clave].bounds for clave in conurbano_claves() if clave in shapes])
    return (
        boxes[:, 0].min() - INSET_PADDING,
        boxes[:, 1].min() - INSET_PADDING,
        boxes[:, 2].max() + INSET_PADDING,
        boxes[:, 3].max() + INSET_PADDING,
    )


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _layout(
    figure: go.Figure,
    shapes: dict[str, PartidoShape],
    inset: tuple[float, float, float, float],
    *,
    title: str,
    inset_title: str,
    note: str,
    lang: str,
    height: int,
) -> None:
    bounds = np.array([shape.bounds for shape in shapes.values()])
    west, south = bounds[:, 0].min() - 0.05, bounds[:, 1].min() - 0.05
    east, north = bounds[:, 2].max() + 0.05, bounds[:, 3].max() + 0.05
    # A degree of longitude is cos(latitude) of a degree of latitude: keep the shapes true.
    ratio = 1 / math.cos(math.radians((south + north) / 2))
    hidden = {"visible": False, "constrain": "domain", "fixedrange": True}
    framed = {
        "showgrid": False, "zeroline": False, "showticklabels": False, "ticks": "",
        "showline": True, "mirror": True, "linecolor": FRAME_COLOR, "linewidth": 1,
        "constrain": "domain", "fixedrange": True,
    }  # fmt: skip
    inset_frame = {
        "type": "rect", "xref": "x", "yref": "y", "layer": "above",
        "x0": inset[0], "y0": inset[1], "x1": inset[2], "y1": inset[3],
        "line": {"color": FRAME_COLOR, "width": 1},
    }  # fmt: skip
    inset_label = {
        "text": inset_title, "xref": "x2 domain", "yref": "y2 domain", "x": 0, "y": 1,
        "xanchor": "left", "yanchor": "bottom", "showarrow": False, "font": {"size": 13},
    }  # fmt: skip
    note_label = {
        "text": note, "xref": "paper", "yref": "paper", "x": 0.98, "y": 0.0,
        "xanchor": "right", "yanchor": "bottom", "showarrow": False,
        "font": {"size": 11, "color": FRAME_COLOR},
    }  # fmt: skip
    figure.update_layout(
        title={"text": title, "x": 0, "font": {"size": 17}},
        separators=chart_separators(lang),
        font={"family": FONT, "size": 14},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=height,
        plot_bgcolor="white",
        paper_bgcolor="white",
        hovermode="closest",
        dragmode=False,
        xaxis={**hidden, "domain": [0.0, 0.62], "range": [west, east]},
        yaxis={**hidden, "range": [south, north], "scaleanchor": "x", "scaleratio": ratio},
        xaxis2={**framed, "domain": [0.66, 0.98], "range": [inset[0], inset[2]], "anchor": "y2"},
        yaxis2={
            **framed,
            "domain": [0.36, 0.94],
            "range": [inset[1], inset[3]],
            "anchor": "x2",
            "scaleanchor": "x2",
            "scaleratio": ratio,
        },
        shapes=[inset_frame],
        annotations=[label for label in (inset_label, note_label) if label["text"]],
    )
