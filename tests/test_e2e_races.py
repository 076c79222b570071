"""End to end, two supervisors on one queue: nobody moves a case they did not choose.

Each test opens two browser contexts (two people, two sessions) on the same app and
database. Ana ticks a case and fills in the reassignment form; meanwhile the case or its
neighbours are moved or closed by someone else; then Ana confirms. What she ticked must be
what is acted on. (Selections that outlive a page or a list changing: test_e2e_races_lists.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from dashboard.domain import local_now
from tests.builders import close_case, reassignments_audited, reassignments_made
from tests.conftest import fresh_postgres_database
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
    tick_row,
    where,
)
from tests.e2e_server import chromium, running_app, wait_for_run

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture
def queue_on_both(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Queue]:
    """Six open cases, on the database kind the test is parametrized with."""
    if request.param == "sqlite":
        yield from queue_at(f"sqlite:///{tmp_path / 'e2e.sqlite3'}", 6)
    else:
        with fresh_postgres_database() as url:
            yield from queue_at(url, 6)


@pytest.fixture
def small_queue(tmp_path: Path) -> Iterator[Queue]:
    """Six open cases."""
    yield from queue_at(f"sqlite:///{tmp_path / 'e2e.sqlite3'}", 6)


def ready_to_move(browser: Browser, base: str, username: str, code: str, row: int) -> Page:
    """``username``'s own session with ``code`` (drawn at ``row``) ticked, its detail open,
    and the form filled in to send it to Hábitat: all but the confirmation."""
    page = open_queue(browser, base, username)
    tick_row(case_table(page, code), row)
    page.get_by_role("heading", name=f"Solicitud {code}").wait_for()
    fill_reassignment(page, HOUSING, REASON, NOTE_ANA)
    return page


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
