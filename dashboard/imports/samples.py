"""Sample sheets of the three intake areas, so that a newcomer can try an import at once.

Real sheets hold citizens' personal data and never leave the ministry, so the demo makes its
own from the embedded demo database: ``write_samples`` reads its catalogue and a few hundred of
its cases, and writes one file per intake area shaped like that area's own (columns, order,
format, encoding, habits), with the mess real sheets have and a few rows spoilt on purpose to
show each kind of problem the import reports. About one row in ten is a request the base
already holds from another door, logged again a few days apart, and some requests are in two
of the sheets: the pairs the duplicates feature has to find. The same database and seed give
the same files, byte for byte. Nothing here knows about Streamlit.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from itertools import combinations
from pathlib import Path

import xlsxwriter
from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import aliased
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from dashboard.domain import OPEN_STATUSES, DepartmentKind, Status
from dashboard.models import Case, Category, Citizen, Department, Municipality

MODERNIZACION, GABINETE, DESPACHO = "ING-MOD", "ING-GAB", "ING-DES"
FILE_NAMES = {
    MODERNIZACION: "modernizacion.csv",
    GABINETE: "coordinacion_gabinete.xlsx",
    DESPACHO: "mesa_de_entradas.csv",
}
#: Rows of each area's sheet (the cabinet's two month sheets together), spoilt ones included.
ROWS = {MODERNIZACION: 150, GABINETE: 130, DESPACHO: 100}
#: Share of each sheet's rows that are a request the base holds from another door.
OVERLAP_SHARE = 0.10
#: Requests logged by both areas of each pair of intake areas.
SHARED_PER_PAIR = 4
#: Share of the new requests whose topic is a label of the area's own, not in the catalogue.
UNCATALOGUED_SHARE = 0.04
#: Cases of the period read from the base: the models for the rows, and the earlier loggings.
SAMPLED_CASES = 400
#: The sheets were saved this long after their period: what closed later is open in them.
SAVED_AFTER = timedelta(days=3)
#: The cabinet's workbook: a sheet per month of the period, the newest first.
GABINETE_SHEETS = (("Abril", 4), ("Marzo", 3))

_SHUFFLE_PRIME = 1_000_003
_NEW_DNIS = (20_000_000, 46_000_000)
_OLD_DNIS = (4_000_000, 10_000_000)  # people born before the mid-1960s
_OLD_SHARE = 0.08
_EMAIL_DOMAINS = ("gmail.com", "hotmail.com", "yahoo.com.ar", "outlook.com")
#: Area codes of some interior partidos; the conurbano dials 11.
_AREA_CODES = {
    "La Plata": "221", "General Pueyrredón": "223", "Bahía Blanca": "291", "Tandil": "249",
    "Olavarría": "2284", "Junín": "236", "Pergamino": "2477", "Bolívar": "2314",
    "Chivilcoy": "2346", "Azul": "2281",
}  # fmt: skip
_TITLES = {"General": "Gral.", "Coronel": "Cnel.", "Teniente": "Tte.", "Almirante": "Alte.",
           "Presidente": "Pte.", "Capitan": "Cap."}  # fmt: skip
_ACCENTS = str.maketrans("áéíóúüÁÉÍÓÚÜ", "aeiouuAEIOUU")
_UNCATALOGUED = ("Voladura de techo", "Pedido de colchones", "Chapas", "Garrafa social",
                 "Audiencia con el ministro")  # fmt: skip
#: What clerks write about a request, by category group (the catalogue's group codes).
_DESCRIPTIONS = {
    "alimentacion": ("Pide módulo alimentario, son seis en la casa",
                     "Quiere anotarse en el comedor del barrio",
                     "No le llegó la carga de la tarjeta"),
    "habitat": ("Se le llueve el techo, pide materiales", "Pide chapas y tirantes",
                "Sin agua desde hace una semana"),
    "emergencias": ("Se le inundó la casa, perdió colchones y ropa",
                    "El temporal le voló parte del techo", "Pide frazadas por el frío"),
    "subsidios": ("No cobró este mes", "Quiere saber cómo anotarse en el programa",
                  "Pide un subsidio para el emprendimiento"),
    "discapacidad": ("Pide silla de ruedas para el hijo", "Necesita turno para el CUD",
                     "Pide traslado a rehabilitación"),
    "ninez": ("Pide vacante en el CDI del barrio", "Situación familiar delicada, pide "
              "intervención", "Pide acompañamiento para la familia"),
    "genero": ("Pide acompañamiento, situación de violencia", "Pide que la llamen, ahora no "
               "puede hablar", "Consulta por el programa de diversidad"),
    "documentacion": ("Necesita la partida de nacimiento para el DNI",
                      "Consulta por la jubilación", "Pide asesoramiento por un desalojo"),
    "adultos": ("Adulta mayor sola, pide asistencia", "Busca lugar en un hogar",
                "Consulta por los talleres para jóvenes"),
}  # fmt: skip
#: For the group "otros", and any group the catalogue gains later.
_GENERIC_DESCRIPTIONS = ("Consulta general", "Se queja de la atención en la delegación",
                         "Nota de la sociedad de fomento")  # fmt: skip
_DESCRIBED_SHARE = 0.7

#: A sheet row by header, before it is written.
Row = dict[str, object]


@dataclass(frozen=True)
class _Person:
    dni: str
    first_name: str
    last_name: str
    email: str | None
    address: str | None

    @property
    def female(self) -> bool:
        """A guess from the first name, enough to choose a CUIL's prefix."""
        return self.first_name.split(" ")[0].endswith("a")


