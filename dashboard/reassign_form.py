"""Reasignar: move the cases ticked in the queue, showing the effect before confirming.

The page only gathers the choice and shows the answer: every rule (scope, target, assignee,
reason, stale versions) is enforced by ``commands.reassign``, which gets the codes and the
versions the supervisor saw when she ticked them, never rows re-read at confirmation.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from dashboard.commands import (
    CommandError,
    Outcome,
    OutcomeKind,
    Reason,
    ShownCase,
    reassign,
)
from dashboard.data import clear_cached_queries, current_engine, run_query
from dashboard.i18n import format_int
from dashboard.picked_cases import change_text
from dashboard.selection import Picks
from dashboard.session import current_actor
from dashboard.ui import language, t
from queries.catalogs import active_staff, receiving_departments
from queries.reassignment import reassignment_preview

RESULT_KEY = "reasignacion.resultado"
#: A result of more cases than this scrolls within a box of ``RESULT_HEIGHT`` pixels.
RESULT_ROWS, RESULT_HEIGHT = 12, 480
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


def reassign_form(picks: Picks, as_of: datetime) -> bool:
    """The form for the ``picks`` (code → version seen); true once it was confirmed, whatever
    moved: the outcome of each case is kept for the next run (``show_last_result``)."""
    st.subheader(t("reasignar.title", count=format_int(len(picks), language())))
    target, target_name = _choose_department()
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
    if target is not None:
        _preview(target, assignee, tuple(picks), as_of)
    if not st.button(t("reasignar.confirm"), type="primary"):
        return False
    shown = [ShownCase(code, version) for code, version in picks.items()]
    try:
        outcomes = reassign(
            current_engine(), current_actor(), shown, target, assignee, reason, note
        )
    except CommandError as refusal:
        st.error(str(refusal))
        return False
    _remember(outcomes, target_name)
    return True


def show_last_result() -> None:
    """What the last confirmation did, case by case (kept across the rerun that follows it)."""
    outcomes, target = st.session_state.pop(RESULT_KEY, ([], ""))
    if not outcomes:
        return
    moved = sum(outcome.moved for outcome in outcomes)
    lang = language()
    message = t("reasignar.result", moved=format_int(moved, lang),
                total=format_int(len(outcomes), lang))  # fmt: skip
    (st.success if moved == len(outcomes) else st.warning)(message)
    # A static table: each sentence is read whole, where a data grid would cut it short.
    st.table(
        pd.DataFrame(
            {
                t("table.case"): [outcome.code for outcome in outcomes],
                t("reasignar.moved"): [
                    t("reasignar.moved.yes" if outcome.moved else "reasignar.moved.no")
                    for outcome in outcomes
                ],
                t("reasignar.detail"): [_outcome_text(outcome, target) for outcome in outcomes],
            }
        ),
        hide_index=True,
        height="content" if len(outcomes) <= RESULT_ROWS else RESULT_HEIGHT,
    )


def _outcome_text(outcome: Outcome, target: str) -> str:
    """One case's outcome in the reader's language; a lost race says who changed it, when,
    and where the case is now."""
    change = outcome.change
    if outcome.kind == OutcomeKind.CHANGED and change is not None:
        said = change_text(change.event, change.by, change.at, change.department, change.status)
        return t("reasignar.outcome.cambiada", code=outcome.code, change=said)
    return t(f"reasignar.outcome.{outcome.kind}", code=outcome.code, target=target)


def _choose_department() -> tuple[int | None, str]:
    """The receiving department's id and name (``None`` and "" until one is chosen)."""
    departments = run_query(receiving_departments)
    names = dict(zip(departments["id"].tolist(), departments["name"].tolist(), strict=True))
    chosen = st.selectbox(
        t("reasignar.target"),
        options=list(names),
        format_func=names.__getitem__,
        index=None,
        placeholder=t("reasignar.choose"),
        key="destino",
    )
    return chosen, names.get(chosen, "")


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


def _remember(outcomes: list[Outcome], target: str) -> None:
    """Keep the outcomes for the next run, refresh every figure and clear the form."""
    st.session_state[RESULT_KEY] = (outcomes, target)
    clear_cached_queries()
    for key in FORM_KEYS:
        st.session_state.pop(key, None)
