"""The global filter bar's state as one typed, hashable object that every query accepts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, or_, select, true

from dashboard.models import Case, CaseMilestones, CaseState, Category
from queries.definitions import state_at

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

        ``now`` is taken as it is, not rounded down: figures read the cases' states at the
        cut-off, so a cut-off a few seconds before a write would not show it. Pages keep one
        ``now`` per session for as long as cached results live (``data.reading_moment``),
        and take a new one after a write.
        """
        end_of_period = datetime.combine(date_to + timedelta(days=1), time.min)
        as_of = min(end_of_period, now)
        return cls(date_from=date_from, date_to=date_to, as_of=as_of, **dimensions)

    @property
    def period_start(self) -> datetime:
        return datetime.combine(self.date_from, time.min)


#: Where a case's channel, intake area, category and partido can be read: ``cases`` itself or
#: a read model that copies them (``models.SPAN_CASE_ATTRIBUTES``).
CaseAttributes = type[Case] | type[CaseState] | type[CaseMilestones]


def dimension_conditions(
    filters: CaseFilters,
    held_by: ColumnElement[int] | None = None,
    attributes: CaseAttributes = Case,
) -> list[ColumnElement[bool]]:
    """WHERE conditions on ``cases`` for the reader's scope and the chosen dimensions.

    A case's department is the one holding it at the cut-off: ``held_by`` is the department
    column of the ``case_states`` span a query has already joined at ``filters.as_of``;
    without one, the department conditions look that span up themselves. The channel,
    category and partido are read from ``attributes``: ``cases``, or the read model a query
    reads (``case_states``, ``case_milestones``), which carries them, so it joins no case.
    """
    conditions: list[ColumnElement[bool]] = []
    for departments in (filters.scope, filters.department_ids or None):
        if departments is not None:
            conditions.append(_held_by(departments, filters.as_of, held_by))
    if filters.channel_ids:
        conditions.append(attributes.channel_id.in_(filters.channel_ids))
    if filters.category_ids:
        in_group = select(Category.id).where(Category.parent_id.in_(filters.category_ids))
        category = attributes.category_id
        conditions.append(or_(category.in_(filters.category_ids), category.in_(in_group)))
    if filters.municipality_ids:
        conditions.append(attributes.municipality_id.in_(filters.municipality_ids))
    return conditions or [true()]


def with_case_columns(query: Select, filters: CaseFilters, case_id: ColumnElement[int]) -> Select:
    """``query`` joined to ``cases`` on ``case_id`` when a channel, category or partido filter
    reads its columns: a read of ``case_states`` alone spares a join of every span it counts
    when nothing needs one."""
    if filters.channel_ids or filters.category_ids or filters.municipality_ids:
        return query.join(Case, Case.id == case_id)
    return query


def _held_by(
    departments: tuple[int, ...], as_of: datetime, held_by: ColumnElement[int] | None
) -> ColumnElement[bool]:
    if held_by is not None:
        return held_by.in_(departments)
    held = select(CaseState.case_id).where(
        CaseState.department_id.in_(departments), state_at(as_of)
    )
    return Case.id.in_(held)
