"""The report as an Excel workbook: a cover, one sheet per section, native charts.

Every table goes through ``dashboard.export_files.write_frame`` (text neutralised against
formula injection, numbers as numbers, dates as dates), so the report protects and looks
like the page downloads. Charts are Excel's own (``workbook.add_chart``) over the sheet's
cells: whoever opens the file can restyle or extend them. Lines differ by dash and marker,
not only by colour, so a black-and-white print still tells them apart.
"""

from __future__ import annotations

import io

import pandas as pd
import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from dashboard.export_files import write_frame
from dashboard.i18n import translate
from dashboard.report import sections
from dashboard.report.content import BREAKDOWNS, TREND_PANELS, ReportContent
from dashboard.report.cover import Cover

#: How many rows (the first, most significant ones) a bar chart of a long table draws.
CHART_ROWS = 15
#: Series styles in order: dash, marker and shade tell them apart in a grey print.
LINE_STYLES = (("solid", "circle"), ("dash", "square"), ("round_dot", "triangle"),
               ("long_dash", "diamond"))  # fmt: skip
SHADES = ("#1B5E87", "#7A7A7A", "#B0B0B0", "#404040")
CHART_SIZE = {"x_scale": 1.6, "y_scale": 1.3}


def workbook_bytes(content: ReportContent, cover: Cover, lang: str = "es") -> bytes:
    output = io.BytesIO()
    with xlsxwriter.Workbook(output, {"in_memory": True}) as workbook:
        _cover(workbook, cover, lang)
        _indicators(workbook, sections.indicators_table(content, lang), lang)
        _trends(workbook, sections.trends_table(content, lang), lang)
        for name_key, table, charted, title in _bar_sections(content, lang):
            _bars(workbook, _sheet(workbook, name_key, table, lang), table, charted, title)
        definitions = _sheet(workbook, "report.sheet.definitions",
                             sections.definitions_table(lang), lang)  # fmt: skip
        definitions.set_column(1, 1, 100, workbook.add_format({"text_wrap": True}))
    return output.getvalue()


def _bar_sections(content: ReportContent, lang: str) -> list[tuple[str, pd.DataFrame, list, str]]:
    """The sheets with a bar chart: sheet name key, table, charted columns, chart title."""
    flows = [sections.indicator_label(key, lang) for key in ("inflow", "outflow")]
    chosen = []
    for dimension in BREAKDOWNS:
        name = translate(f"indicators.dimension.{dimension}", lang)
        table = sections.breakdown_table(content, dimension, lang)
        title = translate("report.chart.by_group", lang, dimension=name)
        chosen.append((f"report.sheet.{dimension}", table, flows, title))
    protocol = sections.protocol_table(content, lang)
    chosen += [
        ("report.sheet.partido", sections.partido_table(content, lang),
         [translate("map.inflow_per_10k", lang)],
         translate("report.chart.partidos", lang, count=CHART_ROWS)),
        ("report.sheet.hotspots", sections.hotspot_table(content, lang),
         [translate("col.load", lang)], translate("report.chart.load", lang, count=CHART_ROWS)),
        ("report.sheet.protocol", protocol, [protocol.columns[-1]],
         translate("report.chart.protocol", lang, count=CHART_ROWS)),
    ]  # fmt: skip
    return chosen


def _sheet(workbook: Workbook, name_key: str, table: pd.DataFrame, lang: str) -> Worksheet:
    """A sheet named by ``name_key`` holding ``table``, header row frozen."""
    worksheet = workbook.add_worksheet(translate(name_key, lang))
    write_frame(workbook, worksheet, table)
    worksheet.freeze_panes(1, 1)
    return worksheet


