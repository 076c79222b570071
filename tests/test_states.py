"""``case_states``: each case's state span by span, and figures at a past cut-off that later
changes cannot move (issue 14 §1), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, select

from auth.roles import Actor
from dashboard import commands
from dashboard.commands import ShownCase
from dashboard.domain import EventKind, Role, Status, local_now
from dashboard.duplicates.find import scan
from dashboard.models import SPAN_CASE_ATTRIBUTES, Case, CaseState, DuplicatePair
from dashboard.seed import seed_database
from dashboard.states import READ_MODEL
from queries.backlog import weekly_department_flows
from queries.case_list import CaseListOptions, open_case_page
from queries.filters import CaseFilters
from queries.history_changes import late_imports
from queries.queues import assignee_queues, department_queues
from queries.summary import headline_figures
from queries.territory import partido_measures
from tests.apptest_pages import page_as
from tests.builders import (
    add_case,
    add_event,
    add_imported_case,
    case_code,
    small_world,
    world_of,
)

T0 = datetime(2026, 3, 2, 9, 0)  # a Monday
DAY = timedelta(days=1)


def spans(engine: Engine, case_id: int) -> list[tuple]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(CaseState.started_at, CaseState.ended_at, CaseState.status,
                   CaseState.department_id, CaseState.assignee_id, CaseState.due_at,
                   CaseState.paused_at)
            .where(CaseState.case_id == case_id)
            .order_by(CaseState.seq)
        )  # fmt: skip
        return [tuple(row) for row in rows]


@pytest.fixture
def world(engine: Engine):
    return small_world(engine)


def test_intake_and_its_assignment_at_the_same_instant_make_one_span(engine, world) -> None:
    case_id = add_case(engine, world, created_at=T0, department=world.food, assignee=world.juan)
    assert spans(engine, case_id) == [
        (T0, None, Status.ASIGNADA, world.food, world.juan, T0 + 10 * DAY, None)
    ]


def test_each_rule_of_the_state_after_an_event(engine, world) -> None:
    """Wait, resume with a new due date, a note, a referral naming nobody, a take, closing
    and reopening: each span is the state the history left."""
    case_id = add_case(engine, world, created_at=T0, department=world.food, assignee=world.juan)
    due, new_due = T0 + 10 * DAY, T0 + 12 * DAY
    add_event(
        engine,
        case_id,
        EventKind.STATUS_CHANGED,
        T0 + DAY,
        from_status=Status.ASIGNADA,
        to_status=Status.EN_ESPERA,
    )
    add_event(engine, case_id, EventKind.NOTE, T0 + 2 * DAY)  # changes nothing
    add_event(
        engine,
        case_id,
        EventKind.STATUS_CHANGED,
        T0 + 3 * DAY,
        from_status=Status.EN_ESPERA,
        to_status=Status.EN_CURSO,
        due_at=new_due,
    )
    add_event(
        engine,
        case_id,
        EventKind.REFERRED,
        T0 + 4 * DAY,
        from_department=world.food,
        to_department=world.housing,
        to_status=Status.DERIVADA,
    )
    add_event(
        engine,
        case_id,
        EventKind.ASSIGNED,
        T0 + 5 * DAY,
        to_status=Status.EN_CURSO,
        assignee=world.juan,
    )
    add_event(engine, case_id, EventKind.CLOSED, T0 + 6 * DAY, to_status=Status.CERRADA)
    add_event(engine, case_id, EventKind.REOPENED, T0 + 7 * DAY, from_status=Status.CERRADA,
              to_status=Status.EN_CURSO)  # fmt: skip
    food, housing, juan = world.food, world.housing, world.juan
    assert spans(engine, case_id) == [
        (T0, T0 + DAY, Status.ASIGNADA, food, juan, due, None),
        (T0 + DAY, T0 + 3 * DAY, Status.EN_ESPERA, food, juan, due, T0 + DAY),
        (T0 + 3 * DAY, T0 + 4 * DAY, Status.EN_CURSO, food, juan, new_due, None),
        (T0 + 4 * DAY, T0 + 5 * DAY, Status.DERIVADA, housing, None, new_due, None),
        (T0 + 5 * DAY, T0 + 6 * DAY, Status.EN_CURSO, housing, juan, new_due, None),
        (T0 + 6 * DAY, T0 + 7 * DAY, Status.CERRADA, housing, juan, new_due, None),
        (T0 + 7 * DAY, None, Status.EN_CURSO, housing, juan, new_due, None),
    ]


def test_a_history_without_due_dates_uses_the_case_s_own(engine, world) -> None:
    """Events written before migration 0015 set no due date: the case's own stands in."""
    case_id = add_case(engine, world, created_at=T0, department=world.food)
    with engine.begin() as connection:
        READ_MODEL.refresh(connection, [case_id])
    assert spans(engine, case_id)[0][5] == T0 + 10 * DAY


