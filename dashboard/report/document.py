"""The report as a short PDF for the minister (fpdf2): four A4 pages meant for print.

1. the month's indicators against the month before and the same month a year earlier;
2. four trend charts over 24 months;
3. the departments on overload alert and the partido map;
4. protocol compliance, the departments furthest off first.

Every page ends with the definitions of what it shows, as footnotes. Nothing relies on
colour: changes read ▲/▼ with «mejor»/«peor» in words, tables are black on white with grey
headings, charts differ by line style. The font (DejaVu Sans, from matplotlib's data) is
embedded, so accents print whatever the reader's machine has installed.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboard.formats import EMPTY
from dashboard.i18n import format_decimal, format_int, translate
from dashboard.report import figures, sections
from dashboard.report.content import TREND_KEYS, ReportContent
from dashboard.report.cover import Cover
from queries.indicators import BY_KEY, INDICATORS
from queries.protocol import RULES

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
#: Rows of the hotspot and protocol tables: a page is for the worst few.
TOP_ROWS = 10
HEADINGS = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))
STRIPE = (245, 245, 245)
ARROWS = {True: "▲", False: "▼"}
#: Footnote type, in points, and the smallest it may shrink to.
NOTE_SIZE, SMALLEST_NOTE = 6.3, 5.2


class ReportPdf(FPDF):
    """An A4 page with the report's running footer."""

    def __init__(self, footer_text: str, lang: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text, self.lang = footer_text, lang
        fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style, str(fonts / name))
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(True, margin=14)
        self.set_title(translate("report.title", lang))
        self.set_creator("Tablero de supervisión de solicitudes")

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, "", 7)
        page = translate("report.pdf.page", self.lang, page=self.page_no(), pages="{nb}")
        self.cell(0, 4, f"{self.footer_text} · {page}", align="C")


def pdf_bytes(content: ReportContent, cover: Cover, lang: str = "es") -> bytes:
    title = translate("report.title", lang)
    pdf = ReportPdf(f"{title} · {cover.month} · {cover.content_hash[:12]}", lang)
    _headline_page(pdf, content, cover, lang)
    _trend_page(pdf, content, lang)
    _hotspot_page(pdf, content, lang)
    _protocol_page(pdf, content, lang)
    return bytes(pdf.output())


def pdf_heading(pdf: FPDF, text: str, size: float = 13) -> None:
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def pdf_text(pdf: FPDF, text: str, size: float = 8.5) -> None:
    pdf.set_font(FONT, "", size)
    pdf.multi_cell(0, size * 0.45, text, new_x="LMARGIN", new_y="NEXT")


def pdf_footnotes(pdf: FPDF, notes: list[tuple[str, str]], lang: str) -> None:
    """``[n] name: definition`` in small type under a rule, in the room left on the page:
    the type shrinks (down to ``SMALLEST_NOTE``) rather than spill a note onto a page of its
    own."""
    pdf.ln(3)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + 60, pdf.get_y())
    pdf.ln(1)
    pdf.set_font(FONT, "B", 7)
    pdf.cell(0, 3.5, translate("report.pdf.definitions", lang), new_x="LMARGIN", new_y="NEXT")
    lines = [f"[{number}] {name}: {definition}" for number, (name, definition)
             in enumerate(notes, start=1)]  # fmt: skip
    room = pdf.page_break_trigger - pdf.get_y()
    size = NOTE_SIZE
    while size > SMALLEST_NOTE and _height(pdf, lines, size) > room:
        size -= 0.2
    for line in lines:
        pdf.multi_cell(0, size * 0.43, line, new_x="LMARGIN", new_y="NEXT")


def _height(pdf: FPDF, lines: list[str], size: float) -> float:
    """How tall ``lines`` are in type of ``size`` points, as ``_footnotes`` writes them."""
    pdf.set_font(FONT, "", size)
    return sum(pdf.multi_cell(0, size * 0.43, line, dry_run=True, output="HEIGHT")
               for line in lines)  # fmt: skip


