"""Turning an uploaded file's bytes into tables of cells, whatever program exported it.

Intake areas keep their requests in workbooks (.xlsx, old .xls, LibreOffice's .ods), in CSV or
tab-separated text saved by Excel in whatever encoding Windows chose, and in Open311 GeoReport
exports. Extensions lie (many systems save HTML or CSV as ".xls"), so the type is read from the
content first and the name only breaks ties. Cells keep the type the file gave them, and text
stays text: deciding what a value means is the normalisers' job (``values.py``, ``fields.py``).
Every failure is an ``UnreadableFile`` whose message the clerk can act on. Nothing is written
to disk; workbooks are parsed in a child process, which a malformed file cannot take the app
down with.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import io
import json
import lzma
import math
import pickle
import re
import resource
import subprocess
import sys
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from python_calamine import CalamineWorkbook, SheetTypeEnum

Cell = str | int | float | bool | datetime | date | time | None
#: A sheet's name, its rows of cells, and the 1-based row and column its first cell is at.
_Grid = tuple[str, list[list[Cell]], int, int]

MAX_BYTES = 50 * 1024 * 1024

#: Calamine holds a sheet's whole used range in memory (about 32 bytes a cell, empty or not), so
#: one stray value in cell XFD1048576 would take hundreds of gigabytes: refuse past this.
_MAX_CELLS = 10_000_000
#: The child process that runs calamine: what it may take before it is given up on.
_CHILD_MEMORY = 4 * 1024**3
_CHILD_SECONDS = 180


def child_command(module: str, function: str) -> str:
    """What a child interpreter is told to run (``python -c``): ``function`` of ``module``,
    found from the project's root whatever the working directory."""
    root = str(Path(__file__).resolve().parents[2])
    return (
        f"import sys; sys.path.insert(0, {root!r}); from {module} import {function}; {function}()"
    )


_CHILD_COMMAND = child_command(__name__, "_read_workbook_in_child")
_TEMPORAL_TYPES = {"date": date, "datetime": datetime, "time": time}
#: Where the header is looked for: title rows and notes above it are rarely more.
_HEADER_SEARCH_ROWS = 30
#: How much of a text file is looked at to tell its separator and whether it is text at all.
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 50
_SEPARATORS = (",", ";", "\t")  # on a tie the first wins: "," is also the single-column default

_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
#: The record after an .xls workbook's first BOF (BIFF8 or BIFF5): FILEPASS means encrypted.
_XLS_GLOBALS_BOF = re.compile(rb"\x09\x08([\x10\x08])\x00\x00[\x06\x05]\x05\x00")
_XLS_FILEPASS = b"\x2f\x00"
_XLSX_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')

#: C0 controls other than tab, line breaks and DOS's end-of-file mark, DEL, and what the
#: decoder could not map: a file with many of them is binary, not text.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f\ufffd]")
_MARKUP = re.compile(r"\s*<[!?a-zA-Z]")
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|table|tr)\b", re.IGNORECASE)
_VALUE_LIKE = re.compile(
    r"(?=\D*\d)[\s\d.,:/%$()+\-]+"  # numbers, amounts, phones, dates and times in digits
    r"|\d{4}-\d{2}-\d{2}T\S*"  # ISO 8601 timestamps
    r"|\d{1,2}[-/ ](?:de\s+)?[^\W\d_]{3,10}\.?[-/ ](?:de\s+)?\d{2,4}",  # 1 de marzo de 2024
    re.IGNORECASE,
)

