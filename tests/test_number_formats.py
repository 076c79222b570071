"""Figures and dates written by the interface language, not by the reader's browser."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe

from dashboard.charts import horizontal_bars
from dashboard.domain import EventKind, Priority, Status, local_now
from dashboard.formats import column_kinds, format_datetime, styled
from dashboard.models import Case, CaseEvent
from tests.apptest_pages import page_as
from tests.builders import world_of

#: Cases added by e-mail beside the three WhatsApp ones of ``app_database``.
BY_EMAIL = 1234

FRAME = pd.DataFrame({
    "department": ["Hábitat", "Salud"],
    "cases": [1234, 7],
    "share": [0.2521, 0.0473],
    "median_days": [1202.46, None],
    "at": pd.to_datetime(["2026-12-01 22:20:10", None]),
})  # fmt: skip


def shown(table: pd.io.formats.style.Styler) -> list[list[str]]:
    """The text each cell of ``table`` shows, row by row."""
    return [
        [cell["display_value"] for cell in row[1:]]
        for row in table._translate(False, False)["body"]
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("es", [["Hábitat", "1.234", "25,2 %", "1.202,5", "01/12/2026 22:20"],
                ["Salud", "7", "4,7 %", "—", "—"]]),
        ("en", [["Hábitat", "1,234", "25.2%", "1,202.5", "2026-12-01 22:20"],
                ["Salud", "7", "4.7%", "—", "—"]]),
    ],
)  # fmt: skip
def test_one_writing_per_kind_of_figure(lang: str, expected: list[list[str]]) -> None:
    assert shown(styled(FRAME, lang, {"share": "share"})) == expected


def test_kinds_are_guessed_from_types_but_shares_are_named() -> None:
    guessed = {"cases": "count", "share": "decimal", "median_days": "decimal", "at": "datetime"}
    assert column_kinds(FRAME) == guessed
    assert column_kinds(FRAME, {"share": "share"}) == {**guessed, "share": "share"}


def test_the_values_underneath_stay_numbers_so_columns_sort_as_numbers() -> None:
    assert styled(FRAME, "es", {"share": "share"}).data["cases"].tolist() == [1234, 7]


def test_a_moment_in_each_language() -> None:
    moment = datetime(2026, 12, 1, 22, 20, 10)
    assert format_datetime(moment, "es") == "01/12/2026 22:20"
    assert format_datetime(moment, "en") == "2026-12-01 22:20"


def add_email_cases(engine: Engine, number: int) -> None:
    """``number`` open cases that came in yesterday by e-mail, written in one go."""
    world = world_of(engine)
    created = local_now() - timedelta(days=1)
    with Session(engine) as session:
        for n in range(number):
            case = Case(code=f"MDC-NUM-{n:06d}", citizen_id=world.citizen, channel_id=world.email,
                        intake_department_id=world.intake, category_id=world.flood,
                        priority=Priority.MEDIA, status=Status.ASIGNADA, department_id=world.food,
                        municipality_id=world.la_plata, created_at=created,
                        due_at=created + timedelta(days=10))  # fmt: skip
            case.events = [CaseEvent(kind=EventKind.CREATED, at=created, to_status=Status.NUEVA,
                                     to_department_id=world.intake)]  # fmt: skip
            session.add(case)
        session.commit()


def display_text(table: Dataframe) -> pd.DataFrame:
    """What the browser is told to show in each cell of ``table`` (its Styler text)."""
    return convert_arrow_bytes_to_pandas_df(table.proto.arrow_data.styler.display_values)


def test_a_spanish_page_table_is_sent_written_in_spanish(app_database: Engine) -> None:
    add_email_cases(app_database, BY_EMAIL)
    at = page_as("gabinete", "resumen", "es")
    assert not at.exception
    table = next(frame for frame in at.dataframe if "share" in frame.value.columns)
    expected = [["Correo electrónico", "1.234", "99,8 %"], ["WhatsApp", "3", "0,2 %"]]
    assert display_text(table).to_numpy().tolist() == expected
    assert table.value["cases"].tolist() == [BY_EMAIL, 3]  # numbers underneath: sorting works


@pytest.mark.parametrize(("lang", "label"), [("es", "1.234 (25,2 %)"), ("en", "1,234 (25.2%)")])
def test_a_chart_writes_a_share_as_the_table_under_it(lang: str, label: str) -> None:
    bars = horizontal_bars(FRAME, category="department", value="cases", share="share",
                           title="", value_axis="", category_axis="", lang=lang)  # fmt: skip
    table = shown(styled(FRAME, lang, {"share": "share"}))
    assert bars.data[0].text[0] == label
    assert f"{table[0][1]} ({table[0][2]})" == label
    assert bars.layout.separators == {"es": ",.", "en": ".,"}[lang]


def test_a_column_format_given_by_a_page_gives_way_to_the_written_text() -> None:
    def app() -> None:
        import pandas as pd
        import streamlit as st

        from dashboard.tables import show_table

        frame = pd.DataFrame({"cases": [1234], "name": ["Salud"]})
        show_table(frame, column_config={
            "cases": st.column_config.NumberColumn("Casos", format="localized"),
            "name": st.column_config.TextColumn("Área", max_chars=5),
        })  # fmt: skip

    at = AppTest.from_function(app).run()
    config = json.loads(at.dataframe[0].proto.columns)
    assert (
        config["cases"]["label"] == "Casos" and config["cases"]["type_config"].get("format") is None
    )
    assert config["name"]["type_config"]["max_chars"] == 5
    assert display_text(at.dataframe[0]).to_numpy().tolist() == [["1.234", "Salud"]]


def test_blanks_read_as_a_dash_and_numbers_kept_as_objects_are_written_too() -> None:
    """A per-person table's capacity is empty for "(sin responsable)": the column comes as
    objects (numbers and None), which must neither print "None" nor escape the writing."""
    frame = pd.DataFrame(
        {"name": ["Ana", None], "capacity": pd.Series([1234.5, None], dtype=object)}
    )
    shown = styled(frame, "es").to_html()
    assert "1.234,5" in shown and "None" not in shown and shown.count("—") == 2
