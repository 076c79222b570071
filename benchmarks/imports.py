"""Time a large sheet's preview and import against a database (it really imports: use a copy).

    python -m benchmarks.imports --database-url postgresql+psycopg://... [--rows 100000]

Writes an .xlsx of ``--rows`` rows in memory (the columns an intake area's sheet has, with
the base's own partidos, categories and departments, dates as text and as Excel dates, DNIs
turned into numbers), then times ``plan_import`` (read, map, normalise, look for rows
already imported) and ``commands.import_sheet`` once each, for the area ING-MOD.
"""

from __future__ import annotations

import argparse
import io
import random
import time
from datetime import datetime, timedelta

import xlsxwriter

from auth.roles import Actor
from dashboard.commands import import_sheet
from dashboard.db import build_engine, describe_url
from dashboard.domain import Role
from dashboard.imports.plan import load_catalogue, plan_import
from queries.imports import intake_areas

HEADERS = ["N°", "Fecha ingreso", "Hora", "Apellido y nombre", "DNI/CUIL", "Teléfono",
           "Localidad/Partido", "Tema", "Estado", "Derivado a", "Fecha cierre",
           "Observaciones"]  # fmt: skip
STATUSES = ["Abierto", "En trámite", "Pendiente", "Cerrado", "Resuelto"]


def workbook(rows: int, catalogue, seed: int = 7) -> bytes:
    """An intake area's sheet of ``rows`` rows, with a title row above the header."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Solicitudes")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, ["Planilla de ingresos – Área de Modernización"])
    sheet.write_row(2, 0, HEADERS)
    for index in range(rows):
        created = start + timedelta(minutes=rng.randrange(0, 300 * 24 * 60))
        closed = rng.random() < 0.6
        line = 3 + index
        sheet.write_row(line, 0, [f"MOD-{index + 1}"])
        if index % 2:
            sheet.write_datetime(line, 1, created.replace(hour=0, minute=0), date_format)
        else:
            sheet.write_string(line, 1, created.strftime("%d/%m/%Y"))
        sheet.write_row(line, 2, [
            created.strftime("%H:%M"), f"Apellido{rng.randrange(10_000)}, Nombre",
            float(10_000_000 + rng.randrange(40_000_000)),
            f"221 {rng.randrange(4_000_000, 7_000_000)}",
            rng.choice(catalogue.partidos)[1], rng.choice(catalogue.categories)[1],
            "Cerrado" if closed else rng.choice(STATUSES[:3]), rng.choice(catalogue.departments)[1],
            (created + timedelta(days=rng.randrange(0, 40))).strftime("%d/%m/%Y") if closed else "",
            "Pedido registrado en la planilla del área",
        ])  # fmt: skip
    book.close()
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rows", type=int, default=100_000)
    options = parser.parse_args(argv)
    engine = build_engine(options.database_url, statement_timeout_ms=None)
    with engine.connect() as connection:
        areas = intake_areas(connection)
        area_id = int(areas[areas["code"] == "ING-MOD"]["id"].iloc[0])
        data = workbook(options.rows, load_catalogue(connection))
        began = time.perf_counter()
        plan = plan_import(connection, data, "benchmark.xlsx", area_id)
        previewed = time.perf_counter() - began
    began = time.perf_counter()
    outcome = import_sheet(engine, Actor("benchmark", Role.ADMIN), area_id, plan.source,
                           plan.table.sheet, plan.mapping, plan.prepared)  # fmt: skip
    imported = time.perf_counter() - began
    print(f"Base: {describe_url(engine.url)}; planilla de {options.rows} filas "
          f"({len(data) / 1e6:.1f} MB)")  # fmt: skip
    print("| paso | segundos | filas |\n| --- | ---: | ---: |")
    print(
        f"| vista previa (leer, normalizar, buscar ya importadas y posibles duplicadas) | "
        f"{previewed:.1f} | "
        f"{len(plan.prepared.cases)} válidas, {plan.prepared.rows_with_errors} con errores |"
    )
    new = f"{outcome.imported:_}".replace("_", ".")  # 100.000, as the README writes it
    print(
        f"| importar (una transacción, con la búsqueda de duplicadas de las {new} nuevas) | "
        f"{imported:.1f} | {outcome.imported} |"
    )
    engine.dispose()


if __name__ == "__main__":
    main()
