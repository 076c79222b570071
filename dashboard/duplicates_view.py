"""The pieces of the page "Duplicados": the reviewer's counts and queue, one pair side by side
with what differs and why it was proposed, the decision, and the recent decisions (where a
merge is undone); and Resumen's duplicate rate. Every rule lives in ``commands``; these gather
the choice and show the answer.

Each decision is a button callback given, when the button is drawn, the pair and the case
versions the reviewer is looking at: another person's decision that clears the shared cache
in between makes the command refuse (and say why) instead of deciding on a pair never seen.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from dashboard.commands import (
    CommandError,
    mark_not_duplicate,
    merge_duplicates,
    postpone_duplicate,
    reveal_personal_data,
    undo_merge,
)
from dashboard.data import clear_cached_queries, current_engine, run_query
from dashboard.domain import DuplicateDecision
from dashboard.duplicates import describe
from dashboard.formats import format_datetime
from dashboard.i18n import format_int
from dashboard.session import current_actor
from dashboard.tables import show_table
from dashboard.ui import figure, label, language, readable, t
from queries.duplicates import (
    COMPARED_FIELDS,
    PAGE_SIZE,
    decided_pairs,
    differing_fields,
    duplicate_pair,
    duplicate_rate,
    overall_rate,
    review_counts,
    review_queue,
)
from queries.filters import CaseFilters

#: The pair on screen (its id), kept while the queue under it changes.
PAIR_KEY = "duplicados.par"
#: A merge asked for and waiting for its confirmation: (pair id, survivor, versions).
CONFIRM_KEY = "duplicados.confirmar"
#: The answer of the last decision: ("success" | "error", message in Spanish).
ANSWER_KEY = "duplicados.respuesta"
LATER_KEY = "duplicados.incluir_mas_tarde"
UNDO_PAIR_KEY, UNDO_REASON_KEY = "duplicados.deshacer_par", "duplicados.deshacer_motivo"
#: Rows of the side-by-side table, in reading order: where it came in, what, who.
SHOWN_FIELDS = ("intake_area", "channel", "category", "category_group", "department", "status",
                "partido", "created_at", "closed_at", "duplicate_of", "dni", "citizen", "phone",
                "email", "address")  # fmt: skip
DIFFERENT = "background-color: #fde8e7; color: #7a1610; font-weight: 600"
#: The queue's columns and their widths in pixels: one pair a row, with no sideways scroll at
#: 1440 pixels. Both cases' categories and statuses share a column (said once when they
#: agree); the second case's date is the first's plus the days apart.
QUEUE_WIDTHS = {"score": 58, "code_a": 126, "door_a": 136, "code_b": 126, "door_b": 136,
                "category": 100, "created_at_a": 82, "days_apart": 56, "status": 78,
                "decision": 75}  # fmt: skip
#: Header help, for the columns whose short title needs it.
QUEUE_HELP = {"category": "duplicados.col.both", "status": "duplicados.col.both",
              "days_apart": "duplicados.col.days_apart.help"}  # fmt: skip
#: Rows tall enough for the longest door ("Mesa de Entradas del Despacho del Ministro · …")
#: to wrap onto four lines; Streamlit wraps text only in rows taller than 64 pixels.
WRAPPING_ROW = 80


def show_answer() -> None:
    """What the last decision did, or why it was refused, said once."""
    answer = st.session_state.pop(ANSWER_KEY, None)
    if answer:
        kind, message = answer
        (st.success if kind == "success" else st.error)(message)


def headline() -> dict[str, int]:
    """The reviewer's pending, later, merged and not-duplicate pairs."""
    counts = run_query(review_counts, current_actor()).iloc[0]
    columns = st.columns(4)
    for column, name in zip(columns, ("pending", "later", "merged", "not_duplicate"), strict=True):
        figure(column, f"metric.duplicates_{name}", counts[name])
    return {name: int(value) for name, value in counts.items()}