@dataclass(frozen=True)
class _Case:
    """A sampled case of the base: a model for a new row, or a request to log again."""

    created_at: datetime
    intake: str
    status: Status
    closed_at: datetime | None
    person: _Person
    partido: str
    conurbano: bool
    category: str  # the catalogue's name
    group: str  # the category group's code
    department: str | None  # the internal department handling it, by name


@dataclass(frozen=True)
class _Request:
    """One request as an area logged it, before a sheet writes it its own way."""

    person: _Person
    created_at: datetime
    partido: str
    phone: tuple[str, str]  # area code, subscriber number
    category: str
    group: str
    status: Status
    closed_at: datetime | None
    department: str | None
    description: str | None
    #: No other logging of it exists (in the base or in another sheet): its row may be spoilt
    #: on purpose, or given a label of the area's own, without losing a duplicate pair.
    fresh: bool


@dataclass(frozen=True)
class _Demo:
    """What the samples are made of, read from the base once."""

    start: datetime  # the period is [start, end): March and April of one year
    end: datetime
    cases: list[_Case]
    categories: dict[str, list[str]]  # group code → names of its categories
    new_dnis: list[str]  # DNIs no citizen of the base has


#: A change planted in a row: the cells it rewrites, given the row's request.
Change = Callable[[_Request], Row]


def write_samples(engine: Engine, directory: Path, *, seed: int) -> list[Path]:
    """Write the three areas' sample sheets and a README.txt into ``directory`` (created if
    missing, its files replaced); returns the paths written."""
    rng = random.Random(seed)
    with engine.connect() as connection:
        demo = _read_demo(connection, rng)
    requests = _requests(demo, rng)
    contents = {
        FILE_NAMES[MODERNIZACION]: _modernizacion(requests[MODERNIZACION], rng),
        FILE_NAMES[GABINETE]: _gabinete(requests[GABINETE], rng, demo.start.year),
        FILE_NAMES[DESPACHO]: _despacho(requests[DESPACHO], rng, demo.start.year),
        "README.txt": _readme(demo, requests).encode(),
    }
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        (directory / name).write_bytes(data)
    return [directory / name for name in contents]


# Reading the base


def _read_demo(connection: Connection, rng: random.Random) -> _Demo:
    start, end = _period(connection)
    cases = _sampled_cases(connection, start, end, rng)
    if not cases:
        raise ValueError(f"la base no tiene solicitudes de marzo y abril de {start.year}")
    people = sum(ROWS.values())
    return _Demo(start, end, cases, _categories(connection), _new_dnis(connection, rng, people))


def _period(connection: Connection) -> tuple[datetime, datetime]:
    """March and April of the latest year whose April the base has seen end: two months of
    sheets, the cabinet's in a sheet per month."""
    newest = connection.execute(select(func.max(Case.created_at))).scalar_one()
    year = newest.year if newest >= datetime(newest.year, 5, 1) else newest.year - 1
    return datetime(year, 3, 1), datetime(year, 5, 1)


