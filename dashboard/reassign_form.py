"""Reasignar: move the cases selected in the queue, showing the effect before confirming.

The page only gathers the choice and shows the answer: every rule (scope, target, assignee,
reason, stale versions) is enforced by ``commands.reassign``.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from dashboard.commands import CommandError, Outcome, Reason, ShownCase, reassign
from dashboard.data import clear_cached_queries, current_engine, run_query
from dashboard.i18n import format_int
from dashboard.session import current_actor
from dashboard.ui import language, t
from queries.catalogs import active_staff, receiving_departments
from queries.reassignment import reassignment_preview

RESULT_KEY = "reasignacion.resultado"
FORM_KEYS = ("destino", "responsable", "motivo", "nota")
#: Preview column → (label key, number format or None for text).
PREVIEW_COLUMNS = {
    "level": ("reasignar.col.level", None),
    "name": ("reasignar.col.name", None),
    "open_before": ("reasignar.col.open_before", "localized"),
    "open_after": ("reasignar.col.open_after", "localized"),
    "weekly_capacity": ("col.weekly_capacity", "localized"),
    "load_before": ("reasignar.col.load_before", "%.1f"),
    "load_after": ("reasignar.col.load_after", "%.1f"),
}


def reassign_form(selected: pd.DataFrame, as_of: datetime) -> bool:
    """The form for the ``selected`` rows (``code``, ``version``); true once cases moved."""
    st.subheader(t("reasignar.title", count=format_int(len(selected), language())))
    target = _choose_department()
    assignee = _choose_assignee(target) if target is not None else None
    reason = st.selectbox(
        t("reasignar.reason"),
        options=list(Reason),
        format_func=lambda code: t(f"reason.{code}"),
        index=None,
        placeholder=t("reasignar.choose"),
        key="motivo",
    )
    note = st.text_area(t("reasignar.note"), help=t("reasignar.note.help"), key="nota")
    codes = tuple(selected["code"])
    if target is not None:
        _preview(target, assignee, codes, as_of)
    if not st.button(t("reasignar.confirm"), type="primary"):
        return False
    shown = [
        ShownCase(code, int(version))
        for code, version in zip(codes, selected["version"], strict=True)
    ]
    try:
        outcomes = reassign(
            current_engine(), current_actor(), shown, target, assignee, reason, note
        )
    except CommandError as refusal:
        st.error(str(refusal))
        return False
    _remember(outcomes)
    return any(outcome.moved for outcome in outcomes)


def show_last_result() -> None:
    """What the last confirmation did, case by case (kept across the rerun that follows it)."""
    outcomes: list[Outcome] | None = st.session_state.pop(RESULT_KEY, None)
    if not outcomes:
        return
    moved = sum(outcome.moved for outcome in outcomes)
    lang = language()
    message = t("reasignar.result", moved=format_int(moved, lang),
                total=format_int(len(outcomes), lang))  # fmt: skip
    (st.success if moved == len(outcomes) else st.warning)(message)
    st.dataframe(
        pd.DataFrame(
            {
                t("table.case"): [outcome.code for outcome in outcomes],
                t("reasignar.moved"): [outcome.moved for outcome in outcomes],
                t("reasignar.detail"): [outcome.message for outcome in outcomes],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _choose_department() -> int | None:
    departments = run_query(receiving_departments)
    names = dict(zip(departments["id"].tolist(), departments["name"].tolist(), strict=True))
    return st.selectbox(
        t("reasignar.target"),
        options=list(names),
        format_func=names.__getitem__,
        index=None,
        placeholder=t("reasignar.choose"),
        key="destino",
    )


def _choose_assignee(department_id: int) -> int | None:
    staff = run_query(active_staff, department_id)
    names = dict(zip(staff["id"].tolist(), staff["name"].tolist(), strict=True))
    return st.selectbox(
        t("reasignar.assignee"),
        options=[None, *names],
        format_func=lambda person: t("reasignar.nobody") if person is None else names[person],
        key="responsable",
    )


def _preview(target: int, assignee: int | None, codes: tuple[str, ...], as_of: datetime) -> None:
    """Open cases of the receiving area (and person) before and after, warning over capacity."""
    preview = run_query(reassignment_preview, target, assignee, codes, as_of)
    lang = language()
    st.markdown(f"**{t('reasignar.preview')}**")
    st.dataframe(
        preview.assign(level=preview["level"].map(lambda level: t(f"reasignar.level.{level}"))),
        hide_index=True,
        width="stretch",
        column_order=list(PREVIEW_COLUMNS),
        column_config={
            column: st.column_config.NumberColumn(t(key), format=number_format)
            if number_format
            else st.column_config.TextColumn(t(key))
            for column, (key, number_format) in PREVIEW_COLUMNS.items()
        },
    )
    st.caption(t("col.load.def"))
    for row in preview[preview["over_capacity"]].itertuples():
        st.warning(
            t("reasignar.over_capacity", name=row.name, after=format_int(row.open_after, lang),
              capacity=format_int(row.weekly_capacity, lang))
        )  # fmt: skip


def _remember(outcomes: list[Outcome]) -> None:
    """Keep the outcomes for the next run, refresh every figure and clear the form."""
    st.session_state[RESULT_KEY] = outcomes
    clear_cached_queries()
    for key in FORM_KEYS:
        st.session_state.pop(key, None)
