"""Chart builders keep rows apart and carry what the hover shows."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from dashboard.charts import ratio_heatmap

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
