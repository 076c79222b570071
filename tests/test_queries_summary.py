"""Known answers for the "Resumen" figures, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine

from queries.filters import CaseFilters
from queries.summary import cases_by_channel, headline_figures
from tests.builders import World, add_case, small_world

AS_OF = datetime(2026, 3, 10, 12, 0)


@pytest.fixture
def world(engine: Engine) -> World:
    """Seven cases around a cut-off of 10 March 2026, 12:00 (see each line's comment)."""
    w = small_world(engine)
    add_case(engine, w, created_at=datetime(2026, 3, 1))  # open, due 11 March
    add_case(engine, w, created_at=datetime(2026, 2, 1))  # open and overdue
    add_case(engine, w, created_at=datetime(2026, 3, 8))  # open, recent
    add_case(  # recent, closed before the cut-off
        engine, w, created_at=datetime(2026, 3, 5), closed_at=datetime(2026, 3, 9)
    )
    add_case(  # closed only after the cut-off: still open and overdue at it
        engine, w, created_at=datetime(2026, 1, 10), closed_at=datetime(2026, 3, 10, 18)
    )
    add_case(engine, w, created_at=datetime(2026, 3, 10, 13))  # after the cut-off
    add_case(  # open, recent, another partido, channel, department and category
        engine,
        w,
        created_at=datetime(2026, 3, 9),
        municipality=w.tandil,
        channel=w.email,
        department=w.housing,
        category=w.storm,
    )
    return w


def filters(**dimensions: tuple[int, ...]) -> CaseFilters:
    return CaseFilters(date(2026, 2, 15), date(2026, 3, 10), AS_OF, **dimensions)


def figures(engine: Engine, f: CaseFilters) -> dict[str, int]:
    with engine.connect() as connection:
        row = headline_figures(connection, f).iloc[0]
    return {name: int(value) for name, value in row.items()}


def test_headline_figures_without_filters(engine: Engine, world: World) -> None:
    assert figures(engine, filters()) == {"open_cases": 5, "inflow_7d": 3, "overdue_cases": 2}


@pytest.mark.parametrize(
    ("dimension", "expected"),
    [
        ("department_ids", {"open_cases": 1, "inflow_7d": 1, "overdue_cases": 0}),
        ("municipality_ids", {"open_cases": 1, "inflow_7d": 1, "overdue_cases": 0}),
        ("channel_ids", {"open_cases": 1, "inflow_7d": 1, "overdue_cases": 0}),
        ("category_ids", {"open_cases": 1, "inflow_7d": 1, "overdue_cases": 0}),
    ],
)
def test_each_dimension_filter_narrows_to_the_tandil_case(
    engine: Engine, world: World, dimension: str, expected: dict[str, int]
) -> None:
    chosen = {
        "department_ids": world.housing,
        "municipality_ids": world.tandil,
        "channel_ids": world.email,
        "category_ids": world.storm,
    }[dimension]
    assert figures(engine, filters(**{dimension: (chosen,)})) == expected


def test_a_category_group_stands_for_all_its_categories(engine: Engine, world: World) -> None:
    grouped = figures(engine, filters(category_ids=(world.group_emergency,)))
    assert grouped == figures(engine, filters())


def test_cases_by_channel_counts_cases_created_in_the_period(engine: Engine, world: World) -> None:
    with engine.connect() as connection:
        frame = cases_by_channel(connection, filters())
    assert frame[["channel_code", "cases"]].to_dict("records") == [
        {"channel_code": "whatsapp", "cases": 3},
        {"channel_code": "correo", "cases": 1},
    ]
    assert frame["share"].tolist() == [0.75, 0.25]


def test_cut_off_is_end_of_period_or_now_whichever_is_earlier() -> None:
    now = datetime(2026, 3, 10, 12, 0, 42)
    today = CaseFilters.for_period(date(2026, 3, 1), date(2026, 3, 10), now)
    past = CaseFilters.for_period(date(2026, 3, 1), date(2026, 3, 8), now)
    assert today.as_of == now  # not rounded down: a write seconds ago must show
    assert past.as_of == datetime(2026, 3, 9)


def test_a_supervisors_scope_is_applied_inside_the_query(engine: Engine, world: World) -> None:
    scoped = CaseFilters(date(2026, 2, 15), date(2026, 3, 10), AS_OF, scope=(world.housing,))
    assert figures(engine, scoped) == {"open_cases": 1, "inflow_7d": 1, "overdue_cases": 0}
    nothing = CaseFilters(date(2026, 2, 15), date(2026, 3, 10), AS_OF, scope=())
    assert figures(engine, nothing) == {"open_cases": 0, "inflow_7d": 0, "overdue_cases": 0}
    with engine.connect() as connection:
        assert cases_by_channel(connection, scoped)["cases"].tolist() == [1]
