"""Línea de base: a frozen, citable snapshot of demand and performance over a period.

The figures are read once, when a baseline is frozen, from the same queries the pages use
(``queries.indicators`` for the indicators, overall and by channel, intake area, category
group and partido; ``queries.referrals.referral_summary`` for the ping-pong rate), written as
canonical JSON (``dashboard.canonical``, as the monthly report's hash) and hashed. The JSON
holds what the figures are of (period, cut-off, filters, ``DEFINITIONS_VERSION``), so the
hash attests all of it. The stored row is never updated; ``compare`` sets it beside today's
recomputation of the same period and cut-off, which differs only when the history before
the cut-off changed (a late import, a corrected event) or a definition did.

Files: ``xlsx_bytes`` through ``dashboard.export_files.write_frame`` and ``pdf_bytes``
through the monthly report's PDF helpers, so a baseline prints like the report.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, fields
from datetime import date, datetime

import pandas as pd
import xlsxwriter
from sqlalchemy import Connection, select

from dashboard.canonical import canonical_frame, canonical_json, plain, sha256_of
from dashboard.export_files import write_frame
from dashboard.formats import EMPTY, format_date, format_datetime
from dashboard.i18n import format_decimal, format_int, format_percent, translate
from dashboard.models import Category, Channel, Department, Municipality
from dashboard.report.document import ReportPdf, pdf_footnotes, pdf_heading, pdf_table, pdf_text
from queries.baselines import baseline_row
from queries.filters import CaseFilters
from queries.indicators import BY_KEY, indicator_figures, indicators_by_group
from queries.referrals import referral_summary
from queries.territory import PER_INHABITANTS

#: The version of the definitions (docs/indicators.md) the figures follow. Bump it (year and
#: month) whenever docs/indicators.md changes how one of the figures below is defined: a
#: baseline keeps the version it was frozen with, and today's recomputation, made with the
#: new definitions, then says it no longer matches.
DEFINITIONS_VERSION = "2026-12"
PING_PONG = "ping_pong_rate"
#: The headline figures, in the order shown.
HEADLINE = ("inflow", "outflow", "backlog", "first_action_median_days",
            "first_action_p90_days", "close_median_days", "close_p90_days", "sla_compliance",
            "referral_rate", PING_PONG)  # fmt: skip
#: The breakdowns (``queries.indicators.DIMENSIONS``), in the order shown.
BREAKDOWNS = ("channel", "intake_area", "category_group", "partido")
#: Indicator columns of every breakdown table.
TABLE_KEYS = ("inflow", "outflow", "backlog", "first_action_median_days",
              "close_median_days", "sla_compliance", "referral_rate")  # fmt: skip
#: Extra columns of the partido table: rates per ``PER_INHABITANTS`` inhabitants.
PARTIDO_RATES = ("population", "inflow_per_10k", "backlog_per_10k")
#: Decimals of a rate per 10,000 inhabitants: a large partido's rates are below 1.
RATE_DECIMALS = 2
#: Units of the figures that are not indicators of ``queries.indicators``.
OTHER_UNITS = {PING_PONG: "share", "population": "cases", "inflow_per_10k": "rate",
               "backlog_per_10k": "rate"}  # fmt: skip
#: Labels of the figures that are not indicators.
OTHER_LABELS = {PING_PONG: "baseline.figure.ping_pong_rate", "population": "col.population",
                "inflow_per_10k": "map.inflow_per_10k",
                "backlog_per_10k": "baseline.figure.backlog_per_10k"}  # fmt: skip
#: The filters' dimensions, the model naming their ids, and their label.
DIMENSION_FILTERS = (("department_ids", Department, "filters.department"),
                     ("channel_ids", Channel, "filters.channel"),
                     ("category_ids", Category, "filters.category"),
                     ("municipality_ids", Municipality, "filters.municipality"))  # fmt: skip
#: "más de N días" in each unit of duration (the keys the Indicadores cards use).
MORE_THAN = {"days": "indicators.more_than",
             "business_days": "indicadores.page.more_than.business_days"}  # fmt: skip
#: What the audit log calls a download of a baseline.
AUDIT_WHAT = "linea_de_base"


@dataclass(frozen=True)
class BaselineContent:
    """What a baseline says: the filters (period and cut-off included) its figures were read
    with, the definitions' version, the headline figures and one table per breakdown."""

    filters: CaseFilters
    definitions_version: str
    #: One row per figure of ``HEADLINE``: ``figure``, ``value``, ``at_least`` (a duration's
    #: longest wait where its curve never reached the quantile: "more than" that).
    headline: pd.DataFrame
    #: Per dimension of ``BREAKDOWNS``: ``group_id``, ``group``, the ``TABLE_KEYS`` (and
    #: ``PARTIDO_RATES`` for partidos), most inflow first.
    tables: dict[str, pd.DataFrame]

    def figure(self, key: str) -> float:
        """The headline value of ``key`` (NaN where there is nothing to measure)."""
        values = self.headline.set_index("figure")["value"]
        return float(values[key]) if pd.notna(values[key]) else float("nan")

    def document(self) -> dict:
        """The content as plain JSON values: what is stored and what the hash digests."""
        return {
            "definitions_version": self.definitions_version,
            "filters": filters_document(self.filters),
            "headline": canonical_frame(self.headline),
            "tables": {name: canonical_frame(table) for name, table in self.tables.items()},
        }

    @classmethod
    def from_document(cls, document: dict) -> BaselineContent:
        """The content stored as ``document()`` wrote it."""
        return cls(
            filters=filters_from(document["filters"]),
            definitions_version=document["definitions_version"],
            headline=_frame(document["headline"]),
            tables={name: _frame(table) for name, table in document["tables"].items()},
        )