def _sampled_cases(
    connection: Connection, start: datetime, end: datetime, rng: random.Random
) -> list[_Case]:
    """A few hundred of the period's cases, spread over it: the database orders them by a
    seeded permutation of their ids and returns the first ones, so nothing else is read.
    Voided and merged cases are left out: nobody logs those again."""
    group, intake, department = aliased(Category), aliased(Department), aliased(Department)
    factor, offset = rng.randrange(1, _SHUFFLE_PRIME), rng.randrange(_SHUFFLE_PRIME)
    shuffled = (Case.id * factor + offset) % _SHUFFLE_PRIME
    query = (
        select(Case.created_at, intake.code.label("intake"), Case.status, Case.closed_at,
               Citizen.dni, Citizen.first_name, Citizen.last_name, Citizen.email,
               Citizen.address, Municipality.name.label("partido"), Municipality.zone,
               Category.name.label("category"), group.code.label("group"),
               department.name.label("department"), department.kind)
        .join(Citizen, Citizen.id == Case.citizen_id)
        .join(intake, intake.id == Case.intake_department_id)
        .join(department, department.id == Case.department_id)
        .join(Municipality, Municipality.id == Case.municipality_id)
        .join(Category, Category.id == Case.category_id)
        .join(group, group.id == Category.parent_id)
        .where(Case.created_at >= start, Case.created_at < end,
               Case.status.not_in((Status.ANULADA, Status.DUPLICADA)))
        .order_by(shuffled, Case.id)
        .limit(SAMPLED_CASES)
    )  # fmt: skip
    return [_case(row) for row in connection.execute(query)]


def _case(row) -> _Case:
    person = _Person(row.dni, row.first_name, row.last_name, row.email, row.address)
    internal = row.kind == DepartmentKind.INTERNAL
    return _Case(
        created_at=row.created_at, intake=row.intake, status=Status(row.status),
        closed_at=row.closed_at, person=person, partido=row.partido,
        conurbano=row.zone == "conurbano", category=row.category, group=row.group,
        department=row.department if internal else None,
    )  # fmt: skip


def _categories(connection: Connection) -> dict[str, list[str]]:
    group = aliased(Category)
    query = (
        select(group.code, Category.name)
        .join(group, group.id == Category.parent_id)
        .order_by(Category.id)
    )
    categories: dict[str, list[str]] = {}
    for group_code, name in connection.execute(query):
        categories.setdefault(group_code, []).append(name)
    return categories


def _new_dnis(connection: Connection, rng: random.Random, count: int) -> list[str]:
    """``count`` DNIs no citizen of the base has, so a new request is nobody's duplicate."""
    drawn = list(dict.fromkeys(
        str(rng.randrange(*(_OLD_DNIS if rng.random() < _OLD_SHARE else _NEW_DNIS)))
        for _ in range(2 * count)
    ))  # fmt: skip
    taken = set(connection.execute(select(Citizen.dni).where(Citizen.dni.in_(drawn))).scalars())
    return [dni for dni in drawn if dni not in taken][:count]


# The requests each area logged


def _requests(demo: _Demo, rng: random.Random) -> dict[str, list[_Request]]:
    """Each area's requests in date order: about a tenth are cases another door brought to
    the base, logged again; some are logged by two areas; the rest are new."""
    requests = _logged_again(demo, rng)
    people = _new_people(demo, rng)
    for first, second in combinations(ROWS, 2):
        for _ in range(SHARED_PER_PAIR):
            request = replace(_new_request(demo, next(people), rng), fresh=False)
            requests[first].append(request)
            requests[second].append(_also_logged(request, demo, rng))
    for area, rows in ROWS.items():
        missing = rows - len(requests[area])
        requests[area] += [_new_request(demo, next(people), rng) for _ in range(missing)]
        requests[area].sort(key=lambda request: request.created_at)
    return requests


def _logged_again(demo: _Demo, rng: random.Random) -> dict[str, list[_Request]]:
    """For each area, sampled cases that came in through another door, as the area logged the
    same request of the same citizen a few days apart (each case logged again once)."""
    pool = list(demo.cases)
    rng.shuffle(pool)
    requests = {}
    for area, rows in ROWS.items():
        chosen = [case for case in pool if case.intake != area][: round(rows * OVERLAP_SHARE)]
        pool = [case for case in pool if case not in chosen]
        requests[area] = [_again(case, demo, rng) for case in chosen]
    return requests


def _again(case: _Case, demo: _Demo, rng: random.Random) -> _Request:
    """The same request of the same citizen, logged up to three days apart; one clerk in
    three files it under a category of the same group of her own choosing."""
    created = _near(case.created_at, rng.randint(-3, 3), demo, rng)
    category = case.category if rng.random() < 2 / 3 else rng.choice(demo.categories[case.group])
    return _request(case, case.person, created, category, rng, demo, fresh=False)


def _new_request(demo: _Demo, person: _Person, rng: random.Random) -> _Request:
    """A request of a citizen the base does not know, modelled on a sampled case (its day,
    partido, category and fate), so the sheets follow the base's rhythm and geography."""
    model = rng.choice(demo.cases)
    created = _near(model.created_at, rng.randint(-1, 1), demo, rng)
    return _request(model, person, created, model.category, rng, demo, fresh=True)


def _also_logged(request: _Request, demo: _Demo, rng: random.Random) -> _Request:
    """The same request as a second area logged it, up to two days later."""
    created = _near(request.created_at, rng.randint(0, 2), demo, rng)
    closed_at = request.closed_at and max(request.closed_at, created)
    description = _description(request.group, rng)
    return replace(request, created_at=created, closed_at=closed_at, description=description)