def _cover(workbook: Workbook, cover: Cover, lang: str) -> None:
    worksheet = workbook.add_worksheet(translate("report.sheet.cover", lang))
    worksheet.write_string(0, 0, translate("report.title", lang),
                           workbook.add_format({"bold": True, "font_size": 16}))  # fmt: skip
    rows = [("report.cover.month", cover.month), ("report.cover.period", cover.period),
            ("report.cover.cut_off", cover.cut_off), ("report.cover.scope", cover.scope),
            ("report.cover.generated_at", cover.generated_at),
            ("report.cover.generated_by", cover.generated_by),
            ("report.cover.hash", cover.content_hash)]  # fmt: skip
    table = pd.DataFrame(
        [(translate(key, lang), value) for key, value in rows],
        columns=[translate("report.cover.field", lang), translate("report.cover.value", lang)],
    )
    after = write_frame(workbook, worksheet, table, first_row=2)
    worksheet.write_string(after + 1, 0, translate("report.cover.hash_note", lang))
    if cover.history_notice:
        worksheet.write_string(after + 2, 0, cover.history_notice,
                               workbook.add_format({"bold": True}))  # fmt: skip


def _indicators(workbook: Workbook, table: pd.DataFrame, lang: str) -> None:
    """The indicators with a clustered bar chart of the three counts in the three periods."""
    worksheet = _sheet(workbook, "report.sheet.indicators", table, lang)
    chart = workbook.add_chart({"type": "column"})
    name = worksheet.get_name()
    for style, column in zip(SHADES, (2, 3, 5), strict=False):
        chart.add_series({
            "name": [name, 0, column],
            "categories": [name, 1, 0, 3, 0],  # inflow, outflow, backlog: the first three rows
            "values": [name, 1, column, 3, column],
            "fill": {"color": style}, "border": {"color": "#000000"},
        })  # fmt: skip
    chart.set_title({"name": translate("report.chart.counts", lang), "name_font": {"size": 11}})
    chart.set_legend({"position": "bottom"})
    worksheet.insert_chart(len(table) + 3, 0, chart, CHART_SIZE)


def _trends(workbook: Workbook, table: pd.DataFrame, lang: str) -> None:
    """24 months of each indicator, with a line chart per kind of figure."""
    worksheet = _sheet(workbook, "report.sheet.trends", table, lang)
    for index, (title, keys) in enumerate(TREND_PANELS):
        columns = [table.columns.get_loc(sections.indicator_label(key, lang)) for key in keys]
        chart = _lines(workbook, worksheet.get_name(), len(table), columns)
        chart.set_title({"name": translate(title, lang), "name_font": {"size": 11}})
        row, column = divmod(index, 2)
        worksheet.insert_chart(
            1 + row * 22, len(table.columns) + 1 + column * 10, chart, CHART_SIZE
        )


def _lines(workbook: Workbook, sheet: str, rows: int, columns: list[int]):
    chart = workbook.add_chart({"type": "line"})
    for (dash, marker), colour, column in zip(LINE_STYLES, SHADES, columns, strict=False):
        chart.add_series({
            "name": [sheet, 0, column],
            "categories": [sheet, 1, 0, rows, 0],
            "values": [sheet, 1, column, rows, column],
            "line": {"color": colour, "dash_type": dash, "width": 2},
            "marker": {"type": marker, "size": 5, "border": {"color": colour},
                       "fill": {"color": colour}},
        })  # fmt: skip
    chart.set_x_axis({"num_format": "mm/yyyy", "num_font": {"rotation": -45}})
    chart.set_legend({"position": "bottom"})
    return chart


def _bars(
    workbook: Workbook, worksheet: Worksheet, table: pd.DataFrame, charted: list[str], title: str
) -> None:
    """A horizontal bar chart of the ``charted`` columns over the first ``CHART_ROWS`` rows,
    beside the table; nothing when the table is empty."""
    rows = min(len(table), CHART_ROWS)
    if rows == 0:
        return
    chart = workbook.add_chart({"type": "bar"})
    name = worksheet.get_name()
    for colour, label in zip(SHADES, charted, strict=False):
        column = table.columns.get_loc(label)
        chart.add_series({
            "name": [name, 0, column],
            "categories": [name, 1, 0, rows, 0],
            "values": [name, 1, column, rows, column],
            "fill": {"color": colour}, "border": {"color": "#000000"},
        })  # fmt: skip
    chart.set_title({"name": title, "name_font": {"size": 11}})
    chart.set_y_axis({"reverse": True})  # the first row on top, as in the table
    chart.set_legend({"position": "bottom"} if len(charted) > 1 else {"none": True})
    worksheet.insert_chart(1, len(table.columns) + 1, chart, {"x_scale": 1.5, "y_scale": 1.6})
