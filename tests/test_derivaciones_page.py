"""Derivaciones in AppTest: the referral figures, and a chosen flow listing exactly its cases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from dashboard.domain import EventKind, local_now
from dashboard.i18n import translate
from tests.apptest_pages import metrics, page_as
from tests.builders import add_case, add_event, world_of

FOOD, HOUSING = "Asistencia Alimentaria", "Hábitat y Vivienda"


@pytest.fixture
def journeys(app_database: Engine) -> Engine:
    """Besides the three cases still at intake: a ping-pong case (intake → food → housing →
    food, 2 hops) and a referred one (intake → food → housing, 1 hop)."""
    w = world_of(app_database)
    now = local_now()
    for days, path in ((5, [w.food, w.housing, w.food]), (4, [w.food, w.housing])):
        created = now - timedelta(days=days)
        case_id = add_case(app_database, w, created_at=created, department=path[-1])
        moves = zip([w.intake, *path[:-1]], path, strict=True)
        for hour, (origin, target) in enumerate(moves, start=1):
            kind = EventKind.ASSIGNED if origin == w.intake else EventKind.REFERRED
            add_event(app_database, case_id, kind, created + timedelta(hours=hour),
                      from_department=origin, to_department=target)  # fmt: skip
    return app_database


@pytest.mark.parametrize("username", ["gabinete", "mesa", "admin"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_referral_figures(journeys: Engine, username: str, lang: str) -> None:
    at = page_as(username, "derivaciones", lang)
    assert not at.exception and not at.error
    shown = metrics(at)
    rate = "40,0 %" if lang == "es" else "40.0%"  # 2 of the 5 cases of the period
    assert shown == {
        translate("metric.cohort", lang): "5",
        translate("metric.referral_rate", lang): rate,
        translate("metric.mean_hops", lang): "0,60" if lang == "es" else "0.60",  # (2 + 1) / 5
        translate("metric.ping_pong", lang): "1",
        translate("metric.many_hops", lang): "0",
    }


def test_a_chosen_flow_lists_as_many_cases_as_it_counts(journeys: Engine) -> None:
    at = page_as("gabinete", "derivaciones")
    flows = next(frame.value for frame in at.dataframe if "moves" in frame.value.columns)
    counted = flows.set_index(["origin", "destination"])["cases"]
    assert counted[(FOOD, HOUSING)] == 2 and counted[(HOUSING, FOOD)] == 1
    origin = at.selectbox(key="flujo_origen")
    at = origin.select_index(origin.options.index(FOOD)).run()
    destination = at.selectbox(key="flujo_destino")
    at = destination.select_index(destination.options.index(HOUSING)).run()
    listed = next(frame.value for frame in at.dataframe if "path" in frame.value.columns)
    assert len(listed) == listed["total"].iloc[0] == 2
    assert translate("derivaciones.flow_count", cases="2") in [c.value for c in at.caption]


def test_the_ping_pong_list_shows_the_path(journeys: Engine) -> None:
    at = page_as("gabinete", "derivaciones")
    at.segmented_control(key="lista_casos").set_value("ida_y_vuelta").run()
    listed = next(frame.value for frame in at.dataframe if "path" in frame.value.columns)
    assert listed["path"].tolist() == [f"Modernización → {FOOD} → {HOUSING} → {FOOD}"]
