"""Usuarios (administrators): create, disable and re-enable users, reset passwords, set access."""

from __future__ import annotations

import streamlit as st

from dashboard import commands
from dashboard.actions import run_command
from dashboard.data import run_query
from dashboard.domain import DepartmentKind, Role
from dashboard.tables import show_table
from dashboard.ui import t
from queries import catalogs
from queries.users import users

ACTIONS = ("create", "access", "password", "active")


def render() -> None:
    st.title(t("page.usuarios"))
    people = run_query(users)
    show_table(
        people.assign(role=people["role"].map(lambda r: t(f"role.{r}"))),
        hide_index=True,
        column_config={name: t(f"usuarios.col.{name}") for name in people.columns},
    )
    action = st.segmented_control(
        t("usuarios.action"), ACTIONS, format_func=lambda a: t(f"usuarios.{a}"), default="create"
    )
    departments = _internal_departments()
    with st.form(f"usuario-{action}", clear_on_submit=True):
        if action == "create":
            _create_form(departments)
        else:
            _change_form(action, people["username"].tolist(), departments)


def _create_form(departments: dict[int, str]) -> None:
    username = st.text_input(t("login.username"))
    name = st.text_input(t("usuarios.col.display_name"))
    email = st.text_input(t("usuarios.col.email"))
    role, scope = _access_inputs(departments)
    password = st.text_input(t("login.password"), type="password")
    if st.form_submit_button(t("usuarios.create")):
        run_command(commands.create_user, username=username, display_name=name, role=role,
             password=password, department_ids=scope, email=email)  # fmt: skip


def _change_form(action: str, usernames: list[str], departments: dict[int, str]) -> None:
    username = st.selectbox(t("login.username"), usernames, placeholder=t("form.choose"))
    if action == "access":
        role, scope = _access_inputs(departments)
        if st.form_submit_button(t("usuarios.access")):
            run_command(commands.set_user_access, username, role, scope)
    elif action == "password":
        password = st.text_input(t("usuarios.new_password"), type="password")
        if st.form_submit_button(t("usuarios.password")):
            run_command(commands.reset_password, username, password)
    else:
        active = st.radio(t("usuarios.col.active"), (True, False), format_func=_state_label)
        if st.form_submit_button(t("usuarios.active")):
            run_command(commands.set_user_active, username, active)


def _state_label(active: bool) -> str:
    return t("usuarios.enabled" if active else "usuarios.disabled")


def _access_inputs(departments: dict[int, str]) -> tuple[Role, tuple[int, ...]]:
    role = st.selectbox(
        t("usuarios.col.role"), list(Role), format_func=lambda r: t(f"role.{r}"),
        placeholder=t("form.choose"),
    )  # fmt: skip
    scope = st.multiselect(
        t("usuarios.col.departments"), list(departments), format_func=departments.__getitem__,
        help=t("usuarios.scope.help"), placeholder=t("usuarios.scope.placeholder"),
    )  # fmt: skip
    return role, tuple(scope)


def _internal_departments() -> dict[int, str]:
    frame = run_query(catalogs.departments)
    inside = frame[frame["kind"].isin([DepartmentKind.INTERNAL, DepartmentKind.INTAKE])]
    return dict(zip(inside["id"], inside["name"], strict=True))
