"""End to end, Cambios de proceso in Chromium: two people edit the same change at once and
the second save is refused; a change is marked on Pendientes' chart."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page
from sqlalchemy import Engine, select

from auth.roles import Actor
from dashboard.commands import register_process_change
from dashboard.db import build_engine
from dashboard.domain import Role, local_now
from dashboard.migrate import upgrade
from dashboard.models import AuditEntry, ProcessChange
from tests.builders import PASSWORD, add_case, add_role_users, small_world
from tests.conftest import fresh_postgres_database
from tests.e2e_queue import choose
from tests.e2e_server import chromium, log_in, running_app, wait_for_run

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
TURNOS = "Turnos por WhatsApp"
RENAMED = "Turnos sólo por WhatsApp"
DESCRIPTION = "Los turnos se piden por WhatsApp y no por correo."


@dataclass(frozen=True)
class Ministry:
    url: str
    engine: Engine


def ministry_at(url: str) -> Iterator[Ministry]:
    """A few recent cases, one user per role, and one change registered ten days ago."""
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    now = local_now()
    for days in (30, 20, 3):
        add_case(engine, world, created_at=now - timedelta(days=days))
    add_role_users(engine, world)
    register_process_change(
        engine, Actor("mesa", Role.MESA), TURNOS, DESCRIPTION, now.date() - timedelta(days=10),
        {"channel": [world.whatsapp], "department": [world.food]},
    )  # fmt: skip
    yield Ministry(url, engine)
    engine.dispose()


@pytest.fixture
def ministry(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ministry]:
    if request.param == "sqlite":
        yield from ministry_at(f"sqlite:///{tmp_path / 'e2e.sqlite3'}")
    else:
        with fresh_postgres_database() as url:
            yield from ministry_at(url)


def session_of(browser: Browser, base: str, username: str, path: str) -> Page:
    """``username``'s own browser session (own cookies), logged in on ``path``."""
    page = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
    log_in(page, base, username, PASSWORD, path)
    return page


def editing(page: Page, name: str) -> Locator:
    """Choose ``name`` to edit and return its form."""
    choose(page, "Cambio a editar", name)
    form = page.get_by_test_id("stForm").filter(
        has=page.get_by_role("button", name="Guardar la edición")
    )
    form.wait_for()
    return form


def save(page: Page, form: Locator) -> None:
    form.get_by_role("button", name="Guardar la edición").click()
    wait_for_run(page)


def listing(page: Page, text: str) -> Locator:
    return page.get_by_test_id("stDataFrame").filter(has_text=text)


@pytest.mark.parametrize(
    "ministry", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_the_second_of_two_simultaneous_edits_is_refused(
    ministry: Ministry, tmp_path: Path
) -> None:
    with running_app(ministry.url, tmp_path / "streamlit.log") as base, chromium() as browser:
        mesa = session_of(browser, base, "mesa", "/cambios")
        admin = session_of(browser, base, "admin", "/cambios")
        mesa_form, admin_form = editing(mesa, TURNOS), editing(admin, TURNOS)

        mesa_form.get_by_role("textbox", name="Nombre del cambio").fill(RENAMED)
        save(mesa, mesa_form)
        mesa.get_by_text("Listo: el cambio quedó guardado y auditado.").wait_for()
        listing(mesa, RENAMED).wait_for()

        admin_form.get_by_role("textbox", name="Descripción").fill("Lo que escribió admin.")
        save(admin, admin_form)
        admin.get_by_text("otra persona lo cambió mientras lo mirabas").wait_for()
        listing(admin, RENAMED).wait_for()  # the list shows the first person's edit
        assert not admin.get_by_test_id("stException").count()
        admin.screenshot(path=SCREENSHOTS / "cambios_edicion_rechazada.png", full_page=True)

    with ministry.engine.connect() as connection:
        stored = connection.execute(
            select(ProcessChange.name, ProcessChange.description, ProcessChange.version)
        ).one()
        edits = connection.execute(
            select(AuditEntry.username).where(AuditEntry.action == "editar_cambio_proceso")
        ).all()
    assert tuple(stored) == (RENAMED, DESCRIPTION, 2)
    assert [row.username for row in edits] == ["mesa"]


@pytest.mark.parametrize("ministry", ["sqlite"], indirect=True)
def test_pendientes_marks_the_change_on_its_chart(ministry: Ministry, tmp_path: Path) -> None:
    with running_app(ministry.url, tmp_path / "streamlit.log") as base, chromium() as browser:
        page = session_of(browser, base, "supervisora", "/pendientes")
        chart = page.get_by_test_id("stPlotlyChart").first
        chart.locator(".annotation-text", has_text=TURNOS).wait_for()
        chart.screenshot(path=SCREENSHOTS / "pendientes_cambio_marcado.png")
