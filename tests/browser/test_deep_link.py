"""Pasted links: with the login cookie, through the login form, and beyond the role."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import AppServer
from tests.browser.helpers import (
    EXCEPTION,
    METRIC,
    SETTLE_TIMEOUT_MS,
    WATCH_SCRIPT,
    log_in,
    seen_so_far,
    submit_login,
    wait_for_app,
)

LINK = "/repairs?period=Last+4+weeks&region=North"
LINK_FILTERS = {"period": ["Last 4 weeks"], "region": ["North"]}


def _signed_in_page(browser: Browser, base_url: str, username: str) -> Iterator[Page]:
    """A new context holding only the cookie a form login left behind."""
    first = browser.new_context()
    try:
        page = first.new_page()
        log_in(page, base_url, username)
        # The cookie is written by the login run's last element; a first (cold) load
        # can show the page's metrics before that element has arrived.
        page.wait_for_function(
            "() => document.cookie.includes('doorstep_auth=')", timeout=SETTLE_TIMEOUT_MS
        )
        state = first.storage_state()
    finally:
        first.close()
    assert any(cookie["name"] == "doorstep_auth" for cookie in state["cookies"])
    context = browser.new_context(storage_state=state)
    context.set_default_timeout(SETTLE_TIMEOUT_MS)
    context.add_init_script(WATCH_SCRIPT)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def director_page(app_server: AppServer, browser: Browser) -> Iterator[Page]:
    yield from _signed_in_page(browser, app_server.url, "director")


@pytest.fixture
def huddle_page(app_server: AppServer, browser: Browser) -> Iterator[Page]:
    yield from _signed_in_page(browser, app_server.url, "huddle")


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.browser
def test_link_with_cookie_opens_the_page_with_its_filters(
    app_server: AppServer, director_page: Page
) -> None:
    page = director_page
    page.goto(app_server.url + LINK)
    expect(page.locator("h1").first).to_have_text("Repairs")
    expect(page.locator(METRIC).first).to_be_visible()
    wait_for_app(page)
    assert urlsplit(page.url).path == "/repairs"
    assert _query(page) == LINK_FILTERS
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_role("combobox", name="Period")).to_have_value("Last 4 weeks")
    expect(
        sidebar.locator("[data-testid='stMultiSelect']").filter(has_text="Region")
    ).to_contain_text("North")
    expect(page.locator(EXCEPTION)).to_have_count(0)


@pytest.mark.browser
def test_link_before_login_lands_on_its_page_after_the_form(
    app_server: AppServer, page: Page
) -> None:
    page.goto(app_server.url + LINK)
    wait_for_app(page)
    assert urlsplit(page.url).path == "/repairs"
    submit_login(page, "director")
    expect(page.locator("h1").first).to_have_text("Repairs")
    expect(page.locator(METRIC).first).to_be_visible()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("Repairs")
    assert urlsplit(page.url).path == "/repairs"


@pytest.mark.browser
def test_link_before_login_keeps_its_filters(app_server: AppServer, page: Page) -> None:
    page.goto(app_server.url + LINK)
    wait_for_app(page)
    submit_login(page, "director")
    expect(page.locator(METRIC).first).to_be_visible()
    wait_for_app(page)
    assert _query(page) == LINK_FILTERS
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_role("combobox", name="Period")).to_have_value("Last 4 weeks")


@pytest.mark.browser
def test_page_outside_the_role_falls_back_to_the_landing_page(
    app_server: AppServer, huddle_page: Page
) -> None:
    page = huddle_page
    page.goto(app_server.url + "/repairs")
    # The huddle role's landing page is the Huddle (issue 6).
    expect(page.locator("h1").first).to_have_text("Huddle")
    expect(page.locator(METRIC).first).to_be_visible()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("Huddle")
    seen = seen_so_far(page)
    assert "Repairs" not in seen["titles"], f"the huddle screen showed {seen['titles']}"
