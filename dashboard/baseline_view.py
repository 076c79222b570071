"""Línea de base on a page: freeze the filter bar's period, list the frozen baselines, show one
with today's recomputation beside each figure, and download it.

The figures, files and comparison come from ``dashboard.evidence.baseline``; the only write
is ``commands.freeze_baseline`` (which checks the role again). A stored baseline never
changes, so its figures and files are cached by id; today's recomputation lives as long as
any cached query (``dashboard.data.CACHE_TTL_SECONDS``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from auth.roles import MAY_RECORD_EVIDENCE
from dashboard.commands import CommandError, freeze_baseline, record_export
from dashboard.data import CACHE_TTL_SECONDS, current_engine, engine_for, read_fresh
from dashboard.evidence.baseline import (
    AUDIT_WHAT,
    BREAKDOWNS,
    DEFINITIONS_VERSION,
    HEADLINE,
    FrozenBaseline,
    breakdown_table,
    compare,
    cover_of,
    difference_text,
    figure_definition,
    figure_label,
    filters_text,
    frozen_baseline,
    pdf_bytes,
    recompute,
    written,
    xlsx_bytes,
)
from dashboard.exports import XLSX_MIME
from dashboard.formats import format_date, format_datetime
from dashboard.session import current_actor
from dashboard.settings import database_url
from dashboard.tables import show_table
from dashboard.ui import language, t
from queries.baselines import baseline_list
from queries.filters import CaseFilters

FORM_KEY = "linea.congelar"
NAME_KEY = "linea.nombre"
CHOSEN_KEY = "linea.elegida"
DIMENSION_KEY = "linea.desglose"
#: Leading characters of a hash the list shows (the baseline itself shows all 64).
HASH_SHOWN = 16
#: Headline figures per row of cards.
CARDS_PER_ROW = 4


def freeze_form(filters: CaseFilters) -> None:
    """The name field and the button, for the roles that may freeze (checked again in the
    command); the period and filters frozen are the filter bar's."""
    if current_actor().role not in MAY_RECORD_EVIDENCE:
        return
    lang = language()
    st.subheader(t("baseline.freeze.heading"))
    with current_engine().connect() as connection:
        chosen = filters_text(connection, filters, lang)
    st.caption(t("baseline.freeze.period", start=format_date(filters.date_from, lang),
                 end=format_date(filters.date_to, lang),
                 as_of=format_datetime(filters.as_of, lang), filters=chosen))  # fmt: skip
    with st.form(key=FORM_KEY):
        name = st.text_input(t("baseline.freeze.name"), key=NAME_KEY, max_chars=120,
                             help=t("baseline.freeze.name_help"))  # fmt: skip
        submitted = st.form_submit_button(t("baseline.freeze.button"), type="primary")
    if not submitted:
        return
    try:
        with st.spinner(t("baseline.freeze.working")):
            frozen = freeze_baseline(current_engine(), current_actor(), name, filters)
    except CommandError as refusal:
        st.error(str(refusal))
        return
    st.session_state[CHOSEN_KEY] = frozen.id
    st.success(t("baseline.freeze.done", name=frozen.name, hash=frozen.content_hash))


def chosen_baseline() -> int | None:
    """The list of baselines (read fresh: another person may have just frozen one) and the
    one to show; ``None`` when there are none."""
    st.subheader(t("baseline.list.heading"))
    listed = read_fresh(baseline_list)
    if listed.empty:
        st.info(t("baseline.list.empty"))
        return None
    show_table(_listed_table(listed), hide_index=True, width="stretch")
    names = dict(zip(listed["id"].astype(int), listed["name"], strict=True))
    if st.session_state.get(CHOSEN_KEY) not in names:
        st.session_state[CHOSEN_KEY] = next(iter(names))
    return st.selectbox(t("baseline.choose"), list(names), format_func=names.get, key=CHOSEN_KEY)


def _listed_table(listed: pd.DataFrame) -> pd.DataFrame:
    lang = language()
    spans = zip(listed["date_from"], listed["date_to"], strict=True)
    periods = [t("report.cover.period_value", first=format_date(first, lang),
                 last=format_date(last, lang)) for first, last in spans]  # fmt: skip
    return pd.DataFrame({
        t("baseline.col.name"): listed["name"], t("baseline.col.period"): periods,
        t("baseline.col.created_by"): listed["created_by"],
        t("baseline.col.created_at"): listed["created_at"],
        t("baseline.col.definitions_version"): listed["definitions_version"],
        t("baseline.col.hash"): listed["content_hash"].str[:HASH_SHOWN],
    })  # fmt: skip