_EMPTY = "El archivo está vacío (0 bytes)."
_CORRUPT = (
    "El archivo está dañado o incompleto y no se puede abrir: volvé a descargarlo o a guardarlo "
    "desde el programa que lo generó."
)
_PASSWORD = (
    "El archivo está protegido con contraseña: abrilo, quitale la contraseña, guardalo y volvé "
    "a subirlo."
)
_NOT_A_SPREADSHEET = (
    "El archivo no es una planilla ni un texto que se pueda leer: se aceptan .xlsx, .xls, .ods, "
    ".csv, .txt y .json de Open311."
)
_ZIP_WITHOUT_SHEET = (
    "El archivo es un ZIP (o un documento de Office) que no contiene una planilla: subí la "
    "planilla (.xlsx, .ods) o el CSV directamente."
)
_OFFICE_NOT_EXCEL = "El archivo es un documento de Office que no es una planilla de Excel."
_XLSB = "El formato .xlsb no se puede leer: abrilo en Excel y guardalo como .xlsx."
_HTML_AS_EXCEL = (
    "El archivo dice ser Excel pero es una página HTML: abrilo en Excel y guardalo como .xlsx."
)
_HTML_PAGE = (
    "El archivo es una página HTML, no una planilla: abrilo en Excel y guardalo como .xlsx."
)
_XML = (
    "El archivo es un XML, no una planilla que se pueda leer: abrilo en Excel o LibreOffice y "
    "guardalo como .xlsx."
)
_UTF16 = (
    "El archivo es texto en UTF-16 («Texto Unicode» de Excel), que no se puede leer: guardalo "
    "como «CSV UTF-8» o como .xlsx."
)
_TOO_SLOW = (
    "Leer el archivo llevó más de 3 minutos y se canceló: dividilo en archivos más chicos y "
    "volvé a subirlos."
)
_BROKEN_JSON = "El archivo JSON está dañado o incompleto: volvé a descargarlo."
_NOT_OPEN311 = (
    "El archivo JSON no es una lista de solicitudes de Open311: se espera una lista de objetos."
)
_NO_REQUESTS = "El archivo JSON no tiene ninguna solicitud."
_BLANK = "La planilla está vacía: no tiene ninguna celda con datos."
_NO_DATA_ROWS = "La planilla no tiene filas de datos debajo del encabezado."


class UnreadableFile(ValueError):
    """The file cannot be read at all; str(error) is one Spanish sentence for the clerk."""


@dataclass(frozen=True)
class Table:
    """One sheet's (or one text file's) rows under their header, as the file gave them.

    Row numbers are the file's own so that an error can say "fila 17" and the clerk finds it:
    in a text file they count records as Excel shows them (a line break inside quotes does not
    start a row); in JSON they count requests, and ``header_row`` is 0 as there is no header.
    """

    sheet: str
    header_row: int
    headers: list[str]
    rows: list[list[Cell]]
    row_numbers: list[int]


@dataclass(frozen=True)
class SourceFile:
    """An uploaded file as read: what it turned out to be, and its tables.

    The hash identifies the upload so that the same file is imported only once.
    """

    name: str
    kind: str
    sha256: str
    encoding: str | None
    separator: str | None
    tables: list[Table]


