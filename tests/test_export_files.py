"""The downloads as files: what Excel and pandas read back from the CSV and the XLSX, and that
text shaped like a formula never runs as one (OWASP's CSV injection advice)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pandas as pd
import pytest
import xlsxwriter
from sqlalchemy import Engine

from dashboard.export_files import csv_bytes, neutralise, write_frame, xlsx_bytes
from dashboard.i18n import translate
from tests.apptest_pages import page_as

INJECTIONS = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def table() -> pd.DataFrame:
    """A table like the pages': text with accents and separators, counts, shares, a
    negative growth, blanks, days and moments."""
    return pd.DataFrame(
        {
            "department": ['Hábitat; y "Vivienda"', "Niñez", "Asistencia Alimentaria"],
            "cases": [1073, 0, 12],
            "growth": [-5, 3, -12],
            "share": [0.25, None, -0.125],
            "week": [date(2026, 11, 30), date(2026, 12, 7), date(2026, 12, 14)],
            "oldest_created_at": pd.to_datetime(
                ["2026-10-24 04:03:01", "2026-11-13 22:20:00", None]
            ),
        }
    )


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", keep_default_na=False,
                       na_values=[""])  # fmt: skip


def read_xlsx(data: bytes, **options) -> pd.DataFrame:
    return pd.read_excel(io.BytesIO(data), engine="calamine", **options)


def sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return book.read("xl/worksheets/sheet1.xml").decode()


def test_the_csv_is_utf8_with_a_bom_and_semicolons_for_spanish_excel() -> None:
    data = csv_bytes(table())
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "department;cases;growth;share;week;oldest_created_at"
    assert lines[2] == "Niñez;0;3;;2026-12-07;2026-11-13 22:20:00"  # numbers kept plain


def test_the_csv_reads_back_as_the_table() -> None:
    back = read_csv(csv_bytes(table()))
    expected = table()
    assert back["department"].tolist() == expected["department"].tolist()
    assert back["cases"].tolist() == [1073, 0, 12]
    assert back["growth"].tolist() == [-5, 3, -12]  # negative numbers untouched
    assert back["share"].iloc[[0, 2]].tolist() == [0.25, -0.125]
    assert back["share"].isna().iloc[1]
    assert pd.to_datetime(back["oldest_created_at"]).iloc[1] == datetime(2026, 11, 13, 22, 20)


def test_the_xlsx_holds_numbers_as_numbers_and_dates_as_dates() -> None:
    back = read_xlsx(xlsx_bytes(table(), "pendientes_por_area"))
    assert back.columns.tolist() == table().columns.tolist()
    assert back["department"].tolist() == table()["department"].tolist()
    assert pd.api.types.is_numeric_dtype(back["cases"])
    assert back["growth"].tolist() == [-5, 3, -12]
    assert back["share"].iloc[[0, 2]].tolist() == [0.25, -0.125] and back["share"].isna()[1]
    assert pd.api.types.is_datetime64_any_dtype(back["week"])
    assert back["week"].tolist() == [pd.Timestamp(2026, 11, 30), pd.Timestamp(2026, 12, 7),
                                     pd.Timestamp(2026, 12, 14)]  # fmt: skip
    assert pd.api.types.is_datetime64_any_dtype(back["oldest_created_at"])
    assert back["oldest_created_at"].iloc[1] == pd.Timestamp(2026, 11, 13, 22, 20)
    assert pd.isna(back["oldest_created_at"].iloc[2])


def test_the_xlsx_has_one_sheet_a_bold_frozen_header_and_fitted_columns() -> None:
    data = xlsx_bytes(table(), "pendientes_por_area")
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        names = [name for name in book.namelist() if name.startswith("xl/worksheets/sheet")]
        styles = book.read("xl/styles.xml").decode()
        workbook = book.read("xl/workbook.xml").decode()
    assert names == ["xl/worksheets/sheet1.xml"]
    assert 'name="pendientes_por_area"' in workbook
    assert "<b/>" in styles  # the header's font
    xml = sheet_xml(data)
    assert '<pane ySplit="1"' in xml
    assert xml.count('customWidth="1"') == len(table().columns)
    # The moment column is wider than the counts beside it.
    widths = [float(part.split('"')[0]) for part in xml.split('width="')[1:]]
    assert widths[5] > widths[1]


@pytest.mark.parametrize("text", INJECTIONS)
def test_text_shaped_like_a_formula_is_quoted_in_both_files(text: str) -> None:
    frame = pd.DataFrame({"description": [text, "sin riesgo: a-b, 1+1"], "cases": [-3, 4]})
    assert read_csv(csv_bytes(frame))["description"].tolist() == [
        f"'{text}",
        "sin riesgo: a-b, 1+1",
    ]
    data = xlsx_bytes(frame, "hoja")
    back = read_xlsx(data)
    assert back["description"].tolist() == [f"'{text}", "sin riesgo: a-b, 1+1"]
    assert back["cases"].tolist() == [-3, 4]
    assert "<f>" not in sheet_xml(data)  # no cell is a formula


def test_a_column_mixing_text_and_numbers_quotes_only_the_text() -> None:
    frame = pd.DataFrame({"value": pd.Series(["=x", -5, None, "ok"], dtype=object), "n": 1})
    assert read_csv(csv_bytes(frame))["value"].tolist()[:2] == ["'=x", "-5"]
    assert read_xlsx(xlsx_bytes(frame, "hoja"))["value"].tolist()[:2] == ["'=x", -5]


def test_a_header_shaped_like_a_formula_is_quoted_too() -> None:
    frame = pd.DataFrame({'=HYPERLINK("x")': [1]})
    assert read_csv(csv_bytes(frame)).columns.tolist() == ['\'=HYPERLINK("x")']
    assert read_xlsx(xlsx_bytes(frame, "hoja")).columns.tolist() == ['\'=HYPERLINK("x")']


@pytest.mark.parametrize("value", [-5, -2.5, 0, 7, None, date(2026, 1, 1), "Niñez", "a=b"])
def test_numbers_dates_and_harmless_text_are_left_alone(value: object) -> None:
    assert neutralise(value) == value


def test_a_frame_is_written_into_a_workbook_another_module_builds() -> None:
    """The monthly report writes its own title rows, then a table under them."""
    output = io.BytesIO()
    with xlsxwriter.Workbook(output, {"in_memory": True}) as workbook:
        worksheet = workbook.add_worksheet("Informe")
        worksheet.write_string(0, 0, "Informe mensual")
        after = write_frame(workbook, worksheet, table(), first_row=2)
        worksheet.write_string(after, 0, "Fin")
    assert after == 2 + 1 + len(table())
    back = read_xlsx(output.getvalue(), header=2, nrows=len(table()))
    assert back["growth"].tolist() == [-5, 3, -12]
    assert read_xlsx(output.getvalue(), header=None).iloc[-1, 0] == "Fin"


def test_a_page_offers_the_table_as_csv_and_as_excel(app_database: Engine) -> None:
    at = page_as("gabinete", "pendientes")
    assert not at.exception
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == [translate("export.csv"), translate("export.xlsx")]
    assert labels == ["Descargar CSV", "Descargar Excel"]