def test_the_trigger_and_a_rebuild_agree(engine, world) -> None:
    first = add_case(engine, world, created_at=T0, department=world.food, assignee=world.juan)
    add_case(engine, world, created_at=T0 + DAY, closed_at=T0 + 3 * DAY)
    add_event(engine, first, EventKind.REFERRED, T0 + 2 * DAY, from_department=world.food,
              to_department=world.housing, to_status=Status.DERIVADA)  # fmt: skip
    with engine.connect() as connection:
        kept = connection.execute(select(CaseState).order_by(CaseState.case_id, CaseState.seq))
        kept = [tuple(row) for row in kept]
    with engine.begin() as connection:
        READ_MODEL.refresh(connection)
    with engine.connect() as connection:
        rebuilt = connection.execute(select(CaseState).order_by(CaseState.case_id, CaseState.seq))
        assert [tuple(row) for row in rebuilt] == kept


# Figures at a past cut-off do not move when the cases change afterwards.

CUT_OFF = T0 + 20 * DAY
LATER = CUT_OFF + 5 * DAY
SUPERVISOR = "supervisora"


def figures(engine: Engine, world, as_of: datetime) -> dict[str, pd.DataFrame]:
    """What Resumen, Bandejas, Pendientes and the map show for the period ending ``as_of``."""
    filters = CaseFilters.for_period((T0 - 30 * DAY).date(), (as_of - DAY).date(), as_of)
    scoped = CaseFilters.for_period(
        (T0 - 30 * DAY).date(), (as_of - DAY).date(), as_of, scope=(world.food,)
    )
    with engine.connect() as connection:
        return {
            "headline": headline_figures(connection, filters),
            "headline_food": headline_figures(connection, scoped),
            "departments": department_queues(connection, filters),
            "assignees": assignee_queues(connection, filters),
            "weekly": weekly_department_flows(connection, filters),
            "list": open_case_page(connection, scoped, CaseListOptions()).drop(columns="version"),
            "partidos": partido_measures(connection, filters),
        }


def test_figures_at_a_past_cut_off_survive_reassignment_reopening_waiting_and_merging(
    engine, world, monkeypatch
) -> None:
    month = timedelta(days=60)
    waiting = add_case(engine, world, created_at=T0, department=world.food, assignee=world.juan,
                       due_in=month)  # fmt: skip
    moved = add_case(engine, world, created_at=T0 + DAY, department=world.food, due_in=month)
    reopened = add_case(engine, world, created_at=T0 + 2 * DAY, department=world.food,
                        closed_at=T0 + 10 * DAY)  # fmt: skip
    overdue = add_case(engine, world, created_at=T0 + 3 * DAY, department=world.housing,
                       due_at=T0 + 5 * DAY)  # fmt: skip
    twin = add_case(engine, world, created_at=T0 + 4 * DAY, department=world.food, due_in=month)
    before = figures(engine, world, CUT_OFF)
    assert before["headline"].iloc[0].to_dict() == {
        "open_cases": 4, "inflow_7d": 0, "overdue_cases": 1,
    }  # fmt: skip

    monkeypatch.setattr(commands, "local_now", lambda: LATER)
    supervisor = Actor(SUPERVISOR, Role.SUPERVISOR, (world.food,))
    with engine.connect() as connection:
        version = connection.execute(select(Case.version).where(Case.id == moved)).scalar_one()
    [outcome] = commands.reassign(
        engine, supervisor, [ShownCase(case_code(engine, moved), version)], world.housing,
        None, commands.Reason.OTHER, "Corresponde a vivienda, no a alimentos",
    )  # fmt: skip
    assert outcome.moved
    add_event(engine, reopened, EventKind.REOPENED, LATER, from_status=Status.CERRADA,
              to_status=Status.EN_CURSO)  # fmt: skip
    add_event(engine, waiting, EventKind.STATUS_CHANGED, LATER, from_status=Status.ASIGNADA,
              to_status=Status.EN_ESPERA)  # fmt: skip
    add_event(engine, overdue, EventKind.STATUS_CHANGED, LATER, from_status=Status.ASIGNADA,
              to_status=Status.EN_CURSO, due_at=LATER + 30 * DAY)  # fmt: skip
    assert scan(engine).found >= 1
    with engine.connect() as connection:
        pair = connection.execute(
            select(DuplicatePair.id).where(
                DuplicatePair.case_id == waiting, DuplicatePair.other_case_id == twin
            )
        ).scalar_one()
        versions = dict(connection.execute(select(Case.code, Case.version)).all())
    commands.merge_duplicates(
        engine, Actor("admin", Role.ADMIN), pair, case_code(engine, waiting), versions
    )

    after = figures(engine, world, CUT_OFF)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(after[name], frame, obj=name)
    # ...while today's figures do see the changes.
    today = figures(engine, world, LATER + DAY)["headline"].iloc[0]
    assert today["open_cases"] == 4  # the merged twin closed, the reopened case open again


