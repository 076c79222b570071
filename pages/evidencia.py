"""Evidencia: did a process change help? Choose a change and an indicator; the page answers
with a verdict in plain words, then shows how: before and after, against untouched groups,
as an interrupted time series, against placebos, and what else happened meanwhile
(``docs/evidence.md``)."""

from __future__ import annotations

import streamlit as st

from dashboard.evidence_view import (
    against_baseline,
    before_after,
    comparison,
    confounders,
    evidence_for,
    placebos,
    request,
    time_series,
    verdict,
)
from dashboard.ui import t


def render() -> None:
    st.title(t("page.evidencia"))
    st.caption(t("evidencia.caption"))
    asked = request()
    if asked is None:
        return
    evidence = evidence_for(asked)
    if evidence is None:
        return
    verdict(evidence)
    before_after(evidence)
    against_baseline(evidence)
    comparison(evidence)
    time_series(evidence)
    placebos(evidence)
    confounders(evidence)