def pdf_table(pdf: FPDF, rows: list[list[str]], widths: tuple[float, ...], size: float = 7.5,
           align: tuple[str, ...] | None = None) -> None:  # fmt: skip
    pdf.set_font(FONT, "", size)
    with pdf.table(col_widths=widths, headings_style=HEADINGS, cell_fill_color=STRIPE,
                   cell_fill_mode="ROWS", line_height=size * 0.5, padding=0.8,
                   text_align=align or "LEFT", width=sum(widths)) as table:  # fmt: skip
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)


def _headline_page(pdf: ReportPdf, content: ReportContent, cover: Cover, lang: str) -> None:
    pdf.add_page()
    pdf_heading(pdf, translate("report.title", lang), 15)
    lines = [[("report.cover.month", cover.month), ("report.cover.period", cover.period),
              ("report.cover.cut_off", cover.cut_off)],
             [("report.cover.scope", cover.scope),
              ("report.cover.generated_at", cover.generated_at),
              ("report.cover.generated_by", cover.generated_by)],
             [("report.cover.hash", cover.content_hash)]]  # fmt: skip
    for line in lines:
        pdf_text(pdf, " · ".join(f"{translate(key, lang)}: {value}" for key, value in line), 8.5)
    if cover.history_notice:
        pdf.ln(1)
        pdf_heading(pdf, cover.history_notice, 8.5)
    pdf.ln(3)
    pdf_heading(pdf, translate("report.pdf.headline", lang), 12)
    figures_by_key = content.indicators.set_index("indicator")
    rows = [[translate(key, lang) for key in ("report.col.indicator", "report.col.current",
             "report.col.previous", "report.col.vs_previous", "report.col.year_earlier",
             "report.col.vs_year_earlier")]]  # fmt: skip
    for number, indicator in enumerate(INDICATORS, start=1):
        row = figures_by_key.loc[indicator.key]
        current = row["current"]
        rows.append([
            f"{sections.indicator_label(indicator.key, lang)} [{number}]",
            *(_value(indicator.key, row[period], row[f"{period}_at_least"], lang)
              for period in ("current", "previous")),
            _change(current, row["previous"], row["vs_previous"], lang),
            _value(indicator.key, row["year_earlier"], row["year_earlier_at_least"], lang),
            _change(current, row["year_earlier"], row["vs_year_earlier"], lang),
        ])  # fmt: skip
    pdf_table(
        pdf,
        rows,
        (64, 24, 24, 22, 24, 22),
        7.3,
        ("LEFT", "RIGHT", "RIGHT", "LEFT", "RIGHT", "LEFT"),
    )
    pdf.ln(1)
    pdf_text(pdf, translate("report.pdf.change_note", lang), 6.8)
    pdf_footnotes(pdf, [_note(i.label_key, i.definition_key, lang) for i in INDICATORS], lang)


def _trend_page(pdf: ReportPdf, content: ReportContent, lang: str) -> None:
    pdf.add_page()
    pdf_heading(pdf, translate("report.pdf.trends", lang))
    pdf.image(io.BytesIO(figures.trend_panels(content, lang)), w=pdf.epw)
    shown = [BY_KEY[key] for key in TREND_KEYS]
    pdf_footnotes(pdf, [_note(i.label_key, i.definition_key, lang) for i in shown], lang)


