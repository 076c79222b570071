"""The figures of one month's report, read once and shared by the workbook and the PDF.

Every frame comes from ``queries/`` as the pages show it, for the month's filters (cut-off at
the end of the month). Those reads are true to the history (``case_states``), so the same
month gives the same frames whenever it is asked: ``content_hash`` digests them (and what
they are of: month, scope, cut-off) into the hash printed on the cover, never the moment of
generation or who asked, so two copies of a month's report can be compared by it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Connection

from dashboard.canonical import canonical_frame, sha256_of
from queries.filters import CaseFilters
from queries.history_changes import late_imports
from queries.indicators import (
    COMPARISONS,
    INDICATORS,
    changes_between,
    indicators_by_group,
    monthly_trends,
)
from queries.overload import overload_hotspots
from queries.protocol import protocol_ranking
from queries.territory import partido_measures

#: Months of the trend sheet and charts, the report's month last (at least 13: the same
#: month a year earlier is one of them).
TREND_MONTHS = 24
#: The trend charts (title key, indicators drawn together), the same in both files.
TREND_PANELS = (("report.chart.flows", ("inflow", "outflow")),
                ("report.chart.backlog", ("backlog",)),
                ("report.chart.shares", ("sla_compliance", "overdue_share")),
                ("report.chart.close", ("close_median_days",)))  # fmt: skip
#: The indicators drawn month by month.
TREND_KEYS = tuple(key for _, keys in TREND_PANELS for key in keys)
#: Breakdowns by ``queries.indicators.DIMENSIONS``, in the workbook's order.
BREAKDOWNS = ("department", "intake_area", "channel")


@dataclass(frozen=True)
class ReportContent:
    """What a month's report says: the filters it was read with and one frame per section."""

    month: date
    filters: CaseFilters
    #: One row per indicator: ``current``, ``previous`` (the month before), ``year_earlier``
    #: (the same month a year before), ``vs_previous`` and ``vs_year_earlier`` (better/worse),
    #: and ``<period>_at_least``: the longest wait seen where a duration's curve never got to
    #: its quantile (the value is then unknown: "more than" that).
    indicators: pd.DataFrame
    #: ``month`` and one column per indicator, ``TREND_MONTHS`` rows (the report's month last).
    trends: pd.DataFrame
    #: ``indicators_by_group`` per dimension of ``BREAKDOWNS``.
    breakdowns: dict[str, pd.DataFrame]
    #: ``partido_measures``: the partido sheet and the map.
    partidos: pd.DataFrame
    #: ``overload_hotspots`` at the month's cut-off.
    hotspots: pd.DataFrame
    #: ``protocol_ranking`` for the month.
    protocol: pd.DataFrame
    #: ``late_imports``: imports after the cut-off that brought cases dated before it, the
    #: one way the month's history (and so its figures) can change once it is over.
    late_imports: pd.DataFrame

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every frame of the report by a stable name (what the hash digests)."""
        named = {"indicators": self.indicators, "trends": self.trends,
                 "partidos": self.partidos, "hotspots": self.hotspots,
                 "protocol": self.protocol}  # fmt: skip
        named.update({f"by_{name}": frame for name, frame in self.breakdowns.items()})
        return named


def month_filters(month: date, now: datetime, scope: tuple[int, ...] | None) -> CaseFilters:
    """The month's filters: its first to its last day, cut at the end of the month (or at
    ``now`` while the month is still running)."""
    first = month.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return CaseFilters.for_period(first, last, now, scope=scope)


def gather(connection: Connection, filters: CaseFilters) -> ReportContent:
    """Read every section of the report for ``filters`` (``month_filters``)."""
    months = monthly_figures(connection, filters)
    return ReportContent(
        month=filters.date_from,
        filters=filters,
        indicators=_changes(months),
        trends=months[["month", *(indicator.key for indicator in INDICATORS)]],
        breakdowns={name: indicators_by_group(connection, filters, name) for name in BREAKDOWNS},
        partidos=partido_measures(connection, filters),
        hotspots=overload_hotspots(connection, filters),
        protocol=protocol_ranking(connection, filters),
        late_imports=late_imports(connection, filters),
    )


def monthly_figures(connection: Connection, filters: CaseFilters) -> pd.DataFrame:
    """Every indicator of each of the ``TREND_MONTHS`` calendar months ending with the
    report's (oldest first), each a period of its own cut at its end, with its ``month``:
    ``monthly_trends``, one read for all the months, where each month says what
    ``indicator_figures`` says of it alone, so the previous month's column and trend point
    say what last month's report said."""
    return monthly_trends(connection, filters, TREND_MONTHS)


def _changes(months: pd.DataFrame) -> pd.DataFrame:
    """``changes_between`` of the report's month (the last of ``months``), the month before
    and the same month a year earlier, plus ``<period>_at_least`` for the durations.

    Calendar months, where ``indicator_changes`` compares with as many days before (2 to 31
    October for a November): so the previous column says what last month's report said."""
    compared = months.iloc[[-1, -2, -13]].assign(period=list(COMPARISONS))
    table = changes_between(compared)
    for period, row in zip(COMPARISONS, compared.itertuples(index=False), strict=True):
        table[f"{period}_at_least"] = [getattr(row, f"{key}_at_least", np.nan)
                                       for key in table["indicator"]]  # fmt: skip
    return table


def content_hash(content: ReportContent) -> str:
    """SHA-256 (hex) of a canonical JSON of the report's figures and of what they are of.

    The late imports the cover tells of are hashed too: two copies that differ in that notice
    say different things. They enter only when there are some, so the hash of a month whose
    history never changed is the one it always had.
    """
    filters = content.filters
    document = {
        "month": content.month.isoformat(),
        "cut_off": filters.as_of.isoformat(),
        "scope": list(filters.scope) if filters.scope is not None else None,
        "frames": {
            name: canonical_frame(frame) for name, frame in sorted(content.frames().items())
        },
    }
    if not content.late_imports.empty:
        document["late_imports"] = canonical_frame(content.late_imports)
    return sha256_of(document)
