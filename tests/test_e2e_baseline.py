"""End to end: the desk freezes a baseline in Chromium, sees it listed, downloads its workbook
and its PDF (both say its name and hash; each download is audited), and two people freezing
the same name at once: one wins, the other is told the name is taken."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from dashboard.db import build_engine
from dashboard.domain import local_now
from dashboard.migrate import upgrade
from dashboard.models import AuditEntry
from queries.baselines import baseline_list
from tests.builders import PASSWORD, add_case, add_role_users, small_world
from tests.e2e_server import chromium, close_sessions, running_app, submit_login, wait_for_run

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
VIEWPORT = {"width": 1400, "height": 1100}
TAKEN = "Ya existe una línea de base llamada «{name}»: elegí otro nombre."


@dataclass(frozen=True)
class Served:
    base: str
    browser: Browser
    database_url: str


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Five cases within the default 90 days, two by e-mail, one closed."""
    folder = tmp_path_factory.mktemp("linea_de_base")
    url = f"sqlite:///{folder / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    now = local_now()
    for days, channel, closed in ((3, world.whatsapp, None), (12, world.whatsapp, None),
                                  (20, world.whatsapp, 2), (8, world.email, None),
                                  (30, world.email, None)):  # fmt: skip
        add_case(engine, world, created_at=now - timedelta(days=days), channel=channel,
                 closed_at=now - timedelta(days=closed) if closed else None)  # fmt: skip
    add_role_users(engine, world)
    engine.dispose()
    with running_app(url, folder / "streamlit.log") as base, chromium() as browser:
        yield Served(base, browser, url)
        close_sessions(browser)


@pytest.fixture
def app(served: Served) -> Iterator[Served]:
    yield served
    close_sessions(served.browser)


def open_baselines(served: Served, username: str) -> Page:
    page = served.browser.new_context(viewport=VIEWPORT, accept_downloads=True).new_page()
    submit_login(page, served.base, username, PASSWORD, "/linea_de_base")
    page.get_by_role("button", name="Cerrar sesión").wait_for(timeout=90_000)
    page.get_by_role("heading", name="Línea de base", level=1).wait_for(timeout=90_000)
    wait_for_run(page, 90_000)
    return page


def fill_name(page: Page, name: str) -> None:
    page.get_by_role("textbox", name="Nombre de la línea de base").fill(name)


def freeze(page: Page) -> None:
    page.get_by_role("button", name="Congelar línea de base").click()


def baselines(served: Served) -> list[dict]:
    with build_engine(served.database_url).connect() as connection:
        return baseline_list(connection).to_dict("records")


def download(page: Page, label: str) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("button", name=label).click()
    return Path(started.value.path()).read_bytes()


def test_the_desk_freezes_a_baseline_sees_it_listed_and_downloads_it(app: Served) -> None:
    page = open_baselines(app, "mesa")
    fill_name(page, "Trimestre de prueba")
    freeze(page)
    expect(page.get_by_text("Línea de base «Trimestre de prueba» congelada")).to_be_visible(
        timeout=90_000
    )
    wait_for_run(page, 90_000)
    [stored] = [row for row in baselines(app) if row["name"] == "Trimestre de prueba"]
    digest = stored["content_hash"]
    expect(page.get_by_text(f"hash {digest}")).to_be_visible()
    expect(page.get_by_text("Recalculado hoy: coincide").first).to_be_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "linea_de_base.png")
    page.get_by_text("Recalculado hoy: coincide").last.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "linea_de_base_cifras.png")

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(download(page, "Descargar Excel")))
    wait_for_run(page, 90_000)
    pdf = PdfReader(io.BytesIO(download(page, "Descargar PDF")))
    wait_for_run(page, 90_000)

    assert workbook.sheet_names[:2] == ["Línea de base", "Cifras principales"]
    cover = dict(workbook.get_sheet_by_name("Línea de base").to_python()[1:])
    assert cover["Línea de base"] == "Trimestre de prueba"
    assert cover["Hash del contenido (SHA-256)"] == digest
    headline = {row[0]: row[2] for row in
                workbook.get_sheet_by_name("Cifras principales").to_python()[1:]}  # fmt: skip
    assert headline["Ingresos"] == 5 and headline["Egresos"] == 1
    first = " ".join(pdf.pages[0].extract_text().split())
    assert "Línea de base «Trimestre de prueba»" in first and digest in first
    with build_engine(app.database_url).connect() as connection:
        audited = connection.execute(
            select(AuditEntry.username, AuditEntry.details)
            .where(AuditEntry.action == "exportar", AuditEntry.target == "linea_de_base")
        ).all()  # fmt: skip
    assert sorted(json.loads(details)["formato"] for _, details in audited) == ["pdf", "xlsx"]
    assert {username for username, _ in audited} == {"mesa"}


def test_two_people_freezing_the_same_name_at_once_one_wins(app: Served) -> None:
    pages = [open_baselines(app, username) for username in ("mesa", "admin")]
    for page in pages:
        fill_name(page, "Carrera")
    for page in pages:
        freeze(page)
    said = []
    for page in pages:
        outcome = page.get_by_text("Línea de base «Carrera» congelada").or_(
            page.get_by_text(TAKEN.format(name="Carrera"))
        )
        outcome.wait_for(timeout=90_000)
        said.append(outcome.inner_text())
    winners = [text for text in said if text.startswith("Línea de base «Carrera» congelada")]
    assert len(winners) == 1 and said.count(TAKEN.format(name="Carrera")) == 1
    assert [row["name"] for row in baselines(app)].count("Carrera") == 1
