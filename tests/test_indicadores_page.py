"""Indicadores in AppTest: who may open it, what each reader's cards say (the figures of
``queries.indicators`` for the same filters, written as the page writes them), in both
languages, and the breakdown by the dimension chosen."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from dashboard.domain import local_now
from dashboard.i18n import format_decimal, format_int, format_percent, translate
from queries.filters import CaseFilters
from queries.indicators import INDICATORS, Indicator, indicator_figures
from tests.apptest_pages import APP, open_page, page_as, signed_in
from tests.builders import add_case, world_of

#: Reading moment of the page (``dashboard.data.MOMENT_KEY``) and its period widget.
MOMENT_KEY, PERIOD_KEY = "momento_de_lectura", "periodo"


@pytest.fixture
def indicators_database(app_database: Engine) -> Engine:
    """The three open cases of ``app_database`` (two in Asistencia Alimentaria, one in
    Hábitat, all by WhatsApp), plus two closed this month: one of Hábitat that came by
    e-mail, one of Asistencia Alimentaria by WhatsApp."""
    world, now = world_of(app_database), local_now()
    add_case(app_database, world, created_at=now - timedelta(days=10), department=world.housing,
             channel=world.email, closed_at=now - timedelta(days=1))  # fmt: skip
    add_case(app_database, world, created_at=now - timedelta(days=30),
             closed_at=now - timedelta(days=5))  # fmt: skip
    return app_database


def cards(at: AppTest) -> dict[str, str]:
    """Each card's value by its indicator's full name (the card's help: the cards of the
    two waits share their short labels)."""
    return {metric.proto.help: metric.value for metric in at.metric}


def filters_of(at: AppTest, scope: tuple[int, ...] | None = None) -> CaseFilters:
    """The filters the page read with: its period and its moment of reading."""
    date_from, date_to = at.date_input(key=PERIOD_KEY).value
    return CaseFilters.for_period(date_from, date_to, at.session_state[MOMENT_KEY], scope=scope)


def expected(indicator: Indicator, row: pd.Series, lang: str) -> str:
    """A card's value by the page's rule: counts whole, shares in percent, waits in days
    with one decimal ("más de N" where Kaplan–Meier never got there)."""
    value = row[indicator.key]
    if indicator.unit == "cases":
        return format_int(value, lang)
    if indicator.unit == "share":
        return "—" if pd.isna(value) else format_percent(value, lang)
    if not pd.isna(value):
        return format_decimal(value, lang)
    floor = row[f"{indicator.key}_at_least"]
    return "—" if pd.isna(floor) else translate("indicadores.page.more_than", lang,
                                                value=format_decimal(floor, lang))  # fmt: skip


def breakdown(at: AppTest) -> pd.DataFrame:
    return next(frame.value for frame in at.dataframe if "group" in frame.value.columns)


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize(
    ("username", "inflow", "outflow", "backlog"),
    [
        ("gabinete", "5", "2", "3"),
        ("mesa", "5", "2", "3"),
        ("admin", "5", "2", "3"),
        ("supervisora", "3", "1", "2"),
    ],
)
def test_each_reader_sees_every_indicator_of_her_scope(
    indicators_database: Engine, username: str, inflow: str, outflow: str, backlog: str, lang: str
) -> None:
    """The province for the cabinet, the task force and administrators; Asistencia
    Alimentaria's three cases (two open, one closed) for its supervisor."""
    at = page_as(username, "indicadores", lang)
    assert not at.exception and not at.error
    assert at.title[0].value == translate("page.indicadores", lang)
    shown = cards(at)
    name = {indicator.key: translate(indicator.label_key, lang) for indicator in INDICATORS}
    assert [shown[name[key]] for key in ("inflow", "outflow", "backlog")] == [
        inflow, outflow, backlog
    ]  # fmt: skip
    scope = (world_of(indicators_database).food,) if username == "supervisora" else None
    with indicators_database.connect() as connection:
        row = indicator_figures(connection, filters_of(at, scope)).iloc[0]
    assert shown == {name[i.key]: expected(i, row, lang) for i in INDICATORS}
    captions = [caption.value for caption in at.caption]
    assert translate("indicators.sla_compliance.def", lang) in captions


def test_a_card_compares_with_the_previous_period_and_a_year_earlier(
    indicators_database: Engine,
) -> None:
    """Nothing came in during the 90 days before, nor a year earlier: five more cases. The
    inflow has no better direction, so the change is told without a verdict; the backlog
    grew from nothing, which is worse."""
    at = page_as("gabinete", "indicadores")
    lines = [markdown.value for markdown in at.markdown]
    assert ":gray[**▲ +5**] · vs. período anterior (0)" in lines
    assert ":gray[**▲ +5**] · vs. un año antes (0)" in lines
    assert ":red[**▲ +3 peor**] · vs. período anterior (0)" in lines


def test_a_filter_changes_the_cards(indicators_database: Engine) -> None:
    at = page_as("gabinete", "indicadores")
    at.multiselect(key="canal").select("Correo electrónico").run()
    shown = cards(at)
    assert (shown["Ingresos"], shown["Egresos"], shown["Stock pendiente al corte"]) == (
        "1", "1", "0"
    )  # fmt: skip


def test_the_intake_clerk_has_no_indicators_page(indicators_database: Engine) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    signed_in(at, "ingreso").run()
    with pytest.raises(LookupError):
        open_page(at, "indicadores")


def test_the_breakdown_lists_the_groups_of_the_chosen_dimension(
    indicators_database: Engine,
) -> None:
    at = page_as("gabinete", "indicadores")
    by_department = breakdown(at).set_index("group")
    assert by_department.loc["Asistencia Alimentaria", "inflow"] == 3
    assert by_department.loc["Hábitat y Vivienda", "inflow"] == 2
    at.segmented_control(key="abrir_por").set_value("channel").run()
    by_channel = breakdown(at)
    assert by_channel[["group", "inflow", "outflow"]].values.tolist() == [
        ["WhatsApp", 4, 1], ["Correo electrónico", 1, 1],
    ]  # fmt: skip


def test_a_supervisor_breaks_down_only_her_departments(indicators_database: Engine) -> None:
    at = page_as("supervisora", "indicadores")
    at.segmented_control(key="abrir_por").set_value("channel").run()
    assert breakdown(at)[["group", "inflow"]].values.tolist() == [["WhatsApp", 3]]
