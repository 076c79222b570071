"""Chart builders keep rows apart and carry what the hover shows."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from dashboard.charts import LABEL_CHARS, NODE_COLOURS, _translucent, flow_sankey, ratio_heatmap

WEEKS = [datetime(2026, 3, 2), datetime(2026, 3, 9)]


def test_the_heatmap_keeps_two_departments_of_the_same_name_apart() -> None:
    frame = pd.DataFrame(
        {
            "department_id": [7, 7, 9, 9],
            "department": ["Delegación Norte"] * 4,
            "week_start": WEEKS * 2,
            "inflow": [4, 2, 1, 0],
            "outflow": [2, 2, 0, 0],
        }
    )
    figure = ratio_heatmap(
        frame, title="t", week_axis="w", colorbar_title="c", lang="es",
        hover="{department} {ratio} {inflow} {outflow}",
    )  # fmt: skip
    heatmap = figure.data[0]
    colour = np.array(heatmap.z, dtype=float)
    assert colour.shape == (2, 2)  # two rows, not one merged row
    assert colour[0].tolist() == [1.0, 0.0]  # ×2 then ×1, on a log2 scale
    assert colour[1, 0] == 2.0 and np.isnan(colour[1, 1])  # in with none out; nothing at all
    assert list(figure.layout.yaxis.ticktext) == ["Delegación Norte"] * 2
    assert heatmap.customdata[0][0].tolist() == ["2,00", "4", "2", "Delegación Norte"]
    assert "%{customdata[3]}" in heatmap.hovertemplate


#: What ``referral_sankey`` gives for each end of a link.
NODE_FIELDS = ("step", "code", "name", "kind")


def link(source: tuple, target: tuple, cases: int) -> dict:
    return {
        **{f"source_{field}": value for field, value in zip(NODE_FIELDS, source, strict=True)},
        **{f"target_{field}": value for field, value in zip(NODE_FIELDS, target, strict=True)},
        "cases": cases,
    }


def grouped(step: int, code: str) -> tuple:
    """A synthetic node: no name, no kind."""
    return (step, code, None, None)


def sankey_links() -> pd.DataFrame:
    """Intake → 15 first departments (13 of the ministry, with long names, a municipality and
    an NGO) → closed; one goes on to the grouped outside actors, then stays open."""
    firsts = [(1, f"DIR-{n}", f"Dirección de Políticas Sociales Territoriales {n}", "interna")
              for n in range(13)]  # fmt: skip
    firsts += [(1, "MUN-TANDIL", "Municipio de Tandil", "municipio"), (1, "ONG", "Cáritas", "ong")]
    intake = (0, "ING", "Modernización", "ingreso")
    rows = [link(intake, first, 10 + n) for n, first in enumerate(firsts)]
    rows += [link(first, grouped(4, "cerrada"), 10 + n) for n, first in enumerate(firsts)]
    rows += [
        link(firsts[0], grouped(2, "otros_externos"), 3),
        link(grouped(2, "otros_externos"), grouped(4, "abierta"), 3),
    ]
    return pd.DataFrame(rows)


def referral_diagram():
    names = {"otros": "Otras áreas", "otros_externos": "Otros actores externos",
             "cerrada": "Cerrada", "abierta": "Sigue abierta"}  # fmt: skip
    legend = {key: f"meaning of {key}" for key in NODE_COLOURS}
    return flow_sankey(sankey_links(), names=names, legend=legend, title="t", lang="es",
                       hover="{source} → {target}: {cases}")  # fmt: skip


def test_outside_actors_and_the_bands_into_them_are_the_legends_orange() -> None:
    figure = referral_diagram()
    sankey = figure.data[0]
    legend = figure.layout.annotations[0].text
    orange = NODE_COLOURS["external"]
    assert f'<span style="color:{orange}">■</span> meaning of external' in legend
    colour = dict(zip(sankey.node.customdata, sankey.node.color, strict=True))
    for outside in ("Municipio de Tandil", "Cáritas", "Otros actores externos"):
        assert colour[outside] == orange, outside
    assert colour["Modernización"] != colour["Dirección de Políticas Sociales Territoriales 0"]
    into_outside = [sankey.node.customdata[target] in ("Cáritas", "Otros actores externos")
                    for target in sankey.link.target]  # fmt: skip
    band_colours = {c for c, o in zip(sankey.link.color, into_outside, strict=True) if o}
    assert band_colours == {_translucent(orange)}


def test_every_node_colour_is_named_in_the_legend() -> None:
    figure = referral_diagram()
    legend = figure.layout.annotations[0].text
    for colour in set(figure.data[0].node.color):
        assert f'<span style="color:{colour}">■</span>' in legend


def test_diagram_labels_are_short_and_each_node_has_room() -> None:
    figure = referral_diagram()
    node = figure.data[0].node
    assert max(len(text) for text in node.label) <= LABEL_CHARS
    assert node.label[1] == "Dir. de Políticas Sociales…"  # abbreviated, cut at a word
    assert node.customdata[1] == "Dirección de Políticas Sociales Territoriales 0"
    assert "%{customdata}" in node.hovertemplate
    assert figure.layout.height >= 40 * 15  # the first column holds 15 nodes
