"""End to end in Chromium: cookies that must stop working, lockout, and what reaches the browser."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy import select

from auth.lockout import MAX_FAILURES
from auth.roles import Actor
from dashboard import commands
from dashboard.db import build_engine
from dashboard.domain import Role, local_now
from dashboard.migrate import upgrade
from dashboard.models import Case
from tests.builders import PASSWORD, add_case, add_role_users, small_world
from tests.e2e_server import chromium, log_in, running_app, submit_login, wait_for_run

pytestmark = pytest.mark.e2e
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
PERSONAL = ("30123456", "Pérez", "555-0101", "ana.perez")
ADMIN = Actor("admin", Role.ADMIN)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[tuple[str, str, Browser]]:
    """The app on a small database with one user per role; yields (base URL, db URL, browser)."""
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    add_case(engine, world, created_at=local_now() - timedelta(days=2))
    add_role_users(engine, world)
    engine.dispose()
    with running_app(url, tmp_path / "streamlit.log") as base, chromium() as browser:
        yield base, url, browser


def fresh_page(browser: Browser, cookies: list | None = None) -> Page:
    """A new browser session (its own context), optionally carrying saved cookies."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    if cookies:
        context.add_cookies(cookies)
    return context.new_page()


def is_signed_in(page: Page, base: str) -> bool:
    """Open the app and wait until it shows either a signed-in page or the login form."""
    page.goto(base)
    signed_in = page.get_by_role("button", name="Cerrar sesión")
    signed_in.or_(page.get_by_role("button", name="Ingresar")).first.wait_for(timeout=30_000)
    wait_for_run(page)
    return signed_in.count() == 1


def session_cookies(page: Page) -> list:
    return [c for c in page.context.cookies() if c["name"] == "mdc_tablero_sesion"]


def test_a_saved_cookie_stops_working_after_logout(app) -> None:
    base, _, browser = app
    page = fresh_page(browser)
    log_in(page, base, "gabinete", PASSWORD)
    saved = session_cookies(page)
    assert saved, "the login set no cookie"
    assert is_signed_in(fresh_page(browser, saved), base)  # replay works while valid
    page.get_by_role("button", name="Cerrar sesión").click()
    page.get_by_role("button", name="Ingresar").wait_for()
    assert not is_signed_in(fresh_page(browser, saved), base)


@pytest.mark.parametrize("change", ["password", "disable"])
def test_a_saved_cookie_stops_working_after_a_password_change_or_disabling(
    app, change: str
) -> None:
    base, url, browser = app
    page = fresh_page(browser)
    log_in(page, base, "mesa", PASSWORD)
    saved = session_cookies(page)
    engine = build_engine(url)
    if change == "password":
        commands.reset_password(engine, ADMIN, "mesa", "una-clave-nueva-larga")
    else:
        commands.set_user_active(engine, ADMIN, "mesa", False)
    engine.dispose()
    assert not is_signed_in(fresh_page(browser, saved), base)
    page.reload()  # the open session ends too
    wait_for_run(page)
    page.get_by_role("button", name="Ingresar").wait_for()


def test_lockout_holds_across_browser_sessions_with_one_generic_message(app) -> None:
    base, _, browser = app
    messages = set()
    for _ in range(MAX_FAILURES):
        page = fresh_page(browser)
        _submit(page, base, "mesa", "no-es-la-clave")
        messages.add(page.get_by_test_id("stAlertContentError").inner_text())
    page = fresh_page(browser)
    _submit(page, base, "mesa", PASSWORD)
    messages.add(page.get_by_test_id("stAlertContentError").inner_text())
    assert page.get_by_role("button", name="Cerrar sesión").count() == 0
    unknown = fresh_page(browser)
    _submit(unknown, base, "nadie", "no-es-la-clave")
    messages.add(unknown.get_by_test_id("stAlertContentError").inner_text())
    assert len(messages) == 1


def test_masked_roles_never_receive_personal_data(app) -> None:
    base, url, browser = app
    engine = build_engine(url)
    with engine.connect() as connection:
        code = connection.execute(select(Case.code)).scalar_one()
    engine.dispose()
    page = fresh_page(browser)
    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(_bytes(f))))
    log_in(page, base, "gabinete", PASSWORD)
    page.goto(f"{base}/solicitud?codigo={code}")
    wait_for_run(page)
    page.get_by_text("Datos de la persona").wait_for()
    page.wait_for_timeout(1000)  # let the tables' data arrive
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "solicitud_gabinete.png", full_page=True)
    received = page.content().encode() + b"".join(frames)
    assert b"**.***.456" in received  # the masked form did arrive (tables travel as Arrow)
    for value in PERSONAL:
        assert value.encode() not in received, value


def _submit(page: Page, base: str, username: str, password: str) -> None:
    submit_login(page, base, username, password)
    page.get_by_test_id("stAlertContentError").wait_for()


def _bytes(frame: str | bytes) -> bytes:
    return frame if isinstance(frame, bytes) else frame.encode()