def test_a_seeded_history_ends_in_each_case_s_own_row(engine) -> None:
    """The seed's bulk build of the spans agrees with the case rows it writes: the current
    span of every case is its status, department, assignee, due date and wait."""
    seed_database(engine, cases=1500, seed=5, years=1, until=datetime(2026, 11, 25).date())
    with engine.connect() as connection:
        rows = connection.execute(
            select(Case.id, Case.status, Case.department_id, Case.assignee_id, Case.due_at,
                   Case.paused_at, CaseState.status, CaseState.department_id,
                   CaseState.assignee_id, CaseState.due_at, CaseState.paused_at)
            .join(CaseState, CaseState.case_id == Case.id)
            .where(CaseState.ended_at.is_(None))
        ).all()  # fmt: skip
    assert len(rows) == 1500
    mismatched = [row for row in rows if tuple(row[1:6]) != tuple(row[6:11])]
    assert mismatched == []


def test_every_span_carries_its_case_s_channel_area_category_and_partido(engine) -> None:
    """Figures by channel, area, category or partido read these copies instead of ``cases``:
    every span of every case, not only the current one, holds the case's own values."""
    seed_database(engine, cases=800, seed=9, years=1, until=datetime(2026, 11, 25).date())
    own = [getattr(Case, name) for name in SPAN_CASE_ATTRIBUTES]
    copied = [getattr(CaseState, name) for name in SPAN_CASE_ATTRIBUTES]
    with engine.connect() as connection:
        rows = connection.execute(
            select(*own, *copied).join(CaseState, CaseState.case_id == Case.id)
        ).all()
    width = len(SPAN_CASE_ATTRIBUTES)
    assert len(rows) > 800  # cases move: more spans than cases
    assert [row for row in rows if tuple(row[:width]) != tuple(row[width:])] == []


# The one change a past period can see: an import made after its cut-off.


def test_an_import_after_the_cut_off_of_cases_dated_before_it_is_told(engine, world) -> None:
    filters = CaseFilters.for_period((T0 - 30 * DAY).date(), (CUT_OFF - DAY).date(), CUT_OFF)
    add_imported_case(engine, world, created_at=T0 + 30 * DAY, imported_at=T0 + 31 * DAY)  # after
    add_imported_case(engine, world, created_at=T0, imported_at=T0 + DAY)  # known at the cut-off
    with engine.connect() as connection:
        assert late_imports(connection, filters).empty
    batch = add_imported_case(engine, world, created_at=T0 + DAY, imported_at=LATER)
    with engine.connect() as connection:
        late = late_imports(connection, filters)
    assert late[["batch_id", "imported_at", "cases"]].values.tolist() == [[batch, LATER, 1]]


def test_the_filter_bar_says_when_a_past_period_s_history_changed(app_database: Engine) -> None:
    world = world_of(app_database)
    now = local_now()
    add_imported_case(app_database, world, created_at=now - timedelta(days=50), imported_at=now)
    at = page_as("gabinete", "pendientes")
    assert not at.sidebar.warning  # the period reaches today: nothing came after its cut-off
    last_month = (now - timedelta(days=60)).date(), (now - timedelta(days=30)).date()
    at.date_input(key="periodo").set_value(last_month).run()
    [warning] = at.sidebar.warning
    assert "La historia de este período cambió después del corte" in warning.value
    assert "planilla_vieja.xlsx" in warning.value
