"""Informe mensual on a page: choose a month, prepare the report, download both files.

The files are built by ``dashboard.report`` (the same core as ``python -m dashboard.report``)
for the reader's scope (a supervisor's departments), not for the page's other filters: a
monthly report is the same document for everyone with that scope, which its hash attests.
They are kept in the session until another month is chosen, so a download does not rebuild
them. Each download is recorded in the audit
log with the month, the scope and the content hash.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.commands import record_export
from dashboard.data import current_engine
from dashboard.domain import local_now
from dashboard.exports import XLSX_MIME
from dashboard.report import AUDIT_WHAT, Report, build_report
from dashboard.report.cover import month_name
from dashboard.session import current_account, current_actor
from dashboard.ui import language, t
from queries.filters import CaseFilters

MONTH_KEY = "informe.mes"
BUILD_KEY = "informe.preparar"
REPORT_KEY = "informe.archivos"
#: How many complete months the selector offers, the last one first.
MONTHS_OFFERED = 36


def report_section(filters: CaseFilters) -> None:
    """The section: month selector, build button, and the two downloads once built."""
    st.subheader(t("report.section"))
    st.caption(t("report.caption"))
    lang = language()
    month = st.selectbox(
        t("report.month"), complete_months(local_now().date()),
        format_func=lambda month: month_name(month, lang), key=MONTH_KEY,
    )  # fmt: skip
    wanted = (month, filters.scope, lang)
    if st.button(t("report.build"), key=BUILD_KEY):
        with st.spinner(t("report.building")), current_engine().connect() as connection:
            report = build_report(connection, month, scope=filters.scope, generated_by=_who(),
                                  generated_at=local_now(), lang=lang)  # fmt: skip
        st.session_state[REPORT_KEY] = (wanted, report)
    built = st.session_state.get(REPORT_KEY)
    if built is None or built[0] != wanted:
        return
    report: Report = built[1]
    st.success(t("report.ready", month=month_name(month, lang), hash=report.content_hash))
    audited = {"mes": f"{month:%Y-%m}", "alcance": str(filters.scope or "provincia"),
               "hash": report.content_hash}  # fmt: skip
    stem = f"informe_{month:%Y-%m}"
    with st.container(horizontal=True):
        st.download_button(t("report.download_xlsx"), data=report.xlsx, file_name=f"{stem}.xlsx",
                           mime=XLSX_MIME, on_click=_record, args=(audited, report.rows, "xlsx"),
                           key="informe.xlsx")  # fmt: skip
        st.download_button(t("report.download_pdf"), data=report.pdf, file_name=f"{stem}.pdf",
                           mime="application/pdf", on_click=_record,
                           args=(audited, report.rows, "pdf"), key="informe.pdf")  # fmt: skip


def complete_months(today: date, count: int = MONTHS_OFFERED) -> list[date]:
    """The first days of the ``count`` months before ``today``'s, the most recent first."""
    this_month = pd.Timestamp(today.replace(day=1))
    return [(this_month - pd.DateOffset(months=back)).date() for back in range(1, count + 1)]


def _who() -> str:
    account = current_account()
    return f"{account.display_name} ({account.username})"


def _record(filters: dict[str, str], rows: int, file_format: str) -> None:
    record_export(current_engine(), current_actor(), AUDIT_WHAT, filters, rows,
                  file_format=file_format)  # fmt: skip
