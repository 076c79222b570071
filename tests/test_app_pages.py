"""Every page renders in Spanish and English with no exception (Streamlit's AppTest)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from dashboard.domain import local_now
from dashboard.i18n import translate
from dashboard.settings import PROJECT_ROOT
from tests.apptest_pages import open_page, registered_url_paths
from tests.builders import add_case, small_world

APP = str(PROJECT_ROOT / "dashboard" / "app.py")


@pytest.fixture
def app_database(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """A small SQLite database with two recent open cases, one of them overdue."""
    from dashboard.db import build_engine
    from dashboard.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    now = local_now()
    add_case(engine, world, created_at=now - timedelta(days=2))
    add_case(engine, world, created_at=now - timedelta(days=40), due_in=timedelta(days=5))
    monkeypatch.setenv("DATABASE_URL", url)
    return engine


def run_app(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["lang"] = lang
    return at.run()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_resumen_shows_the_headline_figures(app_database: Engine, lang: str) -> None:
    at = run_app(lang)
    assert not at.exception
    assert at.title[0].value == translate("page.resumen", lang)
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics == {
        translate("metric.open_cases", lang): "2",
        translate("metric.inflow_7d", lang): "1",
        translate("metric.overdue", lang): "1",
    }
    captions = [caption.value for caption in at.caption]
    assert translate("metric.overdue.def", lang) in captions


def test_an_unreachable_database_gets_a_spanish_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nadie@127.0.0.1:1/ninguna")
    at = run_app("es")
    assert not at.exception
    assert at.error[0].value == translate("db.unavailable.title", "es")
    assert "127.0.0.1:1/ninguna" in at.markdown[0].value


def test_the_page_recovers_once_the_database_is_back(
    app_database: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    good_url = str(app_database.url)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nadie@127.0.0.1:1/ninguna")
    at = run_app("es")
    assert at.error
    monkeypatch.setenv("DATABASE_URL", good_url)
    at.run()
    assert not at.error
    assert len(at.metric) == 3


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("url_path", registered_url_paths())
def test_every_page_renders(app_database: Engine, lang: str, url_path: str) -> None:
    at = open_page(run_app(lang), url_path)
    assert not at.exception
    assert not at.error
    assert at.title, "the page shows no title"


def test_filters_narrow_the_figures(app_database: Engine) -> None:
    at = run_app("es")
    at.multiselect(key="partido").select(
        at.multiselect(key="partido").options[1]  # Tandil: no cases there
    ).run()
    metrics = [metric.value for metric in at.metric]
    assert metrics == ["0", "0", "0"]
    assert at.info[0].value == translate("empty.period", "es")


def test_the_cut_off_is_shown(app_database: Engine) -> None:
    at = run_app("es")
    assert local_now().strftime("%d/%m/%Y") in at.caption[0].value


def test_a_database_without_tables_says_how_to_create_them(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    at = run_app("es")
    assert not at.exception
    assert "make database" in at.error[0].value