def _request(model: _Case, person: _Person, created: datetime, category: str,
             rng: random.Random, demo: _Demo, *, fresh: bool) -> _Request:  # fmt: skip
    status, closed_at = _as_saved(model, created - model.created_at, demo.end + SAVED_AFTER)
    return _Request(
        person=person, created_at=created, partido=model.partido, phone=_phone(model, rng),
        category=category, group=model.group, status=status, closed_at=closed_at,
        department=model.department if status != Status.NUEVA else None,
        description=_description(model.group, rng), fresh=fresh,
    )  # fmt: skip


def _near(moment: datetime, days: int, demo: _Demo, rng: random.Random) -> datetime:
    """A moment in office hours ``days`` away from ``moment``, or as many the other way when
    that would leave the period."""
    day = moment.date() + timedelta(days=days)
    if not demo.start.date() <= day < demo.end.date():
        day = moment.date() - timedelta(days=days)
    return datetime.combine(day, time(rng.randint(8, 16), rng.randrange(60)))


def _as_saved(case: _Case, shift: timedelta, saved: datetime) -> tuple[Status, datetime | None]:
    """The status and closing of ``case`` moved by ``shift``, as a sheet saved at ``saved``
    shows them: a case that closed later was still being handled then."""
    closed_at = case.closed_at and case.closed_at + shift
    if closed_at is not None and closed_at <= saved:
        return case.status, closed_at
    return (case.status if case.status in OPEN_STATUSES else Status.EN_CURSO), None


def _new_people(demo: _Demo, rng: random.Random) -> Iterator[_Person]:
    """Citizens the base does not know, with the sampled citizens' names and streets mixed."""
    firsts = sorted({case.person.first_name for case in demo.cases})
    lasts = sorted({case.person.last_name for case in demo.cases})
    streets = sorted({case.person.address.rsplit(" ", 1)[0]
                      for case in demo.cases if case.person.address})  # fmt: skip
    for dni in demo.new_dnis:
        first, last = rng.choice(firsts), rng.choice(lasts)
        email = _email(first, last, rng) if rng.random() < 0.55 else None
        yield _Person(dni, first, last, email, f"{rng.choice(streets)} {rng.randint(10, 4999)}")


def _email(first: str, last: str, rng: random.Random) -> str:
    name = f"{first.split()[0]}.{last}".translate(_ACCENTS).lower().replace("ñ", "n")
    local = "".join(char for char in name if char.isascii() and (char.isalnum() or char == "."))
    return f"{local}{rng.randint(1, 999)}@{rng.choice(_EMAIL_DOMAINS)}"


def _phone(case: _Case, rng: random.Random) -> tuple[str, str]:
    """A number with the partido's area code (another interior one when it is not listed):
    subscriber numbers starting with 4 exist in every area's numbering plan, so the import's
    check accepts them."""
    interior = rng.choice(tuple(_AREA_CODES.values()))
    area = _AREA_CODES.get(case.partido) or ("11" if case.conurbano else interior)
    digits = "".join(str(rng.randrange(10)) for _ in range(10 - len(area) - 1))
    return area, f"4{digits}"


def _description(group: str, rng: random.Random) -> str | None:
    if rng.random() >= _DESCRIBED_SHARE:
        return None
    return rng.choice(_DESCRIPTIONS.get(group, _GENERIC_DESCRIPTIONS))


# How each area writes things


def _unaccented(text: str) -> str:
    """As typed by someone who skips the accents (but not the ñ)."""
    return text.translate(_ACCENTS)


def _abbreviated(name: str) -> str:
    """A partido with its title abbreviated: "Gral. Pueyrredon", "Cnel. Suarez"."""
    return " ".join(_TITLES.get(word, word) for word in name.split())


def _dotted(dni: str) -> str:
    return f"{int(dni):,}".replace(",", ".")


def _cuil(person: _Person) -> str:
    """The person's CUIL as AFIP assigns it: prefix 27 (women) or 20 (men), the DNI in eight
    digits and a modulo-11 check digit; when that digit would be 10 the prefix becomes 23."""
    body = f"{27 if person.female else 20}{int(person.dni):08d}"
    if _check_digit(body) == 10:
        body = f"23{body[2:]}"
    return f"{body[:2]}-{body[2:]}-{_check_digit(body)}"


def _check_digit(first_ten: str) -> int:
    weighted = sum(w * int(d) for w, d in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), first_ten,
                                              strict=True))  # fmt: skip
    return (11 - weighted % 11) % 11


