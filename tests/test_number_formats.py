"""Figures and dates written by the interface language, not by the reader's browser."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe

from dashboard.charts import horizontal_bars
from dashboard.domain import EventKind, Priority, Status, local_now
from dashboard.formats import (
    EMPTY,
    MARK,
    column_kind,
    column_kinds,
    format_date,
    format_datetime,
    format_month,
    styled,
    written,
)
from dashboard.i18n import translate
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
#: A day, and days with one decimal, as each language writes them.
DAY = {"es": r"\d\d/\d\d/\d{4}", "en": r"\d{4}-\d\d-\d\d"}
DAYS = {"es": r"\d+,\d", "en": r"\d+\.\d"}


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
    """``number`` open cases that came in yesterday by e-mail and were assigned to Asistencia
    Alimentaria at once, written in one go with the history the figures read."""
    world = world_of(engine)
    created = local_now() - timedelta(days=1)
    with Session(engine) as session:
        cases = [
            Case(code=f"MDC-NUM-{n:06d}", citizen_id=world.citizen, channel_id=world.email,
                 intake_department_id=world.intake, category_id=world.flood,
                 priority=Priority.MEDIA, status=Status.ASIGNADA, department_id=world.food,
                 municipality_id=world.la_plata, created_at=created,
                 due_at=created + timedelta(days=10))
            for n in range(number)
        ]  # fmt: skip
        session.add_all(cases)
        session.flush()
        for case in cases:
            session.add_all([
                CaseEvent(case_id=case.id, kind=EventKind.CREATED, at=created,
                          to_status=Status.NUEVA, to_department_id=world.intake,
                          due_at=case.due_at),
                CaseEvent(case_id=case.id, kind=EventKind.ASSIGNED, at=created,
                          from_status=Status.NUEVA, to_status=Status.ASIGNADA,
                          from_department_id=world.intake, to_department_id=world.food),
            ])  # fmt: skip
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


@pytest.mark.parametrize(
    ("lang", "day", "month"), [("es", "01/12/2026", "12/2026"), ("en", "2026-12-01", "2026-12")]
)
def test_a_day_and_a_month_in_each_language(lang: str, day: str, month: str) -> None:
    moment = datetime(2026, 12, 1, 22, 20)
    assert (format_date(moment, lang), format_month(moment, lang)) == (day, month)
    assert column_kind(pd.Series([date(2026, 12, 1), None])) == "date"  # a day, not a moment


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("es", ["1.234", "1.202,5", "01/12/2026 22:20", "01/12/2026", "Hábitat", "—", "—"]),
     ("en", ["1,234", "1,202.5", "2026-12-01 22:20", "2026-12-01", "Hábitat", "—", "—"])],
)  # fmt: skip
def test_a_record_of_mixed_fields_writes_each_value_by_its_kind(
    lang: str, expected: list[str]
) -> None:
    values = [1234, 1202.46, datetime(2026, 12, 1, 22, 20), date(2026, 12, 1), "Hábitat", None,
              pd.NaT]  # fmt: skip
    assert [written(value, lang) for value in values] == expected


def test_identifiers_sort_as_numbers_but_are_written_plainly() -> None:
    frame = pd.DataFrame({"id": [1234, 7], "rows": [1234, 7]})
    table = styled(frame, "es", {"id": "identifier"})
    assert shown(table) == [["1234", "1.234"], ["7", "7"]]
    assert table.data["id"].tolist() == [1234, 7]


def test_a_flagged_cell_shows_a_mark_and_stands_out() -> None:
    frame = pd.DataFrame({
        "due_at": pd.to_datetime(["2026-12-01 10:00", "2026-12-20 10:00"]),
        "overdue": [True, False],
    })  # fmt: skip
    table = styled(frame, "en", {"due_at": "date"}, marks={"due_at": "overdue"})
    assert [row[0] for row in shown(table)] == [f"2026-12-01 {MARK}", "2026-12-20"]
    styles = table._compute().ctx
    assert styles[(0, 0)] and not styles.get((1, 0))
    assert table.data["due_at"].iloc[0] == pd.Timestamp("2026-12-01 10:00")  # sorts as a date


def frame_with(at: AppTest, column: str) -> Dataframe:
    return next(frame for frame in at.dataframe if column in frame.value.columns)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_queue_writes_its_days_in_the_interface_language(
    app_database: Engine, lang: str
) -> None:
    day = DAY[lang]
    at = page_as("supervisora", "bandejas", lang)
    queue = frame_with(at, "due_at")
    text = display_text(queue)
    overdue = queue.value["overdue"].astype(bool).tolist()
    assert sorted(overdue) == [False, True]  # the fixture: one of her two cases is overdue
    assert all(re.fullmatch(day, value) for value in text["created_at"])
    for due, late in zip(text["due_at"], overdue, strict=True):
        assert re.fullmatch(f"{day} {MARK}" if late else day, due)
    config = json.loads(queue.proto.columns)
    assert config["due_at"]["type_config"].get("format") is None  # not the browser's writing


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("page", ["resumen", "bandejas", "pendientes", "sobrecarga"])
def test_each_page_says_its_cut_off_in_the_interface_language(
    app_database: Engine, page: str, lang: str
) -> None:
    moment = DAY[lang] + r" \d\d:\d\d"
    at = page_as("gabinete", page, lang)
    caption = translate(f"{page}.caption", lang, as_of="@@").split("@@")[0]
    [said] = [c.value for c in at.caption if c.value.startswith(caption)]
    assert re.match(re.escape(caption) + moment + r"\b", said), said


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_case_detail_writes_dates_and_days_in_the_interface_language(
    app_database: Engine, lang: str
) -> None:
    with app_database.connect() as connection:
        code = connection.execute(select(Case.code).order_by(Case.created_at)).scalars().first()
    at = page_as("supervisora", "solicitud", lang)
    at.text_input(key="codigo").input(code).run()
    label, value = translate("field.label", lang), translate("field.value", lang)
    fields = frame_with(at, value).value
    created = fields.loc[fields[label] == translate("field.created_at", lang), value].item()
    path = display_text(frame_with(at, "days"))
    timeline = display_text(frame_with(at, "actor"))
    moment = DAY[lang] + r" \d\d:\d\d"
    assert re.fullmatch(moment, created)
    assert all(re.fullmatch(DAYS[lang], days) for days in path["days"])
    assert all(re.fullmatch(moment, when) for when in [*path["entered_at"], *timeline["at"]])


def test_what_changed_in_a_ticked_case_is_dated_in_the_interface_language() -> None:
    def app() -> None:
        from datetime import datetime

        import streamlit as st

        from dashboard.picked_cases import change_text

        st.session_state["lang"] = "en"
        st.write(change_text("reasignacion", "Beto", datetime(2026, 12, 1, 9, 5), "Hábitat",
                             "asignada"))  # fmt: skip

    at = AppTest.from_function(app).run()
    assert "2026-12-01 09:05" in at.markdown[0].value


def test_an_empty_cell_reads_as_a_dash_in_the_grid_too() -> None:
    """The grid writes its own "None" over an empty cell, whatever the Styler says."""

    def app() -> None:
        import pandas as pd

        from dashboard.tables import show_table

        show_table(pd.DataFrame({"left_at": pd.to_datetime(["2026-12-01 10:00", None])}))

    at = AppTest.from_function(app).run()
    assert at.dataframe[0].proto.placeholder == EMPTY
    assert display_text(at.dataframe[0])["left_at"].tolist() == ["01/12/2026 10:00", EMPTY]


@pytest.mark.parametrize(
    ("lang", "month", "rate"),
    [("es", r"\d\d/\d{4}", r"\d+,\d %"), ("en", r"\d{4}-\d\d", r"\d+\.\d%")],
)
def test_the_duplicate_rate_by_month_is_written_in_the_interface_language(
    app_database: Engine, lang: str, month: str, rate: str
) -> None:
    at = page_as("gabinete", "resumen", lang)
    breakdown = frame_with(at, "rate")
    written = display_text(breakdown)
    assert len(written) and all(re.fullmatch(month, value) for value in written["month"])
    assert all(re.fullmatch(rate, value) for value in written["rate"])
    assert breakdown.value["rate"].dtype.kind == "f"  # a share underneath: sorts as a number
