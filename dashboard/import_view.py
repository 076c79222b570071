"""The pieces of the page "Importar planillas": the area, the file, the sheet, the saved
mapping, the column mapping, the values with no match, the preview, saving the mapping, and
the area's batches. Every rule lives in ``dashboard.imports`` and ``commands``; these only
gather the clerk's choices and show the answers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.actions import NOTICE_KEY, run_command
from dashboard.commands import CommandError, import_sheet, save_import_mapping, undo_import
from dashboard.data import clear_cached_queries, current_engine, run_query
from dashboard.domain import Role, Status
from dashboard.i18n import format_int
from dashboard.imports.fields import FIELD_LABELS, Field, suggest_mapping
from dashboard.imports.mappings import SavedMapping, best_mapping, mappings_from
from dashboard.imports.plan import (
    ALL_SHEETS,
    Choices,
    ImportPlan,
    chosen_tables,
    error_sheet,
    joined,
    load_catalogue,
    plan_source,
    sheets_alike,
    totals,
    unmapped_values,
)
from dashboard.imports.prepare import Catalogue
from dashboard.imports.progress import Progress, Stage
from dashboard.imports.readers import MAX_BYTES, SourceFile, Table, UnreadableFile, read_source
from dashboard.session import current_actor
from dashboard.tables import show_table
from dashboard.ui import language, t
from queries.imports import import_batches, intake_areas, saved_mappings

PLAN_KEY = "importar.planes"
SOURCE_KEY = "importar.archivo"
#: Counts imports done in this session; the uploader's key changes with it, so it empties.
UPLOADS_KEY = "importar.subidas"
#: Plans kept per session: a few mappings of the same file, tried one after another.
KEPT_PLANS = 4
FILE_TYPES = ["xlsx", "xls", "ods", "csv", "txt", "json"]
#: The choice for a column that fills no field, and for a value left with no match.
IGNORED = "—"
NO_MATCH = ""
#: Column choices side by side.
MAPPING_COLUMNS = 3
#: Values of one field offered for mapping on the page (the most frequent first).
SHOWN_VALUES = 40
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Statuses a sheet value may stand for (a merged case needs the case it merged into).
MAPPABLE_STATUSES = [status for status in Status if status != Status.DUPLICADA]


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
                        key="importar_area", placeholder=t("form.choose"))  # fmt: skip
    return area, names[area]


def uploaded_file() -> tuple[bytes, str] | None:
    upload = st.file_uploader(
        t("importar.file"), type=FILE_TYPES,
        key=f"importar_archivo:{st.session_state.get(UPLOADS_KEY, 0)}",
        help=t("importar.file.help", limit=format_int(MAX_BYTES // 2**20, language())),
    )  # fmt: skip
    return None if upload is None else (upload.getvalue(), upload.name)


def planned(data: bytes, name: str, area_id: int) -> tuple[ImportPlan, SavedMapping] | None:
    """The file read once, then planned with the clerk's choices: the sheet, a saved
    mapping (the one that fits the headers best, chosen by itself), each column's field and
    each unmatched value's equivalence. Returns the plan and the saved mapping it started
    from (an empty one when none)."""
    source = _source(data, name)
    if source is None:
        return None
    sheet = _sheet_choice(source)
    table = joined(chosen_tables(source, sheet))
    saved = _saved_choice(area_id, table.headers, f"{source.sha256}:{sheet}")
    scope = f"{source.sha256}:{sheet}:{saved.name}"
    columns = _mapping_editor(table, saved, scope)
    value_maps = _values_editor(table, columns, saved, scope)
    plan = _plan(source, area_id, Choices(sheet, columns, value_maps))
    return None if plan is None else (plan, saved)


def preview(plan: ImportPlan) -> None:
    """What will happen, before anything is written."""
    prepared, lang = plan.prepared, language()
    st.caption(t("importar.read", kind=plan.source.kind, sheet=plan.table.sheet or "—",
                 row=plan.table.header_row, encoding=plan.source.encoding or "—"))  # fmt: skip
    lines, moved = plan.movements
    figures = {
        "importar.to_import": (plan.to_import, None),
        "importar.with_errors": (prepared.rows_with_errors, None),
        "importar.repeated": (len(prepared.repeated), None),
        "importar.already": (plan.already, None),
        "importar.movements": (lines, t("importar.movements.help", cases=format_int(moved, lang))),
        "importar.warnings": (sum(len(row.warnings) for row in prepared.cases), None),
    }
    for column, (key, (value, note)) in zip(st.columns(len(figures)), figures.items(), strict=True):
        column.metric(t(key), format_int(value, lang), help=note)
    if plan.probably_in_base:
        st.info(t("importar.probable_duplicates", rows=format_int(plan.probably_in_base, lang)))
    if plan.movements_already:
        st.info(t("importar.movements.already", lines=format_int(plan.movements_already, lang)))
    if prepared.errors:
        _errors(plan)
    warnings = pd.Series([w for row in prepared.cases for w in row.warnings], dtype=object)
    if len(warnings):
        st.subheader(t("importar.warnings"))
        counted = warnings.value_counts().rename_axis("warning").reset_index(name="rows")
        show_table(counted, hide_index=True, width="stretch",
                   column_config={"warning": t("importar.col.warning"),
                                  "rows": t("importar.col.rows")})  # fmt: skip
    _totals(plan)


def save_mapping(plan: ImportPlan, area_id: int, saved: SavedMapping) -> None:
    """Keep the mapping as confirmed, so next week's sheet from this source maps itself."""
    with st.form(key="guardar_mapeo"):
        name = st.text_input(t("importar.save.name"), value=saved.name or
                             Path(plan.source.name).stem, help=t("importar.save.help"))  # fmt: skip
        if st.form_submit_button(t("importar.save")):
            run_command(save_import_mapping, area_id, name, plan.mapping)


