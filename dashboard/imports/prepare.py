"""From a sheet's rows to cases ready to write: every value normalised, every problem named.

Nothing here touches the database: the catalogue (partidos, categories, departments,
channels) comes in as a ``Catalogue``, and the result is a ``Prepared`` list of rows the
preview shows and the import command writes. A row either becomes a ``CaseRow`` (perhaps with
warnings) or a list of ``RowError`` naming the column, the value and the reason in Spanish; a
new label never blocks a whole sheet.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property

from dashboard.domain import CLOSED_STATUSES, Status
from dashboard.imports import values
from dashboard.imports.fields import Field
from dashboard.imports.movements import Step, movement_owners, settled
from dashboard.imports.phones import BLOCK, checked_ahead
from dashboard.imports.readers import Cell, Table
from dashboard.text import CONTROL

#: The category a row gets when its label maps to none of the catalogue's.
UNCLASSIFIED = "sin_clasificar"
#: The channel a row gets when the sheet does not say.
DEFAULT_CHANNEL = "presencial"
#: Longest text each field's column holds; a longer cell is a row error, not a failed import.
COLUMN_WIDTHS = {Field.address: 200, Field.email: 120, Field.source_id: 80}
#: How department names begin (folded), which sheets often leave out.
DEPARTMENT_PREFIXES = ("direccion provincial de ", "direccion general de ", "direccion de ",
                       "subsecretaria de ")  # fmt: skip
#: What a row says when a catalogue value of its sheet has no equivalence yet.
FALLBACK_WARNINGS = {
    Field.category: "categoría sin equivalencia «{value}»: queda «sin clasificar»",
    Field.department: "área sin equivalencia «{value}»: queda en el área de ingreso",
    Field.channel: "canal sin equivalencia «{value}»: queda «presencial»",
}


@dataclass(frozen=True)
class Catalogue:
    """What sheet values are matched against: ``(id or code, name)`` pairs."""

    partidos: list[tuple[int, str]]
    categories: list[tuple[str, str]]  # (code, name) of the leaf categories
    departments: list[tuple[str, str]]  # (code, name) of internal departments
    channels: list[tuple[str, str]]  # (code, name)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    reason: str
    #: The workbook's sheet, when several are imported together.
    sheet: str = ""


@dataclass(frozen=True)
class CaseRow:
    """One sheet row as a case: normalised values, the warnings it raised, its fingerprint."""

    row: int
    created_at: datetime
    dni: str | None
    first_name: str
    last_name: str
    phone: str | None
    email: str | None
    address: str | None
    partido_id: int | None
    category: str
    description: str | None
    status: Status
    closed_at: datetime | None
    department: str | None
    channel: str
    source_id: str | None
    #: Values the import corrected, as the sheet wrote them (kept in the case's provenance).
    original: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Its own row then its movement lines in date order, when the sheet has any for it.
    history: tuple[Step, ...] = ()
    #: The workbook's sheet, when several are imported together.
    sheet: str = ""

    @property
    def person(self) -> str | None:
        """Who the case's citizen is: their DNI; for someone the sheet names (or gives a
        contact for) without one, the row itself, since nothing tells them apart from anyone
        else; None for an anonymous request."""
        if self.dni:
            return self.dni
        said = (self.first_name, self.last_name, self.phone, self.email, self.address)
        return self.fingerprint if any(said) else None

    @cached_property
    def fingerprint(self) -> str:
        """The row's identity for "already imported": its normalised content, not its
        position, so next week's longer copy of the sheet is recognised row by row. The
        source's "N°" is left out: many sheets number rows, and renumber them."""
        content = [
            self.created_at.isoformat(), self.dni, self.last_name.casefold(),
            self.first_name.casefold(), self.partido_id or self.original.get("partido"),
            self.category, values.fold(self.description or ""),
        ]  # fmt: skip
        if self.dni is None:  # no one to tell two requests apart by: what else the row says
            content += [self.phone, self.email, values.fold(self.address or "")]
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()


