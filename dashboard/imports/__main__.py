"""``python -m dashboard.imports FILE --area CODE``: preview, then import, one sheet (or
every sheet with the first one's columns, ``--all-sheets``).

Prints the same preview the page shows; without ``--dry-run`` it imports as the console's
administrator (audited under ``consola:<user>``). ``--mapping NAME`` reads the sheet with a
mapping the area saved on the page; ``--map`` and ``--value`` override it column by column
and value by value. Exit status 0 when it wrote or had nothing new, 2 when the file cannot be
read, the saved mapping does not exist or no row is valid, with a one-line Spanish reason.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from auth.roles import Actor
from dashboard.cli import Refused, refuse
from dashboard.commands import CommandError, import_sheet
from dashboard.db import build_engine
from dashboard.domain import Role
from dashboard.imports.fields import Field
from dashboard.imports.mappings import SavedMapping, find_mapping, load_mappings, merged_values
from dashboard.imports.plan import ALL_SHEETS, Choices, plan_import, summary
from dashboard.imports.progress import Progress, Stage
from dashboard.imports.readers import UnreadableFile
from dashboard.imports.values import fold
from dashboard.settings import database_url
from queries.imports import intake_areas

CONSOLE = Actor(f"consola:{getpass.getuser()}", Role.ADMIN)
STAGE_NAMES = {Stage.READING: "Leyendo el archivo…", Stage.CHECKING: "Revisando las filas…",
               Stage.WRITING: "Escribiendo las solicitudes…"}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    engine = build_engine(options.database_url or database_url(), statement_timeout_ms=None)
    try:
        return _run(engine, options)
    except (UnreadableFile, CommandError, ValueError) as refusal:
        return refuse("No se importó nada: ", refusal)
    finally:
        engine.dispose()


def _run(engine, options: argparse.Namespace) -> int:
    with engine.connect() as connection:
        areas = intake_areas(connection)
        area = areas[areas["code"] == options.area]
        if area.empty:
            raise ValueError(f"no existe el área de ingreso {options.area}")
        area_id = int(area["id"].iloc[0])
        saved = _saved(connection, area_id, options)
        choices = Choices(
            sheet=ALL_SHEETS if options.all_sheets else options.sheet,
            columns={**saved.columns, **_pairs(options.map, _field)},
            value_maps=merged_values(saved.values, _value_maps(options.value)),
        )
        plan = plan_import(connection, _read(options.file), Path(options.file).name, area_id,
                           choices, progress=_stages())  # fmt: skip
    print("\n".join(summary(plan)))
    if not plan.prepared.cases:
        raise Refused("ninguna fila es válida.")
    if options.dry_run:
        return 0
    outcome = import_sheet(engine, CONSOLE, area_id, plan.source, plan.sheet, plan.mapping,
                           plan.prepared, _stages())  # fmt: skip
    if outcome.batch_id is None:
        print("Nada nuevo: todas las filas válidas ya estaban importadas.")
    else:
        print(f"Importadas {outcome.imported} solicitudes (lote {outcome.batch_id}).")
    return 0


def _saved(connection, area_id: int, options: argparse.Namespace) -> SavedMapping:
    """The saved mapping asked for, or an empty one."""
    if options.mapping is None:
        return SavedMapping("", {})
    saved = find_mapping(load_mappings(connection, area_id), options.mapping)
    if saved is None:
        raise ValueError(f"el área {options.area} no tiene un mapeo guardado «{options.mapping}»")
    return saved


def _stages() -> Progress:
    """Each stage's name on the error stream once, as it starts."""
    started: set[Stage] = set()

    def told(share: float, stage: Stage) -> None:
        if stage not in started:
            started.add(stage)
            print(STAGE_NAMES[stage], file=sys.stderr)

    return told


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as problem:
        raise ValueError(f"no se puede leer {path}: {problem.strerror or problem}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard.imports", description=__doc__)
    parser.add_argument("file", help="planilla: .xlsx, .xls, .ods, .csv, .txt o requests.json")
    parser.add_argument("--area", required=True, help="código del área de ingreso (ING-MOD…)")
    sheets = parser.add_mutually_exclusive_group()
    sheets.add_argument("--sheet", help="hoja del libro (por omisión, la primera con datos)")
    sheets.add_argument(
        "--all-sheets", action="store_true", help="todas las hojas con las columnas de la primera"
    )
    parser.add_argument("--mapping", metavar="NOMBRE",
                        help="un mapeo guardado del área (desde la página); --map y --value "
                        "lo corrigen")  # fmt: skip
    parser.add_argument("--map", action="append", default=[], metavar="ENCABEZADO=CAMPO",
                        help=f"columna → campo ({', '.join(f.value for f in Field)})")  # fmt: skip
    parser.add_argument("--value", action="append", default=[], metavar="CAMPO:VALOR=CÓDIGO",
                        help="equivalencia de un valor de la planilla (category, status, "
                        "department, channel)")  # fmt: skip
    parser.add_argument("--dry-run", action="store_true", help="solo mostrar la vista previa")
    parser.add_argument("--database-url", help="por omisión, DATABASE_URL o la base de demo")
    return parser


def _pairs(items: list[str], convert) -> dict:
    pairs = {}
    for item in items:
        key, separator, value = item.partition("=")
        if not separator:
            raise ValueError(f"«{item}» no tiene la forma A=B")
        pairs[key.strip()] = convert(value.strip())
    return pairs


def _field(name: str) -> Field | None:
    if name in ("", "-", "ninguno"):
        return None
    try:
        return Field(name)
    except ValueError:
        raise ValueError(f"campo desconocido: {name}") from None


def _value_maps(items: list[str]) -> dict[Field, dict[str, str]]:
    maps: dict[Field, dict[str, str]] = {}
    for key, code in _pairs(items, str).items():
        field_name, separator, value = key.partition(":")
        if not separator:
            raise ValueError(f"«{key}» no tiene la forma CAMPO:VALOR")
        field = _field(field_name)
        if field is None:
            raise ValueError(f"campo desconocido: {field_name}")
        maps.setdefault(field, {})[fold(value)] = code
    return maps


if __name__ == "__main__":
    sys.exit(main())
