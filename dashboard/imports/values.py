"""One messy spreadsheet cell in, one clean value out: the normalisers of an import.

The intake areas typed their requests by hand for years, so a date may be text, an Excel serial
number or a date object; a DNI may carry dots or have become a float; a partido may be
abbreviated or misspelt. Each parser takes one cell as the readers give it (``Cell``) and
returns the value the case database stores, or None for the many ways a sheet says "nothing
here", or raises :class:`BadValue`, whose text is a short Spanish reason the clerk can act on.
No other exception leaves a parser, whatever the cell. Nothing here knows about Streamlit or the
database, so the import pipeline and its tests use it directly.

Reasons never repeat personal data (DNI, CUIL, phone, e-mail): they end up in import reports,
and the row and column already tell the clerk which cell it was.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache

import phonenumbers
from rapidfuzz import process
from rapidfuzz.distance import OSA

from dashboard.domain import LOCAL_TZ, Status

Cell = str | int | float | bool | datetime | date | time | None


class BadValue(ValueError):
    """A cell that cannot be read; ``str(error)`` is the reason shown to the clerk, in Spanish."""


# Blanks and text

#: Zero-width characters, the byte-order mark and soft hyphens: invisible in the sheet, so they
#: must not make two equal values differ.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
#: How sheets say "nothing here", compared trimmed and case-folded. "FALSE" is what a formula
#: such as =SI(A2;B2) leaves in a cell it did not fill ("FALSO" in a Spanish Excel, "#N/D" its
#: "#N/A").
_BLANK_WORDS = frozenset(
    {
        "",
        "n/a",
        "na",
        "n/d",
        "s/d",
        "sin dato",
        "sin datos",
        "sin dato(s)",
        "no informa",
        "false",
        "falso",
        "unspecified",
        "null",
        "none",
        "#n/a",
        "#n/d",
        "nan",
        "nat",
    }
)
_DASHES = re.compile(r"[-‐‑–—_]+")
_DIGIT = re.compile(r"\d")
#: Error values a formula leaves, in English and Spanish Excel: never data.
_FORMULA_ERROR = re.compile(
    r"#(?:¡?valor!|value!|ref!|¡ref!|div/0!|nombre\?|name\?|num!|¡num!|null!)"
)
#: Tags that separate words when a browser draws them; other tags (<b>, <span>…) do not.
_BREAKING_TAG = re.compile(r"</?(?:br|p|div|li|ul|ol|tr|td|th|h[1-6])\b[^<>]*>", re.IGNORECASE)
_TAG = re.compile(r"<!--.*?-->|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>", re.DOTALL)
_FOLD_MARKS = str.maketrans({"º": " ", "ª": " ", "°": " "})
_NON_WORD = re.compile(r"[\W_]+")


def _squash(value: str) -> str:
    """Trimmed, invisible characters dropped, every run of whitespace (line breaks, non-breaking
    spaces) made one plain space. (``str.split`` splits on exactly what ``\\s`` matches, and
    is several times faster than the pattern on a sheet's hundreds of thousands of cells.)"""
    if not value.isascii():  # the invisible characters are all outside ASCII
        value = value.translate(_INVISIBLE)
    return " ".join(value.split())


def is_blank(cell: Cell) -> bool:
    """Whether the cell says nothing, however the sheet wrote it. ``0`` is a value, not a blank."""
    if cell is None or cell is False:
        return True
    if isinstance(cell, str):  # no way of saying "nothing" has a digit: most cells stop here
        return _DIGIT.search(cell) is None and _blank_text(cell)
    if isinstance(cell, float | datetime):
        return cell != cell  # NaN, and pandas' NaT: the only values unequal to themselves
    return False


@lru_cache(maxsize=1 << 16)
def _blank_text(value: str) -> bool:
    """Remembered: a row's cells are asked several times (by the row, then by the parser), and
    a sheet repeats its statuses, partidos and blank-likes on every row."""
    folded = _squash(value).casefold()
    return folded in _BLANK_WORDS or bool(_DASHES.fullmatch(folded))


def text(cell: Cell) -> str | None:
    """The cell as one line of clean text: HTML from web forms stripped, whitespace collapsed,
    a number shown as the sheet showed it (2119, not 2119.0)."""
    if is_blank(cell):
        return None
    if isinstance(cell, str):
        if "<" in cell or "&" in cell:  # markup or entities from a web form
            cell = html.unescape(_TAG.sub("", _BREAKING_TAG.sub(" ", cell)))
        cleaned = _squash(cell)
        if cleaned.startswith("#") and _FORMULA_ERROR.fullmatch(cleaned.casefold()):
            raise BadValue(f"error de fórmula en la planilla: {cleaned}")
        return None if is_blank(cleaned) else cleaned
    return _rendered(cell)


def _rendered(cell: Cell) -> str:
    """A typed cell written out the way an Argentine spreadsheet displays it."""
    if isinstance(cell, bool):
        raise BadValue("valor lógico VERDADERO donde se esperaba un texto")
    if isinstance(cell, int):
        return _whole_number(cell)
    if isinstance(cell, float):
        if not math.isfinite(cell):
            raise BadValue("número infinito")
        return _whole_number(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return f"{cell:%d/%m/%Y}" if cell.time() == time(0) else f"{cell:%d/%m/%Y %H:%M}"
    if isinstance(cell, date):
        return f"{cell:%d/%m/%Y}"
    if isinstance(cell, time):
        return f"{cell:%H:%M}"
    raise BadValue("tipo de celda inesperado")


def _whole_number(number: int) -> str:
    """Python refuses to print integers of more than 4,300 digits: no cell means one."""
    try:
        return str(number)
    except ValueError:
        raise BadValue("número demasiado largo") from None


@lru_cache(maxsize=1 << 16)
def fold(value: str) -> str:
    """The comparison key used everywhere: lower case, no accents, punctuation as spaces,
    whitespace collapsed, so "Gral. Pueyrredón" and "GRAL PUEYRREDON" meet.

    Ordinal marks become spaces first: Unicode would turn "Nº" into "no" but "N°" into "n".
    """
    compatible = unicodedata.normalize("NFKD", value.translate(_FOLD_MARKS))  # 𝑨 → A
    decomposed = unicodedata.normalize("NFKD", compatible.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_WORD.sub(" ", bare).strip()


@lru_cache(maxsize=1 << 16)
def _plain(value: str) -> str:
    """Lower case, accents removed, whitespace collapsed, punctuation kept: what the date and
    number patterns read. (Remembered, like the parsers that call it: a sheet writes the same
    few hundred days and clock times on a hundred thousand rows.)"""
    decomposed = unicodedata.normalize("NFD", value.casefold())
    return _squash("".join(char for char in decomposed if not unicodedata.combining(char)))


def _shown(cell: Cell) -> str:
    """The cell as the clerk would recognise it inside a reason, kept short."""
    try:
        shown = _squash(cell) if isinstance(cell, str) else text(cell) or ""
    except BadValue:
        shown = "valor ilegible"
    return shown if len(shown) <= 40 else shown[:39] + "…"


# Dates and times

FIRST_YEAR = 1990
LAST_YEAR = 2100
#: Day 0 of Excel's 1900 date system as Excel counts after February 1900 (it believes 1900 was
#: a leap year; earlier serials are a day off, but those years are rejected anyway).
_EXCEL_EPOCH = datetime(1899, 12, 30)
_LAST_SERIAL = 2958465  # 31/12/9999, the last date Excel knows
_FIRST_SERIAL_IN_RANGE = (datetime(FIRST_YEAR, 1, 1) - _EXCEL_EPOCH).days
_END_SERIAL_IN_RANGE = (datetime(LAST_YEAR + 1, 1, 1) - _EXCEL_EPOCH).days
_RANGE = f"({FIRST_YEAR}–{LAST_YEAR})"

_MONTHS = {
    **dict.fromkeys(("enero", "ene", "jan", "january"), 1),
    **dict.fromkeys(("febrero", "feb", "february"), 2),
    **dict.fromkeys(("marzo", "mar", "march"), 3),
    **dict.fromkeys(("abril", "abr", "apr", "april"), 4),
    **dict.fromkeys(("mayo", "may"), 5),
    **dict.fromkeys(("junio", "jun", "june"), 6),
    **dict.fromkeys(("julio", "jul", "july"), 7),
    **dict.fromkeys(("agosto", "ago", "aug", "august"), 8),
    **dict.fromkeys(("septiembre", "setiembre", "sep", "sept", "set", "september"), 9),
    **dict.fromkeys(("octubre", "oct", "october"), 10),
    **dict.fromkeys(("noviembre", "nov", "november"), 11),
    **dict.fromkeys(("diciembre", "dic", "dec", "december"), 12),
}

_CLOCK = (
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2})(?:[.,]\d{1,6})?)?"
    r"(?:\s?(?P<half>[ap])\.?\s?m\.?)?(?:\s?(?:hs?|horas)\.?)?"
)
_AFTER_DATE = rf"(?:(?:\s?,\s?|\s(?:a\s)?(?:las\s)?|t)(?:{_CLOCK}))?"
#: Excel's long date format in Spanish starts with the weekday: "lunes, 3 de marzo de 2024".
_WEEKDAY = r"(?:(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo),?\s)?"
_DAY_FIRST = re.compile(
    rf"{_WEEKDAY}(?P<lead>\d{{1,2}})(?P<sep>[/.-])(?P<follow>\d{{1,2}})(?P=sep)"
    rf"(?P<year>\d{{4}}|\d{{2}}){_AFTER_DATE}",
    re.ASCII,
)
_MONTH_NAME = re.compile(
    rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:\sde\s|\s?[/.-]\s?|\s)(?P<month>[a-z]+)\.?"
    rf"(?:\sdel?\s|\s?[/.,-]\s?|\s)(?P<year>\d{{4}}|\d{{2}}){_AFTER_DATE}",
    re.ASCII,
)
_ISO = re.compile(
    r"(?P<year>\d{4})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?:(?:t|\s)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"\s?(?P<zone>z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.ASCII,
)
_NUMBER_TEXT = re.compile(r"\d+(?:[.,]\d+)?", re.ASCII)
_CLOCK_TEXT = re.compile(_CLOCK, re.ASCII)
_HHMM_TEXT = re.compile(r"(?P<hour>\d{1,2}?)(?P<minute>\d{2})(?:\s?(?:hs?|horas)\.?)?", re.ASCII)
_HOUR_TEXT = re.compile(r"(?P<hour>\d{1,2})(?:\s?(?:hs?|horas)\.?)?", re.ASCII)
_DAY_FRACTION_TEXT = re.compile(r"0?[.,]\d+", re.ASCII)


@dataclass(frozen=True)
class Moment:
    """A point in the province's local time (naive, as the database keeps it), and whether the
    sheet said the time of day: a bare date, or exactly 00:00, is only a day."""

    at: datetime
    time_known: bool


def moment(date_cell: Cell, time_cell: Cell = None) -> Moment | None:
    """The date cell, with the time of day of the separate time cell when there is one (it
    replaces whatever time the date cell carried).

    Text is read day-first, as Argentina writes dates; see :func:`month_first` for the
    exception. A blank date is None even when a time is given: there is no moment to keep.
    """
    if is_blank(date_cell):
        return None
    at = _datetime_of(date_cell)
    clock = _time_of(time_cell)
    if clock is not None:
        at = datetime.combine(at.date(), clock)
    return Moment(at, at.time() != time(0))


def month_first(cell: Cell) -> bool:
    """Whether a text date was read month-first because day-first was impossible
    ("03/25/2024"). The caller should warn: a sheet written month-first also holds dates such
    as "03/04/2024" that were read, day-first, as another day."""
    if not isinstance(cell, str):
        return False
    found = _DAY_FIRST.fullmatch(_plain(cell))
    return bool(found) and int(found["lead"]) <= 12 < int(found["follow"])


def _datetime_of(cell: Cell) -> datetime:
    if isinstance(cell, bool):
        raise BadValue("fecha ilegible: VERDADERO")
    if isinstance(cell, datetime):
        return _local(cell, cell)
    if isinstance(cell, date):
        return _in_range(datetime.combine(cell, time(0)), cell)
    if isinstance(cell, time):
        raise BadValue(f"hora sin fecha: {_shown(cell)}")
    if isinstance(cell, int | float):
        return _from_serial(cell, cell)
    if isinstance(cell, str):
        return _from_text(cell)
    raise BadValue("fecha ilegible")


def _in_range(at: datetime, cell: Cell) -> datetime:
    if not FIRST_YEAR <= at.year <= LAST_YEAR:
        raise BadValue(f"fecha fuera de rango {_RANGE}: {_shown(cell)}")
    return at


def _local(at: datetime, cell: Cell) -> datetime:
    """Naive local time of the province. The range is checked before converting too, so that
    no conversion happens near the limits of ``datetime``."""
    _in_range(at, cell)
    if at.utcoffset() is None:
        return at.replace(tzinfo=None)
    return _in_range(at.astimezone(LOCAL_TZ).replace(tzinfo=None), cell)


def _from_serial(number: float, cell: Cell) -> datetime:
    """An Excel serial date: days since the epoch, the fraction being the time of day (rounded
    to the second, since binary fractions never land on it exactly)."""
    if not 1 <= number <= _LAST_SERIAL:  # also false for NaN
        raise BadValue(f"número que no es una fecha: {_shown(cell)}")
    if not _FIRST_SERIAL_IN_RANGE <= number < _END_SERIAL_IN_RANGE:
        raise BadValue(f"número fuera del rango de fechas {_RANGE}: {_shown(cell)}")
    return _in_range(_EXCEL_EPOCH + timedelta(seconds=round(number * 86400)), cell)


@lru_cache(maxsize=1 << 16)
def _from_text(cell: str) -> datetime:
    plain = _plain(cell)
    if _NUMBER_TEXT.fullmatch(plain):
        return _from_serial(float(plain.replace(",", ".")), cell)
    for pattern, reader in _TEXT_DATES:
        found = pattern.fullmatch(plain)
        if found:
            return reader(found, cell)
    raise BadValue(f"fecha ilegible: {_shown(cell)}")


def _day_first(found: re.Match[str], cell: str) -> datetime:
    """dd/mm/yyyy, or mm/dd/yyyy when the second number cannot be a month."""
    first, second = int(found["lead"]), int(found["follow"])
    day, month = (second, first) if first <= 12 < second else (first, second)
    return _assembled(_full_year(found["year"]), month, day, found, cell)


def _month_named(found: re.Match[str], cell: str) -> datetime:
    month = _MONTHS.get(found["month"])
    if month is None:
        raise BadValue(f"fecha ilegible: {_shown(cell)}")
    return _assembled(_full_year(found["year"]), month, int(found["day"]), found, cell)


def _iso(found: re.Match[str], cell: str) -> datetime:
    """ISO 8601; a time with an offset (Open311 exports) is converted to local time."""
    at = _assembled(int(found["year"]), int(found["month"]), int(found["day"]), found, cell)
    zone = found["zone"]
    return at if zone is None else _local(at.replace(tzinfo=_offset(zone, cell)), cell)


_TEXT_DATES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], datetime]], ...] = (
    (_ISO, _iso),
    (_DAY_FIRST, _day_first),
    (_MONTH_NAME, _month_named),
)


