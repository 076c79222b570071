"""Bandejas' layout: the queue comes first, the summaries one click away, the scope named."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from dashboard.i18n import translate
from tests.apptest_pages import page_as


def frames_with(block, column: str) -> list:
    """The tables drawn in ``block`` that have ``column``."""
    return [frame for frame in block.dataframe if column in frame.value.columns]


def tabs(at: AppTest) -> dict[str, object]:
    return {tab.label: tab for tab in at.tabs}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_queue_comes_before_the_summaries(app_database: Engine, lang: str) -> None:
    at = page_as("supervisora", "bandejas", lang)
    assert not at.exception
    assert [tab.label for tab in at.tabs] == [
        translate("bandejas.tab.queue", lang),
        translate("bandejas.tab.summary", lang),
    ]
    queue, summary = at.tabs
    assert frames_with(queue, "code") and not frames_with(queue, "open_cases")
    assert [len(frames_with(summary, "open_cases")), frames_with(summary, "code")] == [2, []]
    # The page's own order: the case table is drawn before either summary table.
    drawn = [set(frame.value.columns) for frame in at.dataframe]
    first_summary = next(i for i, columns in enumerate(drawn) if "open_cases" in columns)
    assert next(i for i, columns in enumerate(drawn) if "code" in columns) < first_summary


@pytest.mark.parametrize(
    ("username", "scope"),
    [
        ("supervisora", "Ves: Asistencia Alimentaria."),
        ("gabinete", translate("bandejas.scope.all")),
    ],
)
def test_the_caption_names_the_departments_she_sees(
    app_database: Engine, username: str, scope: str
) -> None:
    at = page_as(username, "bandejas")
    assert scope in [caption.value for caption in at.caption]


def test_one_ticked_case_sits_beside_the_form(app_database: Engine) -> None:
    at = page_as("supervisora", "bandejas")
    queue = next(frame for frame in at.dataframe if "code" in frame.value.columns)
    at.session_state[queue.key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    code = queue.value["code"].iloc[0]
    heading = translate("bandejas.detail", code=code)
    columns = at.tabs[0].columns
    [detail] = [c for c in columns if heading in [h.value for h in c.subheader]]
    [action] = [c for c in columns if translate("reasignar.confirm") in [b.label for b in c.button]]
    assert detail is not action
    # The wide history goes under both columns, not squeezed into the detail's.
    assert not frames_with(detail, "actor") and frames_with(at.tabs[0], "actor")