def confirm(plan: ImportPlan, area_id: int) -> None:
    """The button that writes the new rows, and its answer on the next run."""
    lang = language()
    if not st.button(t("importar.confirm", count=format_int(plan.to_import, lang)),
                     type="primary"):  # fmt: skip
        return
    try:
        with _progress_bar() as progress:
            outcome = import_sheet(current_engine(), current_actor(), area_id, plan.source,
                                   plan.sheet, plan.mapping, plan.prepared, progress)  # fmt: skip
    except CommandError as refusal:
        st.error(str(refusal))
        return
    clear_cached_queries()
    for key in (PLAN_KEY, SOURCE_KEY):
        st.session_state.pop(key, None)
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
    show_table(frame, kinds={"id": "identifier"}, hide_index=True, width="stretch",
               column_config={c: t(f"importar.batch.{c}") for c in frame.columns})  # fmt: skip
    standing = frame[frame["undone_at"].isna()]
    if standing.empty:
        return
    names = {row.id: f"{row.id} · {row.file_name}" for row in standing.itertuples()}
    with st.form(key="deshacer_importacion", clear_on_submit=True):
        st.markdown(f"**{t('importar.undo')}**")
        batch = st.selectbox(t("importar.undo.batch"), list(names), format_func=names.__getitem__,
                             placeholder=t("form.choose"))  # fmt: skip
        reason = st.text_input(t("importar.undo.reason"), help=t("importar.undo.help"))
        if st.form_submit_button(t("importar.undo.confirm")):
            run_command(undo_import, int(batch), reason)


@contextmanager
def _progress_bar() -> Iterator[Progress]:
    """A progress bar for a core function's ``progress``, gone once it returns."""
    bar = st.progress(0.0)

    def tell(share: float, stage: Stage) -> None:
        bar.progress(min(max(share, 0.0), 1.0), text=t(f"importar.progress.{stage}"))

    try:
        yield tell
    finally:
        bar.empty()