@dataclass(frozen=True)
class FrozenBaseline:
    """A stored baseline: its content and what the list says of it."""

    id: int
    name: str
    content: BaselineContent
    content_hash: str
    created_by: str
    created_at: datetime


# --- Computing and storing ------------------------------------------------------------------


def compute(connection: Connection, filters: CaseFilters) -> BaselineContent:
    """Read every figure of a baseline for ``filters`` (period, cut-off, dimensions)."""
    figures = indicator_figures(connection, filters).iloc[0]
    referrals = referral_summary(connection, filters).iloc[0]
    rows = []
    for key in HEADLINE:
        if key == PING_PONG:
            cases = referrals["cases"]
            rows.append((key, referrals["ping_pong_cases"] / cases if cases else float("nan"),
                         float("nan")))  # fmt: skip
        else:
            rows.append((key, figures[key], figures.get(f"{key}_at_least", float("nan"))))
    return BaselineContent(
        filters=filters,
        definitions_version=DEFINITIONS_VERSION,
        headline=pd.DataFrame(rows, columns=["figure", "value", "at_least"]),
        tables={name: _breakdown(connection, filters, name) for name in BREAKDOWNS},
    )


def _breakdown(connection: Connection, filters: CaseFilters, dimension: str) -> pd.DataFrame:
    table = indicators_by_group(connection, filters, dimension)[["group_id", "group", *TABLE_KEYS]]
    if dimension != "partido":
        return table
    people = dict(connection.execute(select(Municipality.id, Municipality.population)).all())
    population = table["group_id"].map(people).astype(float)
    known = population.where(population > 0)
    return table.assign(
        population=population,
        inflow_per_10k=table["inflow"] * PER_INHABITANTS / known,
        backlog_per_10k=table["backlog"] * PER_INHABITANTS / known,
    )


def stored_json(content: BaselineContent) -> str:
    """The text stored in ``baselines.content``."""
    return canonical_json(content.document())


def content_hash(content: BaselineContent) -> str:
    """SHA-256 (hex) of the stored text: figures and what they are of."""
    return sha256_of(content.document())


