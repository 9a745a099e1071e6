"""The sidebar filters apply to the figures and are written to the URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import AppServer
from tests.browser.helpers import EXCEPTION, as_number, log_in, metric_value, wait_for_app


@pytest.mark.browser
def test_choosing_a_region_narrows_open_repairs(app_server: AppServer, page: Page) -> None:
    log_in(page, app_server.url, "director", "repairs")
    expect(page.locator("h1").first).to_have_text("Repairs")
    everywhere = as_number(metric_value(page, "Open repairs"))
    assert everywhere > 0

    region = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
        has_text="Region"
    )
    region.get_by_role("combobox", name="Region").click()
    page.get_by_role("option", name="North", exact=True).click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(f"{app_server.url}/repairs?region=North")
    wait_for_app(page)

    assert parse_qs(urlsplit(page.url).query) == {"region": ["North"]}
    expect(region).to_contain_text("North")
    north = as_number(metric_value(page, "Open repairs"))
    assert 0 < north < everywhere, f"Open repairs: {north} in North, {everywhere} everywhere"
    expect(page.locator(EXCEPTION)).to_have_count(0)
