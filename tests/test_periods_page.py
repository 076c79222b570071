"""The period control in the filter bar: presets fill the dates, hand edits read "personalizado"."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from dashboard.domain import local_now
from dashboard.periods import preset_range
from tests.apptest_pages import APP, open_page, page_as, signed_in


def summary() -> AppTest:
    return page_as("gabinete", "resumen")


def cases_in_period(at: AppTest) -> int:
    """The cases the summary counts by channel: those created in the chosen period."""
    [by_channel] = [frame.value for frame in at.dataframe if "share" in frame.value.columns]
    return int(by_channel["cases"].sum())


def test_the_default_period_is_the_last_90_days_preset(app_database: Engine) -> None:
    at = summary()
    today = local_now().date()
    assert at.date_input(key="periodo").value == preset_range("ultimos_90_dias", today)
    assert at.selectbox(key="periodo_rapido").value == "ultimos_90_dias"


def test_choosing_a_preset_sets_its_dates(app_database: Engine) -> None:
    at = summary()
    at.selectbox(key="periodo_rapido").set_value("mes_pasado").run()
    today = local_now().date()
    assert at.date_input(key="periodo").value == preset_range("mes_pasado", today)
    assert at.selectbox(key="periodo_rapido").value == "mes_pasado"


def test_dates_edited_by_hand_read_custom_and_change_the_figures(app_database: Engine) -> None:
    at = summary()
    assert cases_in_period(at) == 3
    today = local_now().date()
    at.date_input(key="periodo").set_value((today - timedelta(days=10), today)).run()
    assert at.selectbox(key="periodo_rapido").value == "personalizado"
    assert cases_in_period(at) == 1


def test_the_preset_names_follow_the_interface_language(app_database: Engine) -> None:
    at = page_as("gabinete", "resumen", lang="en")
    assert "Last month" in at.selectbox(key="periodo_rapido").options


def test_a_link_with_dates_opens_on_them_and_names_their_preset(app_database: Engine) -> None:
    today = local_now().date()
    start, end = preset_range("mes_pasado", today)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["periodo"] = [start.isoformat(), end.isoformat()]
    at = open_page(signed_in(at, "gabinete").run(), "resumen")
    assert at.date_input(key="periodo").value == (start, end)
    assert at.selectbox(key="periodo_rapido").value == "mes_pasado"
