"""SQL functions that PostgreSQL and SQLite spell differently, written once for both.

Each class is a SQLAlchemy expression named like the SQL function it stands for (hence the
lower-case class names); the ``@compiles`` pair after it writes it for each back end. They
live here, beside the models and below both the reads (``queries``) and the core packages
(``dashboard.duplicates``), because both use them: the core must not reach up into
``queries``, which itself imports the core.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import Date, DateTime, Float, Integer, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class _period_start(FunctionElement):
    """Midnight of the first day of the period holding the timestamp given: PostgreSQL's
    ``date_trunc`` with ``unit``, SQLite's ``datetime`` with ``sqlite_modifiers``."""

    type = DateTime()
    inherit_cache = True
    unit: ClassVar[str]
    sqlite_modifiers: ClassVar[tuple[str, ...]]


@compiles(_period_start, "postgresql")
def _period_start_postgresql(element: _period_start, compiler, **kw) -> str:
    return f"date_trunc('{element.unit}', {compiler.process(element.clauses, **kw)})"


@compiles(_period_start, "sqlite")
def _period_start_sqlite(element: _period_start, compiler, **kw) -> str:
    modifiers = "".join(f", '{modifier}'" for modifier in element.sqlite_modifiers)
    return f"datetime({compiler.process(element.clauses, **kw)}{modifiers})"


class week_start(_period_start):
    """Monday 00:00 of the week holding the timestamp given."""

    name = "week_start"
    inherit_cache = True
    unit = "week"
    # 'weekday 0' moves forward to Sunday (or stays on one); six days back is its Monday.
    sqlite_modifiers = ("weekday 0", "-6 days", "start of day")


class month_start(_period_start):
    """Midnight of the first day of the month holding the timestamp given."""

    name = "month_start"
    inherit_cache = True
    unit = "month"
    sqlite_modifiers = ("start of month",)


class hours_between(FunctionElement):
    """Hours from the first timestamp to the second, as a float."""

    type = Float()
    name = "hours_between"
    inherit_cache = True


@compiles(hours_between, "postgresql")
def _hours_between_postgresql(element: hours_between, compiler, **kw) -> str:
    # date_part gives double precision (EXTRACT gives NUMERIC, much slower to sort).
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(date_part('epoch', {end} - {start}) / 3600)"


@compiles(hours_between, "sqlite")
def _hours_between_sqlite(element: hours_between, compiler, **kw) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 24.0)"


class day_of(FunctionElement):
    """The calendar day of a timestamp, comparable with ``business_days.day``."""

    type = Date()
    name = "day_of"
    inherit_cache = True


@compiles(day_of, "postgresql")
def _day_of_postgresql(element: day_of, compiler, **kw) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(day_of, "sqlite")
def _day_of_sqlite(element: day_of, compiler, **kw) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


class hours_into_day(FunctionElement):
    """Hours from the midnight that began a timestamp's day to the timestamp, as a float."""

    type = Float()
    name = "hours_into_day"
    inherit_cache = True


@compiles(hours_into_day, "postgresql")
def _hours_into_day_postgresql(element: hours_into_day, compiler, **kw) -> str:
    moment = compiler.process(element.clauses, **kw)
    return f"(date_part('epoch', {moment} - date_trunc('day', {moment})) / 3600)"


@compiles(hours_into_day, "sqlite")
def _hours_into_day_sqlite(element: hours_into_day, compiler, **kw) -> str:
    moment = compiler.process(element.clauses, **kw)
    return f"((julianday({moment}) - julianday(date({moment}))) * 24.0)"


class whole_floor(FunctionElement):
    """The largest whole number not above a non-negative float (SQL's ``round`` breaks ties
    differently on each database, so rounding is ``floor(x + 0.5)``: half up on both)."""

    type = Float()
    name = "whole_floor"
    inherit_cache = True


@compiles(whole_floor, "postgresql")
def _whole_floor_postgresql(element: whole_floor, compiler, **kw) -> str:
    return f"floor({compiler.process(element.clauses, **kw)})"


@compiles(whole_floor, "sqlite")
def _whole_floor_sqlite(element: whole_floor, compiler, **kw) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS INTEGER)"


class last_chars(FunctionElement):
    """The last ``n`` characters of a text (all of it when shorter)."""

    type = String()
    name = "last_chars"
    inherit_cache = True


@compiles(last_chars, "postgresql")
def _last_chars_postgresql(element: last_chars, compiler, **kw) -> str:
    text, count = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"right({text}, {count})"


@compiles(last_chars, "sqlite")
def _last_chars_sqlite(element: last_chars, compiler, **kw) -> str:
    text, count = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"substr({text}, -({count}))"


class at_sign(FunctionElement):
    """Where "@" is in the text (1-based; 0 when absent)."""

    type = Integer()
    name = "at_sign"
    inherit_cache = True


@compiles(at_sign, "postgresql")
def _at_sign_postgresql(element: at_sign, compiler, **kw) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)}, '@')"


@compiles(at_sign, "sqlite")
def _at_sign_sqlite(element: at_sign, compiler, **kw) -> str:
    return f"instr({compiler.process(element.clauses, **kw)}, '@')"
