"""End to end, two people at once: nobody moves or opens a case they did not choose.

Each test opens two browser contexts (two people, two sessions) on the same app and
database. One of them ticks a case and fills in a form; the other, meanwhile, changes the
same cases; then the first one acts. What the first one ticked must be what is acted on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine, select

from dashboard.db import build_engine
from dashboard.domain import EventKind, Role, local_now
from dashboard.migrate import upgrade
from dashboard.models import Case, Department
from tests.builders import (
    PASSWORD,
    World,
    add_case,
    add_event,
    add_user,
    case_code,
    close_case,
    reassignments_audited,
    reassignments_made,
    small_world,
)
from tests.conftest import fresh_postgres_database
from tests.e2e_queue import case_table, confirm, fill_reassignment, open_queue, tick_row
from tests.e2e_server import chromium, log_in, running_app, wait_for_run

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
HOUSING = "Hábitat y Vivienda"
REASON = "competencia de otra área"
NOTE_ANA = "Lo atiende Hábitat según el protocolo"
NOTE_BETO = "Pasan a Hábitat por competencia"


@dataclass(frozen=True)
class Queue:
    """A database with open cases of Asistencia Alimentaria (``codes`` oldest first, which is
    also the queue's order: each is due ten days after it came in) and two of its supervisors
    (ana, beto)."""

    url: str
    engine: Engine
    world: World
    codes: list[str]


def queue_of(url: str, cases: int) -> Queue:
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    now = local_now()
    codes = [
        case_code(engine, add_case(engine, world, created_at=now - timedelta(days=90, hours=-i)))
        for i in range(cases)
    ]
    add_user(engine, "ana", Role.SUPERVISOR, (world.food,))
    add_user(engine, "beto", Role.SUPERVISOR, (world.food,))
    return Queue(url, engine, world, codes)


@pytest.fixture
def queue_on_both(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Queue]:
    """Six open cases, on the database kind the test is parametrized with."""
    if request.param == "sqlite":
        yield from _queue(f"sqlite:///{tmp_path / 'e2e.sqlite3'}", 6)
    else:
        with fresh_postgres_database() as url:
            yield from _queue(url, 6)


@pytest.fixture
def small_queue(tmp_path: Path) -> Iterator[Queue]:
    """Six open cases."""
    yield from _queue(f"sqlite:///{tmp_path / 'e2e.sqlite3'}", 6)


@pytest.fixture
def long_queue(tmp_path: Path) -> Iterator[Queue]:
    """Fifty-five open cases: two pages of the queue."""
    yield from _queue(f"sqlite:///{tmp_path / 'e2e.sqlite3'}", 55)


def _queue(url: str, cases: int) -> Iterator[Queue]:
    queue = queue_of(url, cases)
    yield queue
    queue.engine.dispose()


def where(queue: Queue, code: str) -> tuple[str, int]:
    """The department holding ``code`` now and the case's version."""
    with queue.engine.connect() as connection:
        row = connection.execute(
            select(Department.name, Case.version)
            .join(Department, Department.id == Case.department_id)
            .where(Case.code == code)
        ).one()
    return row.name, row.version


def ready_to_move(browser: Browser, base: str, username: str, code: str, row: int) -> Page:
    """``username``'s own session with ``code`` (drawn at ``row``) ticked, its detail open,
    and the form filled in to send it to Hábitat: all but the confirmation."""
    page = open_queue(browser, base, username)
    tick_row(case_table(page, code), row)
    page.get_by_role("heading", name=f"Solicitud {code}").wait_for()
    fill_reassignment(page, HOUSING, REASON, NOTE_ANA)
    return page


def move_now(
    browser: Browser, base: str, username: str, codes: list[str], first_row: int = 0
) -> None:
    """``username``, in a session of their own, ticks ``codes`` (consecutive rows of the
    queue from ``first_row``) and moves them to Hábitat."""
    page = open_queue(browser, base, username)
    for row in range(first_row, first_row + len(codes)):
        tick_row(case_table(page, codes[0]), row)
    page.get_by_text(f"Marcaste {len(codes)}: {', '.join(codes)}.").wait_for()
    fill_reassignment(page, HOUSING, REASON, NOTE_BETO)
    confirm(page)
    page.get_by_text(f"Se movieron {len(codes)} de {len(codes)} solicitudes.").wait_for()


def touch_the_form(page: Page) -> None:
    """Edit the explanation a little: any rerun of the page, as a person typing causes."""
    explanation = page.get_by_role("textbox", name="Explicación")
    explanation.fill(explanation.input_value() + ".")
    explanation.press("Tab")
    wait_for_run(page)


def result_detail(page: Page, code: str) -> str:
    """The outcome written for ``code`` in the result table after confirming."""
    return (
        page.get_by_test_id("stTable")
        .filter(has_text="Movida")
        .get_by_role("row", name=code)
        .text_content()
    )


@pytest.mark.parametrize(
    "queue_on_both",
    ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    indirect=True,
)
def test_a_case_moved_by_another_supervisor_is_not_moved_again_nor_swapped(
    queue_on_both: Queue, tmp_path: Path
) -> None:
    """The report of issue 11: A ticks the oldest case, B moves it and its neighbours, A
    confirms. Before the fix the row position A ticked now named another case, which moved."""
    queue, first = queue_on_both, queue_on_both.codes[0]
    with running_app(queue.url, tmp_path / "streamlit.log") as base, chromium() as browser:
        ana = ready_to_move(browser, base, "ana", first, 0)
        move_now(browser, base, "beto", queue.codes[:3])

        touch_the_form(ana)
        warning = ana.get_by_text(f"{first} cambió desde que la marcaste").text_content()
        assert "reasignación por Beto" in warning and f"ahora está en {HOUSING}" in warning
        ana.screenshot(path=SCREENSHOTS / "carrera_aviso.png", full_page=True)
        confirm(ana)
        ana.get_by_text("Se movieron 0 de 1 solicitudes.").wait_for()
        said = result_detail(ana, first)
        assert f"{first} no se movió" in said and "Beto" in said and HOUSING in said
        ana.screenshot(path=SCREENSHOTS / "carrera_resultado.png", full_page=True)

    moved_by_beto = [("beto", code) for code in queue.codes[:3]]
    assert reassignments_made(queue.engine) == moved_by_beto
    assert reassignments_audited(queue.engine) == moved_by_beto
    assert [where(queue, code) for code in queue.codes[3:]] == [("Asistencia Alimentaria", 1)] * 3


def test_a_neighbour_moved_meanwhile_leaves_the_ticked_case_to_move_alone(
    small_queue: Queue, tmp_path: Path
) -> None:
    queue = small_queue
    first, second, third = queue.codes[:3]
    with running_app(queue.url, tmp_path / "streamlit.log") as base, chromium() as browser:
        ana = ready_to_move(browser, base, "ana", second, 1)
        move_now(browser, base, "beto", [first])

        touch_the_form(ana)  # her list now starts with her own case: the rows shifted up
        ana.get_by_role("heading", name=f"Solicitud {second}").wait_for()
        confirm(ana)
        ana.get_by_text("Se movieron 1 de 1 solicitudes.").wait_for()
        assert f"{second} pasó a {HOUSING}" in result_detail(ana, second)

    assert reassignments_made(queue.engine) == [("beto", first), ("ana", second)]
    assert where(queue, third) == ("Asistencia Alimentaria", 1)


def test_a_case_closed_meanwhile_is_reported_and_not_moved(
    small_queue: Queue, tmp_path: Path
) -> None:
    queue, first = small_queue, small_queue.codes[0]
    with running_app(queue.url, tmp_path / "streamlit.log") as base, chromium() as browser:
        ana = ready_to_move(browser, base, "ana", first, 0)
        close_case(queue.engine, first, local_now(), by_staff=queue.world.juan)  # the hub

        touch_the_form(ana)
        warning = ana.get_by_text(f"{first} cambió desde que la marcaste").text_content()
        assert "cierre por Juan Gómez" in warning and "estado cerrada" in warning
        confirm(ana)
        ana.get_by_text("Se movieron 0 de 1 solicitudes.").wait_for()
        assert "Juan Gómez" in result_detail(ana, first)

    assert reassignments_made(queue.engine) == reassignments_audited(queue.engine) == []


def test_a_selection_outlives_a_trip_to_another_page_while_others_move_cases(
    long_queue: Queue, tmp_path: Path
) -> None:
    queue = long_queue
    first, second = queue.codes[:2]
    with running_app(queue.url, tmp_path / "streamlit.log") as base, chromium() as browser:
        ana = open_queue(browser, base, "ana")
        tick_row(case_table(ana, first), 0)
        page_number = ana.get_by_role("spinbutton", name="Página")
        page_number.fill("2")
        page_number.press("Enter")
        ana.get_by_text("Filas 51 a 55 de 55 solicitudes").wait_for()

        move_now(browser, base, "beto", [second], first_row=1)

        wait_for_run(ana)
        page_number.fill("1")
        page_number.press("Enter")
        ana.get_by_text("Filas 1 a 50 de 54 solicitudes").wait_for()
        wait_for_run(ana)
        ana.get_by_text(f"Marcaste 1: {first}.").wait_for()
        ana.screenshot(path=SCREENSHOTS / "carrera_paginas.png", full_page=True)
        fill_reassignment(ana, HOUSING, REASON, NOTE_ANA)
        confirm(ana)
        ana.get_by_text("Se movieron 1 de 1 solicitudes.").wait_for()

    assert reassignments_made(queue.engine) == [("beto", second), ("ana", first)]
    assert where(queue, queue.codes[2]) == ("Asistencia Alimentaria", 1)


@pytest.fixture
def journeys(tmp_path: Path) -> Iterator[tuple[Queue, list[str]]]:
    """Three ping-pong cases now in Asistencia Alimentaria (there → Hábitat → back), oldest
    first as the list orders them (same hops), and a cabinet user."""
    queue = queue_of(f"sqlite:///{tmp_path / 'e2e.sqlite3'}", 0)
    world, now = queue.world, local_now()
    codes = []
    for days in (25, 20, 15):
        created = now - timedelta(days=days)
        case_id = add_case(queue.engine, world, created_at=created)
        add_event(queue.engine, case_id, EventKind.ASSIGNED, created + timedelta(hours=1),
                  from_department=world.intake, to_department=world.food)  # fmt: skip
        for day, (origin, target) in enumerate(
            [(world.food, world.housing), (world.housing, world.food)], start=1
        ):
            add_event(queue.engine, case_id, EventKind.REFERRED, created + timedelta(days=day),
                      from_department=origin, to_department=target)  # fmt: skip
        codes.append(case_code(queue.engine, case_id))
    add_user(queue.engine, "gus", Role.GABINETE)
    yield queue, codes
    queue.engine.dispose()


def test_a_case_opened_from_a_referral_list_stays_open_while_the_list_changes(
    journeys: tuple[Queue, list[str]], tmp_path: Path
) -> None:
    """The cabinet reads Alimentaria's ping-pong cases and opens the second; a supervisor
    moves the first out of Alimentaria, so the list loses its first row. Before the fix the
    second position then named the third case, whose detail replaced the one opened."""
    queue, (first, second, third) = journeys
    with running_app(queue.url, tmp_path / "streamlit.log") as base, chromium() as browser:
        gus = browser.new_context(viewport={"width": 1400, "height": 2400}).new_page()
        log_in(gus, base, "gus", PASSWORD)
        gus.goto(f"{base}/derivaciones?area=Asistencia+Alimentaria")
        wait_for_run(gus)
        gus.get_by_test_id("stButtonGroup").get_by_text("Ida y vuelta", exact=True).click()
        expect(gus.get_by_text("Este flujo:")).to_have_count(0)  # the flow's list is gone
        wait_for_run(gus)
        listed = gus.locator('[data-testid="stDataFrame"]').filter(has_text="Saltos")
        tick_row(listed, 1)
        gus.get_by_role("heading", name=f"Solicitud {second}").wait_for()

        move_now(browser, base, "beto", [first])

        slider = gus.get_by_role("slider").first  # any rerun of the cabinet's page
        slider.focus()
        slider.press("ArrowRight")
        expect(listed).not_to_contain_text(first)  # the list lost its first row
        wait_for_run(gus)
        gus.get_by_role("heading", name=f"Solicitud {second}").wait_for()
        assert gus.get_by_role("heading", name=f"Solicitud {third}").count() == 0
        gus.screenshot(path=SCREENSHOTS / "carrera_derivaciones.png", full_page=True)
