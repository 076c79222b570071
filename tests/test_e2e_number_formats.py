"""End to end: a Spanish page in an English browser still writes figures the Spanish way,
and an English page in a Spanish browser the English way.

Streamlit's own number formats follow the browser's locale; ours must not. The grid is drawn
on a canvas, and its accessible copy holds the raw values, so the test records the text the
grid paints (``fillText``) and reads the cells from that.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from dashboard.db import build_engine
from dashboard.domain import local_now
from dashboard.i18n import format_int, translate
from dashboard.migrate import upgrade
from tests.builders import PASSWORD, add_case, add_role_users, small_world
from tests.e2e_queue import table_headed
from tests.e2e_server import chromium, log_in, running_app
from tests.test_e2e_tables_fit import in_language
from tests.test_number_formats import BY_EMAIL, DAY, add_email_cases

pytestmark = pytest.mark.e2e

#: Keeps every string the page paints on a canvas, in ``window.painted``.
RECORD_PAINTED_TEXT = """
window.painted = [];
const fillText = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
  window.painted.push(String(text));
  return fillText.call(this, text, ...rest);
};
"""


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """1,234 cases by e-mail and 3 by WhatsApp: a count with thousands, shares with decimals."""
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    add_email_cases(engine, BY_EMAIL)
    for days in (2, 3, 4):
        add_case(engine, world, created_at=local_now() - timedelta(days=days))
    add_role_users(engine, world)
    engine.dispose()
    return url


def test_a_spanish_table_in_an_english_browser(database_url: str, tmp_path: Path) -> None:
    with running_app(database_url, tmp_path / "streamlit.log") as base, chromium() as browser:
        context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1400})
        context.add_init_script(RECORD_PAINTED_TEXT)
        page = context.new_page()
        log_in(page, base, "gabinete", PASSWORD)  # Resumen, the first page
        table = page.get_by_test_id("stDataFrame").filter(has_text="Correo electrónico")
        table.scroll_into_view_if_needed()
        page.wait_for_function("() => window.painted.includes('Correo electrónico')")
        painted = page.evaluate("() => window.painted")
        locale = page.evaluate("() => navigator.language")

    assert locale == "en-US"
    assert {"1.234", "99,8 %", "0,2 %"} <= set(painted)
    assert not {"1,234", "99.8%", "0.998"} & set(painted)


@pytest.mark.parametrize(("lang", "locale"), [("es", "en-US"), ("en", "es-AR")])
def test_the_queue_follows_the_interface_language_not_the_browser(
    database_url: str, tmp_path: Path, lang: str, locale: str
) -> None:
    other = "en" if lang == "es" else "es"
    with running_app(database_url, tmp_path / "streamlit.log") as base, chromium() as browser:
        context = browser.new_context(locale=locale, viewport={"width": 1440, "height": 900})
        context.add_init_script(RECORD_PAINTED_TEXT)
        page = context.new_page()
        log_in(page, base, "supervisora", PASSWORD, "/bandejas")
        in_language(page, base, "/bandejas", lang)
        table_headed(page, translate("field.priority", lang)).wait_for()
        page.wait_for_function(  # a day painted, in either writing
            "day => window.painted.some(text => new RegExp(day).test(text))",
            arg=f"^({DAY['es']}|{DAY['en']})$",
        )
        painted = page.evaluate("() => window.painted")
        open_cases = page.get_by_test_id("stMetricValue").first.inner_text()

    days = [text for text in painted if re.fullmatch(DAY[lang], text)]
    assert len(days) >= 2 * 3  # created and due, of the page's first rows at least
    assert not [text for text in painted if re.fullmatch(DAY[other], text)]
    assert open_cases == format_int(BY_EMAIL + 3, lang)  # "1.237" / "1,237"
