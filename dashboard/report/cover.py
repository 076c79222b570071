"""What the report says about itself besides its figures: month, period, cut-off, scope,
when and by whom it was generated, and its content hash, written out for the cover."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from dashboard.formats import format_date, format_datetime
from dashboard.i18n import CHART_DATE_NAMES, translate
from dashboard.models import Department
from dashboard.report.content import ReportContent


@dataclass(frozen=True)
class Cover:
    month: str
    period: str
    cut_off: str
    scope: str
    generated_at: str
    generated_by: str
    content_hash: str


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
    )


def month_name(month: datetime, lang: str = "es") -> str:
    """``noviembre de 2026`` (``November 2026``)."""
    name = CHART_DATE_NAMES.get(lang, CHART_DATE_NAMES["es"])["months"][month.month - 1]
    return f"{name} de {month.year}" if lang == "es" else f"{name} {month.year}"


def _scope(connection: Connection, scope: tuple[int, ...] | None, lang: str) -> str:
    """The whole province, or the names of the departments the report is limited to."""
    if scope is None:
        return translate("report.cover.scope_all", lang)
    names = connection.execute(
        select(Department.name).where(Department.id.in_(scope)).order_by(Department.name)
    ).scalars()
    return ", ".join(names)
