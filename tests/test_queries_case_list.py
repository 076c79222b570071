"""The queue's case table: filters, search, sorting and paging in SQL, on both databases."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Engine

from queries import case_list
from queries.case_list import CaseListOptions, open_case_page
from queries.filters import CaseFilters
from tests.builders import World, add_case, small_world

AS_OF = datetime(2026, 3, 10, 12, 0)


@pytest.fixture
def world(engine: Engine) -> World:
    w = small_world(engine)
    for day in range(1, 8):  # seven open cases, 1–7 March, due 6 days later: four overdue
        add_case(engine, w, created_at=datetime(2026, 3, day), due_in=timedelta(days=6),
                 assignee=w.juan if day % 2 else None)  # fmt: skip
    add_case(engine, w, created_at=datetime(2026, 3, 2), closed_at=datetime(2026, 3, 3))
    return w


def page(engine: Engine, **options) -> list:
    filters = CaseFilters(date(2026, 3, 1), date(2026, 3, 10), AS_OF)
    with engine.connect() as connection:
        return open_case_page(connection, filters, CaseListOptions(**options))


def test_open_cases_sorted_by_due_date_with_the_total(engine: Engine, world: World) -> None:
    frame = page(engine)
    assert len(frame) == 7 and set(frame["total"]) == {7}
    assert frame["due_at"].is_monotonic_increasing
    assert frame["overdue"].astype(bool).tolist() == [True] * 4 + [False] * 3
    assert set(frame["dni"]) == {"**.***.456"}


def test_filters_overdue_and_unassigned(engine: Engine, world: World) -> None:
    assert page(engine, overdue_only=True)["total"].iloc[0] == 4
    unassigned = page(engine, unassigned_only=True)
    assert unassigned["assignee"].isna().all() and unassigned["total"].iloc[0] == 3


def test_search_by_code_and_by_dni_only_when_allowed(engine: Engine, world: World) -> None:
    code = page(engine)["code"].iloc[2]
    assert page(engine, search=code.lower())["code"].tolist() == [code]
    assert page(engine, search="30.123.456", search_dni=True)["total"].iloc[0] == 7
    assert page(engine, search="30123456", search_dni=False).empty


def test_pages_hold_page_size_rows(engine: Engine, world: World, monkeypatch) -> None:
    monkeypatch.setattr(case_list, "PAGE_SIZE", 3)
    first, third = page(engine, sort="oldest"), page(engine, sort="oldest", page=2)
    assert len(first) == 3 and len(third) == 1
    assert first["created_at"].iloc[0] == datetime(2026, 3, 1)
    assert third["created_at"].iloc[0] == datetime(2026, 3, 7)
