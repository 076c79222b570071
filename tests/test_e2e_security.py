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
from tests.builders import PASSWORD, add_case, add_role_users, add_user, small_world
from tests.e2e_server import (
    chromium,
    close_sessions,
    log_in,
    running_app,
    submit_login,
    wait_for_run,
)

pytestmark = pytest.mark.e2e
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
PERSONAL = ("30123456", "Pérez", "555-0101", "ana.perez")
ADMIN = Actor("admin", Role.ADMIN)
#: Users of the help desk's role for the tests that log out, lock or change them.
OWN_USERS = ("mesa_salida", "mesa_password", "mesa_disable", "mesa_bloqueo")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Browser]]:
    """The app on a small database with one user per role; yields (base URL, db URL, browser).

    One server for the module: each test logs in, locks out, revokes or disables a user of
    its own (``OWN_USERS``), so what one test does to its user cannot reach another.
    """
    folder = tmp_path_factory.mktemp("security")
    url = f"sqlite:///{folder / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    add_case(engine, world, created_at=local_now() - timedelta(days=2))
    add_role_users(engine, world)
    for username in OWN_USERS:
        add_user(engine, username, Role.MESA)
    engine.dispose()
    with running_app(url, folder / "streamlit.log") as base, chromium() as browser:
        yield base, url, browser


@pytest.fixture
def app(served: tuple[str, str, Browser]) -> Iterator[tuple[str, str, Browser]]:
    """The module's app; the browser sessions a test opened are closed after it."""
    yield served
    close_sessions(served[2])


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
    log_in(page, base, "mesa_salida", PASSWORD)
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
    username = f"mesa_{change}"
    page = fresh_page(browser)
    log_in(page, base, username, PASSWORD)
    saved = session_cookies(page)
    engine = build_engine(url)
    if change == "password":
        commands.reset_password(engine, ADMIN, username, "una-clave-nueva-larga")
    else:
        commands.set_user_active(engine, ADMIN, username, False)
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
        _submit(page, base, "mesa_bloqueo", "no-es-la-clave")
        messages.add(page.get_by_test_id("stAlertContentError").inner_text())
    page = fresh_page(browser)
    _submit(page, base, "mesa_bloqueo", PASSWORD)
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
    log_in(page, base, "gabinete", PASSWORD, f"/solicitud?codigo={code}")
    page.get_by_text("Datos de la persona").wait_for()
    _wait_for_frame(page, frames, b"**.***.456")  # the masked DNI: the tables' data arrived
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "solicitud_gabinete.png", full_page=True)
    received = page.content().encode() + b"".join(frames)
    for value in PERSONAL:
        assert value.encode() not in received, value


def _submit(page: Page, base: str, username: str, password: str) -> None:
    submit_login(page, base, username, password)
    page.get_by_test_id("stAlertContentError").wait_for()


def _wait_for_frame(
    page: Page, frames: list[bytes], wanted: bytes, timeout_ms: int = 15_000
) -> None:
    """Wait until ``wanted`` has come over the websocket (tables travel as Arrow, not text)."""
    for _ in range(timeout_ms // 100):
        if wanted in b"".join(frames):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{wanted!r} never reached the browser")


def _bytes(frame: str | bytes) -> bytes:
    return frame if isinstance(frame, bytes) else frame.encode()