def review_list(counts: Mapping[str, int]) -> pd.DataFrame:
    """The queue, best score first, one page of it; the pairs it lists, as read."""
    st.subheader(t("duplicados.queue"))
    include_later = st.toggle(t("duplicados.include_later"), key=LATER_KEY)
    waiting = counts["pending"] + (counts["later"] if include_later else 0)
    pages = max(1, -(-waiting // PAGE_SIZE))
    page = 1
    if pages > 1:
        page = st.number_input(t("duplicados.page", pages=pages), min_value=1, max_value=pages)
    queue = run_query(review_queue, current_actor(), include_later, page - 1)
    if queue.empty:
        st.info(t("duplicados.empty"))
        return queue
    statuses = [queue[f"status_{side}"].map(lambda code: label("status", code)) for side in "ab"]
    shown = pd.DataFrame({
        "score": queue["score"],
        "code_a": queue["code_a"], "door_a": _door(queue, "a"),
        "code_b": queue["code_b"], "door_b": _door(queue, "b"),
        "category": _both(queue["category_a"], queue["category_b"]),
        "created_at_a": queue["created_at_a"],
        "days_apart": queue["days_apart"],
        "status": _both(*statuses),
        "decision": [label("duplicados.decision", decision or "pendiente")
                     for decision in queue["decision"]],
    })  # fmt: skip
    show_table(
        shown, kinds={"created_at_a": "date"}, hide_index=True, width="stretch",
        row_height=WRAPPING_ROW,
        column_config={
            column: st.column_config.Column(
                t(f"duplicados.col.{column.removesuffix('_a').removesuffix('_b')}",
                  side=column[-1].upper()),
                help=t(QUEUE_HELP[column]) if column in QUEUE_HELP else None, width=width)
            for column, width in QUEUE_WIDTHS.items()},
    )  # fmt: skip
    st.caption(t("duplicados.queue.def"))
    return queue


def chosen_pair(queue: pd.DataFrame) -> int | None:
    """The pair to review: the one already on screen (even once someone else decided it, so
    the reviewer sees what became of it), else the first of the queue."""
    labels = {
        int(row.pair_id): t("duplicados.pair", a=row.code_a, b=row.code_b, score=row.score)
        for row in queue.itertuples()
    }
    current = st.session_state.get(PAIR_KEY)
    if current is not None and current not in labels:
        labels = {current: t("duplicados.pair.current", pair=current)} | labels
    if not labels:
        return None
    options = list(labels)
    chosen = st.selectbox(
        t("duplicados.choose"), options, format_func=labels.__getitem__,
        index=options.index(current) if current in labels else 0, placeholder=t("form.choose")
    )  # fmt: skip
    st.session_state[PAIR_KEY] = chosen
    return chosen


def pair_review(pair_id: int) -> None:
    """Both cases side by side, why they were proposed, and the decision."""
    pair = run_query(duplicate_pair, current_actor(), pair_id)
    if pair.empty:
        st.warning(t("duplicados.gone"))
        st.session_state.pop(PAIR_KEY, None)
        return
    first, second = pair.iloc[0], pair.iloc[1]
    score_column, reasons_column = st.columns([1, 3])
    score_column.metric(t("duplicados.score"), format_int(first["score"], language()))
    score_column.caption(t("duplicados.score.def"))
    with reasons_column:
        st.markdown(f"**{t('duplicados.why')}**")
        st.markdown("\n".join(f"- {line}" for line in _reasons(first["reasons"])))
    _side_by_side(pair)
    _reveal(pair)
    decision = first["decision"]
    if decision in (DuplicateDecision.MERGED, DuplicateDecision.NOT_DUPLICATE):
        st.info(_decided_text(first))
        return
    if decision == DuplicateDecision.LATER:
        st.caption(_decided_text(first))
    _decide(pair_id, first["code"], second["code"],
            {row.code: int(row.version) for row in pair.itertuples()})  # fmt: skip


def recent_decisions() -> None:
    """The latest decisions on the reviewer's pairs, and undoing a merge among them."""
    st.subheader(t("duplicados.recent"))
    decided = run_query(decided_pairs, current_actor())
    if decided.empty:
        st.info(t("duplicados.recent.none"))
        return
    shown = decided.assign(
        decision=[label("duplicados.decision", decision) for decision in decided["decision"]]
    ).drop(columns=["score"])
    show_table(shown, kinds={"pair_id": "identifier"}, hide_index=True, width="stretch",
               column_config={c: t(f"duplicados.recent.{c}") for c in shown.columns})  # fmt: skip
    merged = decided[decided["decision"] == DuplicateDecision.MERGED]
    if merged.empty:
        return
    names = {int(row.pair_id): t("duplicados.undo.option", duplicate=row.duplicate,
                                 survivor=row.survivor)
             for row in merged.itertuples()}  # fmt: skip
    with st.form(key="deshacer_unificacion", clear_on_submit=True):
        st.markdown(f"**{t('duplicados.undo')}**")
        st.selectbox(t("duplicados.undo.pair"), list(names), format_func=names.__getitem__,
                     key=UNDO_PAIR_KEY, placeholder=t("form.choose"))  # fmt: skip
        st.text_input(t("duplicados.undo.reason"), help=t("duplicados.undo.help"),
                      key=UNDO_REASON_KEY)  # fmt: skip
        st.form_submit_button(t("duplicados.undo.confirm"), on_click=_undo)


def _door(queue: pd.DataFrame, side: str) -> list[str]:
    """Where one side came in: its intake area and its channel."""
    doors = zip(queue[f"intake_area_{side}"], queue[f"channel_{side}"], strict=True)
    return [f"{area} · {channel}" for area, channel in doors]


def _both(first: pd.Series, second: pd.Series) -> list[str]:
    """Both cases' values in one cell: once when they agree, "A / B" when they differ."""
    return [a if a == b else f"{a} / {b}" for a, b in zip(first, second, strict=True)]


def _reasons(reasons: str) -> list[str]:
    return describe(json.loads(reasons or "{}"), language()) or [t("duplicados.why.none")]


def _side_by_side(pair: pd.DataFrame) -> None:
    """One row per field, a column per case; the rows where they differ highlighted (and
    said in words, for who does not see the colour). Revealed data replaces the masks."""
    differ = set(differing_fields(pair))
    cases = [_with_revealed(row) for _, row in pair.iterrows()]
    fields = [name for name in SHOWN_FIELDS if any(_filled(case[name]) for case in cases)]
    table = readable(pd.DataFrame({
        t("field.label"): [t(f"field.{name}") for name in fields],
        **{case["code"]: [case[name] for name in fields] for case in cases},
        t("duplicados.col.agree"): [
            "—" if name not in COMPARED_FIELDS else
            t("duplicados.differs" if name in differ else "duplicados.agrees")
            for name in fields],
    }))  # fmt: skip
    rows_that_differ = {index for index, name in enumerate(fields) if name in differ}
    styled = table.style.apply(
        lambda row: [DIFFERENT if row.name in rows_that_differ else ""] * len(row), axis=1
    )
    st.dataframe(styled, hide_index=True, width="stretch",
                 height=35 * (len(fields) + 1) + 3)  # fmt: skip
    st.caption(t("duplicados.side_by_side.def"))


def _with_revealed(case: pd.Series) -> pd.Series:
    """The case as shown: its names translated, and the citizen's data in full where the
    reviewer revealed it (in this session, with a reason) on this page or the case page."""
    shown = case.copy()
    shown["status"] = label("status", case["status"])
    revealed = st.session_state.get(f"revealed:{case['code']}")
    if revealed:
        shown["dni"] = revealed["dni"]
        shown["citizen"] = f"{revealed['first_name']} {revealed['last_name']}"
        for name in ("phone", "email", "address"):
            shown[name] = revealed[name]
    return shown


def _filled(value: object) -> bool:
    return not (value is None or (pd.api.types.is_scalar(value) and pd.isna(value)))


def _reveal(pair: pd.DataFrame) -> None:
    """Reveal one case's personal data, with a reason, for the roles that may."""
    actor = current_actor()
    allowed = [row.code for row in pair.itertuples() if actor.may_reveal(int(row.department_id))]
    if not allowed:
        st.caption(t("solicitud.masked_role"))
        return
    with st.expander(t("duplicados.reveal")), st.form(key="revelar_duplicado"):
        code = st.selectbox(t("duplicados.reveal.case"), allowed, placeholder=t("form.choose"))
        reason = st.text_area(t("solicitud.reason"), help=t("solicitud.reason.help"))
        if st.form_submit_button(t("solicitud.reveal")):
            try:
                data = reveal_personal_data(current_engine(), actor, code, reason)
            except CommandError as refusal:
                st.error(str(refusal))
                return
            st.session_state[f"revealed:{code}"] = vars(data)
            st.rerun()


def _decided_text(pair: pd.Series) -> str:
    """Who decided what about the pair, and when."""
    when = format_datetime(pair["decided_at"], language())
    return t(f"duplicados.decided.{pair['decision']}", by=pair["decided_by"], at=when,
             survivor=pair["survivor"] or "")  # fmt: skip


def _decide(pair_id: int, code_a: str, code_b: str, versions: dict[str, int]) -> None:
    """Merge (choosing the survivor, then confirming), not a duplicate, or later."""
    asked = st.session_state.get(CONFIRM_KEY)
    if asked and asked[0] == pair_id:
        _, survivor, seen = asked
        duplicate = code_b if survivor == code_a else code_a
        st.warning(t("duplicados.confirm.text", duplicate=duplicate, survivor=survivor))
        confirm, cancel = st.columns(2)
        confirm.button(t("duplicados.confirm"), type="primary", on_click=_run,
                       args=(merge_duplicates, pair_id, survivor, seen))  # fmt: skip
        cancel.button(t("duplicados.cancel"), on_click=st.session_state.pop,
                      args=(CONFIRM_KEY, None))  # fmt: skip
        return
    survivor = st.radio(
        t("duplicados.survivor"), [code_a, code_b], horizontal=True,
        key=f"duplicados.sobrevive:{pair_id}",
    )  # fmt: skip
    merge, not_duplicate, later = st.columns(3)
    merge.button(t("duplicados.merge"), type="primary", on_click=st.session_state.__setitem__,
                 args=(CONFIRM_KEY, (pair_id, survivor, versions)))  # fmt: skip
    not_duplicate.button(t("duplicados.not_duplicate"), on_click=_run,
                         args=(mark_not_duplicate, pair_id, versions))  # fmt: skip
    later.button(t("duplicados.later"), on_click=_run, args=(postpone_duplicate, pair_id))


def _undo() -> None:
    reason = st.session_state.get(UNDO_REASON_KEY, "")
    _run(undo_merge, int(st.session_state[UNDO_PAIR_KEY]), reason)


def _run(command: Callable, pair_id: int, *args: object) -> None:
    """Carry out a decision as the signed-in person; keep its answer (or refusal) for the
    run that follows, and drop every cached figure so the page shows what is true now."""
    try:
        outcome = command(current_engine(), current_actor(), pair_id, *args)
    except CommandError as refusal:
        st.session_state[ANSWER_KEY] = ("error", str(refusal))
        st.session_state[PAIR_KEY] = pair_id  # show what became of it
    else:
        st.session_state[ANSWER_KEY] = ("success", outcome.message)
        st.session_state.pop(PAIR_KEY, None)  # on to the next pair
    st.session_state.pop(CONFIRM_KEY, None)
    clear_cached_queries()


def duplicate_rate_figure(column, filters: CaseFilters) -> None:
    """Resumen's duplicate rate for the filters in ``column``, and under the row its
    breakdown by intake area, channel and month, on demand."""
    by_group = run_query(duplicate_rate, filters)
    figure(column, "metric.duplicate_rate", overall_rate(by_group), share=True)
    if by_group.empty:
        return
    with st.expander(t("resumen.duplicates.breakdown")):
        show_table(
            by_group, kinds={"month": "month", "rate": "share"}, hide_index=True, width="stretch",
            column_config={name: t(f"resumen.duplicates.{name}") for name in by_group.columns},
        )  # fmt: skip
