"""A table as a file to take away: CSV for any program, XLSX for Excel (no Streamlit here).

Both files carry the frame as ``queries/`` returned it, so masking is whatever the query
did: frames from ``queries/`` never hold unmasked personal data, and nothing here unmasks.

A text cell that begins like a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) is prefixed with a single quote, as OWASP advises against CSV/formula injection:
citizens type descriptions and names, and a spreadsheet that opened "=HYPERLINK(...)" from
our file would run it. Only text is touched; numbers, negative ones included, stay numbers.

The monthly report builds its workbook with :func:`write_frame`, so every sheet it writes
looks and protects like the page downloads.
"""

from __future__ import annotations

import io
import numbers
from datetime import date, datetime, time

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

#: How a text starts when a spreadsheet would take it for a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Excel number formats: dates and moments as the Spanish tables write them.
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
#: A column of moments is at least as wide as "01/12/2026 22:20" (in characters); none is
#: wider than about 65 characters (in pixels), so one long text does not fill the screen.
MOMENT_WIDTH = 16
MAX_WIDTH_PIXELS = 480


def neutralise(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula;
    anything else (numbers, dates, blanks, harmless text) unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its headers and text columns (object dtype too, which may mix text
    with blanks and numbers) passed through :func:`neutralise`."""
    safe = frame.rename(columns=lambda name: neutralise(str(name)))
    for column, dtype in enumerate(frame.dtypes):
        if pd.api.types.is_string_dtype(dtype):
            safe.isetitem(column, safe.iloc[:, column].map(neutralise))
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV for a Spanish-locale Excel: UTF-8 with a BOM (else Excel reads the
    accents as Latin-1) and ``;`` between fields (the list separator where the decimal mark
    is a comma, so Excel splits the columns on a double click). Lines end in CRLF as RFC 4180
    says, which also makes the writer quote a text holding a lone carriage return.

    Numbers keep the plain ``1234.5``: the CSV is the machine-readable download, read back by
    programs (pandas, R, a database) that expect it; whoever wants figures written the local
    way takes the XLSX, whose numbers are numbers Excel shows in the reader's own locale.
    """
    text = _neutralised(frame).to_csv(index=False, sep=";", lineterminator="\r\n")
    return text.encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet_name: str) -> bytes:
    """``frame`` as a one-sheet workbook laid out by :func:`write_frame`, header row frozen.

    ``sheet_name`` follows Excel's rules (at most 31 characters, none of ``[]:*?/\\``).
    """
    output = io.BytesIO()
    with xlsxwriter.Workbook(output, {"in_memory": True}) as workbook:
        worksheet = workbook.add_worksheet(sheet_name)
        write_frame(workbook, worksheet, frame)
        worksheet.freeze_panes(1, 0)
    return output.getvalue()


def write_frame(
    workbook: Workbook, worksheet: Worksheet, frame: pd.DataFrame, first_row: int = 0
) -> int:
    """Write ``frame`` into ``worksheet`` from ``first_row``: a bold header row, then one row
    per record, and fit the sheet's column widths to what it now holds.

    Text goes in with ``write_string`` (neutralised), so nothing becomes a formula; numbers
    as numbers, dates and moments as real Excel dates, blanks as empty cells. Returns the
    first row after the table, where a caller may write the next thing.
    """
    header = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": DATE_FORMAT})
    moment = workbook.add_format({"num_format": DATETIME_FORMAT})
    with_time = [_has_times(values) for _, values in frame.items()]
    for column, name in enumerate(frame.columns):
        worksheet.write_string(first_row, column, str(neutralise(str(name))), header)
        if with_time[column]:  # autofit measures every date as a short one
            worksheet.set_column(column, column, MOMENT_WIDTH)
    row = first_row
    for row, record in enumerate(frame.itertuples(index=False, name=None), start=first_row + 1):
        for column, value in enumerate(record):
            _write_cell(worksheet, row, column, value, moment if with_time[column] else day)
    worksheet.autofit(MAX_WIDTH_PIXELS)
    return row + 1


def _write_cell(
    worksheet: Worksheet, row: int, column: int, value: object, date_format: Format
) -> None:
    """One value by its own type (a column may hold blanks among numbers, or ``date``
    objects among text); dates take the column's ``date_format``."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        worksheet.write_blank(row, column, None)
    elif isinstance(value, bool):
        worksheet.write_boolean(row, column, value)
    elif isinstance(value, datetime):  # a pd.Timestamp too; Excel has no time zones
        worksheet.write_datetime(row, column, value.replace(tzinfo=None), date_format)
    elif isinstance(value, date):
        worksheet.write_datetime(row, column, value, date_format)
    elif isinstance(value, numbers.Number):
        worksheet.write_number(row, column, float(value))
    else:
        worksheet.write_string(row, column, str(neutralise(str(value))))


def _has_times(values: pd.Series) -> bool:
    """Whether a column holds moments with a time of day (written with their time), not
    only days."""
    return any(
        isinstance(value, datetime) and not pd.isna(value) and value.time() != time()
        for value in values
    )