def filters_document(filters: CaseFilters) -> dict:
    """``filters`` as JSON values (``baselines.filters``)."""
    values = {field.name: getattr(filters, field.name) for field in fields(filters)}
    return {name: list(value) if isinstance(value, tuple) else plain(value)
            for name, value in values.items()}  # fmt: skip


def filters_json(filters: CaseFilters) -> str:
    """The text stored in ``baselines.filters``."""
    return canonical_json(filters_document(filters))


def filters_from(document: dict) -> CaseFilters:
    """The filters ``filters_document`` wrote."""
    values = {
        name: tuple(value) if isinstance(value, list) else value for name, value in document.items()
    }
    values["date_from"] = date.fromisoformat(values["date_from"])
    values["date_to"] = date.fromisoformat(values["date_to"])
    values["as_of"] = datetime.fromisoformat(values["as_of"])
    return CaseFilters(**values)


def _frame(stored: dict) -> pd.DataFrame:
    return pd.DataFrame(stored["rows"], columns=stored["columns"]).infer_objects()


# --- Reading back and comparing -------------------------------------------------------------


def frozen_baseline(connection: Connection, baseline_id: int) -> FrozenBaseline | None:
    """The stored baseline ``baseline_id``, or ``None`` when there is none."""
    found = baseline_row(connection, baseline_id)
    if found.empty:
        return None
    row = found.iloc[0]
    return FrozenBaseline(
        id=int(row["id"]),
        name=row["name"],
        content=BaselineContent.from_document(json.loads(row["content"])),
        content_hash=row["content_hash"],
        created_by=row["created_by"],
        created_at=row["created_at"],
    )


def baseline_content(connection: Connection, baseline_id: int) -> BaselineContent:
    """The figures of a stored baseline, as frozen: the "before" of a comparison. Raises
    ``LookupError`` when there is no such baseline."""
    found = frozen_baseline(connection, baseline_id)
    if found is None:
        raise LookupError(f"no baseline {baseline_id}")
    return found.content


def recompute(connection: Connection, content: BaselineContent) -> BaselineContent:
    """Today's reading of the same period, cut-off and filters, with today's definitions."""
    return compute(connection, content.filters)


def compare(frozen: BaselineContent, today: BaselineContent) -> pd.DataFrame:
    """One row per headline figure: ``figure``, ``frozen``, ``today``, ``difference``
    (today − frozen) and ``same`` (equal to the digits the hash keeps, both blank counting
    as equal)."""
    before = frozen.headline.set_index("figure")["value"]
    after = today.headline.set_index("figure")["value"].reindex(before.index)
    same = [plain(a) == plain(b) for a, b in zip(before, after, strict=True)]
    return pd.DataFrame({
        "figure": before.index, "frozen": before.to_numpy(dtype=float),
        "today": after.to_numpy(dtype=float), "difference": (after - before).to_numpy(dtype=float),
        "same": same,
    })  # fmt: skip


# --- Writing figures ------------------------------------------------------------------------


def unit_of(key: str) -> str:
    return BY_KEY[key].unit if key in BY_KEY else OTHER_UNITS[key]


def figure_label(key: str, lang: str) -> str:
    return translate(BY_KEY[key].label_key if key in BY_KEY else OTHER_LABELS[key], lang)


def figure_definition(key: str, lang: str) -> str:
    return translate(f"{BY_KEY[key].label_key if key in BY_KEY else OTHER_LABELS[key]}.def", lang)


def written(key: str, value: float, lang: str, at_least: float = float("nan")) -> str:
    """A figure as text: a count, a percentage, days with one decimal, a rate; "más de N
    días" where a wait never reached its quantile, "—" where there is nothing to measure."""
    unit = unit_of(key)
    if pd.isna(value):
        if pd.isna(at_least):
            return EMPTY
        return translate(MORE_THAN[unit], lang, days=format_decimal(at_least, lang))
    if unit == "cases":
        return format_int(round(value), lang)
    if unit == "share":
        return format_percent(value, lang)
    if unit in ("days", "business_days"):
        return translate(f"indicadores.page.unit.{unit}", lang, value=format_decimal(value, lang))
    return format_decimal(value, lang, RATE_DECIMALS)


