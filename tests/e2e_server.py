"""Start the real app with ``streamlit run`` and drive it in Debian's headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from dashboard.settings import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
E2E_COOKIE_KEY = "clave-de-pruebas-de-punta-a-punta-" + "y" * 16
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(database_url: str, log_path: Path) -> Iterator[str]:
    """The app served on a free port against ``database_url``; yields its base URL."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "AUTH_COOKIE_KEY": E2E_COOKIE_KEY}
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
        "--server.port", str(port), "--server.headless=true",
        "--server.fileWatcherType=none", "--browser.gatherUsageStats=false",
    ]  # fmt: skip
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_healthy(base, server)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)


def _wait_healthy(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{base} did not become healthy in {timeout} s")


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def close_sessions(browser: Browser) -> None:
    """Close every browser session (context) opened on ``browser``: a test that shares a
    module's browser leaves no page of its own open (nor its Streamlit session) for the next."""
    for context in browser.contexts:
        context.close()


def wait_for_run(page: Page, timeout_ms: int = 30_000) -> None:
    """Wait as Streamlit's own suite does: script not running and no skeleton left."""
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms
    )
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=timeout_ms,
    )


def submit_login(page: Page, base: str, username: str, password: str, path: str = "") -> None:
    """Open the app at ``path`` and send the login form as a person would."""
    page.goto(f"{base}{path}")
    wait_for_run(page)
    page.get_by_role("textbox", name="Usuario").fill(username)
    page.get_by_role("textbox", name="Contraseña").fill(password)
    page.get_by_role("button", name="Ingresar").click()


def open_page(page: Page, title: str) -> None:
    """Open the page ``title`` from the sidebar, as a person does, in the same session."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    page.get_by_role("heading", name=title, level=1).wait_for()
    wait_for_run(page)


def log_in(page: Page, base: str, username: str, password: str, path: str = "") -> None:
    """Log in where a link (``path``, such as ``/bandejas?canal=WhatsApp``) led, and wait for
    that page; with no path, for the first page of the user's role.

    The app keeps a deep link through the login, so a test that needs a page opens it this
    way rather than loading the whole app a second time after logging in. The wait is long
    because the first run of a heavy page on a fresh server (Sobrecarga over a year: its map
    and heatmap) comes with the login, on a machine busy with the other test worker.
    """
    submit_login(page, base, username, password, path)
    page.get_by_role("button", name="Cerrar sesión").wait_for(timeout=90_000)
    wait_for_run(page)