def _wrong_cuil(person: _Person) -> str:
    """The person's CUIL with its last digit mistyped."""
    cuil = _cuil(person)
    return f"{cuil[:-1]}{(int(cuil[-1]) + 1) % 10}"


def _phone_typed(phone: tuple[str, str], rng: random.Random) -> str:
    area, number = phone
    head, tail = number[:-4], number[-4:]
    return rng.choice((f"(0{area}) 15-{head}-{tail}", f"0{area}-{number}", f"{area} {head}-{tail}",
                       f"+54 9 {area} {head}-{tail}", f"0{area} 15 {number}"))  # fmt: skip


def _topic(request: _Request, rng: random.Random) -> str:
    """The catalogue's category, or now and then a label of the area's own."""
    if request.fresh and rng.random() < UNCATALOGUED_SHARE:
        return rng.choice(_UNCATALOGUED)
    return request.category


def _plant(rows: list[Row], requests: list[_Request], changes: list[Change],
           rng: random.Random) -> set[int]:  # fmt: skip
    """Apply each change to its own row, among the fresh requests' rows; returns which."""
    chosen = rng.sample([i for i, request in enumerate(requests) if request.fresh], len(changes))
    for index, change in zip(chosen, changes, strict=True):
        rows[index].update(change(requests[index]))
    return set(chosen)


def _csv(header: list[str], rows: list[Row], separator: str, quoting: int) -> str:
    output = io.StringIO()
    writer = csv.writer(output, delimiter=separator, lineterminator="\r\n", quoting=quoting)
    writer.writerow(header)
    writer.writerows([row.get(column, "") for column in header] for row in rows)
    return output.getvalue()


# Área de Modernización: CSV as Excel in Spanish saves it


MODERNIZACION_HEADER = ["N°", "Fecha ingreso", "Hora", "Apellido y nombre", "DNI/CUIL", "Tel.",
                        "Localidad/Partido", "Tema", "Estado", "Derivado a", "Fecha cierre",
                        "Observaciones"]  # fmt: skip
_MODERNIZACION_STATUS = {
    Status.NUEVA: ("Pendiente", ""), Status.ASIGNADA: ("En trámite",),
    Status.EN_CURSO: ("En trámite", "Pendiente"), Status.DERIVADA: ("Derivado",),
    Status.EN_ESPERA: ("En espera",), Status.RESUELTA: ("Resuelto", "Cerrado"),
    Status.CERRADA: ("Cerrado",),
}  # fmt: skip
#: Requests of the Modernización sheet followed by a line per referral under their own row.
FOLLOWED = 8
#: Rows spoilt on purpose (each names the problem the import must report), then two rows
#: whose notes a CSV has to quote.
_MODERNIZACION_CHANGES: list[Change] = [
    lambda request: {"Fecha ingreso": f"31/02/{request.created_at.year}"},
    lambda request: {"DNI/CUIL": f"{request.person.dni[:2]}.{request.person.dni[2:5]}"},
    lambda request: {"Localidad/Partido": "CABA"},
    lambda request: {"Observaciones": "Vino con la vecina; pide que la llamen a la tarde"},
    lambda request: {"Observaciones": "Pide turno para la semana que viene.\nVolver a llamar "
                     "el lunes"},
]  # fmt: skip


def _modernizacion(requests: list[_Request], rng: random.Random) -> bytes:
    """Semicolon-separated Windows-1252, a row counter, one row pasted twice, some requests
    followed by their referrals. Characters that code page lacks become "?", as Excel itself
    writes them."""
    rows = [_modernizacion_row(request, rng) for request in requests]
    planted = _plant(rows, requests, _MODERNIZACION_CHANGES, rng)
    for number, row in enumerate(rows, start=1):
        row["N°"] = str(number)
    followed = [(rows[i], requests[i]) for i in _followed(requests, planted)]
    pasted = rng.choice([i for i in range(len(rows)) if i not in planted])
    rows.insert(pasted + rng.randint(1, 4), dict(rows[pasted]))
    _movement_lines(rows, followed, sorted({r.department for r in requests if r.department}))
    text = _csv(MODERNIZACION_HEADER, rows, ";", csv.QUOTE_MINIMAL)
    return text.encode("cp1252", errors="replace")


def _followed(requests: list[_Request], planted: set[int]) -> list[int]:
    """Open requests handled by a department, some of which the area followed from desk to
    desk. Drawn with a generator of their own, so the other sheets stay as they were."""
    rng = random.Random(f"movimientos:{len(requests)}:{requests[0].created_at}")
    handled = [index for index, request in enumerate(requests)
               if request.fresh and index not in planted and request.department
               and request.status in OPEN_STATUSES and request.status != Status.NUEVA]  # fmt: skip
    return sorted(rng.sample(handled, min(FOLLOWED, len(handled))))