def read_source(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> SourceFile:
    """Read an uploaded file into tables, choosing the reader by content, then by name.

    Raises ``UnreadableFile`` (never anything else) when nothing can be read from it.
    """
    _check_size(data, max_bytes)
    source = functools.partial(SourceFile, name=name, sha256=hashlib.sha256(data).hexdigest())
    if data.startswith(_ZIP_MAGICS):
        kind = _zip_kind(data)
        return source(kind=kind, encoding=None, separator=None, tables=_workbook_tables(data))
    if data.startswith(_OLE2_MAGIC):
        _check_xls(data)
        return source(kind="xls", encoding=None, separator=None, tables=_workbook_tables(data))
    text, encoding = _decode(data)
    _refuse_markup(text, name)
    requests = _open311_requests(text, name)
    if requests is not None:
        table = _json_table(requests)
        return source(kind="open311-json", encoding=encoding, separator=None, tables=[table])
    separator = _detect_separator(text)
    table = _with_data([_grid_table("", _parse_records(text, separator), 1, 1)])[0]
    kind = "open311-csv" if _is_open311(table.headers) else "csv"
    return source(kind=kind, encoding=encoding, separator=separator, tables=[table])


def same_columns(tables: list[Table]) -> bool:
    """True when every table has the same headers in the same order (and for no tables), so
    that "all sheets" can be imported as one table: a workbook with a sheet per month, say."""
    return len({tuple(table.headers) for table in tables}) <= 1


# Size


def _check_size(data: bytes, max_bytes: int) -> None:
    """Refuse empty and oversized uploads before spending any work on them."""
    if not data:
        raise UnreadableFile(_EMPTY)
    if len(data) > max_bytes:
        raise UnreadableFile(
            f"El archivo pesa {_megabytes(len(data), math.ceil)} MB y el máximo permitido es "
            f"{_megabytes(max_bytes, math.floor)} MB: dividilo en archivos más chicos."
        )


def _megabytes(size: int, rounding: Callable[[float], int]) -> str:
    """A size in MB with at most one decimal, rounded so that a file over the limit never
    reads as equal to it."""
    tenths = rounding(size * 10 / (1024 * 1024)) / 10
    return f"{tenths:g}".replace(".", ",")


# Workbooks


def _zip_kind(data: bytes) -> str:
    """Tell an .xlsx from an .ods (or from any other zip) by its members, and refuse the ones
    calamine would choke on before it allocates anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                _check_xlsx_size(archive)
                return "xlsx"
            if "xl/workbook.bin" in names:
                raise UnreadableFile(_XLSB)
            if "mimetype" in names and _head(archive, "mimetype").startswith(_ODS_MIMETYPE):
                _check_ods_encryption(archive, names)
                return "ods"
    except UnreadableFile:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        lzma.LZMAError,
        EOFError,
        OSError,
        RuntimeError,
        NotImplementedError,
        ValueError,
    ) as error:
        raise UnreadableFile(_CORRUPT) from error
    raise UnreadableFile(_ZIP_WITHOUT_SHEET)


def _check_xlsx_size(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook whose sheets span more cells than can be held in memory.

    Excel and LibreOffice record each sheet's used range in its ``<dimension>`` element, near the
    top of the sheet's XML, so only that much is decompressed.
    """
    ranges = []
    for member in archive.namelist():
        if member.startswith("xl/worksheets/") and member.endswith(".xml"):
            found = _XLSX_DIMENSION.search(_head(archive, member))
            if found:
                ranges.append(_used_range(*found.groups()))
    total = sum(cells for cells, _ in ranges)
    if total > _MAX_CELLS:
        largest = max(ranges)[1]
        raise UnreadableFile(
            f"Las hojas del archivo abarcan {_thousands(total)} celdas (la más grande, el rango "
            f"{largest}) y el máximo es {_thousands(_MAX_CELLS)}: suele pasar cuando quedó algún "
            "dato suelto lejos de la tabla; borralo, guardá y volvé a subirlo."
        )


def _head(archive: zipfile.ZipFile, member: str, size: int = 64 * 1024) -> bytes:
    """The first bytes of a member, decompressing no more: a member may unpack to gigabytes."""
    with archive.open(member) as stream:
        return stream.read(size)


def _used_range(
    first_col: bytes, first_row: bytes, last_col: bytes | None, last_row: bytes | None
) -> tuple[int, str]:
    """How many cells an A1-style range such as ``A1:T100001`` spans, and the range as text."""
    last_col, last_row = last_col or first_col, last_row or first_row
    rows = int(last_row) - int(first_row) + 1
    columns = _column_number(last_col) - _column_number(first_col) + 1
    text = b"%s%s:%s%s" % (first_col, first_row, last_col, last_row)
    return max(rows, 1) * max(columns, 1), text.decode("ascii")


def _column_number(letters: bytes) -> int:
    """``A`` → 1, ``T`` → 20, ``XFD`` → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _thousands(number: int) -> str:
    """10000000 → ``10.000.000``, as the clerk writes it."""
    return f"{number:,}".replace(",", ".")


def _check_ods_encryption(archive: zipfile.ZipFile, names: set[str]) -> None:
    """LibreOffice encrypts each member of a password-protected file and says so in the
    manifest; calamine would only report broken XML."""
    manifest = "META-INF/manifest.xml"
    if manifest in names and b"encryption-data" in _head(archive, manifest, 1024 * 1024):
        raise UnreadableFile(_PASSWORD)


def _check_xls(data: bytes) -> None:
    """Sort out the OLE2 compound files that are not readable .xls workbooks.

    A password-protected .xlsx is an OLE2 file holding an ``EncryptedPackage`` stream, and an
    encrypted .xls starts its workbook with a FILEPASS record; calamine reports both only as
    "cannot detect file format". Word and PowerPoint files are OLE2 files without a workbook.
    """
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise UnreadableFile(_PASSWORD)
    if not any(stream.encode("utf-16-le") in data for stream in ("Workbook", "Book")):
        raise UnreadableFile(_OFFICE_NOT_EXCEL)
    bof = _XLS_GLOBALS_BOF.search(data)
    if bof is not None:
        next_record = bof.start() + 4 + bof[1][0]
        if data[next_record : next_record + 2] == _XLS_FILEPASS:
            raise UnreadableFile(_PASSWORD)


def _workbook_tables(data: bytes) -> list[Table]:
    """One table per worksheet that has data rows; chart sheets and empty sheets are skipped."""
    return _with_data([_grid_table(*grid) for grid in _grids_in_child(data)])


def _grids_in_child(data: bytes) -> list[_Grid]:
    """The workbook's sheets as read by calamine in a child process.

    Calamine trusts counts written in the file: a damaged .xls or a crafted sharedStrings
    count makes it allocate hundreds of gigabytes, and Rust then aborts the whole process (and
    with it the app, for every user; upstream issues tafia/calamine#684 and #714). The child
    gets a memory ceiling and a time limit, and whatever ends it is a damaged file here.
    """
    try:
        child = subprocess.run(
            [sys.executable, "-c", _CHILD_COMMAND],
            input=data,
            capture_output=True,
            timeout=_CHILD_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise UnreadableFile(_TOO_SLOW) from error
    if child.returncode != 0:
        failure = child.stderr.decode("utf-8", errors="replace")[-2000:]
        raise UnreadableFile(_CORRUPT) from ChildProcessError(failure)
    try:
        return CellUnpickler(io.BytesIO(child.stdout)).load()
    except (pickle.UnpicklingError, EOFError, ValueError) as error:
        raise UnreadableFile(_CORRUPT) from error


class CellUnpickler(pickle.Unpickler):
    """Builds cells and nothing else: the child has just parsed an untrusted file, so its answer
    may name no class but the three dates and times."""

    def find_class(self, module: str, name: str) -> type:
        if module == "datetime" and name in _TEMPORAL_TYPES:
            return _TEMPORAL_TYPES[name]
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell type")


def _read_workbook_in_child() -> None:
    """The child's side of ``_grids_in_child``: workbook bytes on stdin, grids pickled on
    stdout; any failure ends it with a non-zero status."""
    _, hard_limit = resource.getrlimit(resource.RLIMIT_AS)
    unlimited = hard_limit == resource.RLIM_INFINITY
    ceiling = _CHILD_MEMORY if unlimited else min(_CHILD_MEMORY, hard_limit)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard_limit))
    with CalamineWorkbook.from_filelike(io.BytesIO(sys.stdin.buffer.read())) as workbook:
        grids = [
            _sheet_grid(workbook, index)
            for index, sheet in enumerate(workbook.sheets_metadata)
            if sheet.typ == SheetTypeEnum.WorkSheet
        ]
    pickle.dump(grids, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)


def _sheet_grid(workbook: CalamineWorkbook, index: int) -> _Grid:
    """A sheet's used range as rows of cells, with the 1-based row and column it starts at
    (calamine leaves out the blank rows and columns before the first value)."""
    sheet = workbook.get_sheet_by_index(index)
    start = sheet.start
    if start is None:
        return sheet.name, [], 1, 1
    rows = [_workbook_row(row) for row in sheet.to_python()]
    return sheet.name, rows, start[0] + 1, start[1] + 1


def _workbook_row(row: list) -> list[Cell]:
    """Calamine's values as they are, except that empty cells (given as "") become None and
    durations become clock times or days."""
    return [
        None if value == "" else _from_duration(value) if type(value) is timedelta else value
        for value in row
    ]


def _from_duration(value: timedelta) -> time | float:
    """A cell formatted as elapsed time (``[h]:mm``): under a day it is read as the clock time
    it shows, beyond that it stays Excel's number of days."""
    if timedelta(0) <= value < timedelta(days=1):
        return (datetime.min + value).time()
    return value / timedelta(days=1)


# Text


def _decode(data: bytes) -> tuple[str, str]:
    """Decode a text file as UTF-8 when it is valid UTF-8 (with or without BOM), otherwise as
    Windows-1252, which is what Excel in Spanish saves "CSV (delimitado por comas)" in.

    Bytes that decode to many control characters are binary, not text.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile(_UTF16)
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data.decode("utf-8-sig", errors="replace"), "utf-8-sig"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    sample = text[:_SNIFF_CHARS]
    if "\x00" in sample or len(_NOT_TEXT.findall(sample)) * 100 > len(sample):
        raise UnreadableFile(_NOT_A_SPREADSHEET)
    return text, encoding


def _refuse_markup(text: str, name: str) -> None:
    """Refuse HTML pages and XML files: many systems export them with an Excel name (the HTML
    "Excel export", Excel 2003's XML spreadsheet) and read as text they would be garbage."""
    head = text[:_SNIFF_CHARS]
    if not _MARKUP.match(head):
        return
    if _HTML.search(head):
        excel_name = name.lower().endswith((".xls", ".xlsx", ".xlsm"))
        raise UnreadableFile(_HTML_AS_EXCEL if excel_name else _HTML_PAGE)
    if head.lstrip().startswith("<?xml"):
        raise UnreadableFile(_XML)


def _detect_separator(text: str) -> str:
    """The separator that splits the first records into the most equally long rows.

    csv.Sniffer guesses from character frequencies and is fooled by decimal commas and free
    text; counting fields per record, with quotes respected, is not.
    """
    sample = text[:_SNIFF_CHARS]
    cut = len(sample) < len(text)

    scores = {}
    for separator in _SEPARATORS:
        records = _parse_records(sample, separator)
        scores[separator] = _consistency(records[:-1] if cut else records)
    best = max(_SEPARATORS, key=scores.__getitem__)
    return best if scores[best] > (0, 0) else _SEPARATORS[0]


def _consistency(records: list[list[str | None]]) -> tuple[int, int]:
    """How many of the first records have the most common field count above one, and that
    count (more columns wins a tie). Rows of bare separators, as Excel writes empty rows,
    count too."""
    counts = [len(record) for record in records[:_SNIFF_RECORDS]]
    widths = Counter(count for count in counts if count > 1)
    if not widths:
        return 0, 0
    width = max(widths, key=lambda count: (widths[count], count))
    return widths[width], width


@functools.cache
def _field_pattern(separator: str) -> re.Pattern[str]:
    """One field and what ends it (separator, line break or end of text).

    A quoted field runs to its closing quote (``""`` inside is a quote) and may hold separators
    and line breaks; text after the closing quote is kept, and a quote that never closes runs
    to the end of the file, as Excel reads them.
    """
    other = rf"[^{re.escape(separator)}\r\n]*"
    return re.compile(
        rf'(?:"([^"]*(?:""[^"]*)*)"?({other})|({other}))({re.escape(separator)}|\r\n|\n|\r|\Z)'
    )


def _parse_records(text: str, separator: str) -> list[list[str | None]]:
    """Split text into records of fields; an empty field is None, like an empty cell."""
    records: list[list[str | None]] = []
    fields: list[str | None] = []
    for match in _field_pattern(separator).finditer(text):
        quoted, after_quote, plain, end = match.groups()
        value = plain if quoted is None else quoted.replace('""', '"') + after_quote
        fields.append(value or None)
        if end != separator:
            records.append(fields)
            fields = []
            if not end:
                break
    return records


# JSON (Open311 GeoReport v2)


def _open311_requests(text: str, name: str) -> list[dict] | None:
    """The requests of an Open311 ``requests.json``, or None when the text is not JSON."""
    if not text.lstrip().startswith(("[", "{")):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as error:
        if name.lower().endswith(".json"):
            raise UnreadableFile(_BROKEN_JSON) from error
        return None
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise UnreadableFile(_NOT_OPEN311)
    if not value:
        raise UnreadableFile(_NO_REQUESTS)
    return value


def _json_table(requests: list[dict]) -> Table:
    """One row per request, one column per key seen in any of them (in first-seen order)."""
    keys = list(dict.fromkeys(key for request in requests for key in request))
    filled = [
        (number, row)
        for number, row in enumerate(
            ([_json_cell(request.get(key)) for key in keys] for request in requests), start=1
        )
        if not _is_blank_row(row)
    ]
    if not filled:
        raise UnreadableFile(_NO_REQUESTS)
    return Table(
        sheet="",
        header_row=0,
        headers=_column_names(keys, 1),
        rows=[row for _, row in filled],
        row_numbers=[number for number, _ in filled],
    )


def _json_cell(value: Cell | dict | list) -> Cell:
    """JSON scalars as they are ("" as an empty cell); nested objects and lists as JSON text."""
    if value == "":
        return None
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _is_open311(headers: list[str]) -> bool:
    """Open311's CSV form of ``requests``: plain CSV with its two mandatory columns."""
    return {"service_request_id", "requested_datetime"} <= {name.casefold() for name in headers}


# Header and rows


def _grid_table(sheet: str, grid: list[list[Cell]], first_row: int, first_col: int) -> Table | None:
    """The table in a grid of cells: header found below any title rows, blank rows dropped,
    and blank columns at either side (no header, no data) too, every row as wide as the header.
    None if the grid is blank.

    ``first_row`` and ``first_col`` are the 1-based row and column of ``grid[0][0]`` in the
    file, so that row numbers and "Columna N" point at what the clerk sees.
    """
    filled = [index for index, row in enumerate(grid) if not _is_blank_row(row)]
    if not filled:
        return None
    header_index = _header_index(grid, filled)
    data = [index for index in filled if index > header_index]
    table_rows = [grid[index] for index in [header_index, *data]]
    left = min(_first_filled(row) for row in table_rows)
    right = max(_filled_width(row) for row in table_rows)
    header, *rows = (_fit(row, left, right) for row in table_rows)
    return Table(
        sheet=sheet,
        header_row=first_row + header_index,
        headers=_column_names(header, first_col + left),
        rows=rows,
        row_numbers=[first_row + index for index in data],
    )


def _with_data(tables: list[Table | None]) -> list[Table]:
    """The tables that have data rows, or the reason there are none."""
    if all(table is None for table in tables):
        raise UnreadableFile(_BLANK)
    with_rows = [table for table in tables if table is not None and table.rows]
    if not with_rows:
        raise UnreadableFile(_NO_DATA_ROWS)
    return with_rows


def _header_index(grid: list[list[Cell]], filled: list[int]) -> int:
    """The first of the first 30 non-blank rows that reads like a header and has a non-blank
    row below it; failing that, the first non-blank row."""
    for position, index in enumerate(filled[:_HEADER_SEARCH_ROWS]):
        if position + 1 < len(filled) and _looks_like_header(grid[index]):
            return index
    return filled[0]


def _looks_like_header(row: list[Cell]) -> bool:
    """At least two cells, at least half of them words rather than numbers or dates: a title
    has one cell, a data row mostly values."""
    values = [value for value in row if not _is_blank(value)]
    words = sum(
        1 for value in values if isinstance(value, str) and not _VALUE_LIKE.fullmatch(value.strip())
    )
    return len(values) >= 2 and 2 * words >= len(values)


def _column_names(cells: list, first_col: int) -> list[str]:
    """Trimmed header texts, "Columna N" for an empty one (N as the file numbers columns), and
    " (2)", " (3)" after a name already used (ignoring case), so every column has its own name."""
    names = [
        _header_text(cell) or f"Columna {first_col + offset}" for offset, cell in enumerate(cells)
    ]
    used: set[str] = set()
    unique_names = []
    for name in names:
        unique, copy = name, 1
        while unique.casefold() in used:
            copy += 1
            unique = f"{name} ({copy})"
        used.add(unique.casefold())
        unique_names.append(unique)
    return unique_names


def _header_text(cell: Cell) -> str:
    """A header cell as text: a year typed as a number reads "2024", not "2024.0"."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, date | time):
        return cell.isoformat()
    return str(cell).strip()


def _fit(row: list[Cell], left: int, right: int) -> list[Cell]:
    """Columns ``left`` to ``right`` of the row, padded with empty cells where it is shorter."""
    cells = row[left:right]
    return cells + [None] * (right - left - len(cells))


def _first_filled(row: list[Cell]) -> int:
    """The index of the first non-blank cell of a non-blank row."""
    return next(index for index, value in enumerate(row) if not _is_blank(value))


def _filled_width(row: list[Cell]) -> int:
    """One past the last non-blank cell of the row."""
    for index in range(len(row) - 1, -1, -1):
        if not _is_blank(row[index]):
            return index + 1
    return 0


def _is_blank_row(row: list[Cell]) -> bool:
    """A row the clerk sees as empty: every cell is."""
    return all(_is_blank(value) for value in row)


def _is_blank(value: Cell) -> bool:
    """Empty, or only spaces: a cell the clerk sees as empty."""
    return value is None or (type(value) is str and not value.strip())
