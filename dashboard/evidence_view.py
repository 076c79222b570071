"""The pieces of the page "Evidencia": what to analyse, the verdict, and each method's result
with its chart. The analysis itself is ``dashboard.evidence.analysis`` (the same the command
line prints); this module only chooses what to ask and writes the answer in the interface
language.

The analysis is cut at today's midnight, not at the session's moment: its weeks are whole
weeks anyway, and one cut-off per day lets everyone who opens the same change share one
cached result (about a second of work at a million cases).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

import pandas as pd
import streamlit as st

from dashboard.data import engine_for, read_fresh, run_query
from dashboard.domain import local_now
from dashboard.evidence.analysis import DEFAULT_WEEKS, Evidence, EvidenceRefused, analyse
from dashboard.evidence.baseline import baseline_content
from dashboard.evidence.changes import unit_of
from dashboard.evidence.comparison import units_of
from dashboard.evidence.frozen_before import frozen_before
from dashboard.evidence.measures import BY_KEY, MEASURES, Measure
from dashboard.evidence_charts import groups_chart, its_chart
from dashboard.formats import format_date
from dashboard.i18n import format_decimal, format_int, format_percent, translate
from dashboard.settings import database_url
from dashboard.tables import show_table
from dashboard.ui import chart, language, t
from queries.baselines import baseline_list
from queries.process_changes import process_change, process_changes

CHANGE_KEY = "evidencia.cambio"
INDICATOR_KEY = "evidencia.indicador"
WEEKS_KEY = "evidencia.semanas"
TRANSITION_KEY = "evidencia.transicion"
CONTROLS_KEY = "evidencia.comparacion"
BASELINE_KEY = "evidencia.linea_de_base"
#: How a verdict is shown: Streamlit's message box for it.
VERDICT_BOXES = {"improved": st.success, "worsened": st.error}


@dataclass(frozen=True)
class Request:
    change: str
    indicator: str
    weeks: int
    transition: int
    controls: tuple[int, ...] | None


def request() -> Request | None:
    """The change, indicator and windows chosen; ``None`` when no change is registered."""
    changes = run_query(process_changes)
    if changes.empty:
        st.info(t("evidencia.no_changes"))
        return None
    lang = language()
    columns = st.columns([3, 3, 2, 2])
    name = columns[0].selectbox(
        t("evidencia.change"), changes["name"].tolist(), key=CHANGE_KEY,
        format_func=lambda n: _change_label(changes, n, lang),
    )  # fmt: skip
    indicator = columns[1].selectbox(
        t("evidencia.indicator"), [m.key for m in MEASURES], key=INDICATOR_KEY,
        # The language is read now: AppTest and Streamlit call this outside the script run.
        format_func=lambda key: translate(BY_KEY[key].label_key, lang),
    )  # fmt: skip
    weeks = columns[2].number_input(t("evidencia.weeks"), min_value=4, max_value=26,
                                    value=DEFAULT_WEEKS, key=WEEKS_KEY)  # fmt: skip
    transition = columns[3].number_input(t("evidencia.transition"), min_value=0, max_value=8,
                                         value=0, key=TRANSITION_KEY)  # fmt: skip
    st.caption(t(BY_KEY[indicator].definition_key))
    return Request(name, indicator, int(weeks), int(transition), _controls(changes, name))


def _change_label(changes: pd.DataFrame, name: str, lang: str) -> str:
    day = changes.loc[changes["name"] == name, "effective_on"].iloc[0]
    return f"{name} ({format_date(day, lang)})"


def _controls(changes: pd.DataFrame, name: str) -> tuple[int, ...] | None:
    """The comparison groups chosen by hand, or ``None`` for the automatic choice."""
    with st.expander(t("evidencia.controls")):
        st.caption(t("evidencia.controls.def"))
        units = _units(name)
        chosen = st.multiselect(t("evidencia.controls.pick"), units.index.tolist(),
                                format_func=lambda i: units.get(i, str(i)),
                                key=f"{CONTROLS_KEY}.{name}")  # fmt: skip
    return tuple(chosen) or None


@st.cache_data(ttl=600, show_spinner=False)
def _units_cached(url: str, name: str) -> pd.Series:
    with engine_for(url).connect() as connection:
        change = process_change(connection, name)
        unit = unit_of(change.touches) if change else None
        if unit is None:
            return pd.Series(dtype=object)
        touched = set(change.touches[unit])
        units = units_of(connection, unit)
        return units[~units.index.isin(touched)]


def _units(name: str) -> pd.Series:
    return _units_cached(database_url(), name)


@st.cache_data(ttl=600, max_entries=200, show_spinner=False)
def _analysed(url: str, asked: Request, version: int, cut_off: datetime) -> Evidence | str:
    """The evidence for ``asked`` (its change at ``version``, so an edit is never answered
    from the cache), or the Spanish reason it cannot be computed."""
    with engine_for(url).connect() as connection:
        change = process_change(connection, asked.change)
        if change is None:
            return t("evidencia.change_gone")
        try:
            return analyse(connection, change, asked.indicator, weeks=asked.weeks,
                           transition=asked.transition, as_of=cut_off,
                           controls=asked.controls)  # fmt: skip
        except EvidenceRefused as refused:
            return str(refused)


def evidence_for(asked: Request) -> Evidence | None:
    """The analysis of ``asked``, or ``None`` after saying why there is none."""
    changes = run_query(process_changes)
    version = int(changes.loc[changes["name"] == asked.change, "version"].iloc[0])
    cut_off = datetime.combine(local_now().date(), time.min)
    with st.spinner(t("evidencia.working")):
        found = _analysed(database_url(), asked, version, cut_off)
    if isinstance(found, str):
        st.warning(found)
        return None
    return found


# --- Writing results --------------------------------------------------------------------------


def amount(measure: Measure, value: float, lang: str, *, difference: bool = False) -> str:
    """A value, or a difference with its sign (+2,0 días), in the indicator's unit as the
    page writes it."""
    if pd.isna(value):
        return "—"
    written = _size(measure, value, lang, difference)
    return f"+{written}" if difference and value > 0 else written


def _size(measure: Measure, value: float, lang: str, difference: bool) -> str:
    if measure.kind == "share":
        if difference:
            return t("evidencia.points", value=format_decimal(value * 100, lang, digits=1))
        return format_percent(value, lang)
    if measure.kind == "duration":
        return t("evidencia.days", value=format_decimal(value, lang, digits=1))
    if measure.kind == "count":
        return t("evidencia.per_week", value=format_decimal(value, lang, digits=1))
    return t("evidencia.cases", value=format_int(round(value), lang))


def _interval(measure: Measure, low: float, high: float, lang: str, difference: bool) -> str:
    return t("evidencia.interval", low=amount(measure, low, lang, difference=difference),
             high=amount(measure, high, lang, difference=difference))  # fmt: skip


def verdict(evidence: Evidence) -> None:
    """The verdict in plain Spanish, its size and interval, the method it comes from and the
    cautions that weaken it."""
    lang = language()
    measure = BY_KEY[evidence.indicator]
    effect = evidence.effect
    text = t(f"evidencia.verdict.{evidence.verdict}", indicator=t(measure.label_key).lower(),
             size=_size(measure, abs(effect.estimate), lang, difference=True),
             interval=_interval(measure, effect.low, effect.high, lang, True),
             method=t(f"evidencia.method.{evidence.method}"))  # fmt: skip
    VERDICT_BOXES.get(evidence.verdict, st.info)(text)
    for caution in evidence.cautions:
        st.warning(t(f"evidencia.caution.{caution}"))
    st.caption(t("evidencia.not_shown"))


def before_after(evidence: Evidence) -> None:
    lang = language()
    measure = BY_KEY[evidence.indicator]
    st.subheader(t("evidencia.before_after"))
    columns = st.columns(3)
    for column, key, found in ((columns[0], "before", evidence.before),
                               (columns[1], "after", evidence.after)):  # fmt: skip
        weeks = len(getattr(evidence.windows, key))
        column.metric(t(f"evidencia.{key}", weeks=weeks), amount(measure, found.value, lang))
        column.caption(_interval(measure, found.low, found.high, lang, False))
    change = evidence.before_after
    columns[2].metric(t("evidencia.difference"),
                      amount(measure, change.estimate, lang, difference=True))  # fmt: skip
    columns[2].caption(_interval(measure, change.low, change.high, lang, True))
    st.caption(t(f"evidencia.before_after.def.{measure.kind}"))


@st.cache_data(max_entries=50, show_spinner=False)
def _frozen(url: str, baseline_id: int):
    """A baseline's content: frozen, so cached for as long as the server runs."""
    with engine_for(url).connect() as connection:
        return baseline_content(connection, baseline_id)


