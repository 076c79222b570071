"""Downloads of what a page shows, each recorded in the audit log with its filters and format."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from dashboard.commands import record_export
from dashboard.data import current_engine
from dashboard.export_files import csv_bytes, xlsx_bytes
from dashboard.session import current_actor
from dashboard.ui import t
from queries.filters import CaseFilters

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_button(name: str, frame: pd.DataFrame, filters: CaseFilters) -> None:
    """CSV and Excel downloads of ``frame``, side by side; a click writes who took it, with
    which filters and in which format.

    Frames come from ``queries/``, which never return unmasked personal data; the files are
    made by ``dashboard.export_files`` (text that looks like a formula neutralised).
    """
    chosen = {key: str(value) for key, value in dataclasses.asdict(filters).items() if value}
    stem = f"{name}_{filters.date_from:%Y%m%d}_{filters.date_to:%Y%m%d}"
    with st.container(horizontal=True):
        st.download_button(
            t("export.csv"),
            data=csv_bytes(frame),
            file_name=f"{stem}.csv",
            mime="text/csv",
            help=t("export.help"),
            on_click=_record,
            args=(name, chosen, len(frame), "csv"),
        )
        st.download_button(
            t("export.xlsx"),
            data=xlsx_bytes(frame, name),
            file_name=f"{stem}.xlsx",
            mime=XLSX_MIME,
            help=t("export.help"),
            on_click=_record,
            args=(name, chosen, len(frame), "xlsx"),
        )


def _record(name: str, filters: dict[str, str], rows: int, file_format: str) -> None:
    record_export(current_engine(), current_actor(), name, filters, rows, file_format=file_format)