def difference_text(key: str, difference: float, lang: str) -> str:
    """today − frozen with its sign: cases, percentage points or days."""
    sign = "+" if difference > 0 else "−"
    size = abs(difference)
    unit = unit_of(key)
    if unit == "share":
        points = sign + format_decimal(size * 100, lang)
        return translate("indicadores.page.points", lang, value=points)
    if unit == "cases":
        return sign + format_int(round(size), lang)
    return sign + format_decimal(size, lang)


def _number(key: str, value: float) -> float:
    """A figure as the workbook holds it: shares in %, one decimal (rates two)."""
    if pd.isna(value):
        return float("nan")
    unit = unit_of(key)
    return round(value * 100 if unit == "share" else value, RATE_DECIMALS if unit == "rate" else 1)


def headline_table(content: BaselineContent, lang: str) -> pd.DataFrame:
    """Figure, unit and value of each headline figure (values as numbers, shares in %)."""
    rows = [(figure_label(row.figure, lang), translate(f"report.unit.{unit_of(row.figure)}", lang),
             _number(row.figure, row.value)) for row in content.headline.itertuples()]  # fmt: skip
    columns = ["report.col.indicator", "report.col.unit", "baseline.col.value"]
    return pd.DataFrame(rows, columns=[translate(key, lang) for key in columns])


def breakdown_table(content: BaselineContent, dimension: str, lang: str) -> pd.DataFrame:
    """A breakdown with labelled columns (shares in %, one decimal), for files and pages."""
    frame = content.tables[dimension]
    table = pd.DataFrame({translate(f"indicators.dimension.{dimension}", lang): frame["group"]})
    for key in frame.columns.drop(["group_id", "group"]):
        suffix = " (%)" if unit_of(key) == "share" else ""
        table[figure_label(key, lang) + suffix] = [_number(key, value) for value in frame[key]]
    return table


def filters_text(connection: Connection, filters: CaseFilters, lang: str) -> str:
    """The dimension filters by name ("Canal: WhatsApp · …"), or the whole province."""
    parts = []
    for field, model, label in DIMENSION_FILTERS:
        ids = getattr(filters, field)
        if ids:
            names = connection.execute(
                select(model.name).where(model.id.in_(ids)).order_by(model.name)
            ).scalars()
            parts.append(f"{translate(label, lang)}: {', '.join(names)}")
    return " · ".join(parts) or translate("baseline.filters.none", lang)


@dataclass(frozen=True)
class Cover:
    """What a baseline's files say about it, written in their language."""

    name: str
    period: str
    cut_off: str
    filters: str
    definitions_version: str
    created_by: str
    created_at: str
    content_hash: str

    def lines(self, lang: str) -> list[tuple[str, str]]:
        """(label, value) of every line, in order."""
        return [(translate(f"baseline.cover.{name}", lang), getattr(self, name))
                for name in (field.name for field in fields(self))]  # fmt: skip


def cover_of(connection: Connection, baseline: FrozenBaseline, lang: str) -> Cover:
    filters = baseline.content.filters
    return Cover(
        name=baseline.name,
        period=translate("report.cover.period_value", lang,
                         first=format_date(filters.date_from, lang),
                         last=format_date(filters.date_to, lang)),
        cut_off=format_datetime(filters.as_of, lang),
        filters=filters_text(connection, filters, lang),
        definitions_version=baseline.content.definitions_version,
        created_by=baseline.created_by,
        created_at=format_datetime(baseline.created_at, lang),
        content_hash=baseline.content_hash,
    )  # fmt: skip


# --- Files ----------------------------------------------------------------------------------