def against_baseline(evidence: Evidence) -> None:
    """The weeks after the change against a frozen baseline chosen as the "before". The
    list is read fresh, as Línea de base reads it: a baseline frozen a moment ago (by
    anyone) is offered at once, and the list is a few rows."""
    baselines = read_fresh(baseline_list)
    if baselines.empty:
        return
    lang = language()
    names = dict(zip(baselines["id"].astype(int), baselines["name"], strict=True))
    chosen = st.selectbox(t("evidencia.baseline"), list(names), index=None,
                          format_func=names.get, placeholder=t("evidencia.baseline.none"),
                          key=BASELINE_KEY)  # fmt: skip
    if chosen is None:
        return
    content = _frozen(database_url(), int(chosen))
    measure = BY_KEY[evidence.indicator]
    frozen = frozen_before(content, evidence.indicator)
    if frozen is None or pd.isna(frozen):
        st.info(t("evidencia.baseline.missing"))
        return
    columns = st.columns(3)
    period = t("evidencia.baseline.period", start=format_date(content.filters.date_from, lang),
               end=format_date(content.filters.date_to, lang))  # fmt: skip
    columns[0].metric(t("evidencia.baseline.frozen", name=names[chosen]),
                      amount(measure, frozen, lang))  # fmt: skip
    columns[0].caption(period)
    columns[1].metric(t("evidencia.after", weeks=len(evidence.windows.after)),
                      amount(measure, evidence.after.value, lang))  # fmt: skip
    change = evidence.after.value - frozen
    columns[2].metric(t("evidencia.baseline.difference"),
                      amount(measure, change, lang, difference=True))  # fmt: skip
    st.caption(t("evidencia.baseline.def", version=content.definitions_version))