def baseline_detail(baseline_id: int) -> None:
    """The chosen baseline: what it is of, its headline figures each with today's
    recomputation, its downloads, and one breakdown at a time."""
    baseline = _stored(database_url(), baseline_id)
    if baseline is None:
        st.warning(t("baseline.missing"))
        return
    lang = language()
    st.subheader(baseline.name)
    filters = baseline.content.filters
    st.caption(t("baseline.detail.period", start=format_date(filters.date_from, lang),
                 end=format_date(filters.date_to, lang),
                 as_of=format_datetime(filters.as_of, lang),
                 filters=_files(database_url(), baseline_id, lang)[2]))  # fmt: skip
    st.caption(t("baseline.detail.caption", who=baseline.created_by,
                 when=format_datetime(baseline.created_at, lang),
                 version=baseline.content.definitions_version,
                 hash=baseline.content_hash))  # fmt: skip
    _downloads(baseline, lang)
    _headline(baseline, _today(database_url(), baseline_id), lang)
    _breakdown(baseline, lang)


def _headline(baseline: FrozenBaseline, today: pd.DataFrame, lang: str) -> None:
    """A card per figure, its definition as help, today's value (or "coincide") under it."""
    differs = int((~today["same"]).sum())
    if differs:
        st.warning(t("baseline.today.some_differ", count=differs))
    else:
        st.success(t("baseline.today.all_same"))
    version = baseline.content.definitions_version
    if version != DEFINITIONS_VERSION:
        st.caption(t("baseline.today.other_definitions", then=version, now=DEFINITIONS_VERSION))
    headline = baseline.content.headline.set_index("figure")
    compared = today.set_index("figure")
    for start in range(0, len(HEADLINE), CARDS_PER_ROW):
        for column, key in zip(st.columns(CARDS_PER_ROW), HEADLINE[start:start + CARDS_PER_ROW],
                               strict=False):  # fmt: skip
            frozen = headline.loc[key]
            column.metric(figure_label(key, lang), written(key, frozen["value"], lang,
                          frozen["at_least"]), help=figure_definition(key, lang))  # fmt: skip
            column.caption(_today_line(key, compared.loc[key], lang))


def _today_line(key: str, row: pd.Series, lang: str) -> str:
    if row["same"]:
        return t("baseline.today.same")
    difference = "" if pd.isna(row["difference"]) else difference_text(key, row["difference"], lang)
    return t("baseline.today.differs", value=written(key, row["today"], lang),
             difference=difference or "—")  # fmt: skip


def _breakdown(baseline: FrozenBaseline, lang: str) -> None:
    dimension = st.segmented_control(
        t("baseline.breakdown"), BREAKDOWNS, default=BREAKDOWNS[0], key=DIMENSION_KEY,
        format_func=lambda name: t(f"indicators.dimension.{name}"), required=True,
    )  # fmt: skip
    show_table(breakdown_table(baseline.content, dimension, lang), hide_index=True,
               width="stretch")  # fmt: skip


def _downloads(baseline: FrozenBaseline, lang: str) -> None:
    """XLSX and PDF of the frozen figures; each click is written to the audit log with the
    baseline's name and hash."""
    xlsx, pdf, _ = _files(database_url(), baseline.id, lang)
    audited = {"linea_de_base": baseline.name, "id": str(baseline.id),
               "hash": baseline.content_hash}  # fmt: skip
    rows = len(baseline.content.headline) + sum(
        len(table) for table in baseline.content.tables.values()
    )
    stem = f"linea_de_base_{baseline.id}_{baseline.content.filters.date_from:%Y%m%d}"
    with st.container(horizontal=True):
        st.download_button(t("baseline.download.xlsx"), data=xlsx, file_name=f"{stem}.xlsx",
                           mime=XLSX_MIME, help=t("baseline.download.help"), on_click=_record,
                           args=(audited, rows, "xlsx"), key="linea.xlsx")  # fmt: skip
        st.download_button(t("baseline.download.pdf"), data=pdf, file_name=f"{stem}.pdf",
                           mime="application/pdf", help=t("baseline.download.help"),
                           on_click=_record, args=(audited, rows, "pdf"),
                           key="linea.pdf")  # fmt: skip


def _record(filters: dict[str, str], rows: int, file_format: str) -> None:
    record_export(current_engine(), current_actor(), AUDIT_WHAT, filters, rows,
                  file_format=file_format)  # fmt: skip


@st.cache_data(max_entries=50, show_spinner=False)
def _stored(url: str, baseline_id: int) -> FrozenBaseline | None:
    """A stored baseline: never updated, so kept as long as the server runs."""
    with engine_for(url).connect() as connection:
        return frozen_baseline(connection, baseline_id)


@st.cache_data(max_entries=50, show_spinner=False)
def _files(url: str, baseline_id: int, lang: str) -> tuple[bytes, bytes, str]:
    """The workbook, the PDF and the filters in words of a stored baseline, in ``lang``."""
    baseline = _stored(url, baseline_id)
    with engine_for(url).connect() as connection:
        cover = cover_of(connection, baseline, lang)
    return xlsx_bytes(baseline, cover, lang), pdf_bytes(baseline, cover, lang), cover.filters


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=50, show_spinner=False)
def _today(url: str, baseline_id: int) -> pd.DataFrame:
    """``compare`` of the stored figures with today's recomputation of the same period."""
    baseline = _stored(url, baseline_id)
    with engine_for(url).connect() as connection:
        return compare(baseline.content, recompute(connection, baseline.content))
