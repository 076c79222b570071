"""The pieces of the page "Cambios de proceso": the list of changes, and for the task force
(``mesa``) and administrators the forms that register and edit one.

Every write goes through ``dashboard.commands`` (which checks the role again and audits); an
edit names the version the person was shown, kept in the session when they chose the change,
so a save made meanwhile by someone else is refused instead of overwritten.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import streamlit as st

from dashboard import commands
from dashboard.actions import run_command
from dashboard.data import run_query
from dashboard.domain import DepartmentKind, local_now
from dashboard.evidence.changes import TOUCH_KINDS
from dashboard.formats import format_datetime
from dashboard.i18n import format_int
from dashboard.tables import show_table
from dashboard.ui import language, t
from queries import catalogs
from queries.process_changes import changes_between

#: Session keys: the change chosen for editing, the version of it shown, and how many
#: changes this session registered (a new form, empty, after each).
CHOSEN_KEY = "cambios.elegido"
SEEN_KEY = "cambios.visto"
ROUND_KEY = "cambios.registrados"
#: ``st.date_input`` day formats by interface language.
DATE_INPUT_FORMATS = {"es": "DD/MM/YYYY", "en": "YYYY-MM-DD"}

Choices = dict[str, dict[int, str]]


def changes_table(changes: pd.DataFrame) -> None:
    """Every change with what it touched in words, who registered it and its last edit."""
    if changes.empty:
        st.info(t("cambios.empty"))
        return
    lang = language()
    shown = changes.assign(
        touched=[_touched_words(row) for _, row in changes.iterrows()],
        registered=_by_at(changes["registered_by"], changes["registered_at"], lang),
        last_edit=[
            edit if version > 1 else None
            for edit, version in zip(
                _by_at(changes["updated_by"], changes["updated_at"], lang), changes["version"],
                strict=True,
            )
        ],
    )  # fmt: skip
    # The description last: the short columns stay in view; a long one shows whole on hover.
    columns = ["name", "effective_on", "touched", "registered", "last_edit", "description"]
    widths = {"name": 200, "touched": 280, "description": "medium"}
    show_table(
        shown[columns],
        hide_index=True,
        width="stretch",
        column_config={
            name: st.column_config.TextColumn(
                t(f"cambios.col.{name}"), width=widths.get(name), pinned=name == "name"
            )
            for name in columns
            if name != "effective_on"  # a date: ``show_table`` writes it the local way
        }
        | {"effective_on": t("cambios.col.effective_on")},
    )
    total = len(changes)
    st.caption(
        t("cambios.total.one" if total == 1 else "cambios.total", total=format_int(total, lang))
    )


def _by_at(people: pd.Series, moments: pd.Series, lang: str) -> list[str]:
    """ "Mesa, 03/12/2026 14:17": who did it and when, in one cell."""
    return [
        t("cambios.by_at", who=who, when=format_datetime(when, lang))
        for who, when in zip(people, moments, strict=True)
    ]


def _touched_words(change: pd.Series) -> str:
    """ "Canales: WhatsApp · Áreas: Asistencia Alimentaria": the kinds it named, in order."""
    return " · ".join(
        f"{t(f'cambios.kind.{kind}')}: {', '.join(change[f'{kind}_names'])}"
        for kind in TOUCH_KINDS
        if change[f"{kind}_names"]
    )


def changes_to_mark(first_day: object, as_of: datetime) -> pd.DataFrame:
    """The changes a time chart drawn from ``first_day`` (a week's or month's start) to the
    cut-off marks, read through the pages' shared cache."""
    return run_query(changes_between, pd.Timestamp(first_day).date(), as_of.date())


def touch_choices() -> Choices:
    """What a change may touch, by kind: id → name, as the command accepts them."""
    departments = run_query(catalogs.departments)
    groups = run_query(catalogs.categories)
    channels = run_query(catalogs.channels)

    def named(frame: pd.DataFrame) -> dict[int, str]:
        return {int(i): name for i, name in zip(frame["id"], frame["name"], strict=True)}

    return {
        "department": named(departments[departments["kind"] == DepartmentKind.INTERNAL]),
        "intake_area": named(departments[departments["kind"] == DepartmentKind.INTAKE]),
        "channel": named(channels),
        "category_group": named(groups[groups["group"].isna()]),
    }


