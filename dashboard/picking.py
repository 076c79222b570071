"""Tables of cases with tick boxes that remember cases, not rows (see ``dashboard.selection``).

Each list (``name``) keeps, in this browser session, the cases picked in it as
``code → version seen``, across its pages and whatever others do meanwhile. Before a list is
drawn again, the ticks of every earlier drawing still on screen are read against the rows
*that drawing* showed, so a tick always lands on the case the person saw.

The tables are drawn by ``show_table``, so their figures and dates are written in the
interface language like every other table's; a styled frame keeps its rows in order, so the
positions a selection returns are still those of ``frame``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from dashboard.selection import DrawnRow, Picks, apply_ticks, drawn_key, ticks_for
from dashboard.tables import show_table

STATE_KEY = "selecciones"


@dataclass
class _ListState:
    #: A list where one case at a time is picked (to open it) rather than several.
    single: bool = False
    picks: Picks = field(default_factory=dict)
    #: Widget key → the rows that drawing showed and the positions it showed ticked.
    drawn: dict[str, tuple[list[DrawnRow], list[int]]] = field(default_factory=dict)


def picking_table(
    frame: pd.DataFrame, *, name: str, view: str, single: bool = False, **table: object
) -> Picks:
    """Draw ``frame`` (which has ``code`` and ``version`` columns) with tick boxes and return
    what is picked in the list ``name``; ``view`` names what the rows are (filters, page)
    and ``table`` is passed on to ``show_table`` (``kinds``, ``column_config``, …)."""
    state = _list_state(name)
    state.single = single
    _take_ticks(state)
    rows = [
        DrawnRow(code, int(version))
        for code, version in zip(frame["code"], frame["version"], strict=True)
    ]
    key = drawn_key(view, rows)
    ticks = ticks_for(state.picks, rows)
    _show_ticks(key, ticks)
    show_table(
        frame,
        key=key,
        on_select="rerun",
        selection_mode="single-row" if single else "multi-row",
        selection_default={"selection": {"rows": ticks}},
        **table,
    )
    state.drawn[key] = (rows, ticks)
    return dict(state.picks)


def current_picks(name: str) -> Picks:
    """What is picked in the list ``name`` (ticks made since it was drawn included)."""
    state = _list_state(name)
    _take_ticks(state)
    return dict(state.picks)


def forget_picks(name: str, codes: Iterable[str] | None = None) -> None:
    """Unpick ``codes`` (all when ``None``) in the list ``name``; its tick boxes follow."""
    state = _list_state(name)
    if codes is None:
        state.picks.clear()
        return
    for code in codes:
        state.picks.pop(code, None)


def _list_state(name: str) -> _ListState:
    return st.session_state.setdefault(f"{STATE_KEY}:{name}", _ListState())


def _take_ticks(state: _ListState) -> None:
    """Fold the ticks the person changed on earlier drawings into the picks.

    A drawing whose widget is gone (not drawn in the last run) has nothing more to say.
    """
    for key, (rows, shown) in list(state.drawn.items()):
        if key not in st.session_state:
            del state.drawn[key]
            continue
        ticked = list(st.session_state[key]["selection"]["rows"])
        if set(ticked) != set(shown):
            state.picks = apply_ticks(state.picks, rows, shown, ticked, single=state.single)
            state.drawn[key] = (rows, ticked)


def _show_ticks(key: str, ticks: list[int]) -> None:
    """Make an existing drawing's tick boxes show ``ticks`` (after a pick was dropped by a
    button rather than by unticking it); a new drawing takes them as its default."""
    if key in st.session_state and sorted(st.session_state[key]["selection"]["rows"]) != ticks:
        st.session_state[key] = {"selection": {"rows": ticks, "columns": [], "cells": []}}
