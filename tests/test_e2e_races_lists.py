"""End to end, two people at once: a case picked in a list stays the case picked while
the list changes under it (another supervisor moves cases away).

Ana's ticks outlive a trip to another page of the queue; the cabinet's case, opened from a
referral list, stays open when the list loses a row. Before the fix, row positions were
kept, and after the list changed they named other cases. (Moves confirmed on a queue that
changed meanwhile: test_e2e_races.)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.domain import EventKind, Role, local_now
from tests.builders import PASSWORD, add_case, add_event, add_user, case_code, reassignments_made
from tests.e2e_queue import (
    HOUSING,
    NOTE_ANA,
    REASON,
    Queue,
    case_table,
    confirm,
    fill_reassignment,
    move_now,
    open_queue,
    queue_at,
    queue_of,
    tick_row,
    where,
)
from tests.e2e_server import chromium, log_in, running_app, wait_for_run

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture
def long_queue(tmp_path: Path) -> Iterator[Queue]:
    """Fifty-five open cases: two pages of the queue."""
    yield from queue_at(f"sqlite:///{tmp_path / 'e2e.sqlite3'}", 55)


def test_a_selection_outlives_a_trip_to_another_page_while_others_move_cases(
    long_queue: Queue, tmp_path: Path
) -> None:
    queue = long_queue
    first, second = queue.codes[:2]
    with running_app(queue.url, tmp_path / "streamlit.log") as base, chromium() as browser:
        ana = open_queue(browser, base, "ana")
        tick_row(case_table(ana, first), 0)
        ana.get_by_text(f"Marcaste 1: {first}.").wait_for()
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
        log_in(gus, base, "gus", PASSWORD, "/derivaciones?area=Asistencia+Alimentaria")
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