def _source(data: bytes, name: str) -> SourceFile | None:
    """The uploaded file read once per session (a large workbook takes seconds)."""
    sha = hashlib.sha256(data).hexdigest()
    kept = st.session_state.get(SOURCE_KEY)
    if kept is not None and kept.sha256 == sha:
        return kept
    try:
        with _progress_bar() as progress:
            progress(0.0, Stage.READING)
            source = read_source(data, name)
    except UnreadableFile as refusal:
        st.error(str(refusal))
        return None
    st.session_state[SOURCE_KEY] = source
    return source


def _sheet_choice(source: SourceFile) -> str | None:
    """The sheet to import, or all those with the first one's columns."""
    if len(source.tables) == 1:
        return None
    alike = sheets_alike(source)
    options = [table.sheet for table in source.tables] + ([ALL_SHEETS] if len(alike) > 1 else [])
    every = t("importar.all_sheets", sheets=", ".join(table.sheet for table in alike))
    return st.selectbox(
        t("importar.sheet"), options, key=f"importar_hoja:{source.sha256}",
        format_func=lambda sheet: every if sheet == ALL_SHEETS else sheet,
        placeholder=t("form.choose"),
    )  # fmt: skip


def _saved_choice(area_id: int, headers: list[str], scope: str) -> SavedMapping:
    """The area's saved mapping to start from: the one that knows most of these headers,
    unless the clerk picks another (or none)."""
    saved = mappings_from(run_query(saved_mappings, area_id))
    if not saved:
        return SavedMapping("", {})
    by_name = {mapping.name: mapping for mapping in saved}
    best = best_mapping(saved, headers)
    options = [NO_MATCH, *by_name]
    name = st.selectbox(
        t("importar.saved"), options, index=options.index(best.name if best else NO_MATCH),
        format_func=lambda name: name or t("importar.saved.none"), help=t("importar.saved.help"),
        key=f"importar_mapeo:{scope}:{'|'.join(by_name)}", placeholder=t("form.choose")
    )  # fmt: skip
    return by_name.get(name, SavedMapping("", {}))


def _mapping_editor(table: Table, saved: SavedMapping, scope: str) -> dict[str, Field | None]:
    """Each column and the field it fills: the saved mapping's choice for the headers it
    knows, the suggestion for the others; editable."""
    st.subheader(t("importar.mapping"))
    start = suggest_mapping(table.headers)
    start.update((header, chosen) for header, chosen in saved.columns.items() if header in start)
    options = [IGNORED, *(field.value for field in Field)]
    labels = {IGNORED: t("importar.ignored")} | {f.value: FIELD_LABELS[f] for f in Field}
    headers = list(start)
    columns: dict[str, Field | None] = {}
    for first in range(0, len(headers), MAPPING_COLUMNS):
        line = headers[first : first + MAPPING_COLUMNS]
        for cell, header in zip(st.columns(MAPPING_COLUMNS), line, strict=False):
            example = _example(table, header)
            value = cell.selectbox(
                header, options, index=options.index(start[header] or IGNORED),
                format_func=labels.__getitem__, key=f"importar_columna:{scope}:{header}",
                help=t("importar.example", value=example) if example else None,
                placeholder=t("form.choose"),
            )  # fmt: skip
            columns[header] = None if value == IGNORED else Field(value)
    return columns


def _values_editor(table: Table, columns: dict[str, Field | None], saved: SavedMapping,
                   scope: str) -> dict[Field, dict[str, str]]:  # fmt: skip
    """Each sheet value that matches nothing by itself, once, with how many rows carry it
    and a choice of what it means: the saved mapping's equivalences, changed by the clerk."""
    catalogue = _catalogue()
    unmapped = unmapped_values(table, columns, catalogue)
    maps = {field: dict(chosen) for field, chosen in saved.values.items()}
    if not unmapped:
        return maps
    st.subheader(t("importar.values"))
    st.caption(t("importar.values.caption"))
    lang = language()
    for field, found in unmapped.items():
        names = _choices(field, catalogue)
        options = [NO_MATCH, *names]
        chosen = maps.setdefault(field, {})
        st.markdown(f"**{FIELD_LABELS[field]}**")
        for value in found[:SHOWN_VALUES]:
            start = chosen.get(value.key, NO_MATCH)
            picked = st.selectbox(
                t("importar.values.label", value=value.shown, rows=format_int(value.rows, lang)),
                options, index=options.index(start) if start in options else 0,
                format_func=lambda code, field=field, names=names: names.get(code) or t(
                    f"importar.values.none.{field}"),
                key=f"importar_valor:{scope}:{field}:{value.key}", placeholder=t("form.choose")
            )  # fmt: skip
            if picked == NO_MATCH:
                chosen.pop(value.key, None)
            else:
                chosen[value.key] = picked
    return {field: chosen for field, chosen in maps.items() if chosen}


