"""Without a login cookie every URL shows the login form and nothing else, and reads nothing.

Each server is fresh and its first request is a page URL: with a ``pages/`` folder
beside the entry script, Streamlit's legacy discovery runs ``pages/repairs.py``
directly on a new process's first request, skipping the login in ``dashboard.py``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import AppServer
from tests.browser.helpers import (
    EXCEPTION,
    FORM,
    METRIC,
    NAV_LINKS,
    PAGES,
    WATCH_SCRIPT,
    seen_so_far,
    wait_for_app,
)

# /repairs first: the fresh process's very first page request. The legacy pages/
# discovery would give the same file-style URLs (pages/<name>.py → /<name>) plus
# /dashboard for the entry script itself.
URLS = ["/repairs", "/", *(f"/{path}" for path in PAGES if path != "repairs"), "/dashboard"]


def _shows_only_the_login_form(page: Page, url: str) -> None:
    wait_for_app(page)
    form = page.locator(FORM)
    expect(form, f"login form on {url}").to_be_visible()
    expect(form.get_by_label("Username", exact=True)).to_be_visible()
    expect(page.locator(METRIC), f"metrics on {url}").to_have_count(0)
    expect(page.locator(NAV_LINKS), f"page links on {url}").to_have_count(0)
    expect(page.locator(EXCEPTION), f"exception on {url}").to_have_count(0)


@pytest.mark.browser
def test_every_url_shows_only_the_login_form(fresh_server: AppServer, browser: Browser) -> None:
    for url in URLS:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(fresh_server.url + url)
            _shows_only_the_login_form(page, url)
        finally:
            context.close()
    assert fresh_server.reads() == [], "a visitor who is not logged in made the app read data"


@pytest.mark.browser
def test_first_request_never_shows_page_links(fresh_server: AppServer, browser: Browser) -> None:
    """Not even for a moment: the DOM is watched from before the app's first render."""
    context = browser.new_context()
    try:
        context.add_init_script(WATCH_SCRIPT)
        page = context.new_page()
        page.goto(fresh_server.url + "/repairs")
        wait_for_app(page)
        expect(page.locator(FORM)).to_be_visible()
        seen = seen_so_far(page)
    finally:
        context.close()
    assert seen["metrics"] == 0, f"metrics appeared: {seen}"
    assert seen["titles"] == [], f"page titles appeared: {seen}"
    assert seen["exceptions"] == 0, f"an exception appeared: {seen}"
    assert seen["links"] == [], f"the login screen listed page links: {seen['links']}"