def _full_year(digits: str) -> int:
    """Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (and then out of range
    before 1990)."""
    year = int(digits)
    if len(digits) == 4:
        return year
    return year + (2000 if year < 70 else 1900)


def _assembled(year: int, month: int, day: int, found: re.Match[str], cell: str) -> datetime:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BadValue(f"fecha fuera de rango {_RANGE}: {_shown(cell)}")
    try:
        day_only = date(year, month, day)
    except ValueError:
        raise BadValue(f"fecha imposible: {_shown(cell)}") from None
    clock = _clock(found, cell) if found["hour"] is not None else time(0)
    return datetime.combine(day_only, clock)


def _clock(found: re.Match[str], cell: Cell) -> time:
    """The time of day a pattern captured, with "a. m." and "p. m." on a 12-hour clock."""
    hour, minute = int(found["hour"]), int(found["minute"])
    second = int(found["second"] or 0)
    half = found.groupdict().get("half")
    if half is not None:
        if not 1 <= hour <= 12:
            raise BadValue(f"hora imposible: {_shown(cell)}")
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise BadValue(f"hora imposible: {_shown(cell)}")
    return time(hour, minute, second)


def _offset(zone: str, cell: str) -> timezone:
    if zone == "z":
        return UTC
    hours, minutes = int(zone[1:3]), int(zone[3:].lstrip(":") or 0)
    if hours > 23 or minutes > 59:
        raise BadValue(f"zona horaria imposible: {_shown(cell)}")
    sign = 1 if zone[0] == "+" else -1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _time_of(cell: Cell) -> time | None:
    """The separate time cell as a clock time; None when blank."""
    if is_blank(cell):
        return None
    if isinstance(cell, bool):
        raise BadValue("hora ilegible: VERDADERO")
    if isinstance(cell, datetime):  # Excel's time-only cells often come dated 1899-12-30
        return cell.time()
    if isinstance(cell, time):
        return cell.replace(tzinfo=None)
    if isinstance(cell, date):
        raise BadValue(f"se esperaba una hora, no una fecha: {_shown(cell)}")
    if isinstance(cell, int | float):
        return _time_of_number(cell)
    if isinstance(cell, str):
        return _time_of_text(cell)
    raise BadValue("hora ilegible")


