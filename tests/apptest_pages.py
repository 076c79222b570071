"""Open a navigation page in AppTest by its URL path.

``AppTest.switch_page`` only knows file-based pages, and ours are functions handed to
``st.Page``; so this looks the page up among those the last run registered. A page that the
run did not register (for instance one the role may not see) raises ``LookupError``.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.navigation import pages


def registered_url_paths() -> list[str]:
    """URL paths of every page in the navigation (the default page answers to "")."""
    return [page.url_path for section in pages().values() for page in section]


def open_page(at: AppTest, url_path: str) -> AppTest:
    for page_hash, info in at._registered_pages.items():
        if info.get("url_pathname") == url_path:
            at._page_hash = page_hash
            return at.run()
    raise LookupError(f"page {url_path!r} is not in this session's navigation")
