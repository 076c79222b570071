"""Derivaciones in AppTest: the referral figures, and a chosen flow listing exactly its cases."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

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
        case_id = add_case(app_database, w, created_at=created, department=path[-1], history=False)
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


def journey(engine: Engine, created: datetime, path: list[int], closed_after: int | None) -> None:
    """A case handed along ``path`` one hour apart, closed ``closed_after`` hours in."""
    w = world_of(engine)
    closed_at = created + timedelta(hours=closed_after) if closed_after else None
    case_id = add_case(engine, w, created_at=created, department=path[-1], closed_at=closed_at,
                       history=False)  # fmt: skip
    for hour, (origin, target) in enumerate(zip([w.intake, *path[:-1]], path, strict=True), 1):
        kind = EventKind.ASSIGNED if origin == w.intake else EventKind.REFERRED
        add_event(engine, case_id, kind, created + timedelta(hours=hour),
                  from_department=origin, to_department=target)  # fmt: skip
    if closed_at:
        add_event(engine, case_id, EventKind.CLOSED, closed_at)


@pytest.fixture
def waits(app_database: Engine) -> Engine:
    """Food is the busiest (16 stays of an hour), housing the slowest (12 stays of 2 days,
    two more still running there)."""
    w = world_of(app_database)
    created = local_now() - timedelta(days=6)
    for _ in range(12):
        journey(app_database, created, [w.food, w.housing], closed_after=50)
    for _ in range(4):
        journey(app_database, created, [w.food], closed_after=2)
    for _ in range(2):
        journey(app_database, created, [w.food, w.housing], closed_after=None)
    return app_database


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_longest_wait_tops_the_time_in_each_department(waits: Engine, lang: str) -> None:
    at = page_as("mesa", "derivaciones", lang)
    assert not at.exception
    dwell = next(frame.value for frame in at.dataframe if "running" in frame.value.columns)
    assert dwell["department"].iloc[0] == HOUSING
    housing = dwell.set_index("department").loc[HOUSING]
    # Running: the two open journeys and the database's own open case of Hábitat.
    assert (housing["stays"], housing["running"]) == (12, 3)
    assert housing["median_days"] == pytest.approx(2)
    shown = [caption.value for caption in at.caption]
    assert translate("derivaciones.dwell.def", lang, stays="10") in shown


def test_the_cut_off_is_written_the_english_way(journeys: Engine) -> None:
    at = page_as("gabinete", "derivaciones", "en")
    caption = at.caption[0].value
    assert caption.startswith("How the cases created in the period")
    assert re.search(r"up to \d{4}-\d{2}-\d{2} \d{2}:\d{2}:", caption), caption


@pytest.mark.parametrize(("lang", "one"), [("es", "1 salto"), ("en", "1 hop")])
def test_the_hops_chart_says_one_hop_in_the_singular(journeys: Engine, lang: str, one: str) -> None:
    at = page_as("gabinete", "derivaciones", lang)
    labels = {
        label
        for chart in at.get("plotly_chart")
        for trace in json.loads(chart.proto.spec)["data"]
        for label in trace.get("y") or []
        if isinstance(label, str)
    }
    assert one in labels and translate("derivaciones.hops_label", lang, hops=2) in labels