def _time_of_number(number: float) -> time:
    """A day fraction below 1 (Excel's own time cells); a whole number as typed hours or
    HHMM (9 → 09:00, 1430 → 14:30); a decimal as typed H.MM (14.3 is what Excel keeps of
    "14.30" or "14,30")."""
    if not 0 <= number < 2400:  # also false for NaN
        raise BadValue(f"hora ilegible: {_shown(number)}")
    if number < 1:
        seconds = min(round(number * 86400), 86399)
        return time(seconds // 3600, seconds // 60 % 60, seconds % 60)
    hundredths = number * 100
    if number == int(number):
        hour, minute = (int(number), 0) if number < 100 else divmod(int(number), 100)
    elif abs(hundredths - round(hundredths)) < 1e-6:
        hour, minute = divmod(round(hundredths), 100)
    else:
        raise BadValue(f"hora ilegible: {_shown(number)}")
    if hour > 23 or minute > 59:
        raise BadValue(f"hora imposible: {_shown(number)}")
    return time(hour, minute)


@lru_cache(maxsize=1 << 16)
def _time_of_text(cell: str) -> time:
    plain = _plain(cell)
    found = _CLOCK_TEXT.fullmatch(plain)
    if found:
        return _clock(found, cell)
    found = _HHMM_TEXT.fullmatch(plain) or _HOUR_TEXT.fullmatch(plain)
    if found:
        hour, minute = int(found["hour"] or 0), int(found.groupdict().get("minute") or 0)
        if hour > 23 or minute > 59:
            raise BadValue(f"hora imposible: {_shown(cell)}")
        return time(hour, minute)
    if _DAY_FRACTION_TEXT.fullmatch(plain):
        return _time_of_number(float(plain.replace(",", ".")))
    raise BadValue(f"hora ilegible: {_shown(cell)}")


# Numbers that are really codes: DNI, CUIL, phone, any code

#: What Excel or pandas leave of a whole number read as a float: "30123456.0".
_FLOAT_TAIL = re.compile(r"(?P<whole>\d+)[.,]0+", re.ASCII)
_SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?e[+-]?\d+", re.ASCII | re.IGNORECASE)
_ID_TEXT = re.compile(r"(?P<prefix>[^\d]{0,30}?)\s?(?P<digits>\d[\d .-]*)", re.ASCII)
#: Words that may precede a document number: "DNI", "D.N.I. Nº", "CUIL:", "LE" (libreta de
#: enrolamiento), "LC" (libreta cívica), "Nro. de documento"… compared folded, without spaces.
_ID_PREFIX = re.compile(r"(?:dni|cuil|cuit|lc|le|doc|documento|nro|numero|num|n|no|de)*")
_CUIL_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _number_text(cell: Cell, what: str) -> str:
    """A cell holding a number-like code, as text: numeric cells written out whole, the float
    tail a CSV kept ("30123456.0") dropped, and scientific notation refused, because Excel
    showed "2,03012E+10" only after it had already lost the last digits."""
    if isinstance(cell, bool | date | time):
        raise BadValue(f"{what}: la celda no es un número ni un texto")
    if isinstance(cell, int | float):
        return _whole_cell(cell, what)
    if not isinstance(cell, str):
        raise BadValue(f"{what}: tipo de celda inesperado")
    written = _squash(cell)
    if _SCIENTIFIC.fullmatch(written):
        raise BadValue(f"{what} en notación científica: la planilla perdió dígitos")
    tail = _FLOAT_TAIL.fullmatch(written)
    return tail["whole"] if tail else written


def _whole_cell(number: float, what: str) -> str:
    if isinstance(number, float):
        if not math.isfinite(number):
            raise BadValue(f"{what}: número imposible")
        if not number.is_integer():
            raise BadValue(f"{what} con decimales")
        number = int(number)
    if number < 0:
        raise BadValue(f"{what}: número negativo")
    return _whole_number(number)


def _document_digits(cell: Cell, what: str) -> str:
    """The digits of a document number, after an optional "DNI", "CUIL:"… and with the dots,
    dashes and spaces people type between groups removed."""
    written = _number_text(cell, what)
    found = _ID_TEXT.fullmatch(written)
    if found is None or not _ID_PREFIX.fullmatch(fold(found["prefix"]).replace(" ", "")):
        raise BadValue(f"{what} ilegible")
    return re.sub(r"[ .-]", "", found["digits"])


def dni(cell: Cell) -> str | None:
    """The DNI as 7 or 8 digits without leading zeros, so that "06123456" and "6.123.456" from
    two intake doors are the same person. A CUIL gives its middle eight digits."""
    if is_blank(cell):
        return None
    digits = _document_digits(cell, "DNI")
    if len(digits) == 11:
        digits = _checked_cuil(digits)[2:10]
    digits = digits.lstrip("0")
    if not 7 <= len(digits) <= 8:
        raise BadValue(f"DNI con {len(digits)} dígitos (se esperan 7 u 8)")
    return digits


def cuil(cell: Cell) -> str | None:
    """The CUIL (or CUIT) as 11 digits, its check digit verified."""
    if is_blank(cell):
        return None
    digits = _document_digits(cell, "CUIL")
    if len(digits) != 11:
        raise BadValue(f"CUIL con {len(digits)} dígitos (se esperan 11)")
    return _checked_cuil(digits)


def is_cuil(cell: Cell) -> bool:
    """Whether the cell has the shape of a CUIL (11 digits), so that a "DNI/CUIL" column can
    send it to :func:`cuil`, which reports a wrong check digit, rather than to :func:`dni`."""
    if is_blank(cell):
        return False
    try:
        return len(_document_digits(cell, "CUIL")) == 11
    except BadValue:
        return False


def _checked_cuil(digits: str) -> str:
    if _cuil_check_digit(digits[:10]) != int(digits[10]):
        raise BadValue("CUIL con dígito verificador inválido")
    return digits


def _cuil_check_digit(first_ten: str) -> int:
    """AFIP's modulo 11: 11 minus the weighted sum's remainder, where 11 means 0 and 10 means 9
    (the rule python-stdnum follows). AFIP avoids the 10 by giving prefix 23 (or 33) instead of
    20 or 27 (30); those numbers come out right with this same rule."""
    remainder = sum(w * int(d) for w, d in zip(_CUIL_WEIGHTS, first_ten, strict=True)) % 11
    return {11: 0, 10: 9}.get(11 - remainder, 11 - remainder)


def phone(cell: Cell) -> str | None:
    """The phone in E.164 ("+5492215550101"), read as an Argentine number unless it says
    otherwise. The number must exist in the numbering plan, not merely have a possible length:
    "4555-0101" without its area code would otherwise become a number in no city."""
    if is_blank(cell):
        return None
    written = _number_text(cell, "teléfono")
    try:
        number = phonenumbers.parse(written, "AR")
    except phonenumbers.NumberParseException:
        raise BadValue("teléfono ilegible") from None
    if not phonenumbers.is_valid_number(number):
        raise BadValue("teléfono incompleto o inexistente (¿falta la característica?)")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_EMAIL = re.compile(r"[^\s@<>(),;:\"\[\]\\]+@(?:[^\s@<>(),;:\"\[\]\\.]+\.)+[^\s@<>(),;:\"\[\]\\.]+")


def email(cell: Cell) -> str | None:
    """The address trimmed and in lower case, with one "@" and a dotted domain."""
    if is_blank(cell):
        return None
    if not isinstance(cell, str):
        raise BadValue("correo electrónico inválido")
    address = _squash(cell).lower().removeprefix("mailto:")
    if "@" not in address:
        raise BadValue("correo electrónico sin @")
    if address.count("@") > 1:
        raise BadValue("correo electrónico con más de una @")
    if not _EMAIL.fullmatch(address):
        raise BadValue("correo electrónico inválido")
    return address


_THOUSANDS = re.compile(r"\d{1,3}(?:(?P<sep>[.,])\d{3})(?:(?P=sep)\d{3})*", re.ASCII)


def code(cell: Cell, width: int | None = None) -> str | None:
    """A code a spreadsheet turned into a number, restored: 2119.0, "2119.0", "2,119" and the
    Argentine "2.119" all give "2119"; with ``width``, a numeric code gets back its leading
    zeros (42.0 → "0042"). Other codes ("EXP-123/24") come back as clean text."""
    if is_blank(cell):
        return None
    if isinstance(cell, str):
        restored = _code_text(cell)
        if restored is None:
            return None
    elif isinstance(cell, datetime | date | time):
        raise BadValue(f"código convertido en fecha por la planilla: {_shown(cell)}")
    else:
        restored = _number_text(cell, "código")
    if width is not None and restored.isascii() and restored.isdigit():
        return restored.zfill(width)
    return restored


def _code_text(cell: str) -> str | None:
    written = text(cell)
    if written is None:
        return None
    if _THOUSANDS.fullmatch(written):
        return re.sub(r"[.,]", "", written)
    return _number_text(written, "código")


# Matching names against reference lists

#: Abbreviations of the titles partido names start with, and of the words around them.
_ABBREVIATIONS = {
    "gral": "general",
    "tte": "teniente",
    "cnel": "coronel",
    "pte": "presidente",
    "pdte": "presidente",
    "cap": "capitan",
    "ing": "ingeniero",
    "dr": "doctor",
    "adm": "administrador",
    "alte": "almirante",
    "cmdte": "comandante",
    "cte": "comandante",
    "pdo": "partido",
    "munic": "municipio",
}
#: Other names of a partido, by its folded official name. Lezama is a partido since 2009, but
#: the reference data (INDEC's projections) still counts it inside Chascomús.
_PARTIDO_ALIASES = {
    "chascomus": ("lezama",),
    "coronel de marina leonardo rosales": ("coronel rosales",),
    "general juan madariaga": ("general madariaga", "madariaga"),
    "general la madrid": ("general lamadrid", "lamadrid", "la madrid"),
    "adolfo gonzales chaves": ("gonzales chaves", "adolfo gonzalez chaves", "gonzalez chaves"),
    "brandsen": ("coronel brandsen",),
    "monte": ("san miguel del monte",),
    "leandro n alem": ("leandro alem",),
    "9 de julio": ("nueve de julio",),
    "25 de mayo": ("veinticinco de mayo",),
    "tres de febrero": ("3 de febrero",),
    "general san martin": ("san martin",),
    "lomas de zamora": ("lomas",),  # as the conurbano calls it
}
_OUTSIDE_PROVINCE = re.compile(
    r"\b(?:caba|c a b a|capital federal|cap fed|ciudad autonoma|cdad autonoma"
    r"|ciudad de buenos aires)\b"
)
_FILLER_BEFORE = re.compile(
    r"^(?:(?:partido|municipio|municipalidad|distrito|localidad|ciudad)(?: del?)? )+"
)
_FILLER_AFTER = re.compile(
    r"(?: (?:(?:provincia|pcia|prov)(?: de)? )?(?:buenos aires|bs as|bsas|pba|ba)"
    r"| argentina| provincia| pcia| prov)+$"
)


def _partido_key(folded: str) -> str:
    """A folded partido cell without abbreviations and without the words around the name:
    "Pdo. de Gral. Pueyrredón (Bs. As.)" → "general pueyrredon"."""
    expanded = " ".join(_ABBREVIATIONS.get(word, word) for word in folded.split())
    trimmed = _FILLER_AFTER.sub("", _FILLER_BEFORE.sub("", expanded))
    return trimmed or expanded


def _typo_budget(key: str) -> int:
    """How many edits (a transposition is one) a misspelt name may be away from a partido.

    Names under six letters get none: one letter turns the province of Salta into Salto and
    "Lomas" into Lobos. An edit count is used rather than a similarity percentage because the
    percentages do not separate typos from other places: "Tandik" is 83% "Tandil", but "San
    Antonio de Padua" (a town in Merlo) is already 80% "San Antonio de Areco".
    """
    if len(key) < 6:
        return 0
    return 1 if len(key) < 12 else 2


def _same_word(written: str, known: str) -> bool:
    """Equal, or one of them an initial of the other ("B." for "Bahía", "C." for "Clemente")."""
    if len(written) == 1 or len(known) == 1:
        return written[0] == known[0]
    return written == known


class PartidoMatcher:
    """Finds the partido a cell names, however it is written.

    In order: the exact folded name (abbreviations expanded, "Partido de…" and "…(Bs. As.)"
    dropped), a known other name, initials ("B. Blanca"), and a spelling mistake or two. Names
    of localities are not partidos: "Monte Grande" is refused, not taken for Monte.
    """

    def __init__(self, names: Iterable[tuple[int, str]]) -> None:
        self._ids: dict[str, int] = {}
        for partido_id, name in names:
            key = _partido_key(fold(name))
            self._ids[key] = partido_id
            for alias in _PARTIDO_ALIASES.get(key, ()):
                self._ids.setdefault(alias, partido_id)
        self._keys = list(self._ids)
        self._words = {key: key.split() for key in self._keys}

    def match(self, cell: Cell) -> int | None:
        written = text(cell)
        if written is None:
            return None
        folded = fold(written)
        if _OUTSIDE_PROVINCE.search(folded):
            raise BadValue("fuera de la provincia: CABA")
        key = _partido_key(folded)
        for way in (self._by_name, self._by_initials, self._by_typo):
            found = way(key)
            if len(found) > 1:
                raise BadValue(f"partido ambiguo: {written}")
            if found:
                return found.pop()
        raise BadValue(f"partido desconocido: {written}")

    def _by_name(self, key: str) -> set[int]:
        return {self._ids[key]} if key in self._ids else set()

    def _by_initials(self, key: str) -> set[int]:
        words = key.split()
        return {
            self._ids[known]
            for known, known_words in self._words.items()
            if len(known_words) == len(words) and all(map(_same_word, words, known_words))
        }

    def _by_typo(self, key: str) -> set[int]:
        """Every partido at the smallest distance within the budget (more than one: ambiguous)."""
        budget = _typo_budget(key)
        if budget == 0:
            return set()
        hits = process.extract(
            key, self._keys, scorer=OSA.distance, score_cutoff=budget, limit=None
        )
        closest = min((distance for _, distance, _ in hits), default=None)
        return {self._ids[known] for known, distance, _ in hits if distance == closest}


class CatalogueMatcher:
    """Maps a cell to a catalogue code by its folded code, its folded name or a synonym.

    A synonym wins over a name that folds the same: synonyms are decisions someone took for
    these sheets (the clerk's own equivalences among them). One that points to a code outside
    the catalogue is a programming error (ValueError), not a bad cell.
    """

    def __init__(
        self, entries: Iterable[tuple[str, str]], synonyms: dict[str, str] | None = None
    ) -> None:
        self._codes: dict[str, str] = {}
        for entry_code, name in entries:
            self._codes[fold(entry_code)] = entry_code
            self._codes[fold(name)] = entry_code
        known = set(self._codes.values())
        for word, entry_code in (synonyms or {}).items():
            if entry_code not in known:
                raise ValueError(f"synonym {word!r} points to unknown code {entry_code!r}")
            self._codes[fold(word)] = entry_code

    def match(self, cell: Cell) -> str | None:
        written = text(cell)
        if written is None:
            return None
        found = self._codes.get(fold(written))
        if found is None:
            raise BadValue(f"valor sin equivalencia: {written}")
        return found


#: How the sheets (and Open311 exports) name the hub's statuses, by folded text.
STATUS_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        ("abierto", "abierta", "nuevo", "nueva", "ingresado", "recibido", "open"), Status.NUEVA
    ),
    "asignado": Status.ASIGNADA,
    **dict.fromkeys(
        ("en tramite", "en curso", "en proceso", "pendiente", "en gestion"), Status.EN_CURSO
    ),
    "derivado": Status.DERIVADA,
    **dict.fromkeys(("en espera", "esperando respuesta"), Status.EN_ESPERA),
    **dict.fromkeys(("resuelto", "resuelta", "solucionado"), Status.RESUELTA),
    **dict.fromkeys(("cerrado", "cerrada", "finalizado", "archivado", "closed"), Status.CERRADA),
    **dict.fromkeys(("anulado", "anulada", "cancelado", "sin efecto"), Status.ANULADA),
    **dict.fromkeys(("duplicado", "duplicada"), Status.DUPLICADA),
}
