"""The PDF's charts, drawn offline with matplotlib (Agg, no pyplot: safe in a server thread)
to PNG bytes.

Made to be read on paper, in black and white: series differ by line style and marker, the
map runs from light to dark grey-blue (its order survives a grey print) and hatches partidos
without a value. Text uses DejaVu Sans, matplotlib's own font, which has every Spanish accent.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.collections import PolyCollection
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from dashboard.i18n import CHART_DATE_NAMES, format_int, translate
from dashboard.maps import conurbano_claves, partido_shapes
from dashboard.report import sections
from dashboard.report.content import TREND_PANELS, ReportContent
from queries.indicators import BY_KEY

DPI = 150
#: Line styles of the series of one panel: solid with circles, dashed with squares.
STYLES = (("-", "o", "#000000"), ("--", "s", "#555555"))
#: Light to dark, readable in grey: a partido's shade says its rank whatever the printer.
#: It starts at a pale blue, never white, so a partido with the lowest value reads as land.
COLOURMAP = ListedColormap(colormaps["Blues"](np.linspace(0.12, 1, 256)))
BORDER, MISSING = "#444444", "#999999"


def trend_panels(content: ReportContent, lang: str) -> bytes:
    """Four small line charts of the trend indicators, 24 months each, as PNG."""
    trends = content.trends
    months = pd.to_datetime(trends["month"])
    labels = [_month_label(month, lang) for month in months]
    figure = Figure(figsize=(7.5, 7.2), layout="constrained")
    axes = figure.subplots(2, 2)
    for ax, (title, keys) in zip(axes.flat, TREND_PANELS, strict=True):
        for (line, marker, colour), key in zip(STYLES, keys, strict=False):
            values = [sections.shown(key, value) for value in trends[key]]
            label = sections.indicator_label(key, lang)
            ax.plot(range(len(values)), values, linestyle=line, marker=marker, markersize=3,
                    color=colour, linewidth=1.3, label=label)  # fmt: skip
        ax.set_title(translate(title, lang), fontsize=8.5)
        ticks = list(range(len(labels) - 1, -1, -3))[::-1]  # the report's month is labelled
        ax.set_xticks(ticks, [labels[tick] for tick in ticks], fontsize=6.5, rotation=45)
        if all(BY_KEY[key].unit == "cases" for key in keys):
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(axis="y", labelsize=6.5)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: _number(value, lang)))
        ax.grid(axis="y", color="#CCCCCC", linewidth=0.5)
        ax.set_ylim(bottom=0)
        if len(keys) > 1:
            ax.legend(fontsize=6.5, framealpha=0.9, loc="best")
    return _png(figure)


def partido_map(content: ReportContent, lang: str) -> bytes:
    """The partidos shaded by inflow per 10,000 inhabitants, with Greater Buenos Aires
    enlarged beside the province, as PNG."""
    shapes = partido_shapes()
    values = content.partidos.dropna(subset=["clave"]).set_index("clave")["inflow_per_10k"]
    figure = Figure(figsize=(7.5, 5.4), layout="constrained")
    province, inset = figure.subplots(1, 2, width_ratios=[1.5, 1])
    known = values.dropna().astype(float)
    top = float(known.max()) if len(known) and known.max() > 0 else 1.0
    collections = []
    for ax, claves in ((province, list(shapes)), (inset, sorted(conurbano_claves()))):
        rings = [(ring, values.get(clave, np.nan)) for clave in claves
                 for ring in _rings(shapes[clave].x, shapes[clave].y)]  # fmt: skip
        shaded = [(ring, float(value)) for ring, value in rings if not pd.isna(value)]
        collection = PolyCollection([ring for ring, _ in shaded], cmap=COLOURMAP,
                                    array=np.array([value for _, value in shaded]),
                                    edgecolors=BORDER, linewidths=0.3)  # fmt: skip
        collection.set_clim(0, top)
        ax.add_collection(collection)
        # Without a value: white with grey hatching, never mistaken for the lightest shade.
        ax.add_collection(PolyCollection([ring for ring, value in rings if pd.isna(value)],
                                         facecolors="white", edgecolors=MISSING, hatch="////",
                                         linewidths=0.3))  # fmt: skip
        ax.autoscale_view()
        ax.set_aspect(1 / np.cos(np.radians(36)))
        ax.set_xticks([])
        ax.set_yticks([])
        collections.append(collection)
    inset.set_title(translate("map.inset", lang), fontsize=8)
    bar = figure.colorbar(collections[0], ax=[province, inset], orientation="horizontal",
                          fraction=0.05, shrink=0.6)  # fmt: skip
    bar.set_label(translate("map.inflow_per_10k.unit", lang), fontsize=8)
    bar.ax.tick_params(labelsize=7)
    bar.ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: _number(value, lang)))
    return _png(figure)


def _rings(x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    """A partido's outline split into its rings (NaN separates them)."""
    points = np.column_stack([x, y])
    breaks = np.flatnonzero(np.isnan(x))
    rings = (ring[~np.isnan(ring[:, 0])] for ring in np.split(points, breaks))
    return [ring for ring in rings if len(ring)]


def _month_label(month: pd.Timestamp, lang: str) -> str:
    short = CHART_DATE_NAMES.get(lang, CHART_DATE_NAMES["es"])["shortMonths"][month.month - 1]
    return f"{short} {month:%y}"


def _number(value: float, lang: str) -> str:
    """An axis tick the local way: 12.000 and 0,25 in Spanish (only as many decimals as the
    tick has)."""
    if float(value).is_integer():
        return format_int(round(value), lang)
    written = f"{value:g}"
    return written.replace(".", ",") if lang == "es" else written


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
