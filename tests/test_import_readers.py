"""Reading uploaded files into tables: every kind the intake areas export, and every way a file
can fail to be one. Each file is built here, in memory.

.xlsx files come from xlsxwriter. There is no LibreOffice on the test machine, so the .ods and
.xls files are built by hand below: a minimal OpenDocument zip, and a minimal BIFF8 workbook in a
minimal OLE2 compound file (the same structures Excel 97–2003 writes, only fewer of them).
"""

from __future__ import annotations

import io
import json
import random
import re
import struct
import tomllib
import zipfile
from datetime import date, datetime, time

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.imports.readers import (
    MAX_BYTES,
    SourceFile,
    Table,
    UnreadableFile,
    read_source,
    same_columns,
)
from dashboard.settings import PROJECT_ROOT

DATE = {"num_format": "dd/mm/yyyy"}
DATE_TIME = {"num_format": "dd/mm/yyyy hh:mm"}
CLOCK = {"num_format": "hh:mm"}
DURATION = {"num_format": "[h]:mm"}


def xlsx(sheets: dict[str, list[tuple[int, int, object, dict | None]]]) -> bytes:
    """A workbook with the given cells: (row, column, value, number format), 0-based."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, cells in sheets.items():
        sheet = workbook.add_worksheet(name)
        for row, column, value, number_format in cells:
            cell_format = workbook.add_format(number_format) if number_format else None
            sheet.write(row, column, value, cell_format)
    workbook.close()
    return buffer.getvalue()


def rows_at(first_row: int, rows: list[list[object]]) -> list[tuple[int, int, object, None]]:
    """Plain cells of consecutive rows starting at ``first_row``; None cells are left out."""
    return [
        (first_row + r, c, value, None)
        for r, row in enumerate(rows)
        for c, value in enumerate(row)
        if value is not None
    ]


def ods(rows: list[list[str | float | date]], manifest_extra: str = "") -> bytes:
    """A one-sheet OpenDocument spreadsheet, as LibreOffice lays it out."""

    def cell(value: str | float | date) -> str:
        if isinstance(value, str):
            return (
                '<table:table-cell office:value-type="string">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        if isinstance(value, date):
            return f'<table:table-cell office:value-type="date" office:date-value="{value}"/>'
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'

    body = "".join(
        "<table:table-row>" + "".join(cell(value) for value in row) + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Hoja1">'
        f"{body}"
        # LibreOffice often ends a sheet with one empty row repeated down to the last row
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        f"{manifest_extra}</manifest:file-entry></manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# A minimal OLE2 compound file ([MS-CFB], version 3): header, one FAT sector, one directory
# sector, then the streams, each at least 4096 bytes so that no mini stream is needed.
SECTOR = 512
FREE = NO_STREAM = 0xFFFFFFFF
END_OF_CHAIN = 0xFFFFFFFE
FAT_SECTOR = 0xFFFFFFFD


def compound_file(streams: list[tuple[str, bytes]]) -> bytes:
    """An OLE2 file holding the given streams side by side under the root storage."""
    fat, directory, body, next_sector = [FAT_SECTOR, END_OF_CHAIN], b"", b"", 2
    entries = [("Root Entry", 5, 1 if streams else NO_STREAM, NO_STREAM, END_OF_CHAIN, 0)]
    for index, (name, data) in enumerate(streams):
        data = data.ljust(max(4096, -(-len(data) // SECTOR) * SECTOR), b"\0")
        sectors = len(data) // SECTOR
        right = index + 2 if index + 1 < len(streams) else NO_STREAM
        entries.append((name, 2, NO_STREAM, right, next_sector, len(data)))
        fat += [next_sector + k + 1 for k in range(sectors - 1)] + [END_OF_CHAIN]
        body += data
        next_sector += sectors
    for name, kind, child, right, start, size in entries:
        encoded = name.encode("utf-16-le") + b"\0\0"
        directory += encoded.ljust(64, b"\0") + struct.pack(
            "<HBB3I", len(encoded), kind, 1, NO_STREAM, right, child
        )
        directory += b"\0" * 36 + struct.pack("<IQ", start, size)
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<5H", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<9I", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    fat += [FREE] * (128 - len(fat))
    return header + struct.pack("<128I", *fat) + directory.ljust(SECTOR, b"\0") + body


def record(kind: int, data: bytes = b"") -> bytes:
    """A BIFF record: type, length, data."""
    return struct.pack("<HH", kind, len(data)) + data


def xls(rows: list[list[str | float | date]], filepass: bytes | None = None) -> bytes:
    """A one-sheet BIFF8 workbook: strings as LABEL records, numbers as NUMBER records, dates
    as numbers under an XF with Excel's built-in date format 14."""
    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                text = value.encode("utf-16-le")
                cells += record(0x0204, struct.pack("<4HB", r, c, 0, len(value), 1) + text)
            elif isinstance(value, date):
                serial = (value - date(1899, 12, 30)).days
                cells += record(0x0203, struct.pack("<3Hd", r, c, 16, serial))
            else:
                cells += record(0x0203, struct.pack("<3Hd", r, c, 0, value))
    bof = struct.pack("<4H2I", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)
    sheet = (
        record(0x0809, bof[:2] + b"\x10\x00" + bof[4:])
        + record(0x0200, struct.pack("<2I3H", 0, len(rows), 0, max(map(len, rows)), 0))
        + cells
        + record(0x000A)
    )
    name = "Hoja1"

    def globals_substream(sheet_offset: int) -> bytes:
        xf = [
            record(0x00E0, struct.pack("<3H", 0, number_format, 0) + b"\0" * 14)
            for number_format in [0] * 16 + [14]
        ]
        return (
            record(0x0809, bof)
            + (record(0x002F, filepass) if filepass is not None else b"")
            + record(0x0042, struct.pack("<H", 1200))
            + b"".join(xf)
            + record(
                0x0085,
                struct.pack("<I4B", sheet_offset, 0, 0, len(name), 1) + name.encode("utf-16-le"),
            )
            + record(0x000A)
        )

    book = globals_substream(len(globals_substream(0)))
    return compound_file([("Workbook", book + sheet)])


