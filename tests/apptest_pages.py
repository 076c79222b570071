"""Open a navigation page in AppTest by its URL path.

``AppTest.switch_page`` only knows file-based pages, and ours are functions handed to
``st.Page``; so this looks the page up among those the last run registered, by the hash
Streamlit derives from its URL path. A page the run did not register (one the role may not
see) raises ``LookupError``.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from auth.roles import PAGES
from dashboard.domain import Role, local_now
from dashboard.settings import PROJECT_ROOT

APP = str(PROJECT_ROOT / "dashboard" / "app.py")


def role_pages() -> list[tuple[Role, str]]:
    """Every (role, page) pair the navigation offers."""
    return [(role, url_path) for role, paths in PAGES.items() for url_path in paths]


def signed_in(at: AppTest, username: str) -> AppTest:
    """Start the session as if ``username`` had just logged in with the form.

    The login form itself is exercised in ``test_login.py`` and end to end in Chromium.
    """
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["login_at"] = local_now()
    return at


def open_page(at: AppTest, url_path: str) -> AppTest:
    """Run the page whose ``url_path`` is given, as a click in the navigation would."""
    page_hash = calc_hash(url_path)  # how st.Page names a function page
    if page_hash not in at._registered_pages:
        raise LookupError(f"page {url_path!r} is not in this session's navigation")
    at._page_hash = page_hash
    return at.run()


def page_as(username: str, url_path: str, lang: str = "es") -> AppTest:
    """``url_path`` as ``username`` sees it, in ``lang``."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["lang"] = lang
    return open_page(signed_in(at, username).run(), url_path)


def metrics(at: AppTest) -> dict[str, str]:
    """The headline figures on screen: label → value as written."""
    return {metric.label: metric.value for metric in at.metric}