def register_form(choices: Choices) -> None:
    """An empty form; once a change is saved, the next run draws a new, empty one."""
    st.subheader(t("cambios.register.title"))
    saved = st.session_state.get(ROUND_KEY, 0)
    key = f"cambios.nuevo.{saved}"
    with st.form(key=key):
        blank = {"name": "", "description": "", "effective_on": local_now().date()}
        values = _fields(key, blank, choices)
        if st.form_submit_button(t("cambios.register.submit"), type="primary"):
            st.session_state[ROUND_KEY] = saved + 1  # a success reruns at once
            run_command(commands.register_process_change, *values)
            st.session_state[ROUND_KEY] = saved  # refused: keep what was typed


def edit_form(changes: pd.DataFrame, choices: Choices) -> None:
    """The chosen change as it was when chosen; saving names that version."""
    if changes.empty:
        return
    st.subheader(t("cambios.edit.title"))
    names = {int(i): name for i, name in zip(changes["id"], changes["name"], strict=True)}
    chosen = st.selectbox(
        t("cambios.edit.choose"), list(names), format_func=names.get, index=None,
        placeholder=t("form.choose"), key=CHOSEN_KEY,
    )  # fmt: skip
    if chosen is None:
        return
    seen = _seen(changes[changes["id"] == chosen].iloc[0])
    lang = language()
    st.caption(
        t("cambios.edit.seen", version=seen["version"], who=seen["updated_by"],
          when=format_datetime(seen["updated_at"], lang))
    )  # fmt: skip
    key = f"cambios.editar.{chosen}.{seen['version']}"
    with st.form(key=key):
        values = _fields(key, seen, choices)
        if st.form_submit_button(t("cambios.edit.submit"), type="primary"):
            # Whatever the answer, the next run shows the change as stored by then.
            del st.session_state[SEEN_KEY]
            run_command(commands.edit_process_change, chosen, seen["version"], *values)


def _seen(change: pd.Series) -> dict:
    """The change as this person first saw it since choosing it: kept in the session, so a
    rerun after someone else's save does not quietly move the form to the newer version."""
    seen = st.session_state.get(SEEN_KEY)
    if seen is None or seen["id"] != int(change["id"]):
        seen = {
            "id": int(change["id"]), "version": int(change["version"]), "name": change["name"],
            "description": change["description"], "effective_on": change["effective_on"],
            "updated_by": change["updated_by"], "updated_at": change["updated_at"],
            **{kind: list(change[f"{kind}_ids"]) for kind in TOUCH_KINDS},
        }  # fmt: skip
        st.session_state[SEEN_KEY] = seen
    return seen


def _fields(key: str, initial: dict, choices: Choices) -> tuple[str, str, date, dict]:
    """The form's inputs, started at ``initial``: name, description, date, touches."""
    today = local_now().date()
    name = st.text_input(
        t("cambios.field.name"), value=initial["name"], max_chars=commands.CHANGE_NAME_LENGTHS[1],
        help=t("cambios.field.name.help"), key=f"{key}.nombre",
    )  # fmt: skip
    description = st.text_area(
        t("cambios.field.description"), value=initial["description"],
        max_chars=commands.MAX_CHANGE_DESCRIPTION, key=f"{key}.descripcion",
    )  # fmt: skip
    effective_on = st.date_input(
        t("cambios.field.effective_on"), value=initial["effective_on"],
        min_value=commands.EARLIEST_CHANGE, max_value=today + commands.LATEST_CHANGE_AHEAD,
        format=DATE_INPUT_FORMATS[language()], help=t("cambios.field.effective_on.help"),
        key=f"{key}.fecha",
    )  # fmt: skip
    st.markdown(f"**{t('cambios.touches')}**")
    columns = st.columns(2)
    touches = {
        kind: columns[index % 2].multiselect(
            t(f"cambios.kind.{kind}"), list(choices[kind]), format_func=choices[kind].get,
            default=[i for i in initial.get(kind, ()) if i in choices[kind]],
            placeholder=t("form.choose"), key=f"{key}.{kind}",
        )
        for index, kind in enumerate(TOUCH_KINDS)
    }  # fmt: skip
    return name, description, effective_on, touches