def the_table(source: SourceFile) -> Table:
    assert len(source.tables) == 1
    return source.tables[0]


def unreadable(data: bytes, name: str = "archivo.csv", **options: int) -> str:
    with pytest.raises(UnreadableFile) as error:
        read_source(data, name, **options)
    return str(error.value)


# Text files


def test_semicolon_csv_in_windows_1252_with_accents_and_a_quoted_separator_and_line_break() -> None:
    data = (
        "Solicitudes del área de Modernización\r\n"
        ";;\r\n"
        "Nombre;Descripción;Partido\r\n"
        'José Peña;"Pide; ayuda\r\nurgente, ""ya""";La Matanza\r\n'
        "Iñaki Güemes; sin techo ;Tres de Febrero\r\n"
    ).encode("cp1252")
    source = read_source(data, "ingresos marzo.csv")
    assert (source.kind, source.encoding, source.separator) == ("csv", "cp1252", ";")
    table = the_table(source)
    assert table.sheet == ""
    assert table.header_row == 3
    assert table.headers == ["Nombre", "Descripción", "Partido"]
    assert table.rows == [
        ["José Peña", 'Pide; ayuda\r\nurgente, "ya"', "La Matanza"],
        ["Iñaki Güemes", " sin techo ", "Tres de Febrero"],
    ]
    assert table.row_numbers == [4, 5]  # a quoted line break does not start a row


def test_utf8_csv_with_bom_and_commas() -> None:
    data = "\ufeffNombre,DNI,Teléfono\nAna Núñez,20.123.456,011 4444-5555\nLuis,,\n".encode()
    source = read_source(data, "export.csv")
    assert (source.kind, source.encoding, source.separator) == ("csv", "utf-8-sig", ",")
    table = the_table(source)
    assert table.headers == ["Nombre", "DNI", "Teléfono"]  # no BOM glued to the first header
    assert table.rows == [["Ana Núñez", "20.123.456", "011 4444-5555"], ["Luis", None, None]]


def test_tab_separated_text_with_commas_inside_fields() -> None:
    data = b"Apellido, nombre\tDNI\tMonto\nPerez, Ana\t20123456\t1,5\nGomez, Luis\t30111222\t2,75\n"
    source = read_source(data, "listado.txt")
    assert (source.kind, source.encoding, source.separator) == ("csv", "utf-8", "\t")
    assert the_table(source).rows == [
        ["Perez, Ana", "20123456", "1,5"],
        ["Gomez, Luis", "30111222", "2,75"],
    ]