def xlsx_bytes(baseline: FrozenBaseline, cover: Cover, lang: str = "es") -> bytes:
    """A cover sheet, the headline figures, one sheet per breakdown and the definitions."""
    content = baseline.content
    definitions = pd.DataFrame(
        [(figure_label(key, lang), figure_definition(key, lang)) for key in _defined()],
        columns=[translate("report.col.indicator", lang), translate("report.col.definition", lang)],
    )
    sheets = [("baseline.sheet.cover", pd.DataFrame(cover.lines(lang), columns=[
                  translate("report.cover.field", lang), translate("report.cover.value", lang)])),
              ("baseline.sheet.headline", headline_table(content, lang)),
              *((f"indicators.dimension.{dimension}", breakdown_table(content, dimension, lang))
                for dimension in BREAKDOWNS),
              ("report.sheet.definitions", definitions)]  # fmt: skip
    output = io.BytesIO()
    with xlsxwriter.Workbook(output, {"in_memory": True}) as workbook:
        for name_key, table in sheets:
            worksheet = workbook.add_worksheet(translate(name_key, lang))
            write_frame(workbook, worksheet, table)
            worksheet.freeze_panes(1, 1)
    return output.getvalue()


def _defined() -> list[str]:
    """Every figure a baseline holds, each once: headline first, then the table columns."""
    keys = [*HEADLINE, *TABLE_KEYS, *PARTIDO_RATES]
    return [key for key in dict.fromkeys(keys) if key != "population"]


def pdf_bytes(baseline: FrozenBaseline, cover: Cover, lang: str = "es") -> bytes:
    """The cover lines and headline figures on the first page, then the breakdowns; black
    on white, definitions as footnotes."""
    title = translate("baseline.pdf.title", lang, name=baseline.name)
    pdf = ReportPdf(f"{title} · {baseline.content_hash[:12]}", lang)
    pdf.set_title(title)
    pdf.add_page()
    pdf_heading(pdf, title, 15)
    for label, value in cover.lines(lang)[1:]:
        pdf_text(pdf, f"{label}: {value}", 8.5)
    pdf.ln(3)
    pdf_heading(pdf, translate("baseline.sheet.headline", lang), 12)
    content = baseline.content
    rows = [[translate("report.col.indicator", lang), translate("baseline.col.value", lang)]]
    rows += [[f"{figure_label(row.figure, lang)} [{number}]",
              written(row.figure, row.value, lang, row.at_least)]
             for number, row in enumerate(content.headline.itertuples(), start=1)]  # fmt: skip
    pdf_table(pdf, rows, (110, 50), 8, ("LEFT", "RIGHT"))
    notes = [(figure_label(key, lang), figure_definition(key, lang)) for key in HEADLINE]
    pdf_footnotes(pdf, notes, lang)
    for dimension in BREAKDOWNS:
        _breakdown_pages(pdf, content.tables[dimension], dimension, lang)
    return bytes(pdf.output())


def _breakdown_pages(pdf: ReportPdf, frame: pd.DataFrame, dimension: str, lang: str) -> None:
    """A breakdown on landscape pages: room for every column's name in whole words."""
    pdf.add_page(orientation="landscape")
    name = translate(f"indicators.dimension.{dimension}", lang)
    pdf_heading(pdf, translate("baseline.pdf.by", lang, dimension=name))
    if frame.empty:
        pdf_text(pdf, translate("baseline.empty_table", lang))
        return
    keys = list(frame.columns.drop(["group_id", "group"]))
    rows = [[name, *(figure_label(key, lang) for key in keys)]]
    rows += [[str(record["group"]) if pd.notna(record["group"]) else EMPTY,
              *(written(key, record[key], lang) for key in keys)]
             for _, record in frame.iterrows()]  # fmt: skip
    first = 60
    other = (pdf.epw - first) / len(keys)
    pdf_table(pdf, rows, (first, *([other] * len(keys))), 7, ("LEFT", *(["RIGHT"] * len(keys))))
