"""The pieces of the page "Importar planillas": the area, the file, the column mapping, the
preview, and the area's batches. Every rule lives in ``dashboard.imports`` and
``commands``; these only gather the clerk's choices and show the answers.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from dashboard.actions import NOTICE_KEY, run_command
from dashboard.commands import CommandError, import_sheet, undo_import
from dashboard.data import clear_cached_queries, current_engine, run_query
from dashboard.domain import Role
from dashboard.i18n import format_int
from dashboard.imports.fields import FIELD_LABELS, Field
from dashboard.imports.plan import ImportPlan, plan_import
from dashboard.imports.readers import MAX_BYTES, UnreadableFile
from dashboard.session import current_actor
from dashboard.ui import language, readable, t
from queries.imports import import_batches, intake_areas

PLAN_KEY = "importar.planes"
#: Counts imports done in this session; the uploader's key changes with it, so it empties.
UPLOADS_KEY = "importar.subidas"
#: Plans kept per session: the file as suggested, per sheet, and with the clerk's mapping.
KEPT_PLANS = 4
FILE_TYPES = ["xlsx", "xls", "ods", "csv", "txt", "json"]
#: The choice for a column that fills no field.
IGNORED = "—"


def chosen_area() -> tuple[int, str] | None:
    """The intake area the clerk imports for: their own (or one of theirs), any for admins."""
    actor = current_actor()
    areas = run_query(intake_areas)
    mine = areas if actor.role == Role.ADMIN else areas[areas["id"].isin(actor.department_ids)]
    if mine.empty:
        st.info(t("importar.no_area"))
        return None
    names = dict(zip(mine["id"].tolist(), mine["name"].tolist(), strict=True))
    area = st.selectbox(t("importar.area"), list(names), format_func=names.__getitem__,
                        key="importar_area")  # fmt: skip
    return area, names[area]


def uploaded_file() -> tuple[bytes, str] | None:
    upload = st.file_uploader(
        t("importar.file"), type=FILE_TYPES,
        key=f"importar_archivo:{st.session_state.get(UPLOADS_KEY, 0)}",
        help=t("importar.file.help", limit=format_int(MAX_BYTES // 2**20, language())),
    )  # fmt: skip
    return None if upload is None else (upload.getvalue(), upload.name)


def planned(data: bytes, name: str, area_id: int) -> ImportPlan | None:
    """The file read with the suggested mapping, then with the clerk's edits of it."""
    first = _plan(data, name, area_id, None, None)
    if first is None:
        return None
    sheets = [table.sheet for table in first.source.tables]
    sheet = (
        st.selectbox(t("importar.sheet"), sheets, key="importar_hoja") if len(sheets) > 1 else None
    )
    plan = _plan(data, name, area_id, sheet, None) if sheet else first
    if plan is None:
        return None
    columns = _mapping_editor(plan)
    return _plan(data, name, area_id, sheet, columns)


def preview(plan: ImportPlan) -> None:
    """What will happen, before anything is written."""
    prepared, lang = plan.prepared, language()
    st.caption(t("importar.read", kind=plan.source.kind, sheet=plan.table.sheet or "—",
                 row=plan.table.header_row, encoding=plan.source.encoding or "—"))  # fmt: skip
    figures = {
        "importar.to_import": plan.to_import,
        "importar.with_errors": prepared.rows_with_errors,
        "importar.repeated": len(prepared.repeated),
        "importar.already": plan.already,
        "importar.warnings": sum(len(row.warnings) for row in prepared.cases),
    }
    for column, (key, value) in zip(st.columns(len(figures)), figures.items(), strict=True):
        column.metric(t(key), format_int(value, lang))
    if prepared.errors:
        st.subheader(t("importar.errors"))
        errors = pd.DataFrame([vars(error) for error in prepared.errors])
        st.dataframe(errors, hide_index=True, width="stretch",
                     column_config={c: t(f"importar.col.{c}") for c in errors.columns})  # fmt: skip
        st.download_button(
            t("importar.errors.download"), errors.to_csv(index=False, sep=";").encode("utf-8-sig"),
            file_name=f"errores_{plan.source.name}.csv", mime="text/csv",
        )  # fmt: skip
    warnings = pd.Series([w for row in prepared.cases for w in row.warnings], dtype=object)
    if len(warnings):
        st.subheader(t("importar.warnings"))
        counted = warnings.value_counts().rename_axis("warning").reset_index(name="rows")
        st.dataframe(counted, hide_index=True, width="stretch",
                     column_config={"warning": t("importar.col.warning"),
                                    "rows": t("importar.col.rows")})  # fmt: skip
    _months(plan)