@dataclass
class Prepared:
    """A sheet's rows after normalising: what will import, what cannot and why."""

    cases: list[CaseRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    #: Rows whose content repeats an earlier row of the file: (row, the earlier row).
    repeated: list[tuple[int, int]] = field(default_factory=list)

    @property
    def rows_with_errors(self) -> int:
        return len({(error.sheet, error.row) for error in self.errors})

    @property
    def movement_lines(self) -> int:
        return sum(len(case.history) - 1 for case in self.cases if case.history)


def prepare(table: Table, columns: Mapping[str, Field | None], catalogue: Catalogue,
            value_maps: Mapping[Field, Mapping[str, str]] | None = None) -> Prepared:  # fmt: skip
    """Every data row of ``table`` read through ``columns`` (header → field) and matched
    against ``catalogue``; ``value_maps`` (field → folded sheet value → code) are the
    clerk's own equivalences, tried before the catalogue's names."""
    reader = _RowReader(table.headers, columns, catalogue, value_maps or {})
    prepared = Prepared()
    seen: dict[str, int] = {}
    owners = movement_owners(table.rows, reader.position_of)
    case_at: dict[int, int] = {}  # position of a case's row → its index in prepared.cases
    rows = enumerate(zip(table.row_numbers, table.rows, strict=True))
    with checked_ahead(reader.column(table, Field.phone)) as phones_ahead:
        for position, (number, cells) in rows:
            if position and position % BLOCK == 0:
                reader.phones.learn(next(phones_ahead, {}))
            if position in owners:
                continue
            case, errors = reader.read(number, cells)
            prepared.errors.extend(errors)
            if case is None:
                continue
            first = seen.setdefault(case.fingerprint, number)
            if first != number:
                prepared.repeated.append((number, first))
                continue
            case_at[position] = len(prepared.cases)
            prepared.cases.append(case)
    _attach_movements(prepared, reader, table, owners, case_at)
    return prepared


def _attach_movements(prepared: Prepared, reader: _RowReader, table: Table,
                      owners: dict[int, int], case_at: dict[int, int]) -> None:  # fmt: skip
    """Each case's movement lines read and put after its own row in date order: they become
    its history, and its department, status and closing are those its last one leaves."""
    lines: dict[int, list[Step]] = {}
    warned: dict[int, list[str]] = {}
    for position, owner in owners.items():
        number = table.row_numbers[position]
        if owner not in case_at:
            column = reader.header_of[Field.source_id]
            reason = f"línea de movimiento de la fila {table.row_numbers[owner]}, que no se importa"
            prepared.errors.append(RowError(number, column, "", reason))
            continue
        step, errors, warnings = reader.read_movement(number, table.rows[position])
        prepared.errors.extend(errors)
        warned.setdefault(case_at[owner], []).extend(warnings)
        if step is not None:
            lines.setdefault(case_at[owner], []).append(step)
    for index, steps in lines.items():
        prepared.cases[index] = _with_history(prepared.cases[index], steps, warned[index])


def _with_history(case: CaseRow, movements: list[Step], warned: list[str]) -> CaseRow:
    warnings = [*case.warnings, *warned]
    for step in movements:
        if step.at < case.created_at:
            warnings.append(f"movimiento de la fila {step.row} anterior al ingreso: se toma "
                            "la fecha de ingreso")  # fmt: skip
    movements = [step if step.at >= case.created_at else replace(step, at=case.created_at)
                 for step in movements]  # fmt: skip
    own = Step(case.created_at, case.department, case.status, case.closed_at, case.row)
    history = (own, *sorted(movements, key=lambda step: step.at))
    status, department, closed_at = settled(history)
    return replace(case, status=status, department=department, closed_at=closed_at,
                   history=history, warnings=warnings)  # fmt: skip


def value_matchers(catalogue: Catalogue, value_maps: Mapping[Field, Mapping[str, str]]
                   ) -> dict[Field, Callable[[Cell], str | None]]:  # fmt: skip
    """Each value field's matcher: the catalogue's codes and names, the synonyms sheets use,
    then the clerk's own equivalences (``value_maps``, which win). A value none of them
    knows raises ``values.BadValue``."""
    return {
        Field.category: values.CatalogueMatcher(
            catalogue.categories, value_maps.get(Field.category)).match,
        Field.department: values.CatalogueMatcher(
            catalogue.departments,
            {**_short_names(catalogue.departments), **value_maps.get(Field.department, {})},
        ).match,
        Field.channel: values.CatalogueMatcher(
            catalogue.channels, value_maps.get(Field.channel)).match,
        Field.status: values.CatalogueMatcher(
            [(status.value, status.value) for status in Status],
            {**values.STATUS_SYNONYMS, **value_maps.get(Field.status, {})},
        ).match,
    }  # fmt: skip


class _RowReader:
    """Reads one row at a time; holds the matchers so each is built once per sheet."""

    def __init__(self, headers: list[str], columns: Mapping[str, Field | None],
                 catalogue: Catalogue, value_maps: Mapping[Field, Mapping[str, str]]
                 ) -> None:  # fmt: skip
        self.header_of = {field: header for header, field in columns.items() if field}
        #: Where each mapped field's cell is in a row of the sheet.
        self.position_of = {
            field: headers.index(header)
            for field, header in self.header_of.items()
            if header in headers
        }
        self.partidos = _Remembered(values.PartidoMatcher(catalogue.partidos).match)
        self.phones = _Remembered(values.phone)
        matchers = {field: _Remembered(match)
                    for field, match in value_matchers(catalogue, value_maps).items()}  # fmt: skip
        self.categories, self.departments = matchers[Field.category], matchers[Field.department]
        self.channels, self.statuses = matchers[Field.channel], matchers[Field.status]
        codes = [code for code, _ in catalogue.channels]
        self.default_channel = DEFAULT_CHANNEL if DEFAULT_CHANNEL in codes else codes[0]

    def column(self, table: Table, field: Field) -> list[Cell]:
        """The cells of ``field``'s column, or none when the sheet has no such column."""
        position = self.position_of.get(field)
        return [] if position is None else [cells[position] for cells in table.rows]

    def cells_of(self, cells: Sequence[Cell]) -> dict[Field, Cell]:
        return {field: cells[position] for field, position in self.position_of.items()}

    def read(self, number: int, cells: Sequence[Cell]) -> tuple[CaseRow | None, list[RowError]]:
        row = _Row(number, self.cells_of(cells), self.header_of)
        created = row.parse(Field.created_date, lambda cell: values.moment(
            cell, row.cell(Field.created_time)))  # fmt: skip
        if created is None and not row.errors:
            row.error(Field.created_date, "falta la fecha de ingreso")
        if created is not None and values.month_first(row.cell(Field.created_date)):
            row.warn("fecha de ingreso escrita mes/día (como en inglés): se leyó así")
        closed = row.parse(Field.closed_date, lambda cell: values.moment(
            cell, row.cell(Field.closed_time)))  # fmt: skip
        dni = row.parse(Field.dni_cuil, values.dni)
        first, last = _names(row)
        case_fields = {
            "phone": row.parse(Field.phone, self.phones),
            "email": row.parse(Field.email, values.email),
            "address": row.parse(Field.address, values.text),
            "partido_id": _partido(row, self.partidos),
            "description": row.parse(Field.description, values.text),
            "source_id": row.parse(Field.source_id, values.code),
        }
        category = self._lenient(row, Field.category, self.categories, UNCLASSIFIED)
        department = self._lenient(row, Field.department, self.departments, None)
        channel = self._lenient(row, Field.channel, self.channels, self.default_channel)
        status = row.parse(Field.status, self.statuses)
        if row.errors or created is None:
            return None, row.errors
        created_at = created.at
        status, closed_at = _closing(row, Status(status) if status else None, created, closed)
        case = CaseRow(
            row=number, created_at=created_at, dni=dni, first_name=first, last_name=last,
            category=category, status=status, closed_at=closed_at, department=department,
            channel=channel, original=row.original, warnings=row.warnings, **case_fields,
        )  # fmt: skip
        _warn_unidentified(case)
        return case, []

    def read_movement(self, number: int, cells: Sequence[Cell]
                      ) -> tuple[Step | None, list[RowError], list[str]]:  # fmt: skip
        """A movement line (its step, its errors, its warnings): when, to which department,
        in which status, whether it closed; its description is the event's note."""
        row = _Row(number, self.cells_of(cells), self.header_of)
        moved = row.parse(Field.created_date, lambda cell: values.moment(
            cell, row.cell(Field.created_time)))  # fmt: skip
        if moved is None and not row.errors:
            row.error(Field.created_date, "falta la fecha del movimiento")
        closed = row.parse(Field.closed_date, lambda cell: values.moment(
            cell, row.cell(Field.closed_time)))  # fmt: skip
        department = self._lenient(row, Field.department, self.departments, None)
        status = row.parse(Field.status, self.statuses)
        note = row.parse(Field.description, values.text)
        if row.errors or moved is None:
            return None, row.errors, row.warnings
        status, closed_at = (
            _closing(row, Status(status) if status else None, moved, closed)
            if status or closed else (None, None)
        )  # fmt: skip
        return Step(moved.at, department, status, closed_at, number, note), [], row.warnings

    @staticmethod
    def _lenient(row: _Row, field: Field, match: Callable[[Cell], str | None],
                 fallback: str | None) -> str | None:  # fmt: skip
        """A catalogue value that, when unknown, falls back with a warning instead of an error."""
        try:
            return row.parse(field, match, strict=True) or fallback
        except values.BadValue:
            row.warn(FALLBACK_WARNINGS[field].format(value=row.shown(field)))
            return fallback


class _Row:
    """One row's cells by field, with its errors, warnings and corrected originals."""

    def __init__(self, number: int, cells: dict[Field, Cell], header_of: dict[Field, str]
                 ) -> None:  # fmt: skip
        self.number, self.cells, self.header_of = number, cells, header_of
        self.errors: list[RowError] = []
        self.warnings: list[str] = []
        self.original: dict[str, str] = {}

    def cell(self, field: Field) -> Cell:
        return self.cells.get(field)

    def shown(self, field: Field) -> str:
        """The cell as the sheet shows it (30123456, not 30123456.0)."""
        cell = self.cell(field)
        try:
            return values.text(cell) or ""
        except values.BadValue:
            return str(cell)

    def parse(self, field: Field, parser, strict: bool = False):
        """``parser(cell)`` of the field's cell (None when the sheet has no such column or the
        cell is blank); a bad value becomes this row's error, or is raised when ``strict``."""
        cell = self.cell(field)
        if cell is None or values.is_blank(cell):
            return None
        try:
            value = parser(cell)
            if isinstance(value, str):
                value = _printable(value)
                width = COLUMN_WIDTHS.get(field)
                if width and len(value) > width:
                    raise values.BadValue(f"más de {width} caracteres")
            return value
        except values.BadValue as bad:
            if strict:
                raise
            self.error(field, str(bad))
            return None

    def error(self, field: Field, reason: str) -> None:
        column = self.header_of.get(field, field.value)
        self.errors.append(RowError(self.number, column, self.shown(field), reason))

    def warn(self, message: str) -> None:
        self.warnings.append(message)


def _short_names(entries: list[tuple[str, str]]) -> dict[str, str]:
    """Departments as sheets shorten them: "Asistencia Alimentaria" for "Dirección de
    Asistencia Alimentaria". A short name two departments share is left out, not guessed."""
    shortened: dict[str, list[str]] = {}
    for code, name in entries:
        folded = values.fold(name)
        for prefix in DEPARTMENT_PREFIXES:
            if folded.startswith(prefix):
                shortened.setdefault(folded.removeprefix(prefix), []).append(code)
                break
    return {short: codes[0] for short, codes in shortened.items() if len(set(codes)) == 1}


class _Remembered:
    """``match`` answering each distinct cell once: a sheet names the same partidos,
    categories and statuses thousands of times, and fuzzy matching is the costly part. Answers
    worked out elsewhere (``phones.checked_ahead``) can be taught to it."""

    def __init__(self, match: Callable[[Cell], object]) -> None:
        self.match = match
        self.answers: dict[tuple[type, Cell], tuple[object, values.BadValue | None]] = {}

    def __call__(self, cell: Cell) -> object:
        key = (type(cell), cell)
        answer = self.answers.get(key)
        if answer is None:
            try:
                answer = (self.match(cell), None)
            except values.BadValue as bad:
                answer = (None, bad)
            self.answers[key] = answer
        if answer[1] is not None:
            raise answer[1]
        return answer[0]

    def learn(self, answers: Mapping[tuple[type, Cell], tuple[object, values.BadValue | None]]
              ) -> None:  # fmt: skip
        self.answers.update(answers)


def _printable(text: str) -> str:
    """Control characters out (a database refuses NUL); line breaks and tabs stay. Nearly
    every cell is printable already, which is much cheaper to ask than to search."""
    return text if text.isprintable() else CONTROL.sub("", text)


def _partido(row: _Row, match: Callable[[Cell], object]) -> int | None:
    """The partido a row names, or none: a sheet that gives none, or a place the province's
    134 partidos do not hold, imports the row with no partido ("sin partido" in the figures)
    and a warning naming the value, so the preview lists each unmatched value with its count."""
    try:
        partido = row.parse(Field.partido, match, strict=True)
    except values.BadValue as bad:
        row.warn(f"{bad}: se importa sin partido")
        row.original["partido"] = row.shown(Field.partido)
        return None
    if partido is None:
        row.warn("sin partido: se importa sin partido")
    return partido


def _warn_unidentified(case: CaseRow) -> None:
    """A row with no DNI or CUIL cannot be linked to a known citizen: the base tells people
    apart by their DNI. Its name and contact are kept all the same, as a person of its own."""
    if case.dni is None:
        case.warnings.append(
            "sin DNI ni CUIL: la persona no se puede identificar; se guardan sus datos sin DNI"
            if case.person else "sin DNI, CUIL ni nombre: se importa como solicitud anónima"
        )  # fmt: skip


def _names(row: _Row) -> tuple[str, str]:
    """First and last names; "Apellido y nombre" sheets write the surname first, with or
    without a comma ("Pérez, Ana María" or "Pérez Ana María")."""
    first = row.parse(Field.first_name, values.text) or ""
    last = row.parse(Field.last_name, values.text) or ""
    full = row.parse(Field.full_name, values.text)
    if full and not (first or last):
        surname, _, given = full.partition(",") if "," in full else full.partition(" ")
        last, first = surname.strip(), given.strip()
    return first[:80], last[:80]


def _closing(row: _Row, status: Status | None, created: values.Moment,
             closed: values.Moment | None) -> tuple[Status, datetime | None]:  # fmt: skip
    """The case's status and closing moment, made consistent with each other and with its
    creation; every correction keeps the sheet's value in the provenance."""
    closed_at = closed.at if closed else None
    if closed_at is not None and closed_at < created.at:
        row.original["fecha_cierre"] = closed_at.isoformat(sep=" ")
        if closed_at.date() == created.at.date() and not closed.time_known:
            closed_at = created.at  # a same-day closing whose hour the source dropped
        else:
            row.warn("cerrada antes de ingresar: se toma la fecha de ingreso como cierre")
            closed_at = created.at
    if status is None:
        return (Status.CERRADA if closed_at else Status.NUEVA), closed_at
    if status in CLOSED_STATUSES and closed_at is None:
        row.warn(f"estado {status} sin fecha de cierre: se toma la fecha de ingreso")
        row.original["fecha_cierre"] = ""
        return status, created.at
    if status not in CLOSED_STATUSES and closed_at is not None:
        row.warn(f"estado {status} con fecha de cierre: se importa cerrada")
        row.original["estado"] = str(status)
        return Status.CERRADA, closed_at
    return status, closed_at
