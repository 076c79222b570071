"""The Indicadores page's Plotly figures: a card's sparkline, the monthly trend of one
indicator, one indicator across the groups of a breakdown.

Values arrive as the queries return them (shares 0–1, durations in days) together with the
text each point shows, written by the page in the interface language; shares are drawn as
percentages so the axis reads like the cards. A month whose wait never reached the quantile
has no value, only a floor ("más de N días"): it is drawn as a hollow marker at the floor, not
left out, so a long wait does not look like a gap. A month that runs only to the cut-off
(the current one) is joined by a dotted segment, so its low count does not read as a fall.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import FONT, PRIMARY, TOP_LEGEND, amount_axis, titled_layout
from dashboard.formats import MONTH_PATTERNS, chart_separators

#: How each unit is drawn on an axis: the scale applied to the values, tick format, suffix.
AXIS_FORMATS = {
    "cases": (1, ",d", ""),
    "share": (100, ",.1f", " %"),
    "days": (1, ",.1f", ""),
    "business_days": (1, ",.1f", ""),
}
FLOOR_COLOUR = "#6B7B8C"


@dataclass(frozen=True)
class MonthlySeries:
    """One indicator month by month, ready to draw.

    ``values`` and ``floors`` (the "more than" bound where the value is unknown, else NaN)
    are in the query's unit; ``texts`` and ``floor_texts`` are each month's value and floor
    as the page writes them; ``partial`` says the last month runs only to the cut-off.
    """

    months: pd.Series
    values: pd.Series
    floors: pd.Series
    texts: list[str]
    floor_texts: list[str]
    unit: str
    partial: bool


@dataclass(frozen=True)
class SeriesNames:
    """Legend and hover names of a series' traces."""

    value: str
    floor: str
    partial: str


def _scaled(values: pd.Series, unit: str) -> list[float]:
    return (values.astype(float) * AXIS_FORMATS[unit][0]).tolist()


def _traces(series: MonthlySeries, names: SeriesNames, month: str, width: float) -> list:
    """The line of full months, the dotted segment to a partial last month, and the floors."""
    values, floors = _scaled(series.values, series.unit), _scaled(series.floors, series.unit)
    months = series.months.tolist()
    hover = f"%{{x|{month}}}<br>%{{fullData.name}}: %{{customdata}}<extra></extra>"
    full = len(months) - 1 if series.partial else len(months)
    traces = [
        go.Scatter(x=months[:full], y=values[:full], customdata=series.texts[:full],
                   name=names.value, mode="lines+markers", hovertemplate=hover,
                   line={"color": PRIMARY, "width": width}, marker={"size": width * 2})
    ]  # fmt: skip
    if series.partial:
        last = slice(max(full - 1, 0), None)
        traces.append(
            go.Scatter(x=months[last], y=values[last], customdata=series.texts[last],
                       name=names.partial, mode="lines+markers", hovertemplate=hover,
                       line={"color": PRIMARY, "width": width, "dash": "dot"},
                       marker={"size": width * 2, "symbol": "circle-open"})
        )  # fmt: skip
    if series.floors.notna().any():
        traces.append(
            go.Scatter(x=months, y=floors, customdata=series.floor_texts, name=names.floor,
                       mode="markers", hovertemplate=hover,
                       marker={"size": width * 3, "symbol": "triangle-up-open",
                               "color": FLOOR_COLOUR, "line": {"width": 1.5}})
        )  # fmt: skip
    return traces


def sparkline(series: MonthlySeries, names: SeriesNames, lang: str) -> go.Figure:
    """A small line with no axes: the shape of the last months; hovering a point says its
    month and value."""
    figure = go.Figure(_traces(series, names, MONTH_PATTERNS[lang], width=1.8))
    figure.update_layout(
        height=64, margin={"l": 4, "r": 4, "t": 4, "b": 4}, showlegend=False,
        xaxis={"visible": False, "fixedrange": True},
        yaxis={"visible": False, "fixedrange": True},
        plot_bgcolor="white", separators=chart_separators(lang),
        font={"family": FONT, "size": 12}, hoverlabel={"font_size": 13},
    )  # fmt: skip
    return figure


def monthly_line(
    series: MonthlySeries, names: SeriesNames, *, title: str, month_axis: str, value_axis: str,
    lang: str,
) -> go.Figure:  # fmt: skip
    """One indicator month by month, with its unit on the value axis."""
    _, tick_format, suffix = AXIS_FORMATS[series.unit]
    month = MONTH_PATTERNS[lang]
    figure = go.Figure(_traces(series, names, month, width=2.5))
    figure.update_layout(
        **titled_layout(title, lang, top=80),
        xaxis={"title": month_axis, "tickformat": month, "showgrid": False},
        yaxis=amount_axis(value_axis, tick_format, suffix),
        legend=TOP_LEGEND,
        height=420,
    )
    return figure


def group_bars(
    groups: pd.Series, values: pd.Series, texts: list[str], *, unit: str, title: str,
    value_axis: str, lang: str,
) -> go.Figure:  # fmt: skip
    """One indicator across groups, one bar each in the order given (first on top), each
    labelled with its value as the table writes it."""
    _, tick_format, suffix = AXIS_FORMATS[unit]
    figure = go.Figure(
        go.Bar(
            x=_scaled(values, unit), y=groups, orientation="h", marker_color=PRIMARY,
            text=texts, textposition="auto", customdata=texts,
            hovertemplate="%{y}<br>%{customdata}<extra></extra>",
        )
    )  # fmt: skip
    figure.update_layout(
        **titled_layout(title, lang),
        xaxis=amount_axis(value_axis, tick_format, suffix),
        yaxis={"autorange": "reversed", "automargin": True},
        height=max(260, 30 * len(groups) + 110),
    )
    return figure