def _hotspot_page(pdf: ReportPdf, content: ReportContent, lang: str) -> None:
    pdf.add_page()
    pdf_heading(pdf, translate("report.pdf.hotspots", lang))
    on_alert = content.hotspots[content.hotspots["hot_measures"] > 0].head(TOP_ROWS)
    if on_alert.empty:
        pdf_text(pdf, translate("report.pdf.no_hotspots", lang))
    else:
        rows = [[translate(key, lang) for key in ("report.col.department", "report.col.open_cases",
                 "col.overdue_share", "col.load", "col.recent_ratio", "col.reasons")]]  # fmt: skip
        for hot in on_alert.itertuples():
            reasons = ", ".join(translate(f"hot.{code}", lang) for code in hot.reasons.split(","))
            rows.append([str(hot.department), format_int(hot.open_cases, lang),
                         _percent(hot.overdue_share, lang), _decimal(hot.load, lang),
                         _decimal(hot.recent_ratio, lang), reasons])  # fmt: skip
        pdf_table(pdf, rows, (56, 20, 18, 18, 28, 40), 7.3,
               ("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "LEFT"))  # fmt: skip
    pdf.ln(4)
    pdf_heading(pdf, translate("report.pdf.map", lang), 11)
    pdf.image(
        io.BytesIO(figures.partido_map(content, lang)),
        w=pdf.epw * 0.92,
        x=pdf.l_margin + pdf.epw * 0.04,
    )
    pdf_text(pdf, translate("map.sources", lang), 6.5)
    keys = ("sobrecarga.hotspots", "map.inflow_per_10k")
    pdf_footnotes(pdf, [_note(key, f"{key}.def", lang) for key in keys], lang)


def _protocol_page(pdf: ReportPdf, content: ReportContent, lang: str) -> None:
    pdf.add_page()
    pdf_heading(pdf, translate("report.pdf.protocol", lang, count=TOP_ROWS))
    ranking = content.protocol.head(TOP_ROWS)
    if ranking.empty:
        pdf_text(pdf, translate("report.pdf.no_protocol", lang))
    else:
        names = [
            f"{translate(f'protocol.rule.{rule}', lang)} [{n}]" for n, rule in enumerate(RULES, 1)
        ]
        combined = f"{translate('protocol.rule.combined', lang)} [{len(RULES) + 1}]"
        rows = [[translate("report.col.department", lang), *names, combined]]
        for record in ranking.itertuples():
            shares = [_percent(getattr(record, f"{rule}_share"), lang) for rule in RULES]
            rows.append([str(record.department), *shares, _percent(record.combined, lang)])
        pdf_table(pdf, rows, (46, *([19] * len(RULES)), 20), 7,
               ("LEFT", *(["RIGHT"] * (len(RULES) + 1))))  # fmt: skip
    notes = [_note(f"protocol.rule.{rule}", f"protocol.rule.{rule}.def", lang) for rule in RULES]
    notes.append(_note("protocol.rule.combined", "protocol.ranking.def", lang))
    pdf_footnotes(pdf, notes, lang)


def _note(label_key: str, definition_key: str, lang: str) -> tuple[str, str]:
    return translate(label_key, lang), translate(definition_key, lang)


def _value(key: str, value: float, at_least: float, lang: str) -> str:
    """An indicator's value written the local way, with its unit when it is a share."""
    shown = sections.written_or_more(key, value, at_least, lang)
    if isinstance(shown, str):
        return shown
    if pd.isna(value):
        return EMPTY
    unit = BY_KEY[key].unit
    if unit == "cases":
        return format_int(round(value), lang)
    if unit == "share":
        return _percent(value, lang)
    return format_decimal(value, lang)


def _change(current: float, other: float, judgement: object, lang: str) -> str:
    """▲ or ▼ (or =) and, when the indicator has a better direction, «mejor» or «peor»."""
    if pd.isna(current) or pd.isna(other):
        return EMPTY
    word = sections.change_word(judgement, lang)
    if judgement == "same" or current == other:
        return f"= {word}".strip()
    return f"{ARROWS[current > other]} {word}".strip()


def _percent(share: float, lang: str) -> str:
    return EMPTY if pd.isna(share) else f"{format_decimal(share * 100, lang)} %"


def _decimal(value: float, lang: str) -> str:
    return EMPTY if pd.isna(value) else format_decimal(value, lang)
