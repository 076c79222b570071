"""End to end, two reviewers on the same pair of probable duplicates: one merges it, the
other's decision is refused in Spanish and the page then shows the pair as decided; the
survivor's history shows the merged case's events."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from dashboard.db import build_engine
from dashboard.domain import Role, local_now
from dashboard.duplicates.find import scan
from dashboard.migrate import upgrade
from tests.builders import PASSWORD, add_case, add_user, case_code, small_world
from tests.e2e_server import chromium, log_in, running_app, wait_for_run

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str, str]:
    """A database whose only proposed pair is two requests of Ana Pérez three days apart;
    the URL and both codes (the older one first, as the page lists them)."""
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    now = local_now()
    codes = [
        case_code(engine, add_case(engine, world, created_at=now - timedelta(days=days),
                                   channel=channel))
        for days, channel in ((5, world.whatsapp), (2, world.email))
    ]  # fmt: skip
    assert scan(engine).found == 1
    add_user(engine, "admin", Role.ADMIN)
    add_user(engine, "clara", Role.INGRESO, (world.intake,))
    engine.dispose()
    return url, *codes


def reviewing(browser: Browser, base: str, username: str) -> Page:
    """``username`` in a browser session of their own, on Duplicados with the pair open."""
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    log_in(page, base, username, PASSWORD, "/duplicados")
    page.get_by_text("Por qué se parecen").wait_for()
    return page


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    wait_for_run(page)


def test_the_second_reviewer_of_a_merged_pair_is_told_who_merged_it(
    pair: tuple[str, str, str], tmp_path: Path
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    url, older, newer = pair
    with running_app(url, tmp_path / "streamlit.log") as base, chromium() as browser:
        admin = reviewing(browser, base, "admin")
        clara = reviewing(browser, base, "clara")
        admin.screenshot(path=SCREENSHOTS / "duplicados_par.png", full_page=True)
        click(clara, "Unificar…")  # she asks to merge, and reads the confirmation
        expect(clara.get_by_text(f"{newer} va a quedar como duplicada de {older}")).to_be_visible()

        click(admin, "Unificar…")
        click(admin, "Confirmar la unificación")
        expect(admin.get_by_text(f"{newer} quedó como duplicada de {older}.")).to_be_visible()

        click(clara, "Confirmar la unificación")
        expect(clara.get_by_text("Este par ya lo decidió admin el")).to_be_visible()
        expect(clara.get_by_text("admin las unificó el")).to_be_visible()
        expect(clara.get_by_role("button", name="No es duplicado")).to_have_count(0)
        clara.screenshot(path=SCREENSHOTS / "duplicados_rechazo.png", full_page=True)

        admin.goto(f"{base}/solicitud?codigo={older}")
        wait_for_run(admin)
        history = admin.locator('[data-testid="stDataFrame"]').filter(has_text="Qué pasó")
        expect(history).to_contain_text(newer)
        expect(history).to_contain_text("unificada como duplicada")
        admin.screenshot(path=SCREENSHOTS / "duplicados_historial.png", full_page=True)


def test_not_a_duplicate_is_refused_once_the_pair_was_merged(
    pair: tuple[str, str, str], tmp_path: Path
) -> None:
    url, older, _ = pair
    with running_app(url, tmp_path / "streamlit.log") as base, chromium() as browser:
        admin = reviewing(browser, base, "admin")
        clara = reviewing(browser, base, "clara")
        click(admin, "Unificar…")
        click(admin, "Confirmar la unificación")
        click(clara, "No es duplicado")
        expect(clara.get_by_text("Este par ya lo decidió admin el")).to_be_visible()
        expect(clara.get_by_text(f"queda {older}.")).to_be_visible()