def test_decimal_commas_do_not_make_a_semicolon_file_look_comma_separated() -> None:
    data = b"Nombre;Monto;Tasa\nAna;1,5;2,5\nLuis;2,75;3,5\nEva;10;0,5\n"
    assert read_source(data, "montos.csv").separator == ";"


def test_a_csv_named_xls_is_read_as_text() -> None:
    source = read_source(b"Nombre;DNI\nAna;20123456\n", "reporte.xls")
    assert (source.kind, source.separator) == ("csv", ";")
    assert the_table(source).rows == [["Ana", "20123456"]]


def test_a_quote_that_never_closes_runs_to_the_end_of_the_file() -> None:
    table = the_table(read_source(b'Nombre,Nota\nAna,"sin cerrar\nLuis,ok\n', "x.csv"))
    assert table.rows == [["Ana", "sin cerrar\nLuis,ok\n"]]


def test_a_single_column_file_is_read_with_its_header() -> None:
    source = read_source(b"Nombre\nAna\nLuis\n", "nombres.csv")
    assert source.separator == ","
    assert the_table(source).headers == ["Nombre"]
    assert the_table(source).rows == [["Ana"], ["Luis"]]


# Headers


def test_duplicate_and_empty_headers_get_their_own_names_and_blank_edge_columns_go() -> None:
    data = b";Nombre; ;nombre;DNI;NOMBRE;;\n;Ana;x;Ana B;1;A;;\n;Luis;;;2;;;\n"
    table = the_table(read_source(data, "duplicados.csv"))
    assert table.headers == ["Nombre", "Columna 3", "nombre (2)", "DNI", "NOMBRE (3)"]
    assert table.rows == [["Ana", "x", "Ana B", "1", "A"], ["Luis", None, None, "2", None]]


def test_columns_are_numbered_as_the_sheet_numbers_them() -> None:
    cells = rows_at(3, [[None, None, "Nombre", None, "DNI"], [None, None, "Ana", 5.0, 1.0]])
    table = the_table(read_source(xlsx({"Hoja1": cells}), "desde C4.xlsx"))
    assert table.headers == ["Nombre", "Columna 4", "DNI"]
    assert table.header_row == 4
    assert table.row_numbers == [5]


def test_a_row_of_numbers_and_dates_is_not_taken_for_the_header() -> None:
    data = (
        b"Listado de ayudas\n"
        b"1;01/03/2024;20.123.456;$ 1.500,50\n"
        b"Orden;Fecha;DNI;Monto\n"
        b"2;02/03/2024;30.111.222;$ 800\n"
    )
    table = the_table(read_source(data, "ayudas.csv"))
    assert table.header_row == 3
    assert table.headers == ["Orden", "Fecha", "DNI", "Monto"]
    assert table.row_numbers == [4]


def test_without_a_header_like_row_the_first_non_blank_row_is_the_header() -> None:
    table = the_table(read_source(b"\n\n1,2,3\n4,5,6\n", "numeros.csv"))
    assert (table.header_row, table.headers, table.rows) == (3, ["1", "2", "3"], [["4", "5", "6"]])


# Workbooks


def test_xlsx_with_title_blank_row_header_data_and_a_sheet_per_month() -> None:
    january = [
        (0, 0, "Ingresos de enero - Despacho", None),
        *rows_at(2, [["Nombre", "Partido", "Fecha"]]),
        *rows_at(3, [["Ana", "Quilmes"], [], ["Luis", "Lanús"]]),
        (3, 2, datetime(2024, 1, 3), DATE),
        (5, 2, datetime(2024, 1, 9), DATE),
    ]
    february = [
        *rows_at(0, [["Nombre", "Partido", "Fecha"], ["Eva", "Morón"]]),
        (1, 2, datetime(2024, 2, 1), DATE),
    ]
    source = read_source(xlsx({"Enero": january, "Febrero": february, "Notas": []}), "2024.xlsx")
    assert (source.kind, source.encoding, source.separator) == ("xlsx", None, None)
    assert [table.sheet for table in source.tables] == ["Enero", "Febrero"]
    enero, febrero = source.tables
    assert enero.header_row == 3
    assert enero.row_numbers == [4, 6]
    assert enero.rows == [["Ana", "Quilmes", date(2024, 1, 3)], ["Luis", "Lanús", date(2024, 1, 9)]]
    assert febrero.rows == [["Eva", "Morón", date(2024, 2, 1)]]
    assert same_columns(source.tables)
    other = Table("Otra", 1, ["Nombre", "Fecha"], [["Ana", None]], [2])
    assert not same_columns([*source.tables, other])


