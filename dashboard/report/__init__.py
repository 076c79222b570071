"""Informe mensual: a month's figures as an Excel workbook and a PDF, with a content hash.

One core, no Streamlit, shared by the page (``dashboard.report_view``) and the command line
(``python -m dashboard.report``): ``build_report`` reads the month's figures once
(``content.gather``), hashes them (``content.content_hash``) and lays them out twice
(``workbook``, ``document``). The figures are true to the history, so a month's report has
the same hash whenever it is generated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection

from dashboard.report.content import content_hash, gather, month_filters
from dashboard.report.cover import cover_of
from dashboard.report.document import pdf_bytes
from dashboard.report.workbook import workbook_bytes

#: What the audit log calls a generation or a download of the report.
AUDIT_WHAT = "informe_mensual"


@dataclass(frozen=True)
class Report:
    month: date
    xlsx: bytes
    pdf: bytes
    #: SHA-256 of the figures (never of the moment or the person): equal for equal months.
    content_hash: str
    #: How many table rows the report holds (for the audit log).
    rows: int


def build_report(
    connection: Connection,
    month: date,
    *,
    scope: tuple[int, ...] | None = None,
    generated_by: str,
    generated_at: datetime,
    lang: str = "es",
) -> Report:
    """The report of ``month`` (its first day), cut at the end of the month (or at
    ``generated_at`` while the month runs), for ``scope`` (a supervisor's departments; ``None``
    is the whole province)."""
    content = gather(connection, month_filters(month, generated_at, scope))
    digest = content_hash(content)
    cover = cover_of(connection, content, digest, generated_by=generated_by,
                     generated_at=generated_at, lang=lang)  # fmt: skip
    return Report(
        month=content.month,
        xlsx=workbook_bytes(content, cover, lang),
        pdf=pdf_bytes(content, cover, lang),
        content_hash=digest,
        rows=sum(len(frame) for frame in content.frames().values()),
    )
