"""The global filter bar: period, department, channel, category and partido.

Every widget is bound to the URL (``bind="query-params"``), so a filtered view is a link a
supervisor can send, and the choice survives a page switch. The list of named periods is
the exception: it only fills in the dates, and the link carries those (a link keeps meaning
the same days when opened next month). The result is one typed ``CaseFilters`` that the page
hands to its queries.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.data import reading_moment, run_query
from dashboard.formats import format_datetime
from dashboard.i18n import format_int
from dashboard.periods import CUSTOM, DEFAULT_PRESET, PRESETS, matching_preset, preset_range
from dashboard.session import current_actor
from dashboard.ui import language, t
from queries import catalogs, history_changes
from queries.filters import CaseFilters

PERIOD_KEY = "periodo"
PRESET_KEY = "periodo_rapido"


def global_filters() -> CaseFilters:
    """Draw the filter bar in the sidebar and return what it selects."""
    now = reading_moment()
    scope = current_actor().scope
    department_choices = run_query(catalogs.departments)
    if scope is not None:
        department_choices = department_choices[department_choices["id"].isin(scope)]
    with st.sidebar:
        st.subheader(t("filters.title"))
        date_from, date_to = _period(now.date())
        departments = _choose("filters.department", "area", department_choices)
        channels = _choose("filters.channel", "canal", run_query(catalogs.channels))
        categories = _choose("filters.category", "categoria", _category_labels())
        partidos = _choose("filters.municipality", "partido", run_query(catalogs.municipalities))
        st.caption(t("filters.share"))
    filters = CaseFilters.for_period(
        date_from,
        date_to,
        now,
        scope=scope,
        department_ids=departments,
        channel_ids=channels,
        category_ids=categories,
        municipality_ids=partidos,
    )
    if date_to < now.date():
        _history_notice(filters)
    return filters


def _history_notice(filters: CaseFilters) -> None:
    """For a period that ended in the past, say so when an import made after its cut-off
    added cases dated before it: the only way a figure for a past period can change
    (``queries.history_changes``)."""
    late = run_query(history_changes.late_imports, filters)
    if late.empty:
        return
    latest, lang = late.iloc[0], language()
    st.sidebar.warning(
        t("filters.history_changed", when=format_datetime(latest["imported_at"], lang),
          cases=format_int(int(late["cases"].sum()), lang), batches=len(late),
          file=latest["file_name"]),
        icon=":material/history:",
    )  # fmt: skip


def _period(today: date) -> tuple[date, date]:
    """The date range, with a list of named periods above it that fills the dates in.

    The dates stay the one source of truth (and the link's ``periodo``): the list shows which
    preset they match, "personalizado" once a date is edited by hand, and choosing a preset
    only writes its dates into the range before the next run.
    """
    presets = st.container()
    default = preset_range(DEFAULT_PRESET, today)
    chosen = st.date_input(
        t("filters.period"),
        value=default,
        max_value=today,
        format="DD/MM/YYYY",
        help=t("filters.period.help"),
        key=PERIOD_KEY,
        bind="query-params",
    )
    complete = isinstance(chosen, tuple) and len(chosen) == 2
    st.session_state[PRESET_KEY] = matching_preset(chosen, today) if complete else CUSTOM
    names = {name: t(f"periods.{name}") for name in [*PRESETS, CUSTOM]}
    with presets:
        st.selectbox(
            t("filters.preset"),
            options=list(names),
            format_func=names.__getitem__,
            key=PRESET_KEY,
            on_change=_apply_preset,
            args=(today,),
            placeholder=t("form.choose"),
        )
    if complete:
        return chosen[0], chosen[1]
    st.warning(t("filters.bad_period"))
    return default


def _apply_preset(today: date) -> None:
    """Write the chosen preset's dates into the range; "personalizado" leaves them as they are."""
    name = st.session_state[PRESET_KEY]
    if name in PRESETS:
        st.session_state[PERIOD_KEY] = preset_range(name, today)


def _choose(label_key: str, url_key: str, choices: pd.DataFrame) -> tuple[int, ...]:
    """A multiselect of catalogue rows; the URL carries their names, the query their ids."""
    names = dict(zip(choices["id"].tolist(), choices["name"].tolist(), strict=True))
    selected = st.multiselect(
        t(label_key),
        options=list(names),
        format_func=names.__getitem__,
        placeholder=t("filters.all"),
        key=url_key,
        bind="query-params",
    )
    return tuple(sorted(selected))


def _category_labels() -> pd.DataFrame:
    """Categories named "Group › Category" so one list holds both levels unambiguously."""
    frame = run_query(catalogs.categories)
    labels = frame["group"].where(frame["group"].isna(), frame["group"] + " › " + frame["name"])
    return frame.assign(name=labels.fillna(frame["name"]))
