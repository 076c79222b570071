"""The Evidencia page's Plotly figures: the touched and comparison groups week by week, and
the interrupted time series with its fit and counterfactual.

Values arrive in the indicator's unit (days, 0–1 shares, cases); shares are drawn as
percentages. The change's week is a dashed vertical line, the weeks left out (transition)
a grey band, so the reader sees at once which weeks are compared.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import PRIMARY, TOP_LEGEND, amount_axis, titled_layout
from queries.weeks import WEEK

CONTROL = "#B5651D"
FIT = "#2E7D32"
COUNTERFACTUAL = "#6B7B8C"
#: How each kind of indicator is drawn on an axis: scale, tick format, suffix.
AXIS = {"duration": (1, ",.1f", ""), "share": (100, ",.1f", " %"),
        "count": (1, ",d", ""), "level": (1, ",d", "")}  # fmt: skip


def _scaled(values: pd.Series, kind: str) -> list[float]:
    return (values.astype(float) * AXIS[kind][0]).tolist()


def _axis(kind: str, title: str) -> dict:
    _, tick_format, suffix = AXIS[kind]
    return amount_axis(title, tick_format, suffix)


def _mark_change(figure: go.Figure, change_week: datetime, transition: list[datetime],
                 change_label: str) -> None:  # fmt: skip
    if transition:
        figure.add_vrect(x0=transition[0], x1=transition[-1] + WEEK, fillcolor="#D0D4D9",
                         opacity=0.4, line_width=0)  # fmt: skip
    figure.add_vline(x=change_week, line_dash="dash", line_color="#333")
    figure.add_annotation(x=change_week, y=1, yref="paper", text=change_label, showarrow=False,
                          xanchor="left", yanchor="bottom", font={"size": 12})  # fmt: skip


def groups_chart(
    series: pd.DataFrame, kind: str, names: dict[str, str], *, title: str, axis: str,
    change_week: datetime, transition: list[datetime], change_label: str, lang: str,
) -> go.Figure:  # fmt: skip
    """The touched groups and the comparison, week by week (``series``: ``week``,
    ``group``, ``value``), so the reader can see whether they moved in parallel before."""
    figure = go.Figure()
    for group, colour in (("treated", PRIMARY), ("control", CONTROL)):
        rows = series[series["group"] == group]
        if rows.empty:
            continue
        figure.add_trace(go.Scatter(x=rows["week"], y=_scaled(rows["value"], kind),
                                    mode="lines+markers", name=names[group],
                                    line={"color": colour, "width": 2},
                                    marker={"size": 5}))  # fmt: skip
    _mark_change(figure, change_week, transition, change_label)
    figure.update_layout(**titled_layout(title, lang, top=80), legend=TOP_LEGEND,
                         yaxis=_axis(kind, axis), xaxis={"title": None})  # fmt: skip
    return figure


def its_chart(
    observed: pd.Series, fitted: pd.Series, counterfactual: pd.Series, kind: str,
    names: dict[str, str], *, title: str, axis: str, change_week: datetime,
    transition: list[datetime], change_label: str, lang: str,
) -> go.Figure:  # fmt: skip
    """The touched groups' weekly values, the segmented fit and, after the change, the
    counterfactual: where the fit would have gone without it."""
    after = counterfactual.index >= change_week
    figure = go.Figure([
        go.Scatter(x=observed.index, y=_scaled(observed, kind), mode="markers",
                   name=names["observed"], marker={"color": PRIMARY, "size": 6}),
        go.Scatter(x=fitted.index, y=_scaled(fitted, kind), mode="lines",
                   name=names["fitted"], line={"color": FIT, "width": 2}),
        go.Scatter(x=counterfactual.index[after], y=_scaled(counterfactual[after], kind),
                   mode="lines", name=names["counterfactual"],
                   line={"color": COUNTERFACTUAL, "width": 2, "dash": "dot"}),
    ])  # fmt: skip
    _mark_change(figure, change_week, transition, change_label)
    figure.update_layout(**titled_layout(title, lang, top=80), legend=TOP_LEGEND,
                         yaxis=_axis(kind, axis), xaxis={"title": None})  # fmt: skip
    return figure