def _movement_lines(rows: list[Row], followed: list[tuple[Row, _Request]],
                    departments: list[str]) -> None:  # fmt: skip
    """Under each followed request's row, a line per referral with no N°: its date and
    hour, where it went, "Derivado", a note; the rest of the line blank, as clerks leave it."""
    rng = random.Random(f"pases:{len(rows)}:{len(departments)}")
    for row, request in followed:
        position = next(index for index, other in enumerate(rows) if other is row)
        at, department = request.created_at, request.department
        lines = []
        for _ in range(rng.randint(1, 2)):
            at += timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 3))
            department = rng.choice([name for name in departments if name != department])
            lines.append({"Fecha ingreso": f"{at:%d/%m/%Y}", "Hora": f"{at:%H:%M}",
                          "Derivado a": department, "Estado": "Derivado",
                          "Observaciones": f"Pase a {department}"})  # fmt: skip
        rows[position + 1 : position + 1] = lines


def _modernizacion_row(request: _Request, rng: random.Random) -> Row:
    created, person = request.created_at, request.person
    return {
        "Fecha ingreso": rng.choices((f"{created:%d/%m/%Y}",
                                      f"{created.day}/{created.month}/{created:%y}"),
                                     weights=(4, 1))[0],
        "Hora": rng.choices((f"{created:%H:%M}", "00:00", ""), weights=(8, 1, 1))[0],
        "Apellido y nombre": rng.choice((f"{person.last_name}, {person.first_name}",
                                         f"{person.last_name.upper()} {person.first_name}")),
        "DNI/CUIL": rng.choices((_dotted(person.dni), person.dni, _cuil(person)),
                                weights=(13, 3, 4))[0],
        "Tel.": rng.choices((_phone_typed(request.phone, rng), "", "-", "s/d"),
                            weights=(15, 2, 2, 1))[0],
        "Localidad/Partido": _partido_typed(request.partido, rng),
        "Tema": _typed(_topic(request, rng), rng),
        "Estado": rng.choice(_MODERNIZACION_STATUS[request.status]),
        "Derivado a": _referred_to(request, rng),
        "Fecha cierre": f"{request.closed_at:%d/%m/%Y}" if request.closed_at else "",
        "Observaciones": request.description or rng.choice(("", "-", "s/d")),
    }  # fmt: skip


def _partido_typed(name: str, rng: random.Random) -> str:
    """As the catalogue writes it, without accents, with its title abbreviated, or all in
    lower case: "General Pueyrredón", "Gral. Pueyrredon", "tres de febrero"."""
    plain = _unaccented(name)
    return rng.choices((name, plain, _abbreviated(plain), plain.lower()), weights=(4, 3, 2, 1))[0]


def _typed(label: str, rng: random.Random) -> str:
    """A label as a hurried clerk types it."""
    return rng.choices((label, _unaccented(label), label.lower()), weights=(7, 2, 1))[0]


def _referred_to(request: _Request, rng: random.Random) -> str:
    """The department by its name, now and then without its "Dirección de" (which the
    catalogue does not know)."""
    if request.department is None:
        return rng.choice(("", "-"))
    short = request.department.removeprefix("Dirección de ").removeprefix("Dirección ")
    return rng.choices((request.department, short), weights=(6, 1))[0]


# Coordinación de Gabinete: a workbook with a sheet per month


GABINETE_HEADER = ["fecha_de_alta", "nombre", "apellido", "documento", "mail", "domicilio",
                   "municipio", "motivo", "observaciones", "situacion"]  # fmt: skip
_GABINETE_STATUS = {
    Status.NUEVA: "Abierto", Status.ASIGNADA: "En gestión", Status.EN_CURSO: "En gestión",
    Status.DERIVADA: "Derivado", Status.EN_ESPERA: "Esperando respuesta",
    Status.RESUELTA: "Solucionado", Status.CERRADA: "Cerrado",
}  # fmt: skip
#: A sheet's rows spoilt on purpose: a day Excel could not take as a date stays text.
_GABINETE_CHANGES: dict[str, list[Change]] = {
    "Abril": [lambda request: {"fecha_de_alta": f"31/04/{request.created_at.year}"}],
    "Marzo": [lambda request: {"mail": "no tiene"}],
}
_GABINETE_NOTES = (
    "Criterios de carga (acordados en la reunión de coordinación)",
    "• Una fila por pedido, en la hoja del mes en que entró.",
    "• El documento va sin puntos; si no lo dieron, dejar la celda vacía.",
    "• En «motivo» usar los temas de la lista del ministerio.",
    "• «situacion»: Abierto, En gestión, Derivado, Esperando respuesta, Solucionado o Cerrado.",
    "Cuando esté la importación del tablero, pasar todo y dejar de usar esta planilla.",
)
_GABINETE_WIDTHS = (17, 16, 14, 13, 28, 30, 22, 30, 45, 18)


