"""Open data in Open311 GeoReport v2: what ``services.json`` and ``requests.json`` say, that
they follow the standard, that nothing personal leaves, and the command line around them.

Known cases of March 2026 on both databases; the command line on a SQLite file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from dashboard.db import build_engine
from dashboard.domain import EventKind, Status
from dashboard.migrate import upgrade
from dashboard.models import AuditEntry
from dashboard.open311.__main__ import main
from dashboard.open311.georeport import requests, services
from dashboard.open311.publish import export
from dashboard.settings import PROJECT_ROOT
from tests.builders import (
    World,
    add_case,
    add_citizen,
    add_event,
    case_code,
    close_case,
    small_world,
)
from tests.test_optional_partido_citizen import strip

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
SERVICE_FIELDS = {"service_code": str, "service_name": str, "description": str,
                  "metadata": bool, "type": str, "keywords": str, "group": str}  # fmt: skip
#: What GeoReport v2's ``GET requests`` answers for every request here, and its type.
REQUEST_FIELDS = {"service_request_id": str, "status": str, "status_notes": str,
                  "service_name": str, "service_code": str, "agency_responsible": str,
                  "requested_datetime": str, "updated_datetime": str,
                  "expected_datetime": str}  # fmt: skip
#: Rigoberta Quispe's personal data, none of which may appear in the open data.
PERSONAL = {"dni": "27888999", "first_name": "Rigoberta", "last_name": "Quispe",
            "phone": "+54 9 11 4444-1234", "email": "rquispe@example.org",
            "address": "Calle Falsa 123"}  # fmt: skip


def march_cases(engine: Engine) -> tuple[World, dict[str, str]]:
    """Six cases around March 2026; ``in_march`` ones are published, by their codes."""
    world = small_world(engine)
    quispe = add_citizen(engine, PERSONAL["dni"], PERSONAL["first_name"], PERSONAL["last_name"],
                         phone=PERSONAL["phone"], email=PERSONAL["email"],
                         address=PERSONAL["address"])  # fmt: skip
    ids = {
        "reassigned": add_case(engine, world, created_at=datetime(2026, 3, 2, 9, 30),
                               department=world.housing, citizen=quispe),
        "closed_late": add_case(engine, world, created_at=datetime(2026, 3, 31, 23, 59, 59),
                                category=world.storm, due_at=datetime(2026, 4, 3, 12)),
        "resolved": add_case(engine, world, created_at=datetime(2026, 3, 1),
                             municipality=world.tandil, status=Status.RESUELTA,
                             closed_at=datetime(2026, 3, 5)),
        "merged": add_case(engine, world, created_at=datetime(2026, 3, 10),
                           status=Status.DUPLICADA, closed_at=datetime(2026, 3, 11)),
        "void": add_case(engine, world, created_at=datetime(2026, 3, 12),
                         status=Status.ANULADA, closed_at=datetime(2026, 3, 12, 10)),
        "april": add_case(engine, world, created_at=datetime(2026, 4, 1)),
        "february": add_case(engine, world, created_at=datetime(2026, 2, 28, 23, 59)),
    }  # fmt: skip
    add_event(engine, ids["reassigned"], EventKind.REASSIGNED, datetime(2026, 3, 4, 15),
              from_department=world.food, to_department=world.housing,
              reason=f"Lo pidió {PERSONAL['first_name']} {PERSONAL['last_name']}")  # fmt: skip
    add_event(engine, ids["resolved"], EventKind.NOTE, datetime(2026, 3, 6, 10))
    strip(engine, ids["closed_late"], partido=True)
    codes = {name: case_code(engine, case_id) for name, case_id in ids.items()}
    close_case(engine, codes["closed_late"], datetime(2026, 4, 2, 8, 15), by_staff=world.juan)
    return world, codes


def test_every_category_is_one_realtime_service_of_its_group(engine: Engine) -> None:
    small_world(engine)
    with engine.connect() as connection:
        assert list(services(connection)) == [
            {
                "service_code": "inundacion",
                "service_name": "Inundación",
                "description": "Solicitudes de «Inundación» (grupo «Emergencias») al Ministerio "
                "de Desarrollo de la Comunidad de la Provincia de Buenos Aires.",
                "metadata": False,
                "type": "realtime",
                "keywords": "emergencias, inundación",
                "group": "Emergencias",
            },
            {
                "service_code": "temporal",
                "service_name": "Temporal",
                "description": "Solicitudes de «Temporal» (grupo «Emergencias») al Ministerio "
                "de Desarrollo de la Comunidad de la Provincia de Buenos Aires.",
                "metadata": False,
                "type": "realtime",
                "keywords": "emergencias, temporal",
                "group": "Emergencias",
            },
        ]


def test_requests_are_the_cases_created_in_the_days_but_merged_and_void_ones(
    engine: Engine,
) -> None:
    _, codes = march_cases(engine)
    with engine.connect() as connection:
        published = list(requests(connection, *MARCH))
    assert published == [
        {
            "service_request_id": codes["resolved"],
            "status": "closed",
            "status_notes": "Estado en el ministerio: resuelta.",
            "service_name": "Inundación",
            "service_code": "inundacion",
            "agency_responsible": "Asistencia Alimentaria",
            "requested_datetime": "2026-03-01T00:00:00-03:00",
            "updated_datetime": "2026-03-06T10:00:00-03:00",
            "expected_datetime": "2026-03-11T00:00:00-03:00",
            "address": "Tandil",
        },
        {
            "service_request_id": codes["reassigned"],
            "status": "open",
            "status_notes": "Estado en el ministerio: asignada.",
            "service_name": "Inundación",
            "service_code": "inundacion",
            "agency_responsible": "Hábitat y Vivienda",
            "requested_datetime": "2026-03-02T09:30:00-03:00",
            "updated_datetime": "2026-03-04T15:00:00-03:00",
            "expected_datetime": "2026-03-12T09:30:00-03:00",
            "address": "La Plata",
        },
        {
            "service_request_id": codes["closed_late"],
            "status": "closed",
            "status_notes": "Estado en el ministerio: cerrada.",
            "service_name": "Temporal",
            "service_code": "temporal",
            "agency_responsible": "Asistencia Alimentaria",
            "requested_datetime": "2026-03-31T23:59:59-03:00",
            "updated_datetime": "2026-04-02T08:15:00-03:00",
            "expected_datetime": "2026-04-03T12:00:00-03:00",
            "address": None,
        },
    ]


def test_pages_of_a_few_cases_give_every_case_once_even_when_they_share_the_moment(
    engine: Engine,
) -> None:
    world = small_world(engine)
    moments = [datetime(2026, 3, 3, 10)] * 5 + [datetime(2026, 3, 2), datetime(2026, 3, 9)]
    for moment in moments:
        add_case(engine, world, created_at=moment)
    with engine.connect() as connection:
        whole = [r["service_request_id"] for r in requests(connection, *MARCH)]
        paged = [r["service_request_id"] for r in requests(connection, *MARCH, chunk_size=2)]
    assert len(whole) == 7
    assert paged == whole


def test_the_files_follow_georeport_v2_and_carry_no_personal_data(
    engine: Engine, tmp_path: Path
) -> None:
    march_cases(engine)
    with engine.connect() as connection:
        published = export(connection, *MARCH, tmp_path)
    assert (published.services, published.requests) == (2, 3)
    written = {name: (tmp_path / name).read_text(encoding="utf-8")
               for name in ("services.json", "requests.json")}  # fmt: skip
    for service in json.loads(written["services.json"]):
        assert {key: type(value) for key, value in service.items()} == SERVICE_FIELDS
    for request in json.loads(written["requests.json"]):
        assert {k: type(v) for k, v in request.items() if k != "address"} == REQUEST_FIELDS
        assert request["status"] in ("open", "closed")
        assert request["address"] is None or isinstance(request["address"], str)
        for field in ("requested_datetime", "updated_datetime", "expected_datetime"):
            offset = datetime.fromisoformat(request[field]).utcoffset()
            assert offset == timedelta(hours=-3), (field, request[field])
    everything = "".join(written.values()).casefold()
    for what, value in {**PERSONAL, "surname Ana": "Pérez", "dni Ana": "30123456",
                        "phone Ana": "555-0101", "email Ana": "ana.perez@"}.items():  # fmt: skip
        assert value.casefold() not in everything, what


def url_of(path: Path) -> str:
    """A migrated SQLite file with the March cases, by URL."""
    url = f"sqlite:///{path}"
    engine = build_engine(url)
    upgrade(engine)
    march_cases(engine)
    engine.dispose()
    return url


def test_the_command_writes_both_files_says_so_and_logs_the_export(tmp_path: Path, capsys) -> None:
    url = url_of(tmp_path / "base.sqlite3")
    out = tmp_path / "publicar"
    argv = ["export", "--from", "2026-03-01", "--to", "2026-03-31", "--out", str(out)]
    assert main([*argv, "--database-url", url]) == 0
    assert capsys.readouterr().out == (
        "Escritos 2 servicios (services.json) y 3 solicitudes creadas del 01/03/2026 al "
        f"31/03/2026 (requests.json) en {out}.\n"
    )
    assert len(json.loads((out / "requests.json").read_text(encoding="utf-8"))) == 3
    assert sorted(path.name for path in out.iterdir()) == ["requests.json", "services.json"]
    engine = build_engine(url)
    with engine.connect() as connection:
        logged = connection.execute(select(AuditEntry.action, AuditEntry.target)).all()
    engine.dispose()
    assert logged == [("exportar", "open311")]


def test_one_day_with_one_case_is_said_in_the_singular(tmp_path: Path, capsys) -> None:
    url = url_of(tmp_path / "base.sqlite3")
    out = tmp_path / "dia"
    assert main(["export", "--from", "2026-03-02", "--to", "2026-03-02", "--out", str(out),
                 "--database-url", url]) == 0  # fmt: skip
    assert " y 1 solicitud creadas del 02/03/2026 al 02/03/2026 " in capsys.readouterr().out


@pytest.mark.parametrize(
    ("dates", "reason"),
    [
        (["2026-02-30", "2026-03-31"], "la fecha de --from «2026-02-30» no es válida: usá "
                                       "AAAA-MM-DD."),
        (["2026-03-01", "31/03/2026"], "la fecha de --to «31/03/2026» no es válida: usá "
                                       "AAAA-MM-DD."),
        (["2026-04-01", "2026-03-01"], "--from (2026-04-01) es posterior a --to (2026-03-01)."),
        (["2026-03-01", "9999-12-31"], "la fecha de --to «9999-12-31» está fuera del "
                                       "calendario."),
    ],
)  # fmt: skip
def test_dates_it_cannot_use_are_refused_in_one_spanish_line(
    tmp_path: Path, capsys, dates: list[str], reason: str
) -> None:
    url = url_of(tmp_path / "base.sqlite3")
    out = tmp_path / "nada"
    argv = ["export", "--from", dates[0], "--to", dates[1], "--out", str(out)]
    assert main([*argv, "--database-url", url]) == 2
    assert capsys.readouterr().err == f"No se exportó nada: {reason}\n"
    assert not out.exists()


def test_an_unreachable_database_is_refused_naming_it_without_its_password(
    tmp_path: Path, capsys
) -> None:
    target = "postgresql+psycopg://mdc:secreto@127.0.0.1:1/mdc"
    argv = ["export", "--from", "2026-03-01", "--to", "2026-03-31", "--out", str(tmp_path)]
    assert main([*argv, "--database-url", target]) == 2
    assert capsys.readouterr().err == (
        "No se exportó nada: no se puede conectar con la base "
        "postgresql+psycopg://mdc:***@127.0.0.1:1/mdc.\n"
    )


def test_the_module_runs_from_the_command_line() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "dashboard.open311", "export", "--from", "ayer", "--to", "hoy"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert finished.returncode == 2
    assert finished.stderr == (
        "No se exportó nada: la fecha de --from «ayer» no es válida: usá AAAA-MM-DD.\n"
    )
