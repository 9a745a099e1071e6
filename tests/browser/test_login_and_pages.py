"""Form login per role: exactly the role's pages, each rendering; bad passwords; logout."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import AppServer
from tests.browser.helpers import (
    EXCEPTION,
    FORM,
    METRIC,
    NAV_LINKS,
    PAGES,
    ROLE_PAGES,
    log_in,
    nav_titles,
    submit_login,
    wait_for_app,
)


@pytest.mark.browser
@pytest.mark.parametrize("username", list(ROLE_PAGES))
def test_role_sees_and_opens_exactly_its_pages(
    app_server: AppServer, page: Page, username: str
) -> None:
    log_in(page, app_server.url, username)
    allowed = ROLE_PAGES[username]
    # Streamlit shows no navigation at all for a role with a single page.
    expected_nav = [PAGES[path][0] for path in allowed] if len(allowed) > 1 else []
    assert nav_titles(page) == expected_nav
    for path in allowed:
        nav_title, heading = PAGES[path]
        if expected_nav:
            link = page.locator(NAV_LINKS).filter(has_text=nav_title).first
            if link.evaluate("a => a.closest('[inert]') !== null"):
                # Past the top bar's width: the link is in its "N more" menu.
                page.locator("[data-testid='stTopNavSection']").click()
                link = page.locator("[data-testid='stTopNavDropdownLink']").filter(
                    has_text=nav_title
                )
            link.click()
        # The root opens the role's landing page at its own URL (ui.navigation.pages_for).
        expect(page).to_have_url(f"{app_server.url}/{path}")
        expect(page.locator("h1").first).to_have_text(heading)
        expect(page.locator(METRIC).first).to_be_visible()
        wait_for_app(page)
        expect(page.locator("h1").first, f"{username} on {path}").to_have_text(heading)
        expect(page.locator(EXCEPTION), f"{username} on {path}").to_have_count(0)
        assert page.locator(METRIC).count() >= 1, f"{username} on {path}: no metric"


@pytest.mark.browser
def test_wrong_password_shows_an_error_and_no_figures(app_server: AppServer, page: Page) -> None:
    page.goto(app_server.url)
    wait_for_app(page)
    submit_login(page, "director", "not-the-password")
    expect(page.locator("[data-testid='stAlert']")).to_contain_text("incorrect")
    wait_for_app(page)
    expect(page.locator(FORM)).to_be_visible()
    expect(page.locator(METRIC)).to_have_count(0)
    expect(page.locator(NAV_LINKS)).to_have_count(0)


@pytest.mark.browser
def test_logout_returns_to_the_form_and_stays_out(app_server: AppServer, page: Page) -> None:
    log_in(page, app_server.url, "manager")
    page.locator("[data-testid='stSidebar']").get_by_role("button", name="Log out").click()
    expect(page.locator(FORM)).to_be_visible()
    wait_for_app(page)
    expect(page.locator(METRIC)).to_have_count(0)
    page.reload()
    wait_for_app(page)
    expect(page.locator(FORM)).to_be_visible()
    expect(page.locator(METRIC)).to_have_count(0)
    expect(page.locator(NAV_LINKS)).to_have_count(0)