def _gabinete(requests: list[_Request], rng: random.Random, year: int) -> bytes:
    """A title and a blank row above the header, real dates, documents as numbers, a sheet
    per month and one of notes. Its date stamp is fixed so the same rows give the same
    bytes."""
    output = io.BytesIO()
    with xlsxwriter.Workbook(output, {"in_memory": True}) as workbook:
        workbook.set_properties({"title": f"Solicitudes {year}", "author": "Coordinación de "
                                 "Gabinete", "created": datetime(year, 5, 4, 9, 30)})  # fmt: skip
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1}),
            "moment": workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
            "day": workbook.add_format({"num_format": "dd/mm/yyyy"}),
            "number": workbook.add_format({"num_format": "0"}),
        }
        for name, month in GABINETE_SHEETS:
            monthly = [request for request in requests if request.created_at.month == month]
            rows = [_gabinete_row(request, rng) for request in monthly]
            _plant(rows, monthly, _GABINETE_CHANGES[name], rng)
            sheet = workbook.add_worksheet(name)
            _gabinete_sheet(sheet, formats, f"Solicitudes ingresadas — {name} {year}", rows)
        notes = workbook.add_worksheet("Notas")
        notes.set_column(0, 0, 90)
        for line, text in enumerate(_GABINETE_NOTES):
            notes.write_string(line, 0, text)
    return output.getvalue()


def _gabinete_row(request: _Request, rng: random.Random) -> Row:
    created, person = request.created_at, request.person
    municipio = _unaccented(request.partido)
    return {
        "fecha_de_alta": created if rng.random() < 0.6 else created.replace(hour=0, minute=0),
        "nombre": person.first_name,
        "apellido": person.last_name,
        "documento": rng.choices((float(person.dni), _dotted(person.dni),
                                  f"DNI {_dotted(person.dni)}"), weights=(17, 2, 1))[0],
        "mail": person.email or rng.choice(("", "", "s/d")),
        "domicilio": person.address,
        "municipio": rng.choice((municipio, _abbreviated(municipio))).upper(),
        "motivo": _topic(request, rng),
        "observaciones": request.description,
        "situacion": _GABINETE_STATUS[request.status],
    }  # fmt: skip


def _gabinete_sheet(sheet: Worksheet, formats: dict[str, Format], title: str,
                    rows: list[Row]) -> None:  # fmt: skip
    last = len(GABINETE_HEADER) - 1
    sheet.merge_range(0, 0, 0, last, title, formats["title"])
    sheet.write_row(2, 0, GABINETE_HEADER, formats["header"])
    for column, width in enumerate(_GABINETE_WIDTHS):
        sheet.set_column(column, column, width)
    for line, row in enumerate(rows, start=3):
        for column, header in enumerate(GABINETE_HEADER):
            cell = row[header]
            if isinstance(cell, datetime):
                shown = formats["moment" if cell.time() != time(0) else "day"]
                sheet.write_datetime(line, column, cell, shown)
            elif isinstance(cell, float):
                sheet.write_number(line, column, cell, formats["number"])
            elif cell:
                sheet.write_string(line, column, str(cell))
    sheet.freeze_panes(3, 0)
    sheet.autofilter(2, 0, 2 + len(rows), last)


# Mesa de Entradas del Despacho del Ministro: the front desk's system export


DESPACHO_HEADER = ["Nro de expediente", "Fecha", "Solicitante", "DNI", "Partido", "Asunto",
                   "Estado", "Fecha de cierre"]  # fmt: skip
_DESPACHO_STATUS = {
    Status.NUEVA: "Ingresado", Status.ASIGNADA: "En trámite", Status.EN_CURSO: "En trámite",
    Status.DERIVADA: "Derivado", Status.EN_ESPERA: "En espera", Status.RESUELTA: "Resuelto",
    Status.CERRADA: "Archivado",
}  # fmt: skip
#: Rows spoilt on purpose: a note a municipality sent without anyone's DNI, a mistyped CUIL.
_DESPACHO_CHANGES: list[Change] = [
    lambda request: {"Solicitante": f"Municipalidad de {request.partido}", "DNI": ""},
    lambda request: {"DNI": _wrong_cuil(request.person)},
]