def comparison(evidence: Evidence) -> None:
    lang = language()
    measure = BY_KEY[evidence.indicator]
    st.subheader(t("evidencia.did"))
    if evidence.did is None:
        st.info(t("evidencia.did.none"))
        return
    st.write(t("evidencia.did.groups", treated=", ".join(evidence.treated.values()),
               controls=", ".join(evidence.controls.values()),
               how=t("evidencia.did.by_hand" if evidence.controls_by_hand
                     else "evidencia.did.auto")))  # fmt: skip
    did = evidence.did
    st.metric(t("evidencia.did.effect"), amount(measure, did.effect.estimate, lang,
                                                 difference=True))  # fmt: skip
    st.caption(_interval(measure, did.effect.low, did.effect.high, lang, True))
    trends = did.parallel_trends
    key = "evidencia.did.parallel" if trends.parallel else "evidencia.did.not_parallel"
    (st.success if trends.parallel else st.warning)(t(key, p=format_decimal(trends.p_value, lang,
                                                                         digits=2)))  # fmt: skip
    names = {"treated": t("evidencia.series.treated"), "control": t("evidencia.series.control")}
    figure = groups_chart(
        evidence.series, measure.kind, names, title=t("evidencia.did.chart"),
        axis=t(f"evidencia.axis.{measure.kind}"), change_week=evidence.windows.change_week,
        transition=evidence.windows.transition, change_label=evidence.change, lang=lang,
    )  # fmt: skip
    chart(figure, t("evidencia.did.def"))


def time_series(evidence: Evidence) -> None:
    lang = language()
    measure = BY_KEY[evidence.indicator]
    its = evidence.its
    st.subheader(t("evidencia.its"))
    if its is None:
        st.info(t("evidencia.its.none"))
        return
    columns = st.columns(3)
    for column, key, found in ((columns[0], "level", its.level_change),
                               (columns[1], "slope", its.slope_change),
                               (columns[2], "effect", its.effect_at_end)):  # fmt: skip
        column.metric(t(f"evidencia.its.{key}"),
                      amount(measure, found.estimate, lang, difference=True))  # fmt: skip
        column.caption(_interval(measure, found.low, found.high, lang, True))
    observed = evidence.series[evidence.series["group"] == "treated"].set_index("week")["value"]
    names = {"observed": t("evidencia.series.treated"), "fitted": t("evidencia.its.fitted"),
             "counterfactual": t("evidencia.its.counterfactual")}  # fmt: skip
    figure = its_chart(
        observed.reindex(its.fitted.index), its.fitted, its.counterfactual, measure.kind, names,
        title=t("evidencia.its.chart"), axis=t(f"evidencia.axis.{measure.kind}"),
        change_week=evidence.windows.change_week, transition=evidence.windows.transition,
        change_label=evidence.change, lang=lang,
    )  # fmt: skip
    chart(figure, t("evidencia.its.def"))


def placebos(evidence: Evidence) -> None:
    lang = language()
    st.subheader(t("evidencia.placebo"))
    found = evidence.placebo
    if not found.runs:
        st.info(t("evidencia.placebo.none"))
        return
    st.write(t("evidencia.placebo.result", found=format_int(found.found, lang),
               runs=format_int(found.runs, lang),
               rate=format_percent(found.rate, lang)))  # fmt: skip
    st.caption(t("evidencia.placebo.def"))


def confounders(evidence: Evidence) -> None:
    st.subheader(t("evidencia.confounders"))
    if not evidence.confounders:
        st.write(t("evidencia.confounders.none"))
        return
    table = pd.DataFrame(
        {t("evidencia.confounders.kind"): [t(f"evidencia.confounder.{c.kind}")
                                           for c in evidence.confounders],
         t("evidencia.confounders.what"): [c.label for c in evidence.confounders],
         t("evidencia.confounders.from"): [c.start for c in evidence.confounders],
         t("evidencia.confounders.to"): [c.end for c in evidence.confounders]}
    )  # fmt: skip
    show_table(table, hide_index=True)
    st.caption(t("evidencia.confounders.def"))
