"""What the report says about itself besides its figures: month, period, cut-off, scope,
when and by whom it was generated, its content hash, and whether the month's history changed
after its cut-off, written out for the cover."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from dashboard.formats import format_date, format_datetime
from dashboard.i18n import CHART_DATE_NAMES, format_int, translate
from dashboard.models import Department
from dashboard.report.content import ReportContent


@dataclass(frozen=True)
class Cover:
    """The cover's lines, written in the report's language.

    ``history_notice`` is empty unless imports made after the cut-off brought cases dated
    before it: then it names them and when they were made. It is part of the hashed content
    (``content.content_hash`` digests the late imports it is written from), so two copies
    that differ in it have different hashes.
    """

    month: str
    period: str
    cut_off: str
    scope: str
    generated_at: str
    generated_by: str
    content_hash: str
    history_notice: str


def cover_of(
    connection: Connection, content: ReportContent, content_hash: str, *,
    generated_by: str, generated_at: datetime, lang: str = "es",
) -> Cover:  # fmt: skip
    filters = content.filters
    return Cover(
        month=month_name(content.month, lang),
        period=translate(
            "report.cover.period_value",
            lang,
            first=format_date(filters.date_from, lang),
            last=format_date(filters.date_to, lang),
        ),
        cut_off=format_datetime(filters.as_of, lang),
        scope=_scope(connection, filters.scope, lang),
        generated_at=format_datetime(generated_at, lang),
        generated_by=generated_by,
        content_hash=content_hash,
        history_notice=_history_notice(content, lang),
    )


def month_name(month: datetime, lang: str = "es") -> str:
    """``noviembre de 2026`` (``November 2026``)."""
    name = CHART_DATE_NAMES.get(lang, CHART_DATE_NAMES["es"])["months"][month.month - 1]
    return f"{name} de {month.year}" if lang == "es" else f"{name} {month.year}"


def _history_notice(content: ReportContent, lang: str) -> str:
    """Which imports changed the month's history after its cut-off and when, or nothing:
    the same warning the pages' filter bar gives, so a reader of an old copy knows why a
    new one differs."""
    if content.late_imports.empty:
        return ""
    imports = "; ".join(
        translate("report.cover.late_import", lang, batch=late.batch_id, file=late.file_name,
                  when=format_datetime(late.imported_at, lang),
                  cases=format_int(int(late.cases), lang))
        for late in content.late_imports.itertuples()
    )  # fmt: skip
    return translate("report.cover.history_changed", lang, imports=imports)


def _scope(connection: Connection, scope: tuple[int, ...] | None, lang: str) -> str:
    """The whole province, or the names of the departments the report is limited to."""
    if scope is None:
        return translate("report.cover.scope_all", lang)
    names = connection.execute(
        select(Department.name).where(Department.id.in_(scope)).order_by(Department.name)
    ).scalars()
    return ", ".join(names)
