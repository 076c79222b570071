"""Catálogo (administrators): departments' capacity, categories and their SLA targets."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import commands
from dashboard.actions import run_command
from dashboard.data import run_query
from dashboard.domain import Priority
from dashboard.i18n import format_int
from dashboard.tables import show_table
from dashboard.ui import language, t
from queries import catalogs

PARTS = ("areas", "metas", "nueva")


def render() -> None:
    st.title(t("page.catalogo"))
    part = st.segmented_control(
        t("usuarios.action"), PARTS, format_func=lambda p: t(f"catalogo.{p}"), default="areas"
    )
    if part == "areas":
        _capacities()
    elif part == "metas":
        _targets()
    else:
        _new_category()


def _capacities() -> None:
    departments = run_query(catalogs.department_capacities)
    show_table(
        departments.drop(columns=["id", "code"]),
        kinds={"weekly_capacity": "count"},  # a float column only because some are unset
        hide_index=True,
        column_config={name: t(f"catalogo.col.{name}") for name in departments.columns},
    )
    # Outside the form: choosing a department must rerun, so the form starts at its values.
    by_id = departments.set_index("id")
    chosen = st.selectbox(
        t("filters.department"), list(by_id.index), format_func=lambda i: by_id.at[i, "name"],
        placeholder=t("form.choose"),
    )  # fmt: skip
    current = _current_capacity(by_id.loc[chosen])
    active_now = bool(by_id.at[chosen, "active"])
    # Keyed by the stored values as well: after a save (here or anywhere), the form shows the
    # new ones instead of what was typed before.
    with st.form(key=f"capacidad-{chosen}-{current}-{active_now}"):
        capacity = st.number_input(
            t("catalogo.col.weekly_capacity"), min_value=0, step=5, value=current,
            placeholder=t("catalogo.capacity.placeholder"),
        )  # fmt: skip
        active = st.checkbox(t("catalogo.col.active"), value=active_now)
        if st.form_submit_button(t("catalogo.save")):
            if capacity is None:
                st.error(t("catalogo.capacity.placeholder"))
            else:
                run_command(commands.set_department_capacity, chosen, int(capacity), active)


def _current_capacity(department: pd.Series) -> int | None:
    """The stored weekly capacity, said under the selector (``None`` when never set)."""
    name = department["name"]
    if pd.isna(department["weekly_capacity"]):
        st.caption(t("catalogo.capacity.none", department=name))
        return None
    current = int(department["weekly_capacity"])
    shown = format_int(current, language())
    st.caption(t("catalogo.capacity.current", department=name, capacity=shown))
    return current


def _targets() -> None:
    targets = run_query(catalogs.sla_targets)
    urgent_first = [str(p) for p in reversed(Priority)]
    wide = (
        targets.pivot_table(
            index=["category_id", "group", "category"], columns="priority", values="hours"
        )
        .reindex(columns=urgent_first)
        .reset_index()
    )
    show_table(
        wide.drop(columns="category_id"),
        kinds=dict.fromkeys(urgent_first, "count"),  # whole hours, made float by the pivot
        hide_index=True,
        column_config={
            "group": t("catalogo.col.group"),
            "category": t("filters.category"),
            **{str(p): t(f"priority.{p}") for p in Priority},
        },
    )
    st.caption(t("catalogo.hours.help"))
    names = dict(zip(wide["category_id"], wide["group"] + " › " + wide["category"], strict=True))
    with st.form(key="meta", clear_on_submit=True):
        chosen = st.selectbox(
            t("filters.category"),
            list(names),
            format_func=names.__getitem__,
            placeholder=t("form.choose"),
        )
        priority = st.selectbox(t("field.priority"), list(Priority), format_func=_priority,
                                placeholder=t("form.choose"))  # fmt: skip
        hours = st.number_input(t("catalogo.hours"), min_value=1, max_value=8760, value=240)
        if st.form_submit_button(t("catalogo.save")):
            run_command(commands.set_sla_target, chosen, priority, int(hours))


def _new_category() -> None:
    groups = run_query(catalogs.categories)
    groups = groups[groups["group"].isna()]
    names = dict(zip(groups["id"], groups["name"], strict=True))
    with st.form(key="categoria", clear_on_submit=True):
        group = st.selectbox(t("catalogo.col.group"), list(names), format_func=names.__getitem__,
                             placeholder=t("form.choose"))  # fmt: skip
        code = st.text_input(t("field.code"))
        name = st.text_input(t("usuarios.col.display_name"))
        hours = {
            priority: st.number_input(
                f"{t('catalogo.hours')} · {_priority(priority)}", min_value=1, max_value=8760,
                value=240, key=f"horas-{priority}",
            )
            for priority in Priority
        }  # fmt: skip
        if st.form_submit_button(t("catalogo.create")):
            run_command(commands.add_category, group, code, name,
                        {p: int(h) for p, h in hours.items()})  # fmt: skip


def _priority(priority: Priority) -> str:
    return t(f"priority.{priority}")
