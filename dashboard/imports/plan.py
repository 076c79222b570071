"""One import, from the file's bytes to what would happen: the core the page and the command
line share, so they cannot disagree about a sheet.

``plan_import`` reads the file, chooses the sheet, maps its columns (suggested from the
headers, overridden by the clerk), normalises every row and counts what the base already
holds; nothing is written. ``commands.import_sheet`` then writes what the plan says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection

from dashboard.imports.fields import REQUIRED, Field, suggest_mapping
from dashboard.imports.prepare import Catalogue, Prepared, prepare
from dashboard.imports.readers import SourceFile, Table, UnreadableFile, read_source
from dashboard.imports.write import already_imported
from queries.imports import matching_catalogue


@dataclass(frozen=True)
class ImportPlan:
    """What importing one sheet would do."""

    source: SourceFile
    table: Table
    columns: dict[str, Field | None]
    prepared: Prepared
    #: Rows an earlier batch of the area already wrote (skipped on import).
    already: int

    @property
    def to_import(self) -> int:
        return len(self.prepared.cases) - self.already

    @property
    def mapping(self) -> dict:
        """The mapping as the batch records it."""
        return {
            "columns": {header: field and field.value for header, field in self.columns.items()}
        }


def plan_import(
    connection: Connection,
    data: bytes,
    file_name: str,
    intake_department_id: int,
    *,
    sheet: str | None = None,
    columns: Mapping[str, Field | None] | None = None,
    value_maps: Mapping[Field, Mapping[str, str]] | None = None,
) -> ImportPlan:
    """Read ``data`` and prepare its rows for the intake area; ``columns`` overrides the
    suggested mapping header by header. Raises ``UnreadableFile`` with a Spanish reason when
    the file cannot be read, the sheet does not exist or a required field has no column."""
    source = read_source(data, file_name)
    table = _chosen_table(source, sheet)
    mapping = {**suggest_mapping(table.headers), **(columns or {})}
    missing = REQUIRED - {field for field in mapping.values() if field}
    if missing:
        names = ", ".join(sorted(field.value for field in missing))
        raise UnreadableFile(f"Ninguna columna trae {names}: indicá cuál es.")
    prepared = prepare(table, mapping, load_catalogue(connection), value_maps)
    fingerprints = [row.fingerprint for row in prepared.cases]
    already = len(already_imported(connection, intake_department_id, fingerprints))
    return ImportPlan(source, table, mapping, prepared, already)


def load_catalogue(connection: Connection) -> Catalogue:
    frame = matching_catalogue(connection)

    def pairs(kind: str) -> list[tuple]:
        rows = frame[frame["kind"] == kind]
        return list(zip(rows["key"], rows["name"], strict=True))

    partidos = [(int(key), name) for key, name in pairs("partido")]
    return Catalogue(partidos, pairs("categoria"), pairs("area"), pairs("canal"))


def summary(plan: ImportPlan) -> list[str]:
    """The preview in a few Spanish lines, as the command line prints it."""
    prepared = plan.prepared
    warnings = Counter(warning for row in prepared.cases for warning in row.warnings)
    lines = [
        f"Archivo: {plan.source.name} ({_described(plan.source)}), hoja "
        f"«{plan.table.sheet or '—'}», encabezado en la fila {plan.table.header_row}.",
        f"Filas a importar: {plan.to_import}",
        f"Filas con errores: {prepared.rows_with_errors}",
        f"Filas repetidas dentro del archivo: {len(prepared.repeated)}",
        f"Ya importadas antes: {plan.already}",
        f"Advertencias: {sum(warnings.values())}",
    ]
    lines += [f"  {count} × {warning}" for warning, count in warnings.most_common(10)]
    lines += [f"  fila {e.row}, columna «{e.column}», valor «{e.value}»: {e.reason}"
              for e in prepared.errors[:20]]  # fmt: skip
    return lines


def _chosen_table(source: SourceFile, sheet: str | None) -> Table:
    if sheet is None:
        return source.tables[0]
    for table in source.tables:
        if table.sheet == sheet:
            return table
    names = ", ".join(f"«{table.sheet}»" for table in source.tables)
    raise UnreadableFile(f"La hoja «{sheet}» no está en el archivo; tiene {names}.")


def _described(source: SourceFile) -> str:
    parts = [source.kind]
    if source.encoding:
        parts.append(f"codificación {source.encoding}")
    if source.separator:
        parts.append(
            f"separador {'tabulación' if source.separator == chr(9) else source.separator}"
        )
    return ", ".join(parts)