def test_xlsx_cells_keep_their_types() -> None:
    cells = [
        *rows_at(0, [["Fecha", "Ingreso", "Hora", "Espera", "Cantidad", "Monto", "Urgente"]]),
        (1, 0, datetime(2024, 3, 1), DATE),
        (1, 1, datetime(2024, 3, 1, 14, 5), DATE_TIME),
        (1, 2, time(10, 30), CLOCK),
        (1, 3, 0.25, DURATION),  # an elapsed time under a day reads as the clock time shown
        (1, 4, 3, None),
        (1, 5, 1234.5, None),
        (1, 6, True, None),
        (2, 3, 1.5, DURATION),  # 36:00 stays a number of days
        (2, 4, "3", None),
    ]
    rows = the_table(read_source(xlsx({"Hoja1": cells}), "tipos.xlsx")).rows
    assert rows[0] == [
        date(2024, 3, 1),
        datetime(2024, 3, 1, 14, 5),
        time(10, 30),
        time(6, 0),
        3.0,
        1234.5,
        True,
    ]
    assert type(rows[0][4]) is float  # an integral number stays a float: the normalisers decide
    assert rows[1] == [None, None, None, 1.5, "3", None, None]


def test_ods_is_read_like_a_workbook() -> None:
    source = read_source(
        ods([["Nombre", "Fecha", "Monto"], ["Ana", date(2024, 3, 1), 12.5]]), "planilla.ods"
    )
    assert source.kind == "ods"
    table = the_table(source)
    assert (table.sheet, table.headers) == ("Hoja1", ["Nombre", "Fecha", "Monto"])
    assert table.rows == [["Ana", date(2024, 3, 1), 12.5]]


def test_xls_is_read_like_a_workbook() -> None:
    data = xls([["Listado"], [], ["Nombre", "Fecha", "Monto"], ["Peña", date(2024, 3, 1), 3.0]])
    source = read_source(data, "viejo.xls")
    assert source.kind == "xls"
    table = the_table(source)
    assert (table.sheet, table.header_row, table.headers) == (
        "Hoja1",
        3,
        ["Nombre", "Fecha", "Monto"],
    )
    assert table.rows == [["Peña", date(2024, 3, 1), 3.0]]


# Open311 GeoReport v2


REQUESTS = [
    {
        "service_request_id": "638344",
        "status": "closed",
        "service_name": "Bache",
        "description": "Pozo en la calle",
        "requested_datetime": "2024-03-01T10:00:00-03:00",
        "updated_datetime": "2024-03-05T12:00:00-03:00",
        "address": "Calle 7 1234",
        "lat": -34.92,
        "long": -57.95,
    },
    {
        "service_request_id": "638345",
        "status": "open",
        "service_name": "Luminaria",
        "description": "",
        "requested_datetime": "2024-03-02T09:30:00-03:00",
        "address": "Calle 8",
        "lat": -34.91,
        "long": -57.94,
        "media_url": "https://example.org/f.jpg",
        "attributes": {"poste": 12},
    },
    {},
]


def test_open311_json_is_one_table_of_requests() -> None:
    source = read_source(json.dumps(REQUESTS).encode(), "requests.json")
    assert (source.kind, source.encoding, source.separator) == ("open311-json", "utf-8", None)
    table = the_table(source)
    assert table.header_row == 0
    assert table.headers == [*REQUESTS[0], "media_url", "attributes"]
    assert table.rows[0] == [*REQUESTS[0].values(), None, None]
    assert table.rows[1][3] is None  # "" is an empty cell
    assert table.rows[1][-2:] == ["https://example.org/f.jpg", '{"poste": 12}']
    assert table.row_numbers == [1, 2]  # the empty request is dropped


