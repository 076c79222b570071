"""The age profile of open cases per department, drawn the same way on every page."""

from __future__ import annotations

import pandas as pd

from dashboard.charts import stacked_bars
from dashboard.ui import chart, language, t
from queries.queues import AGE_BUCKETS

#: Departments drawn in the chart; the tables beside it list them all.
CHART_DEPARTMENTS = 15


def age_profile_chart(departments: pd.DataFrame) -> None:
    """Stacked age bands of the departments with the most open cases (``department_queues``)."""
    shown = departments.head(CHART_DEPARTMENTS)
    parts = {f"age_{bucket}": t(f"age.{bucket}") for bucket in AGE_BUCKETS}
    bars = stacked_bars(
        shown,
        category="department",
        parts=parts,
        title=t("bandejas.chart.title", count=len(shown)),
        value_axis=t("chart.open_cases_axis"),
        category_axis=t("chart.department_axis"),
        lang=language(),
    )
    chart(bars, t("bandejas.chart.def"))
