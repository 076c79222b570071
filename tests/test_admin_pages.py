"""Administration pages in AppTest, the demo users' visibility and the library's cloud features."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from auth import cookies
from auth.demo import DEMO_USERS
from dashboard import settings
from dashboard.i18n import translate
from dashboard.models import AuditEntry, User
from tests.apptest_pages import APP, open_page, signed_in


def as_admin(page: str) -> AppTest:
    return open_page(signed_in(AppTest.from_file(APP, default_timeout=30), "admin").run(), page)


def test_an_admin_creates_a_supervisor_and_it_is_audited(app_database: Engine) -> None:
    at = as_admin("usuarios")
    at.text_input[0].input("nueva")
    at.text_input[1].input("Nueva Supervisora")
    at.selectbox[0].select("supervisor")
    at.multiselect[0].select(at.multiselect[0].options[0])
    at.text_input[3].input("una-clave-suficiente")
    at.button[0].click().run()
    assert not at.exception
    assert at.toast[0].value == translate("usuarios.done", "es")
    with app_database.connect() as connection:
        assert connection.execute(select(User.role).where(User.username == "nueva")).scalar() == (
            "supervisor"
        )
        last = connection.execute(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (last.username, last.action, last.target) == ("admin", "crear_usuario", "nueva")


def test_a_bad_form_value_gets_a_spanish_message_and_writes_nothing(app_database: Engine) -> None:
    at = as_admin("usuarios")
    at.text_input[0].input("otra")
    at.text_input[1].input("Otra Persona")
    at.selectbox[0].select("supervisor")  # a supervisor with no department
    at.text_input[3].input("una-clave-suficiente")
    at.button[0].click().run()
    assert at.error[0].value == "Un supervisor necesita al menos un área a cargo."
    with app_database.connect() as connection:
        assert connection.execute(select(User.id).where(User.username == "otra")).first() is None


def test_the_audit_page_lists_what_happened(app_database: Engine) -> None:
    at = as_admin("auditoria")
    shown = at.dataframe[0].value
    created = translate("audit.action.crear_usuario", "es")
    assert created in shown["action"].tolist()  # the fixture's users were created
    total = translate("auditoria.total", "es", total=len(shown), size=100)
    assert total in [caption.value for caption in at.caption]


def test_demo_users_are_shown_only_with_the_embedded_demo(
    app_database: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    plain = AppTest.from_file(APP, default_timeout=30).run()
    assert not plain.table  # a configured database: no credentials on screen
    monkeypatch.setattr(settings, "EMBEDDED_DB_URL", str(app_database.url))
    monkeypatch.setattr(cookies, "DEMO_KEY_FILE", tmp_path / "cookie_key.txt")
    monkeypatch.delenv("AUTH_COOKIE_KEY")
    demo = AppTest.from_file(APP, default_timeout=30).run()
    shown = demo.table[0].value.to_string()
    assert all(
        username in shown and password in shown for username, _, _, password, _ in DEMO_USERS
    )


def test_the_library_cloud_features_stay_off(app_database: Engine) -> None:
    at = signed_in(AppTest.from_file(APP, default_timeout=30), "gabinete").run()
    assert at.session_state["authenticator"].api_key is None


def test_an_admin_changes_a_departments_capacity(app_database: Engine) -> None:
    at = as_admin("catalogo")
    assert "Asistencia Alimentaria" in at.dataframe[0].value["name"].tolist()
    at.selectbox[0].select_index(0)
    at.number_input[0].set_value(80)
    at.button[0].click().run()
    assert not at.exception
    assert at.toast[0].value == translate("usuarios.done", "es")
    chosen = at.dataframe[0].value.iloc[0]
    assert chosen["weekly_capacity"] == 80


def test_the_target_table_shows_every_priority(app_database: Engine) -> None:
    at = as_admin("catalogo")
    at.segmented_control[0].set_value("metas").run()
    wide = at.dataframe[0].value
    assert {"urgente", "alta", "media", "baja"} <= set(wide.columns)
    assert wide.loc[wide["category"] == "Inundación", "urgente"].tolist() == [24]
