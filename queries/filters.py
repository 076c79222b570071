"""The global filter bar's state as one typed, hashable object that every query accepts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, or_, select, true

from dashboard.models import Case, Category

#: The default period the filter bar opens with.
DEFAULT_PERIOD_DAYS = 90


@dataclass(frozen=True)
class CaseFilters:
    """What the user chose: a creation period plus optional dimension filters.

    ``as_of`` is the cut-off for "open" and "overdue": the end of the period, or now when
    the period reaches today. Empty tuples mean "no filter". Category ids may name a
    top-level group, which then stands for all its categories.
    """

    date_from: date
    date_to: date
    as_of: datetime
    department_ids: tuple[int, ...] = ()
    #: Departments the reader may see (a supervisor's), or ``None`` for the whole province.
    scope: tuple[int, ...] | None = None
    channel_ids: tuple[int, ...] = ()
    category_ids: tuple[int, ...] = ()
    municipality_ids: tuple[int, ...] = ()

    @classmethod
    def for_period(
        cls, date_from: date, date_to: date, now: datetime, **dimensions: tuple[int, ...] | None
    ) -> CaseFilters:
        """Filters whose cut-off is the end of ``date_to`` or ``now``, whichever is earlier.

        ``now`` is truncated to the minute so that cached results are reused within a minute.
        """
        end_of_period = datetime.combine(date_to + timedelta(days=1), time.min)
        as_of = min(end_of_period, now.replace(second=0, microsecond=0))
        return cls(date_from=date_from, date_to=date_to, as_of=as_of, **dimensions)

    @property
    def period_start(self) -> datetime:
        return datetime.combine(self.date_from, time.min)


def dimension_conditions(filters: CaseFilters) -> list[ColumnElement[bool]]:
    """WHERE conditions on ``cases`` for the reader's scope and the chosen dimensions."""
    conditions: list[ColumnElement[bool]] = []
    if filters.scope is not None:
        conditions.append(Case.department_id.in_(filters.scope))
    if filters.department_ids:
        conditions.append(Case.department_id.in_(filters.department_ids))
    if filters.channel_ids:
        conditions.append(Case.channel_id.in_(filters.channel_ids))
    if filters.category_ids:
        in_group = select(Category.id).where(Category.parent_id.in_(filters.category_ids))
        conditions.append(
            or_(Case.category_id.in_(filters.category_ids), Case.category_id.in_(in_group))
        )
    if filters.municipality_ids:
        conditions.append(Case.municipality_id.in_(filters.municipality_ids))
    return conditions or [true()]
