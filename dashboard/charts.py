"""Plotly figures in the dashboard's one style: Spanish labels, units on axes, no clutter."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.formats import AXIS_DAY_PATTERNS, DATE_PATTERNS, chart_separators, format_date
from dashboard.i18n import format_decimal, format_int, format_percent, translate

PRIMARY = "#1B5E87"
FONT = "Source Sans Pro, Arial, sans-serif"
GRID = "#E5E8EC"
#: A legend in one line between the title and the plot, where it hides no data.
TOP_LEGEND = {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"}


def titled_layout(title: str, lang: str, *, top: int = 50) -> dict:
    """The layout every titled chart shares, so all read alike: the title flush left, the
    interface language's number separators, the house font, thin margins, a white plot.

    ``top`` is the room above the plot: more when a legend sits under the title.
    """
    return {
        "title": {"text": title, "x": 0, "font": {"size": 17}},
        "separators": chart_separators(lang),
        "font": {"family": FONT, "size": 14},
        "margin": {"l": 10, "r": 10, "t": top, "b": 40},
        "plot_bgcolor": "white",
    }


def amount_axis(title: str, tick_format: str = ",d", suffix: str = "") -> dict:
    """An axis of amounts: from zero, so bars and lines compare by length, with light grid
    lines to read values off; whole cases unless ``tick_format`` says otherwise."""
    return {"title": title, "tickformat": tick_format, "ticksuffix": suffix,
            "showgrid": True, "gridcolor": GRID, "rangemode": "tozero"}  # fmt: skip


def horizontal_bars(
    frame: pd.DataFrame,
    *,
    category: str,
    value: str,
    share: str,
    title: str,
    value_axis: str,
    category_axis: str,
    lang: str,
) -> go.Figure:
    """Bars sorted largest on top, each labelled with its count and share of the total."""
    labels = [
        f"{format_int(count, lang)} ({format_percent(part, lang)})"
        for count, part in zip(frame[value], frame[share], strict=True)
    ]
    figure = go.Figure(
        go.Bar(
            x=frame[value],
            y=frame[category],
            orientation="h",
            marker_color=PRIMARY,
            text=labels,
            textposition="auto",
            hovertemplate=f"%{{y}}<br>{value_axis}: %{{x:,}}<extra></extra>",
        )
    )
    figure.update_layout(
        **titled_layout(title, lang),
        xaxis_title=value_axis,
        yaxis_title=category_axis,
        yaxis={"autorange": "reversed"},
        height=max(260, 48 * len(frame) + 100),
    )
    # Whole cases only: small counts would otherwise get fractional ticks rounded to repeats.
    figure.update_xaxes(
        showgrid=True,
        gridcolor=GRID,
        tickformat=",d",
        dtick=1 if frame[value].max() < 8 else None,
    )
    return figure


def stacked_bars(
    frame: pd.DataFrame,
    *,
    category: str,
    parts: dict[str, str],
    title: str,
    value_axis: str,
    category_axis: str,
    lang: str,
) -> go.Figure:
    """Horizontal bars split into ``parts`` (column → legend label), in the order given.

    The parts are shades of one colour from light to dark, so an ordered scale such as age
    reads at a glance; the first row of ``frame`` is drawn on top.
    """
    shades = ["#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C", "#08306B"]
    figure = go.Figure(
        [
            go.Bar(
                x=frame[column],
                y=frame[category],
                name=label,
                orientation="h",
                marker_color=shades[index % len(shades)],
                hovertemplate=f"%{{y}}<br>{label}: %{{x:,}}<extra></extra>",
            )
            for index, (column, label) in enumerate(parts.items())
        ]
    )
    figure.update_layout(
        **titled_layout(title, lang, top=90),
        barmode="stack",
        xaxis_title=value_axis,
        yaxis_title=category_axis,
        yaxis={"autorange": "reversed"},
        legend={**TOP_LEGEND, "traceorder": "normal"},
        height=max(300, 36 * len(frame) + 160),
    )
    figure.update_xaxes(showgrid=True, gridcolor=GRID, tickformat=",d")
    return figure


def weekly_flows(
    frame: pd.DataFrame,
    *,
    labels: dict[str, str],
    title: str,
    week_axis: str,
    flow_axis: str,
    backlog_axis: str,
    lang: str,
) -> go.Figure:
    """Weekly inflow and outflow as paired bars, the backlog as a line on its own axis.

    ``labels`` names the ``inflow``, ``outflow`` and ``backlog`` series for the legend. The
    backlog has its own scale because it is a stock, usually far larger than a week's flow.
    """
    weeks = frame["week_start"]
    day = DATE_PATTERNS[lang]
    bars = [
        go.Bar(x=weeks, y=frame[column], name=labels[column], marker_color=colour,
               hovertemplate=f"%{{x|{day}}}<br>{labels[column]}: %{{y:,}}<extra></extra>")
        for column, colour in (("inflow", "#9ECAE1"), ("outflow", "#3182BD"))
    ]  # fmt: skip
    backlog = go.Scatter(
        x=weeks, y=frame["backlog"], name=labels["backlog"], yaxis="y2", mode="lines+markers",
        line={"color": "#D94801", "width": 3},
        hovertemplate=f"%{{x|{day}}}<br>{labels['backlog']}: %{{y:,}}<extra></extra>",
    )  # fmt: skip
    figure = go.Figure([*bars, backlog])
    figure.update_layout(
        **titled_layout(title, lang, top=90),
        barmode="group",
        xaxis={"title": week_axis, "tickformat": AXIS_DAY_PATTERNS[lang], "showgrid": False},
        yaxis=amount_axis(flow_axis),
        yaxis2={"title": backlog_axis, "overlaying": "y", "side": "right", "tickformat": ",d",
                "tickmode": "auto", "showgrid": False, "rangemode": "tozero"},
        legend=TOP_LEGEND,
        height=420,
    )  # fmt: skip
    return figure


#: Colour of a process change's marker: apart from every series' colour, yet quiet.
CHANGE_COLOUR = "#7B3294"
#: Longest marker label; the full name and date are in its hover.
CHANGE_LABEL_CHARS = 30


def mark_process_changes(figure: go.Figure, changes: pd.DataFrame, lang: str) -> go.Figure:
    """A dashed vertical line at each change's ``effective_on`` (``changes`` has ``name`` and
    ``effective_on``, as ``queries.process_changes.changes_between`` returns), its name
    written down the line inside the plot, so a supervisor reads a step in a series against
    what the task force changed that day.

    The names run vertically from the top of the plot: under the title and the legend, and
    two changes a few days apart do not write over each other. One legend entry says what
    the lines are. Works on day and month axes alike (a change mid-month sits mid-month).
    """
    if changes.empty:
        return figure
    for change in changes.itertuples():
        day = pd.Timestamp(change.effective_on)
        when = format_date(change.effective_on, lang)
        figure.add_shape(
            type="line", xref="x", yref="paper", x0=day, x1=day, y0=0, y1=1,
            line={"color": CHANGE_COLOUR, "width": 1.5, "dash": "dash"}, layer="above",
        )  # fmt: skip
        figure.add_annotation(
            x=day, xref="x", y=1, yref="paper", yanchor="top", xanchor="left", xshift=2,
            text=_cut(change.name, CHANGE_LABEL_CHARS), textangle=-90, showarrow=False,
            font={"size": 12, "color": CHANGE_COLOUR}, bgcolor="rgba(255, 255, 255, 0.8)",
            hovertext=f"{change.name}<br>{when}",
        )  # fmt: skip
    figure.add_trace(
        go.Scatter(
            x=[None], y=[None], mode="lines", name=translate("chart.process_change", lang),
            line={"color": CHANGE_COLOUR, "width": 1.5, "dash": "dash"}, hoverinfo="skip",
        )
    )  # fmt: skip
    return figure


def ratio_heatmap(
    frame: pd.DataFrame,
    *,
    title: str,
    week_axis: str,
    colorbar_title: str,
    hover: str,
    lang: str,
) -> go.Figure:
    """Departments (rows, in ``frame``'s order) by week: inflow over outflow, one colour each.

    The colour is the ratio on a log scale centred on 1, so doubling and halving are equally
    far from white: red where more came in than went out, blue where the backlog shrank,
    capped at ×4 either way. A week with cases in and none out is the darkest red; a week with
    neither is left blank. ``hover`` is a template with ``{department}``, ``{ratio}``,
    ``{inflow}`` and ``{outflow}`` placeholders for Plotly's ``%{customdata[i]}``.
    """
    cap = 2.0  # log2 of the ×4 cap
    # Rows by id, not name: nothing makes department names unique, and two departments that
    # shared one must not be merged into one row.
    grid = frame.pivot_table(
        index="department_id", columns="week_start", values=["inflow", "outflow"], sort=False
    )
    names = frame.drop_duplicates("department_id").set_index("department_id")["department"]
    rows = [names[department_id] for department_id in grid.index]
    inflow, outflow = grid["inflow"].to_numpy(float), grid["outflow"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        colour = np.clip(np.log2(inflow / outflow), -cap, cap)
    colour[(outflow == 0) & (inflow > 0)] = cap
    colour[(outflow == 0) & (inflow == 0)] = np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(outflow > 0, inflow / outflow, np.nan)
    custom = np.dstack(
        [
            [["—" if np.isnan(value) else format_decimal(value, lang, 2) for value in row]
             for row in ratio],
            [[format_int(value, lang) for value in row] for row in inflow],
            [[format_int(value, lang) for value in row] for row in outflow],
            np.repeat([[name] for name in rows], inflow.shape[1], axis=1),
        ]
    )  # fmt: skip
    ticks = {-2: "¼", -1: "½", 0: "1", 1: "2", 2: "4"}
    figure = go.Figure(
        go.Heatmap(
            z=colour,
            x=grid["inflow"].columns,
            y=list(range(len(rows))),
            customdata=custom,
            hovertemplate=hover.format(
                ratio="%{customdata[0]}", inflow="%{customdata[1]}", outflow="%{customdata[2]}",
                department="%{customdata[3]}",
            )
            + "<extra></extra>",
            colorscale=[[0.0, "#2166AC"], [0.5, "#F7F7F7"], [1.0, "#B2182B"]],
            zmin=-cap,
            zmax=cap,
            xgap=1,
            ygap=1,
            colorbar={"title": {"text": colorbar_title, "side": "right"},
                      "tickvals": list(ticks), "ticktext": list(ticks.values())},
        )
    )  # fmt: skip
    figure.update_layout(
        title={"text": title, "x": 0, "font": {"size": 17}},
        xaxis={"title": week_axis, "tickformat": AXIS_DAY_PATTERNS[lang], "side": "bottom"},
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "tickmode": "array",
            "tickvals": list(range(len(rows))),
            "ticktext": rows,
        },
        font={"family": FONT, "size": 13},
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        height=max(320, 22 * len(rows) + 140),
        plot_bgcolor="white",
    )
    return figure


#: Node colours of the referral diagram, by kind of node; the legend lists them in this order.
NODE_COLOURS = {
    "ingreso": "#6B7B8C",
    "interna": PRIMARY,
    "external": "#E08214",
    "otros": "#BDBDBD",
    "cerrada": "#1A9850",
    "abierta": "#D73027",
}
#: Synthetic nodes drawn in another node kind's colour: the outside actors grouped together.
_SYNTHETIC_COLOUR = {"otros_externos": "external"}
#: Longest node label; the full name is in the hover. Longer ones run into the next column.
LABEL_CHARS = 34
#: Words that open many department names, written short in the diagram's labels.
LABEL_ABBREVIATIONS = {"Dirección General ": "DG ", "Dirección ": "Dir. "}
#: Vertical room per node of the most crowded column, so labels never overlap.
NODE_PIXELS = 46


def flow_sankey(
    links: pd.DataFrame,
    *,
    names: dict[str, str],
    legend: dict[str, str],
    title: str,
    hover: str,
    lang: str,
) -> go.Figure:
    """The referral diagram from ``referrals.referral_sankey`` rows.

    A node is a (step, department) pair, so a department met at two steps is two nodes and
    the diagram has no cycles; synthetic nodes (``otros``, ``cerrada``, ``abierta``…) take
    their label from ``names``. Each band takes its destination's colour, so where cases go
    (outside actors in orange, closed in green) reads at a glance; ``legend`` names each
    colour of ``NODE_COLOURS`` under the title. ``hover`` is the link hover template with
    ``{source}``, ``{target}`` and ``{cases}`` placeholders for Plotly's own fields.
    """
    nodes: dict[tuple, int] = {}
    full_names, colours, steps = [], [], []

    def node(step: int, code: str, name: object, kind: object) -> int:
        key = (step, code)
        if key not in nodes:
            nodes[key] = len(full_names)
            full_names.append(names.get(code, name) if pd.isna(name) else name)
            colours.append(NODE_COLOURS[_colour_key(code, kind)])
            steps.append(step)
        return nodes[key]

    sources = [node(r.source_step, r.source_code, r.source_name, r.source_kind)
               for r in links.itertuples()]  # fmt: skip
    targets = [node(r.target_step, r.target_code, r.target_name, r.target_kind)
               for r in links.itertuples()]  # fmt: skip
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            valueformat=",d",
            textfont={"color": "#1F2D3D", "size": 12, "shadow": "none"},
            node={"label": [_short(name) for name in full_names], "customdata": full_names,
                  "color": colours, "pad": 22, "thickness": 16,
                  "line": {"color": "white", "width": 0.5},
                  "hovertemplate": "%{customdata}<br>%{value:,d}<extra></extra>"},
            link={"source": sources, "target": targets, "value": links["cases"].tolist(),
                  "color": [_translucent(colours[t]) for t in targets],
                  "hovertemplate": hover.format(source="%{source.customdata}",
                                                target="%{target.customdata}",
                                                cases="%{value:,d}") + "<extra></extra>"},
        )
    )  # fmt: skip
    crowded = max(pd.Series(steps).value_counts(), default=0)
    figure.update_layout(
        title={"text": title, "x": 0, "font": {"size": 17}},
        separators=chart_separators(lang),
        font={"family": FONT, "size": 12},
        margin={"l": 10, "r": 10, "t": 80, "b": 20},
        height=max(520, NODE_PIXELS * crowded + 100),
        annotations=[_colour_legend(legend)],
    )
    return figure


def _colour_key(code: str, kind: object) -> str:
    """The ``NODE_COLOURS`` entry of a node: its code for a synthetic node, else its kind,
    every kind of outside actor (municipio, ONG…) sharing ``external``."""
    if pd.isna(kind):
        return _SYNTHETIC_COLOUR.get(code, code)
    return kind if kind in NODE_COLOURS else "external"


def _short(name: str) -> str:
    """A label that fits beside its node: the usual opening abbreviated ("Dir. de Hábitat…"),
    then cut at a word, with an ellipsis, when still too long."""
    for opening, short in LABEL_ABBREVIATIONS.items():
        if name.startswith(opening):
            name = short + name.removeprefix(opening)
            break
    return _cut(name, LABEL_CHARS)


def _cut(text: str, limit: int) -> str:
    """``text`` whole when it fits ``limit`` characters, else cut at a word, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _colour_legend(legend: dict[str, str]) -> dict:
    """A one-line key under the title: a square in each node colour, then its meaning."""
    entries = [f'<span style="color:{NODE_COLOURS[key]}">■</span> {meaning}'
               for key, meaning in legend.items()]  # fmt: skip
    return {"text": "   ".join(entries), "showarrow": False, "xref": "paper", "yref": "paper",
            "x": 0, "y": 1, "xanchor": "left", "yanchor": "bottom", "yshift": 6,
            "align": "left", "font": {"size": 12}}  # fmt: skip


def _translucent(colour: str, alpha: float = 0.35) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"