def test_open311_csv_is_csv_with_its_kind() -> None:
    data = (
        b"service_request_id,status,service_name,requested_datetime,lat,long\n"
        b"638344,closed,Bache,2024-03-01T10:00:00-03:00,-34.92,-57.95\n"
    )
    source = read_source(data, "requests.csv")
    assert (source.kind, source.separator) == ("open311-csv", ",")
    assert the_table(source).rows == [
        ["638344", "closed", "Bache", "2024-03-01T10:00:00-03:00", "-34.92", "-57.95"]
    ]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b'{"service_requests": []}', "requests.json", "no es una lista de solicitudes"),
        (b"[1, 2]", "requests.json", "no es una lista de solicitudes"),
        (b"[]", "requests.json", "no tiene ninguna solicitud"),
        (b'[{"service_request_id": "1"', "requests.json", "JSON está dañado"),
    ],
)
def test_json_that_is_not_a_list_of_requests_is_refused(
    data: bytes, name: str, message: str
) -> None:
    assert message in unreadable(data, name)


# Files that cannot be read


def test_an_html_page_named_xls_is_refused_with_what_to_do() -> None:
    page = b"<html><head><meta charset='utf-8'></head><body><table><tr><td>Nombre</td></tr>"
    assert unreadable(page, "reporte.xls") == (
        "El archivo dice ser Excel pero es una página HTML: abrilo en Excel y guardalo como .xlsx."
    )
    assert "página HTML" in unreadable(b"\n<!DOCTYPE html><html></html>", "reporte.csv")


def test_an_empty_file() -> None:
    assert unreadable(b"", "vacio.xlsx") == "El archivo está vacío (0 bytes)."


def test_a_file_over_the_size_limit_says_its_size_and_the_limit() -> None:
    data = b"Ana;1\n" * 262_144  # 1.5 MB
    message = unreadable(data, "grande.csv", max_bytes=1024 * 1024)
    assert "pesa 1,5 MB" in message
    assert "máximo permitido es 1 MB" in message


