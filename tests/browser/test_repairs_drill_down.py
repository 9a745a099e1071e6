"""Clicking a bar on the repairs page filters the work-order table and the URL."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from data_access.filters import Filters
from data_access.reader import Reader
from data_access.scope import Scope
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from figures.repairs_backlog import open_and_overdue_by
from tests.browser.conftest import AppServer
from tests.browser.helpers import EXCEPTION, SETTLE_TIMEOUT_MS, log_in, wait_for_app

ROWS_CAPTION = re.compile(r"^Rows [\d,]+ to [\d,]+ of ([\d,]+)")


def _rows_listed(page: Page) -> int:
    caption = page.get_by_text(ROWS_CAPTION)
    expect(caption).to_be_visible(timeout=SETTLE_TIMEOUT_MS)
    return int(ROWS_CAPTION.match(caption.inner_text()).group(1).replace(",", ""))


def _open_by_area(database) -> dict[str, int]:
    snapshot = SnapshotStore(SnapshotLoader(Reader(f"sqlite:///{database}"))).get("repairs")
    counts = open_and_overdue_by(snapshot, Filters(), Scope.everything(), "area_id")
    return dict(counts.select("area_id", "open").iter_rows())


@pytest.mark.browser
def test_clicking_an_area_bar_filters_the_work_orders(
    app_server: AppServer, page: Page, demo_files
) -> None:
    log_in(page, app_server.url, "director", "repairs")
    everything = _rows_listed(page)
    by_area = page.locator("[data-testid='stColumn']").filter(has_text="By area")
    chart = by_area.locator("[data-testid='stPlotlyChart']")
    chart.scroll_into_view_if_needed()
    bars = chart.locator(".bars .point path")
    expect(bars.first).to_be_visible(timeout=SETTLE_TIMEOUT_MS)

    bars.nth(1).click(force=True)  # the second-largest area's "Open" bar
    expect(page).to_have_url(re.compile(r"wo_area="), timeout=SETTLE_TIMEOUT_MS)
    wait_for_app(page)

    area = parse_qs(urlsplit(page.url).query)["wo_area"][0]
    expected = _open_by_area(demo_files["database"])[area]
    expect(page.get_by_text(re.compile(r"^Showing area: "))).to_be_visible()
    assert _rows_listed(page) == expected < everything
    expect(page.locator(EXCEPTION)).to_have_count(0)


@pytest.mark.browser
def test_clear_selection_lists_every_open_work_order(app_server: AppServer, page: Page) -> None:
    log_in(page, app_server.url, "director", "repairs?wo_trade=plumbing")
    filtered = _rows_listed(page)
    page.get_by_role("button", name="Clear selection").click()
    wait_for_app(page)
    expect(page).not_to_have_url(re.compile(r"wo_trade="))
    assert _rows_listed(page) > filtered
