"""Pendientes por área in AppTest: the figures per scope, the ranking and its queue links."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from dashboard.domain import local_now
from dashboard.i18n import translate
from tests.apptest_pages import metrics, page_as
from tests.builders import add_case, world_of


def ranking(at: AppTest):
    return next(frame.value for frame in at.dataframe if "growth" in frame.value.columns)


@pytest.mark.parametrize(("username", "open_now"), [("gabinete", "3"), ("supervisora", "2")])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_backlog_grew_by_the_cases_that_came_in(
    app_database: Engine, username: str, open_now: str, lang: str
) -> None:
    """The three open cases all arrived within the default 90 days, none left: 0 → 3."""
    at = page_as(username, "pendientes", lang)
    assert not at.exception and not at.error
    assert metrics(at) == {
        translate("metric.backlog_start", lang): "0",
        translate("metric.backlog_end", lang): open_now,
        translate("metric.backlog_growth", lang): open_now,
        translate("metric.flow_ratio", lang): "—",  # nothing went out: no ratio
    }


def test_a_closed_case_counts_as_outflow_and_sets_the_ratio(app_database: Engine) -> None:
    now = local_now()
    add_case(app_database, world_of(app_database), created_at=now - timedelta(days=10),
             closed_at=now - timedelta(days=1))  # fmt: skip
    shown = metrics(page_as("supervisora", "pendientes"))
    assert shown[translate("metric.backlog_end")] == "2"
    assert shown[translate("metric.flow_ratio")] == "3,00"  # 3 in, 1 out


def test_departments_are_listed_by_growth_within_the_filters(app_database: Engine) -> None:
    at = page_as("gabinete", "pendientes")
    at.multiselect(key="canal").select("WhatsApp").run()
    table = ranking(at)
    # Asistencia Alimentaria went 0 → 2 open, Hábitat 0 → 1, all by WhatsApp.
    assert table[["department", "growth"]].values.tolist() == [
        ["Asistencia Alimentaria", 2], ["Hábitat y Vivienda", 1],
    ]  # fmt: skip