def _choices(field: Field, catalogue: Catalogue) -> dict[str, str]:
    """Code → name of what a value of ``field`` may mean."""
    if field is Field.status:
        return {status.value: t(f"status.{status}") for status in MAPPABLE_STATUSES}
    entries = {Field.category: catalogue.categories, Field.department: catalogue.departments,
               Field.channel: catalogue.channels}[field]  # fmt: skip
    return dict(sorted(entries, key=lambda entry: entry[1]))


def _catalogue() -> Catalogue:
    with current_engine().connect() as connection:
        return load_catalogue(connection)


def _plan(source: SourceFile, area_id: int, choices: Choices) -> ImportPlan | None:
    """``plan_source``, kept for this session per file, sheet and mapping: a rerun for an
    unrelated widget must not check every row again."""
    values = tuple((field, tuple(sorted(maps.items())))
                   for field, maps in choices.value_maps.items())  # fmt: skip
    key = (source.sha256, area_id, choices.sheet, tuple(choices.columns.items()), values)
    kept: dict = st.session_state.setdefault(PLAN_KEY, {})
    if key in kept:
        return kept[key]
    try:
        with current_engine().connect() as connection, _progress_bar() as progress:
            plan = plan_source(connection, source, area_id, choices, progress=progress)
    except UnreadableFile as refusal:
        st.error(str(refusal))
        return None
    if len(kept) >= KEPT_PLANS:
        kept.pop(next(iter(kept)))
    kept[key] = plan
    return plan


def _errors(plan: ImportPlan) -> None:
    """The rows with errors, and a sheet of them to fix and upload again."""
    st.subheader(t("importar.errors"))
    errors = pd.DataFrame([vars(error) for error in plan.prepared.errors])
    if len(plan.tables) == 1:
        errors = errors.drop(columns="sheet")
    show_table(errors, kinds={"row": "identifier"}, hide_index=True, width="stretch",
               column_config={c: t(f"importar.col.{c}") for c in errors.columns})  # fmt: skip
    st.download_button(
        t("importar.errors.download"), error_sheet(plan), mime=XLSX,
        file_name=f"errores_{Path(plan.source.name).stem}.xlsx",
        help=t("importar.errors.download.help"),
    )  # fmt: skip


def _example(table: Table, header: str) -> str:
    position = table.headers.index(header)
    for row in table.rows[:20]:
        if row[position] not in (None, ""):
            return str(row[position])[:60]
    return ""


def _totals(plan: ImportPlan) -> None:
    """Rows to import by month of intake, category and partido: a check that the file is
    the one meant."""
    counted = totals(plan)
    if not counted["month"]:
        return
    headings = {"month": "importar.by_month", "category": "importar.by_category",
                "partido": "importar.by_partido"}  # fmt: skip
    for column, (what, rows) in zip(st.columns(3), counted.items(), strict=True):
        frame = pd.DataFrame(rows, columns=[what, "rows"])
        if what == "month":  # "2026-12": a month, written and sorted as one
            frame["month"] = pd.to_datetime(frame["month"], format="%Y-%m")
        with column:
            st.markdown(f"**{t(headings[what])}**")
            show_table(frame, kinds={"month": "month"}, hide_index=True, width="stretch",
                       column_config={what: t(f"importar.col.{what}"),
                                      "rows": t("importar.col.rows")})  # fmt: skip