def confirm(plan: ImportPlan, area_id: int) -> None:
    """The button that writes the new rows, and its answer on the next run."""
    lang = language()
    if not st.button(t("importar.confirm", count=format_int(plan.to_import, lang)),
                     type="primary"):  # fmt: skip
        return
    try:
        outcome = import_sheet(current_engine(), current_actor(), area_id, plan.source,
                               plan.table.sheet or None, plan.mapping, plan.prepared)  # fmt: skip
    except CommandError as refusal:
        st.error(str(refusal))
        return
    clear_cached_queries()
    st.session_state.pop(PLAN_KEY, None)
    st.session_state[UPLOADS_KEY] = st.session_state.get(UPLOADS_KEY, 0) + 1  # an empty uploader
    st.session_state[NOTICE_KEY] = t("importar.done", count=format_int(outcome.imported, lang),
                                     already=format_int(outcome.already, lang))  # fmt: skip
    st.rerun()


def batches(area_id: int) -> None:
    """The area's batches, newest first, and undoing one of them."""
    frame = run_query(import_batches, (area_id,))
    if frame.empty:
        st.info(t("importar.no_batches"))
        return
    st.dataframe(readable(frame), hide_index=True, width="stretch",
                 column_config={c: t(f"importar.batch.{c}") for c in frame.columns})  # fmt: skip
    standing = frame[frame["undone_at"].isna()]
    if standing.empty:
        return
    names = {row.id: f"{row.id} · {row.file_name}" for row in standing.itertuples()}
    with st.form(key="deshacer_importacion", clear_on_submit=True):
        st.markdown(f"**{t('importar.undo')}**")
        batch = st.selectbox(t("importar.undo.batch"), list(names), format_func=names.__getitem__)
        reason = st.text_input(t("importar.undo.reason"), help=t("importar.undo.help"))
        if st.form_submit_button(t("importar.undo.confirm")):
            run_command(undo_import, int(batch), reason)


def _plan(data: bytes, name: str, area_id: int, sheet: str | None,
          columns: dict[str, Field | None] | None) -> ImportPlan | None:  # fmt: skip
    """``plan_import``, kept for this session per file, sheet and mapping (reading a large
    workbook takes seconds; a rerun for an unrelated widget must not repeat it)."""
    key = (hashlib.sha256(data).hexdigest(), area_id, sheet,
           tuple(sorted((columns or {}).items())))  # fmt: skip
    kept: dict = st.session_state.setdefault(PLAN_KEY, {})
    if key in kept:
        return kept[key]
    try:
        with current_engine().connect() as connection, st.spinner(t("importar.reading")):
            plan = plan_import(connection, data, name, area_id, sheet=sheet, columns=columns)
    except UnreadableFile as refusal:
        st.error(str(refusal))
        return None
    if len(kept) >= KEPT_PLANS:
        kept.pop(next(iter(kept)))
    kept[key] = plan
    return plan


def _mapping_editor(plan: ImportPlan) -> dict[str, Field | None]:
    """Each column and the field it fills, suggested from its header, editable."""
    st.subheader(t("importar.mapping"))
    labels = {IGNORED: t("importar.ignored")} | {
        field.value: FIELD_LABELS[field] for field in Field
    }
    shown = pd.DataFrame({
        "header": list(plan.columns),
        "field": [field.value if field else IGNORED for field in plan.columns.values()],
        "example": [_example(plan, header) for header in plan.columns],
    })  # fmt: skip
    edited = st.data_editor(
        shown, hide_index=True, width="stretch", disabled=["header", "example"],
        key=f"importar_columnas:{plan.source.sha256}:{plan.table.sheet}",
        column_config={
            "header": st.column_config.TextColumn(t("importar.col.header")),
            "field": st.column_config.SelectboxColumn(
                t("importar.col.field"), options=list(labels), format_func=labels.__getitem__,
                required=True, help=t("importar.col.field.help")),
            "example": st.column_config.TextColumn(t("importar.col.example")),
        },
    )  # fmt: skip
    return {row.header: None if row.field == IGNORED else Field(row.field)
            for row in edited.itertuples()}  # fmt: skip


def _example(plan: ImportPlan, header: str) -> str:
    position = plan.table.headers.index(header)
    for row in plan.table.rows[:20]:
        if row[position] not in (None, ""):
            return str(row[position])[:60]
    return ""


def _months(plan: ImportPlan) -> None:
    """Rows to import by month of intake: a check that the file is the one meant."""
    months = pd.Series([row.created_at.strftime("%Y-%m") for row in plan.prepared.cases])
    if months.empty:
        return
    st.subheader(t("importar.by_month"))
    counted = months.value_counts().sort_index().rename_axis("month").reset_index(name="rows")
    st.dataframe(counted, hide_index=True,
                 column_config={"month": t("importar.col.month"),
                                "rows": t("importar.col.rows")})  # fmt: skip
