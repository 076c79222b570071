"""Reasignar: move the cases ticked in the queue, showing the effect before confirming.

The page only gathers the choice and shows the answer: every rule (scope, target, assignee,
reason, stale versions) is enforced by ``commands.reassign``, which gets the codes and the
versions the supervisor saw when she ticked them, never rows re-read at confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
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
from dashboard.i18n import format_decimal, format_int
from dashboard.picked_cases import change_text
from dashboard.selection import Picks
from dashboard.session import current_actor
from dashboard.ui import language, or_dash, t
from queries.catalogs import active_staff, receiving_departments
from queries.reassignment import reassignment_preview

RESULT_KEY = "reasignacion.resultado"
#: A result of more cases than this scrolls within a box of ``RESULT_HEIGHT`` pixels.
RESULT_ROWS, RESULT_HEIGHT = 12, 480
FORM_KEYS = ("destino", "responsable", "motivo", "nota")


def reassign_form(picks: Picks, as_of: datetime) -> bool:
    """The form for the ``picks`` (code → version seen); true once it was confirmed, whatever
    moved: the outcome of each case is kept for the next run (``show_last_result``)."""
    actor = current_actor()
    st.subheader(t("reasignar.title", count=format_int(len(picks), language())))
    target, target_name = _choose_department(actor.department_ids)
    assignee = _choose_assignee(target) if target is not None else None
    reason = st.selectbox(
        t("reasignar.reason"),
        options=list(Reason),
        format_func=lambda code: t(f"reason.{code}"),
        index=None,
        placeholder=t("form.choose"),
        key="motivo",
    )
    note = st.text_area(t("reasignar.note"), help=t("reasignar.note.help"), key="nota")
    if target is not None:
        _preview(target, assignee, tuple(picks), as_of)
    if not st.button(t("reasignar.confirm"), type="primary"):
        return False
    shown = [ShownCase(code, version) for code, version in picks.items()]
    try:
        outcomes = reassign(current_engine(), actor, shown, target, assignee, reason, note)
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


def _choose_department(mine: tuple[int, ...]) -> tuple[int | None, str]:
    """The receiving department's id and name (``None`` and "" until one is chosen).

    The list opens with her own departments (``mine``), marked, then keeps the query's order
    (directorates before regional delegations): sorted by name alone, it opened on a dozen
    delegations and did not say which departments were hers.
    """
    departments = run_query(receiving_departments)
    own = departments["id"].isin(mine)
    ordered = pd.concat([departments[own], departments[~own]])
    names = dict(zip(ordered["id"].tolist(), ordered["name"].tolist(), strict=True))
    chosen = st.selectbox(
        t("reasignar.target"),
        options=list(names),
        format_func=lambda department: (
            t("reasignar.target.mine", name=names[department])
            if department in mine
            else names[department]
        ),
        index=None,
        placeholder=t("reasignar.target.placeholder"),
        help=t("reasignar.target.help"),
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
        help=t("reasignar.assignee.help"),
        placeholder=t("form.choose"),
        key="responsable",
    )


def _preview(target: int, assignee: int | None, codes: tuple[str, ...], as_of: datetime) -> None:
    """Open cases of the receiving area (and person) before and after, warning over capacity."""
    preview = run_query(reassignment_preview, target, assignee, codes, as_of)
    lang = language()
    st.markdown(f"**{t('reasignar.preview')}**")
    # A static table of one or two rows, each "before → after" pair in one cell: it wraps
    # within the form's column, where a seven-column data grid was cut off.
    st.table(_preview_rows(preview, lang), hide_index=True)
    st.caption(t("col.load.def"))
    for row in preview[preview["over_capacity"]].itertuples():
        st.warning(
            t("reasignar.over_capacity", name=row.name, after=format_int(row.open_after, lang),
              capacity=format_int(row.weekly_capacity, lang))
        )  # fmt: skip


def _preview_rows(preview: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The preview as text in ``lang`` (the browser's locale would write a Spanish page's
    figures the English way): who receives, open cases, weekly capacity and load."""
    return pd.DataFrame([_preview_row(row, lang) for row in preview.itertuples()])


def _preview_row(row, lang: str) -> dict[str, str]:
    receiver = t("reasignar.receiver", level=t(f"reasignar.level.{row.level}"), name=row.name)
    return {
        t("reasignar.col.level"): receiver,
        t("reasignar.col.open"): _before_after(format_int, row.open_before, row.open_after, lang),
        t("reasignar.col.capacity"): or_dash(format_int, row.weekly_capacity, lang),
        t("reasignar.col.load"): _before_after(
            format_decimal, row.load_before, row.load_after, lang
        ),
    }


def _before_after(
    formatter: Callable[[float, str], str], before: float, after: float, lang: str
) -> str:
    """A figure before and after the move ("12 → 14"), "—" where it is undefined."""
    return f"{or_dash(formatter, before, lang)} → {or_dash(formatter, after, lang)}"


def _remember(outcomes: list[Outcome], target: str) -> None:
    """Keep the outcomes for the next run, refresh every figure and clear the form."""
    st.session_state[RESULT_KEY] = (outcomes, target)
    clear_cached_queries()
    for key in FORM_KEYS:
        st.session_state.pop(key, None)
