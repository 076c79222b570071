"""Sobrecarga in AppTest: hotspots with their reasons, spikes, and the map's measure choice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from dashboard.domain import local_now
from dashboard.i18n import translate
from tests.apptest_pages import metrics, page_as
from tests.builders import add_case, world_of

SURGE = 61


@pytest.fixture
def surge(app_database: Engine) -> Engine:
    """61 more open cases came into Hábitat (capacity 30 a week) ten days ago, all at once.
    A case closed long ago gives Hábitat and La Plata the eight weeks of history a spike is
    judged against (with none, nothing is judged)."""
    world = world_of(app_database)
    long_ago = local_now() - timedelta(weeks=12)
    add_case(app_database, world, created_at=long_ago, department=world.housing,
             closed_at=long_ago + timedelta(days=1))  # fmt: skip
    arrived = local_now() - timedelta(days=10)
    for minute in range(SURGE):
        add_case(app_database, world, created_at=arrived + timedelta(minutes=minute),
                 department=world.housing, due_in=timedelta(days=30))  # fmt: skip
    return app_database


def table_with(at: AppTest, column: str):
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


@pytest.mark.parametrize("username", ["gabinete", "mesa", "admin"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_surge_makes_habitat_a_hotspot_and_a_spike(surge: Engine, username: str, lang: str):
    at = page_as(username, "sobrecarga", lang)
    assert not at.exception and not at.error
    assert metrics(at) == {
        translate("metric.hot_departments", lang): "1",
        translate("metric.over_capacity", lang): "1",  # 62 open / 30 a week
        translate("metric.department_spikes", lang): "1",
        translate("metric.partido_spikes", lang): "1",  # all in La Plata
    }
    hotspots = table_with(at, "reasons")
    first = hotspots.iloc[0]
    assert first["department"] == "Hábitat y Vivienda"
    # Grew by 62 cases = 2.07 weeks of capacity (8 × the threshold), load 2.07 (just over 2).
    assert first["reasons"] == ", ".join(
        translate(f"hot.{code}", lang) for code in ("crecimiento", "carga")
    )
    assert hotspots.iloc[1]["reasons"] == "—"  # Asistencia Alimentaria: 2 open, nothing hot
    spikes = table_with(at, "excess")
    assert spikes["inflow"].tolist() == [SURGE]


def test_a_quiet_province_has_no_alerts(app_database: Engine) -> None:
    at = page_as("gabinete", "sobrecarga")
    assert set(metrics(at).values()) == {"0"}
    assert [info.value for info in at.info] == [translate("sobrecarga.spikes.none")] * 2


def test_the_map_measure_is_chosen_with_a_control(app_database: Engine) -> None:
    at = page_as("gabinete", "sobrecarga")
    at.segmented_control(key="medida_mapa").set_value("overdue_share").run()
    assert not at.exception
    assert any(translate("map.overdue_share.def") in caption.value for caption in at.caption)
