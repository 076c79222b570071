"""Línea de base in AppTest: who may open it and who may freeze, freezing the filter bar's
period from the page (and a taken name refused), and a frozen baseline shown with today's
recomputation beside each figure, in both languages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from auth.roles import Actor
from dashboard.commands import freeze_baseline
from dashboard.domain import EventKind, Role, Status, local_now
from dashboard.evidence.baseline import HEADLINE, compute, figure_label, written
from dashboard.i18n import translate
from queries.filters import CaseFilters
from tests.apptest_pages import page_as
from tests.builders import add_case, add_event, world_of

PAGE = "linea_de_base"
NAME_KEY, MOMENT_KEY, PERIOD_KEY = "linea.nombre", "momento_de_lectura", "periodo"


def page_filters(at: AppTest) -> CaseFilters:
    """The filters the page read with: its period and its moment of reading."""
    date_from, date_to = at.date_input(key=PERIOD_KEY).value
    return CaseFilters.for_period(date_from, date_to, at.session_state[MOMENT_KEY])


def freeze_button(at: AppTest, lang: str):
    label = translate("baseline.freeze.button", lang)
    return next(button for button in at.button if button.label == label)


def cards(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def today_lines(at: AppTest, lang: str) -> list[str]:
    prefix = translate("baseline.today.same", lang).split(":")[0]
    return [caption.value for caption in at.caption if caption.value.startswith(prefix)]


@pytest.mark.parametrize("username", ["supervisora", "ingreso"])
def test_supervisors_and_intake_never_reach_the_page(app_database: Engine, username: str) -> None:
    with pytest.raises(LookupError):
        page_as(username, PAGE)


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize(("username", "may_freeze"),
                         [("gabinete", False), ("mesa", True), ("admin", True)])  # fmt: skip
def test_each_reader_sees_the_list_and_only_the_task_force_a_freeze_button(
    app_database: Engine, username: str, may_freeze: bool, lang: str
) -> None:
    at = page_as(username, PAGE, lang)
    assert not at.exception
    assert at.title[0].value == translate("page.linea_de_base", lang)
    assert [info.value for info in at.info] == [translate("baseline.list.empty", lang)]
    labels = [button.label for button in at.button]
    assert (translate("baseline.freeze.button", lang) in labels) is may_freeze


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_desk_freezes_the_period_and_a_second_freeze_of_the_name_is_refused(
    app_database: Engine, lang: str
) -> None:
    at = page_as("mesa", PAGE, lang)
    at.text_input(key=NAME_KEY).input("Trimestre de prueba")
    freeze_button(at, lang).click()
    at.run()
    assert not at.exception and not at.error
    assert "Trimestre de prueba" in at.success[0].value
    with app_database.connect() as connection:
        expected = compute(connection, page_filters(at))
    shown = cards(at)
    for key in HEADLINE:
        row = expected.headline.set_index("figure").loc[key]
        assert shown[figure_label(key, lang)] == written(key, row["value"], lang, row["at_least"])
    assert today_lines(at, lang) == [translate("baseline.today.same", lang)] * len(HEADLINE)
    assert at.selectbox(key="linea.elegida").value is not None

    freeze_button(at, lang).click()
    at.run()
    assert at.error[0].value == (
        "Ya existe una línea de base llamada «Trimestre de prueba»: elegí otro nombre."
    )


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_cabinet_sees_a_frozen_baseline_beside_today_when_history_changed(
    app_database: Engine, lang: str
) -> None:
    world, now = world_of(app_database), local_now()
    period = CaseFilters.for_period((now - timedelta(days=60)).date(),
                                    (now - timedelta(days=1)).date(), now)  # fmt: skip
    case_id = add_case(app_database, world, created_at=now - timedelta(days=10))
    freeze_baseline(app_database, Actor("mesa", Role.MESA), "Antes del cierre", period)
    add_event(app_database, case_id, EventKind.CLOSED, now - timedelta(days=3),
              to_status=Status.CERRADA)  # fmt: skip

    at = page_as("gabinete", PAGE, lang)
    assert not at.exception
    assert at.main.subheader[-1].value == "Antes del cierre"
    assert cards(at)[figure_label("outflow", lang)] == "0"
    outflow_line = today_lines(at, lang)[HEADLINE.index("outflow")]
    assert outflow_line == translate("baseline.today.differs", lang, value="1",
                                     difference="+1")  # fmt: skip
    differing = [line for line in today_lines(at, lang)
                 if line != translate("baseline.today.same", lang)]  # fmt: skip
    assert at.warning[0].value == translate("baseline.today.some_differ", lang,
                                            count=len(differing))  # fmt: skip
    assert [button.label for button in at.get("download_button")] == [
        translate("baseline.download.xlsx", lang),
        translate("baseline.download.pdf", lang),
    ]
