"""Indicadores: how long citizens wait, how many are answered on time, whether the stock
grows and whether the protocol is followed, against the previous period and a year earlier;
then the monthly report to take to the meeting."""

from __future__ import annotations

import streamlit as st

from dashboard.filter_bar import global_filters
from dashboard.formats import format_date, format_datetime
from dashboard.indicators_view import breakdown, headline_cards, trend
from dashboard.protocol_panel import protocol_panel
from dashboard.report_view import report_section
from dashboard.ui import language, t


def render() -> None:
    filters = global_filters()
    lang = language()
    st.title(t("page.indicadores"))
    st.caption(
        t("indicadores.page.caption", start=format_date(filters.date_from, lang),
          end=format_date(filters.date_to, lang), as_of=format_datetime(filters.as_of, lang))
    )  # fmt: skip

    headline_cards(filters)
    breakdown(filters)
    trend(filters)
    protocol_panel(filters)
    # Informe mensual: the XLSX and PDF downloads of a chosen month (dashboard/report_view.py).
    report_section(filters)
