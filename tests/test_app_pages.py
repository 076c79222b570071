"""Pages in Streamlit's AppTest: every role's pages in both languages, scope, failures."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from auth.roles import PAGES
from dashboard.domain import Role, local_now
from dashboard.i18n import format_percent, translate
from dashboard.navigation import ALL_PAGES
from tests.apptest_pages import APP, metrics, open_page, role_pages, signed_in

USER_OF_ROLE = {
    Role.SUPERVISOR: "supervisora", Role.GABINETE: "gabinete", Role.MESA: "mesa",
    Role.ADMIN: "admin", Role.INGRESO: "ingreso",
}  # fmt: skip


def run_app(lang: str, username: str | None = "gabinete") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["lang"] = lang
    if username:
        signed_in(at, username)
    return at.run()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_resumen_shows_the_province_figures_to_the_cabinet(app_database: Engine, lang: str) -> None:
    at = run_app(lang)
    assert not at.exception
    assert at.title[0].value == translate("page.resumen", lang)
    assert metrics(at) == {
        translate("metric.open_cases", lang): "3",
        translate("metric.inflow_7d", lang): "1",
        translate("metric.overdue", lang): "1",
        translate("metric.duplicate_rate", lang): format_percent(0, lang),  # none merged
    }
    assert translate("metric.overdue.def", lang) in [caption.value for caption in at.caption]


def test_a_supervisor_sees_only_her_departments(app_database: Engine) -> None:
    at = run_app("es", "supervisora")
    assert list(metrics(at).values()) == ["2", "1", "1", "0,0 %"]
    assert at.multiselect(key="area").options == ["Asistencia Alimentaria"]


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize(("role", "url_path"), role_pages())
def test_every_page_of_every_role_renders(
    app_database: Engine, lang: str, role: Role, url_path: str
) -> None:
    at = open_page(run_app(lang, USER_OF_ROLE[role]), url_path)
    assert not at.exception
    assert not at.error
    assert at.title[0].value == translate(f"page.{url_path}", lang)


@pytest.mark.parametrize("role", list(Role))
def test_pages_outside_a_role_cannot_be_opened(app_database: Engine, role: Role) -> None:
    at = run_app("es", USER_OF_ROLE[role])
    for url_path in set(ALL_PAGES) - set(PAGES[role]):
        with pytest.raises(LookupError):
            open_page(at, url_path)


def test_without_login_only_the_form_shows(app_database: Engine) -> None:
    at = run_app("es", username=None)
    assert not at.exception
    assert not at.metric
    assert [field.label for field in at.text_input] == ["Usuario", "Contraseña"]


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
    assert len(at.metric) == 4


def test_a_database_without_tables_says_how_to_create_them(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    at = run_app("es")
    assert not at.exception
    assert "make database" in at.error[0].value


@pytest.mark.parametrize("key", [None, "some_key", "corta"])
def test_refuses_to_start_without_a_safe_cookie_key_outside_the_demo(
    app_database: Engine, monkeypatch: pytest.MonkeyPatch, key: str | None
) -> None:
    if key is None:
        monkeypatch.delenv("AUTH_COOKIE_KEY")
    else:
        monkeypatch.setenv("AUTH_COOKIE_KEY", key)
    at = run_app("es", username=None)
    assert not at.exception
    assert at.error[0].value == translate("login.cookie_key", "es")
    assert not at.text_input  # no login form, no page


def test_filters_narrow_the_figures(app_database: Engine) -> None:
    at = run_app("es")
    at.multiselect(key="partido").select("Tandil").run()  # no cases there
    assert list(metrics(at).values()) == ["0", "0", "0", "—"]  # no rate over no cases
    assert at.info[0].value == translate("empty.period", "es")


def test_the_cut_off_is_shown(app_database: Engine) -> None:
    at = run_app("es")
    assert local_now().strftime("%d/%m/%Y") in at.caption[0].value
