"""The cases a supervisor ticked in the queue, and which of them changed since she did.

Read fresh on every run, past the shared query cache: the warning must show another
person's move at once, before the form is confirmed, not when a cached page expires.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from dashboard.data import read_fresh
from dashboard.formats import format_datetime
from dashboard.i18n import format_int
from dashboard.picking import forget_picks
from dashboard.selection import Picks
from dashboard.session import current_actor
from dashboard.ui import label, language, t
from queries.case_changes import changed_cases


def picked_cases(name: str, picks: Picks) -> None:
    """Which cases are ticked in the list ``name``; a warning, by code, for each that
    someone else changed (moved, closed, merged) since it was ticked."""
    st.markdown(t("seleccion.picked", count=format_int(len(picks), language()),
                  codes=", ".join(picks)))  # fmt: skip
    st.button(t("seleccion.clear"), on_click=forget_picks, args=(name,), key=f"{name}:desmarcar")
    changed = read_fresh(changed_cases, tuple(picks.items()), current_actor().scope)
    for case in changed.itertuples():
        if pd.isna(case.version):
            st.warning(t("seleccion.gone", code=case.code))
        else:
            st.warning(t("seleccion.changed", code=case.code, change=change_text(
                case.event, case.by, case.at, case.department, case.status)))  # fmt: skip
    if len(changed):
        st.button(
            t("seleccion.drop_changed"),
            on_click=forget_picks,
            args=(name, tuple(changed["code"])),
            key=f"{name}:desmarcar_cambiadas",
        )


def change_text(event: str, by: str | None, at: datetime, department: str, status: str) -> str:
    """What last happened to a case, by whom and when, and where it is now."""
    return t(
        "seleccion.change",
        event=label("event", event),
        by=t("seleccion.by_system") if by is None or pd.isna(by) else by,
        at=format_datetime(pd.Timestamp(at), language()),
        department=department,
        status=label("status", status),
    )