def test_a_truncated_xlsx_is_damaged() -> None:
    data = xlsx({"Hoja1": rows_at(0, [["Nombre", "DNI"], ["Ana", 1]])})
    assert "dañado" in unreadable(data[: len(data) // 2], "cortado.xlsx")


def test_a_zip_without_a_spreadsheet_says_so() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("fotos/dni.jpg", b"\xff\xd8\xff")
    assert "no contiene una planilla" in unreadable(buffer.getvalue(), "adjuntos.zip")


def test_random_bytes_are_not_a_spreadsheet() -> None:
    noise = random.Random(12).randbytes(4096)
    assert "no es una planilla ni un texto" in unreadable(noise, "datos.xlsx")


def test_utf16_text_asks_for_utf8() -> None:
    data = "Nombre\tDNI\r\nAna\t1\r\n".encode("utf-16")
    assert "UTF-16" in unreadable(data, "texto unicode.txt")


def test_a_header_without_data_rows_and_a_blank_sheet() -> None:
    no_rows = "La planilla no tiene filas de datos debajo del encabezado."
    assert unreadable(b"Nombre;DNI\n\n;\n", "solo encabezado.csv") == no_rows
    assert unreadable(xlsx({"Hoja1": rows_at(0, [["Nombre", "DNI"]])}), "x.xlsx") == no_rows
    assert "vacía" in unreadable(xlsx({"Hoja1": [], "Hoja2": []}), "vacio.xlsx")
    assert "vacía" in unreadable(b" \r\n\r\n;;\r\n", "vacio.csv")


@pytest.mark.parametrize(
    "data",
    [
        compound_file([("EncryptionInfo", b"\x04\x00\x04\x00"), ("EncryptedPackage", b"x")]),
        xls([["Nombre", "DNI"], ["Ana", 1.0]], filepass=struct.pack("<3H", 1, 1, 1) + b"\x11" * 48),
        ods([["Nombre", "DNI"], ["Ana", 1.0]], manifest_extra="<manifest:encryption-data/>"),
    ],
    ids=["xlsx", "xls", "ods"],
)
def test_password_protected_workbooks_ask_to_remove_the_password(data: bytes) -> None:
    assert "protegido con contraseña" in unreadable(data, "clave.xlsx")


def test_an_office_file_that_is_not_a_workbook() -> None:
    document = compound_file([("WordDocument", b"\xec\xa5")])
    assert "no es una planilla de Excel" in unreadable(document, "nota.xls")


def test_a_file_that_makes_calamine_abort_is_reported_as_damaged_and_the_app_lives_on() -> None:
    """calamine 0.37 reserves memory for the shared-string count the file declares; at four
    billion Rust aborts the process. Parsed in a child process, it is only a damaged file."""
    original = xlsx({"Hoja1": rows_at(0, [["Nombre", "DNI"], ["Ana", "1"]])})
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/sharedStrings.xml":
                content = re.sub(
                    rb'(unique)?Count="\d+"', rb'\1Count="4294967295"', content, flags=re.IGNORECASE
                )
            target.writestr(member, content)
    assert "dañado" in unreadable(buffer.getvalue(), "bomba.xlsx")


def test_a_stray_value_far_from_the_table_is_explained() -> None:
    cells = [*rows_at(0, [["Nombre", "DNI"], ["Ana", 1]]), (199_999, 99, "x", None)]
    message = unreadable(xlsx({"Hoja1": cells}), "lejos.xlsx")
    assert "A1:CV200000" in message
    assert "dato suelto lejos de la tabla" in message


# Whatever the bytes, an answer


def assert_well_formed(source: SourceFile) -> None:
    """What the import pipeline relies on, whatever the file."""
    assert source.tables
    for table in source.tables:
        assert table.rows
        assert len(table.rows) == len(table.row_numbers)
        assert all(len(row) == len(table.headers) for row in table.rows)
        assert len({name.casefold() for name in table.headers}) == len(table.headers)
        assert all(name and name == name.strip() for name in table.headers)
        assert table.row_numbers == sorted(set(table.row_numbers))
        assert all(number > table.header_row for number in table.row_numbers)


def read_or_refuse(data: bytes, name: str) -> None:
    try:
        source = read_source(data, name)
    except UnreadableFile as error:
        assert str(error).endswith(".")
    else:
        assert_well_formed(source)


TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(';,\t"\r\n\x00 ')), st.characters(codec="utf-8"), st.just("á")
    ),
    max_size=300,
)
LONG_LINES = st.builds(
    lambda piece, times: piece * times,
    st.text(min_size=1, max_size=4),
    st.integers(min_value=1_000, max_value=40_000),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=2_000),
        TEXT.map(lambda text: text.encode("utf-8")),
        TEXT.map(lambda text: text.encode("cp1252", errors="ignore")),
        st.lists(TEXT, max_size=20).map(lambda lines: "\n".join(lines).encode("utf-8")),
        LONG_LINES.map(lambda text: text.encode("utf-8")),
    ),
    st.sampled_from(["a.csv", "a.txt", "a.xls", "a.xlsx", "a.json", "a"]),
)
def test_any_bytes_give_tables_or_a_sentence_for_the_clerk(data: bytes, name: str) -> None:
    read_or_refuse(data, name)


SAMPLES = {
    "xlsx": xlsx(
        {
            "Hoja1": [
                *rows_at(0, [["Nombre", "DNI"], ["Ana", 1], ["Luis", 2]]),
                (3, 0, datetime(2024, 1, 3), DATE),
            ]
        }
    ),
    "xls": xls([["Nombre", "Fecha"], ["Ana", date(2024, 1, 3)], ["Luis", 2.0]]),
    "ods": ods([["Nombre", "Fecha"], ["Ana", date(2024, 1, 3)], ["Luis", 2.0]]),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(SAMPLES)),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=6),
    st.one_of(st.none(), st.floats(0.05, 1)),
)
def test_damaged_workbooks_give_tables_or_a_sentence_for_the_clerk(
    kind: str, changes: list[tuple[int, int]], kept: float | None
) -> None:
    """Bytes changed past the signature, the file cut short, or both: what a bad download or
    disk does to a workbook, and what calamine has been seen to abort on."""
    data = bytearray(SAMPLES[kind])
    for offset, byte in changes:
        data[8 + offset % (len(data) - 8)] = byte
    if kept is not None:
        data = data[: max(1, int(kept * len(data)))]
    read_or_refuse(bytes(data), f"a.{kind}")


def test_the_uploader_refuses_what_the_reader_would_refuse() -> None:
    """Streamlit's upload limit (MB, .streamlit/config.toml) is the reader's own limit."""
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_BYTES