def _despacho(requests: list[_Request], rng: random.Random, year: int) -> bytes:
    """Comma-separated UTF-8 with a byte-order mark, every field quoted, a file number per
    request (GDEBA's expediente format)."""
    number = rng.randint(1_000_000, 9_000_000)
    rows = []
    for request in requests:
        number += rng.randint(1, 400)
        rows.append(_despacho_row(request, f"EX-{year}-{number:08d}-GDEBA-DDMDCGP", rng))
    _plant(rows, requests, _DESPACHO_CHANGES, rng)
    return _csv(DESPACHO_HEADER, rows, ",", csv.QUOTE_ALL).encode("utf-8-sig")


def _despacho_row(request: _Request, file_number: str, rng: random.Random) -> Row:
    person = request.person
    return {
        "Nro de expediente": file_number,
        "Fecha": f"{request.created_at:%d/%m/%Y %H:%M}",
        "Solicitante": f"{person.last_name.upper()}, {person.first_name}",
        "DNI": person.dni,
        "Partido": request.partido,
        "Asunto": _topic(request, rng),
        "Estado": _DESPACHO_STATUS[request.status],
        "Fecha de cierre": f"{request.closed_at:%d/%m/%Y}" if request.closed_at else "",
    }


# README.txt


_README = """\
Planillas de ejemplo de las tres áreas de ingreso
=================================================

Datos ficticios, armados con la base de demostración: solicitudes de marzo y abril de {year},
escritas como las escribe cada área (sus columnas, sus formatos y sus desprolijidades). Se
rehacen cada vez que se crea la base de demostración (make clean-demo y make run).

modernizacion.csv — Área de Modernización (ING-MOD), {mod} solicitudes
  CSV separado por «;» en Windows-1252, como lo guarda Excel en castellano: N° de fila, fecha
  y hora en columnas separadas, DNI con puntos o CUIL, teléfonos y partidos escritos a mano,
  estados propios («En trámite», «Pendiente», «Cerrado»).
  Bajo {followed} solicitudes, una línea por cada pase a otra área (sin N°: fecha, hora,
  «Derivado a», «Derivado», una nota), que se importan como su historia.
  A propósito: una fecha 31/02 y un DNI de 5 dígitos (filas con error), un partido «CABA»
  (se importa sin partido, con una advertencia), una fila pegada dos veces (repetida) y
  algunos temas que el catálogo no tiene (se importan como «Sin clasificar», con una
  advertencia).

coordinacion_gabinete.xlsx — Coordinación de Gabinete (ING-GAB), {gab} solicitudes
  Libro de Excel con un título arriba, una hoja por mes («Abril» primero, «Marzo» después) y
  una hoja «Notas»; fechas de Excel y documentos guardados como números.
  A propósito: en «Abril» una fecha 31/04 que quedó como texto; en «Marzo» un mail «no tiene».

mesa_de_entradas.csv — Mesa de Entradas del Despacho del Ministro (ING-DES), {des} solicitudes
  Exportación del sistema de expedientes: CSV separado por comas, UTF-8, con número de
  expediente.
  A propósito: una nota de un municipio sin DNI (se importa sin ciudadano identificado, con
  una advertencia) y un CUIL con el dígito verificador mal (fila con error).

Cómo importarlas (primero la vista previa con --dry-run, después sin él):

  .venv/bin/python -m dashboard.imports data/samples/modernizacion.csv --area ING-MOD --dry-run
  .venv/bin/python -m dashboard.imports data/samples/modernizacion.csv --area ING-MOD
  .venv/bin/python -m dashboard.imports data/samples/coordinacion_gabinete.xlsx --area ING-GAB
  .venv/bin/python -m dashboard.imports data/samples/coordinacion_gabinete.xlsx --area ING-GAB \\
      --sheet Marzo
  .venv/bin/python -m dashboard.imports data/samples/mesa_de_entradas.csv --area ING-DES

O desde la página «Importar planillas» del tablero: con el usuario «ingreso» (Modernización)
o con «admin» (cualquier área). Importar dos veces el mismo archivo no agrega nada la segunda
vez.

Duplicadas entre puertas: cerca de una fila de cada diez es la misma solicitud de una persona
que la base ya tiene, ingresada por otra área pocos días antes o después (mismo DNI, mismo
grupo de temas), y {shared} solicitudes figuran en dos de estas planillas. Son los pares que
después se podrán unificar.
"""


def _readme(demo: _Demo, requests: dict[str, list[_Request]]) -> str:
    counts = {area: len(rows) for area, rows in requests.items()}
    return _README.format(
        year=demo.start.year, mod=counts[MODERNIZACION], gab=counts[GABINETE],
        des=counts[DESPACHO], shared=SHARED_PER_PAIR * len(list(combinations(ROWS, 2))),
        followed=FOLLOWED,
    )  # fmt: skip
