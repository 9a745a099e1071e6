"""The huddle pack opens with no network at all: Plotly inline, every chart drawn."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.conftest import AppServer
from tests.browser.helpers import EXCEPTION, METRIC, SETTLE_TIMEOUT_MS, log_in, wait_for_app


@pytest.mark.browser
def test_downloaded_pack_renders_offline(
    app_server: AppServer, page: Page, browser: Browser, tmp_path
) -> None:
    log_in(page, app_server.url, "director", "huddle")
    expect(page.locator("h1").first).to_have_text("Huddle")
    expect(page.locator(METRIC).first).to_be_visible()
    wait_for_app(page)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    button = page.get_by_role("button", name="Download huddle pack")
    with page.expect_download(timeout=SETTLE_TIMEOUT_MS) as download_info:
        button.click()
    pack = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(pack)
    assert pack.suffix == ".html" and pack.stat().st_size > 0

    aborted: list[str] = []

    def _no_network(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            aborted.append(route.request.url)
            route.abort()

    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    context.set_default_timeout(SETTLE_TIMEOUT_MS)
    try:
        context.route("**/*", _no_network)
        offline = context.new_page()
        offline.goto(pack.as_uri())
        charts = offline.locator(".js-plotly-plot")
        expect(charts).to_have_count(4)
        for index in range(4):
            expect(charts.nth(index).locator(".main-svg").first).to_be_attached()
        expect(offline.locator("#headlines tbody tr")).to_have_count(10)
        changes = offline.locator("#what-changed li").count()
        assert 1 <= changes <= 5, f"{changes} What changed items"
        assert offline.evaluate("typeof window.Plotly !== 'undefined'")
    finally:
        context.close()
    assert aborted == [], f"the pack asked the network for {aborted}"
