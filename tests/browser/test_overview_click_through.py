"""An Overview subject link opens the subject's page on the same filters."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import AppServer
from tests.browser.helpers import EXCEPTION, METRIC, log_in, wait_for_app

SIDEBAR_REGION = "[data-testid='stSidebar'] [data-testid='stMultiSelect']"
PAGE_LINK = "[data-testid='stPageLink-NavLink']"


@pytest.mark.browser
def test_open_repairs_keeps_the_chosen_region(app_server: AppServer, page: Page) -> None:
    log_in(page, app_server.url, "director")
    expect(page.locator("h1").first).to_have_text("Overview")
    region = page.locator(SIDEBAR_REGION).filter(has_text="Region")
    region.get_by_role("combobox", name="Region").click()
    page.get_by_role("option", name="North", exact=True).click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(f"{app_server.url}/overview?region=North")
    wait_for_app(page)

    page.locator(PAGE_LINK).filter(has_text="Open Repairs").first.click()
    expect(page.locator("h1").first).to_have_text("Repairs")
    expect(page.locator(METRIC).first).to_be_visible()
    wait_for_app(page)
    assert urlsplit(page.url).path == "/repairs"
    assert parse_qs(urlsplit(page.url).query).get("region") == ["North"]
    region = page.locator(SIDEBAR_REGION).filter(has_text="Region")
    expect(region).to_contain_text("North")
    expect(region.get_by_role("group", name="Selected values")).to_have_text("North")
    expect(page.locator(EXCEPTION)).to_have_count(0)
