"""End to end: the case lists fit their page at 1440×900 with no sideways scroll, even with
the longest names the ministry's catalogues hold, in both languages.

The grid is drawn on a canvas inside a scrolling box; columns wider than the box make its
content wider than the box itself, which is what a person sees as a sideways scroll bar.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page
from sqlalchemy.orm import Session

from dashboard.db import build_engine
from dashboard.domain import local_now
from dashboard.duplicates.find import scan
from dashboard.migrate import upgrade
from dashboard.models import Category, Channel, Department, Staff
from tests.builders import PASSWORD, add_case, add_role_users, small_world
from tests.e2e_queue import table_headed
from tests.e2e_server import chromium, log_in, running_app, wait_for_run

pytestmark = pytest.mark.e2e

#: The longest names of the demo catalogues, given to the test world's records.
LONGEST = [
    (Department, "food", "Dirección de Promoción y Protección de Derechos de Niñez"),
    (Department, "intake", "Mesa de Entradas del Despacho del Ministro"),
    (Category, "flood", "Asistencia alimentaria de emergencia"),
    (Channel, "whatsapp", "Teléfono (línea 0800)"),
    (Staff, "juan", "Juan Bautista Castillo Fernández"),
]
#: The header that tells each list apart, per language.
QUEUE_HEADER = {"es": "Prioridad", "en": "Priority"}
PAIRS_HEADER = {"es": "Puntaje", "en": "Score"}


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """Open cases of one citizen with the longest names, one overdue, and pairs of them
    proposed as duplicates (two doors)."""
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    with Session(engine) as session:
        for model, record, name in LONGEST:
            session.get(model, getattr(world, record)).name = name
        session.commit()
    now = local_now()
    for days, channel, due_in in ((40, world.whatsapp, 5), (39, world.email, 10), (2, None, 10)):
        add_case(engine, world, created_at=now - timedelta(days=days), channel=channel,
                 assignee=world.juan, due_in=timedelta(days=due_in))  # fmt: skip
    assert scan(engine).found
    add_role_users(engine, world)
    engine.dispose()
    return url


def overflow(grid: Locator) -> int:
    """How many pixels the grid's columns reach beyond its box (0: no sideways scroll)."""
    return grid.locator(".dvn-scroller").evaluate("box => box.scrollWidth - box.clientWidth")


def in_language(page: Page, base: str, path: str, lang: str) -> None:
    """Open ``path`` in ``lang`` in the session already logged in (Spanish by default)."""
    if lang == "en":
        page.goto(f"{base}{path}?lang=English")
        wait_for_run(page)


def opened(browser: Browser, base: str, username: str, path: str, lang: str) -> Page:
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    log_in(page, base, username, PASSWORD, path)
    in_language(page, base, path, lang)
    return page


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_queue_and_the_pairs_to_review_fit_their_page(
    database_url: str, tmp_path: Path, lang: str
) -> None:
    with running_app(database_url, tmp_path / "streamlit.log") as base, chromium() as browser:
        queue = table_headed(opened(browser, base, "supervisora", "/bandejas", lang),
                             QUEUE_HEADER[lang])  # fmt: skip
        queue.wait_for()
        queue_overflow = overflow(queue)
        pairs = table_headed(opened(browser, base, "admin", "/duplicados", lang),
                             PAIRS_HEADER[lang])  # fmt: skip
        pairs.wait_for()
        pairs_overflow = overflow(pairs)

    assert (queue_overflow, pairs_overflow) == (0, 0)
