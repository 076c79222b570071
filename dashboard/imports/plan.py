"""One import, from the file's bytes to what would happen: the core the page and the command
line share, so they cannot disagree about a sheet.

``plan_import`` reads the file, chooses the sheet (or every sheet with the same columns),
maps its columns (suggested from the headers, overridden by the clerk's ``Choices`` or a
saved mapping), normalises every row and counts what the base already holds; nothing is written.
``commands.import_sheet`` then writes what the plan says.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

import xlsxwriter
from sqlalchemy import Connection

from dashboard.domain import local_now
from dashboard.duplicates.probe import Incoming, probable_matches
from dashboard.imports import values
from dashboard.imports.fields import REQUIRED, VALUE_FIELDS, Field, suggest_mapping
from dashboard.imports.mappings import Columns, ValueMaps, as_json
from dashboard.imports.prepare import (
    UNCLASSIFIED,
    CaseRow,
    Catalogue,
    Prepared,
    prepare,
    value_matchers,
)
from dashboard.imports.progress import Progress, Stage, silent
from dashboard.imports.readers import SourceFile, Table, UnreadableFile, read_source
from dashboard.imports.write import already_imported
from queries.imports import matching_catalogue

#: The sheet choice meaning every sheet of the workbook, when they share their columns.
ALL_SHEETS = "*"
#: What the preview calls a case without a partido.
NO_PARTIDO = "sin partido"
#: Longest ``import_batches.sheet``.
SHEET_WIDTH = 120


@dataclass(frozen=True)
class Choices:
    """What the clerk chose for a file, on the page or the command line: one object from
    there to ``plan_source``, so that no layer drops or renames a choice on the way."""

    #: The sheet's name; the first sheet when None, every sheet alike when ``ALL_SHEETS``.
    sheet: str | None = None
    #: Header → field, over the suggested mapping (headers the sheet lacks are left out).
    columns: Columns = field(default_factory=dict)
    #: Field → folded sheet value → catalogue code (or status): the clerk's equivalences.
    value_maps: ValueMaps = field(default_factory=dict)


@dataclass(frozen=True)
class Unmapped:
    """A sheet value that matches no catalogue entry by itself."""

    key: str  # folded, as value maps keep it
    shown: str  # as the sheet first writes it
    rows: int


@dataclass(frozen=True)
class ImportPlan:
    """What importing one sheet (or several with the same columns) would do."""

    source: SourceFile
    #: The chosen sheet, or every sheet chosen as one table (its name lists them).
    table: Table
    tables: list[Table]
    columns: dict[str, Field | None]
    value_maps: dict[Field, dict[str, str]]
    prepared: Prepared
    catalogue: Catalogue
    #: Fingerprints of rows an earlier batch of the area already wrote (skipped on import).
    imported: frozenset[str] = frozenset()
    #: Rows to import that probably repeat a case of the base (``dashboard.duplicates``).
    probably_in_base: int = 0

    @property
    def already(self) -> int:
        return sum(row.fingerprint in self.imported for row in self.prepared.cases)

    @property
    def to_import(self) -> int:
        return len(self.prepared.cases) - self.already

    @property
    def sheet(self) -> str | None:
        """The sheet (or sheets) as the batch records it."""
        return self.table.sheet[:SHEET_WIDTH] or None

    @property
    def mapping(self) -> dict:
        """The mapping as the batch records it and a saved mapping keeps it."""
        return as_json(self.columns, self.value_maps)

    @property
    def movements(self) -> tuple[int, int]:
        """Movement lines read, and how many cases they belong to."""
        cases = sum(1 for row in self.prepared.cases if row.history)
        return self.prepared.movement_lines, cases

    @property
    def movements_already(self) -> int:
        """Movement lines of cases already imported: not applied again (an imported case's
        history is the hub's from then on)."""
        return sum(len(row.history) - 1 for row in self.prepared.cases
                   if row.history and row.fingerprint in self.imported)  # fmt: skip


def plan_import(
    connection: Connection,
    data: bytes,
    file_name: str,
    intake_department_id: int,
    choices: Choices = Choices(),
    *,
    progress: Progress = silent,
) -> ImportPlan:
    """Read ``data`` and prepare its rows for the intake area (see ``plan_source``)."""
    progress(0.0, Stage.READING)
    source = read_source(data, file_name)
    progress(1.0, Stage.READING)
    return plan_source(connection, source, intake_department_id, choices, progress=progress)


def plan_source(
    connection: Connection,
    source: SourceFile,
    intake_department_id: int,
    choices: Choices = Choices(),
    *,
    progress: Progress = silent,
) -> ImportPlan:
    """Prepare the rows of the sheet (or sheets) chosen, mapped and valued as ``choices``
    say. Raises ``UnreadableFile`` with a Spanish reason when the sheet does not exist or a
    required field has no column."""
    tables = chosen_tables(source, choices.sheet)
    table = joined(tables)
    mapping = suggest_mapping(table.headers)
    mapping.update((header, chosen) for header, chosen in choices.columns.items()
                   if header in mapping)  # fmt: skip
    missing = REQUIRED - {field for field in mapping.values() if field}
    if missing:
        names = ", ".join(sorted(field.value for field in missing))
        raise UnreadableFile(f"Ninguna columna trae {names}: indicá cuál es.")
    catalogue = load_catalogue(connection)
    maps = {field: dict(chosen) for field, chosen in choices.value_maps.items() if chosen}
    parts = []
    for done, one in enumerate(tables):
        progress(done / len(tables), Stage.CHECKING)
        parts.append((one.sheet if len(tables) > 1 else "", prepare(one, mapping, catalogue, maps)))
    prepared = _merged(parts)
    _warn_future(prepared, local_now())
    progress(0.95, Stage.CHECKING)
    fingerprints = [row.fingerprint for row in prepared.cases]
    imported = frozenset(already_imported(connection, intake_department_id, fingerprints))
    new = [_incoming(row) for row in prepared.cases if row.fingerprint not in imported]
    probable = len(probable_matches(connection, new))
    progress(1.0, Stage.CHECKING)
    return ImportPlan(source, table, tables, mapping, maps, prepared, catalogue, imported,
                      probable)  # fmt: skip


def _incoming(row: CaseRow) -> Incoming:
    return Incoming(row.dni, row.first_name, row.last_name, row.phone, row.address,
                    row.category, row.created_at)  # fmt: skip


def chosen_tables(source: SourceFile, sheet: str | None) -> list[Table]:
    """The sheet asked for (the first when None), or for ``ALL_SHEETS`` every sheet with
    the first one's columns."""
    if sheet is None:
        return source.tables[:1]
    if sheet == ALL_SHEETS:
        return sheets_alike(source)
    for table in source.tables:
        if table.sheet == sheet:
            return [table]
    names = ", ".join(f"«{table.sheet}»" for table in source.tables)
    raise UnreadableFile(f"La hoja «{sheet}» no está en el archivo; tiene {names}.")


def sheets_alike(source: SourceFile) -> list[Table]:
    """The sheets with the same columns as the first, in the workbook's order: a sheet per
    month imports as one, and a sheet of notes beside them is left out."""
    return [table for table in source.tables if table.headers == source.tables[0].headers]


def joined(tables: list[Table]) -> Table:
    """Tables with the same columns as one (their rows keep each sheet's own numbers)."""
    if len(tables) == 1:
        return tables[0]
    return Table(
        sheet=", ".join(table.sheet for table in tables), header_row=tables[0].header_row,
        headers=tables[0].headers, rows=[row for table in tables for row in table.rows],
        row_numbers=[number for table in tables for number in table.row_numbers],
    )  # fmt: skip


def load_catalogue(connection: Connection) -> Catalogue:
    frame = matching_catalogue(connection)

    def pairs(kind: str) -> list[tuple]:
        rows = frame[frame["kind"] == kind]
        return list(zip(rows["key"], rows["name"], strict=True))

    partidos = [(int(key), name) for key, name in pairs("partido")]
    return Catalogue(partidos, pairs("categoria"), pairs("area"), pairs("canal"))


def unmapped_values(
    table: Table, columns: Columns, catalogue: Catalogue
) -> dict[Field, list[Unmapped]]:
    """Each value field's sheet values that match nothing by themselves (catalogue name or
    code, accents and case aside, or a common synonym), most frequent first: the ones the
    clerk maps once, and a saved mapping remembers."""
    header_of = {chosen: header for header, chosen in columns.items() if chosen}
    matchers = value_matchers(catalogue, {})
    found: dict[Field, list[Unmapped]] = {}
    for value_field in VALUE_FIELDS:
        if header_of.get(value_field) not in table.headers:
            continue
        position = table.headers.index(header_of[value_field])
        counted: Counter[str] = Counter()
        shown: dict[str, str] = {}
        for written in map(_written, (row[position] for row in table.rows)):
            if written:
                key = values.fold(written)
                counted[key] += 1
                shown.setdefault(key, written)
        left = [Unmapped(key, shown[key], rows) for key, rows in counted.most_common()
                if not _matches(matchers[value_field], shown[key])]  # fmt: skip
        if left:
            found[value_field] = left
    return found


def totals(plan: ImportPlan) -> dict[str, list[tuple[str, int]]]:
    """Rows to import by month of intake, by category and by partido: a check that the file
    is the one meant, and that nothing landed in the wrong bucket."""
    categories = dict(plan.catalogue.categories) | {UNCLASSIFIED: "Sin clasificar"}
    partidos = dict(plan.catalogue.partidos)
    new = [row for row in plan.prepared.cases if row.fingerprint not in plan.imported]
    by_month = Counter(row.created_at.strftime("%Y-%m") for row in new)
    by_category = Counter(categories.get(row.category, row.category) for row in new)
    by_partido = Counter(partidos.get(row.partido_id, NO_PARTIDO) for row in new)
    return {
        "month": sorted(by_month.items()),
        "category": by_category.most_common(),
        "partido": by_partido.most_common(),
    }


def error_sheet(plan: ImportPlan) -> bytes:
    """The rows with errors as an .xlsx with the file's own columns (so it maps the same way
    when re-uploaded), each row as the file had it, then its row number and what to fix."""
    several = len(plan.tables) > 1
    cells = {(table.sheet if several else "", number): row for table in plan.tables
             for number, row in zip(table.row_numbers, table.rows, strict=True)}  # fmt: skip
    reasons: dict[tuple[str, int], list[str]] = {}
    for error in plan.prepared.errors:
        reasons.setdefault((error.sheet, error.row), []).append(
            f"{error.column}: {error.reason}" + (f" («{error.value}»)" if error.value else "")
        )
    output = io.BytesIO()
    with xlsxwriter.Workbook(output, {"in_memory": True}) as workbook:
        sheet = workbook.add_worksheet("Filas con errores")
        moment = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        header = [*plan.table.headers, "Fila original", "Errores a corregir"]
        sheet.write_row(0, 0, (["Hoja"] if several else []) + header)
        blank = [None] * len(plan.table.headers)
        for line, (key, found) in enumerate(reasons.items(), start=1):
            own = [*cells.get(key, blank), key[1], "; ".join(found)]
            for column, cell in enumerate(([key[0]] if several else []) + own):
                _write_cell(sheet, line, column, cell, moment)
    return output.getvalue()


def summary(plan: ImportPlan) -> list[str]:
    """The preview in a few Spanish lines, as the command line prints it."""
    prepared = plan.prepared
    warnings = Counter(warning for row in prepared.cases for warning in row.warnings)
    movements, moved = plan.movements
    lines = [
        f"Archivo: {plan.source.name} ({_described(plan.source)}), hoja "
        f"«{plan.table.sheet or '—'}», encabezado en la fila {plan.table.header_row}.",
        f"Filas a importar: {plan.to_import}",
        f"Filas con errores: {prepared.rows_with_errors}",
        f"Filas repetidas dentro del archivo: {len(prepared.repeated)}",
        f"Ya importadas antes: {plan.already}",
        f"{plan.probably_in_base} probablemente ya están en la base (posibles duplicados)",
        f"Líneas de movimiento: {movements} (de {moved} solicitudes)",
    ]
    if plan.movements_already:
        lines.append(f"  {plan.movements_already} son de solicitudes ya importadas: no se "
                     "vuelven a aplicar.")  # fmt: skip
    lines.append(f"Advertencias: {sum(warnings.values())}")
    lines += [f"  {count} × {warning}" for warning, count in warnings.most_common(10)]
    lines += [f"  {_where(e.sheet, e.row)}, columna «{e.column}», valor «{e.value}»: {e.reason}"
              for e in prepared.errors[:20]]  # fmt: skip
    for name, counted in zip(("mes", "categoría", "partido"), totals(plan).values(), strict=True):
        shown = ", ".join(f"{key} {count}" for key, count in counted[:8])
        more = f" y {len(counted) - 8} más" if len(counted) > 8 else ""
        lines.append(f"Por {name}: {shown or '—'}{more}")
    return lines


def _merged(parts: list[tuple[str, Prepared]]) -> Prepared:
    """Sheets prepared one by one as one file: a row repeating one of an earlier sheet is a
    repeated row too, and each error says its sheet."""
    if len(parts) == 1:
        return parts[0][1]
    merged = Prepared()
    first_row: dict[str, int] = {}
    for sheet, prepared in parts:
        merged.errors += [replace(error, sheet=sheet) for error in prepared.errors]
        merged.repeated += prepared.repeated
        for row in prepared.cases:
            if row.fingerprint in first_row:
                merged.repeated.append((row.row, first_row[row.fingerprint]))
            else:
                first_row[row.fingerprint] = row.row
                merged.cases.append(replace(row, sheet=sheet))
    return merged


def _warn_future(prepared: Prepared, now: datetime) -> None:
    """Dates after today are typing mistakes more often than not: said, not refused."""
    for row in prepared.cases:
        if row.created_at > now:
            row.warnings.append("fecha de ingreso en el futuro")
        if row.closed_at is not None and row.closed_at > now:
            row.warnings.append("fecha de cierre en el futuro")


def _written(cell) -> str | None:
    try:
        return values.text(cell)
    except values.BadValue:
        return str(cell)


def _matches(match, written: str) -> bool:
    try:
        match(written)
    except values.BadValue:
        return False
    return True


def _write_cell(sheet, line: int, column: int, cell, moment) -> None:
    if cell is None:
        return
    if isinstance(cell, date):
        sheet.write_datetime(line, column, cell, moment)
    elif isinstance(cell, bool | int | float):
        sheet.write(line, column, cell)
    else:
        sheet.write_string(line, column, cell.isoformat() if isinstance(cell, time) else str(cell))


def _where(sheet: str, row: int) -> str:
    return f"hoja «{sheet}», fila {row}" if sheet else f"fila {row}"


def _described(source: SourceFile) -> str:
    parts = [source.kind]
    if source.encoding:
        parts.append(f"codificación {source.encoding}")
    if source.separator:
        parts.append(
            f"separador {'tabulación' if source.separator == chr(9) else source.separator}"
        )
    return ", ".join(parts)
