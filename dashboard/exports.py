"""Downloads of what a page shows, each recorded in the audit log with its filters."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from dashboard.commands import record_export
from dashboard.data import current_engine
from dashboard.session import current_actor
from dashboard.ui import t
from queries.filters import CaseFilters


def export_button(name: str, frame: pd.DataFrame, filters: CaseFilters) -> None:
    """A CSV download of ``frame``; clicking it writes who took it, and with which filters.

    Frames come from ``queries/``, which never return unmasked personal data.
    """
    chosen = {key: str(value) for key, value in dataclasses.asdict(filters).items() if value}
    st.download_button(
        t("export.csv"),
        data=frame.to_csv(index=False).encode("utf-8"),
        file_name=f"{name}_{filters.date_from:%Y%m%d}_{filters.date_to:%Y%m%d}.csv",
        mime="text/csv",
        help=t("export.help"),
        on_click=lambda: record_export(current_engine(), current_actor(), name, chosen, len(frame)),
    )
