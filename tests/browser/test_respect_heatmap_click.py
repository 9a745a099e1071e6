"""Clicking a weekday-hour cell of the Respect heatmap filters the page to that cell."""

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
from data_access.subjects import RESPECT
from figures import respect
from figures.respect_breakdowns import when_heatmap
from figures.respect_rows import WEEKDAYS, Cell
from tests.browser.conftest import AppServer
from tests.browser.helpers import EXCEPTION, METRIC, SETTLE_TIMEOUT_MS, log_in, wait_for_app


def _incidents_tile(page: Page) -> str:
    """The Incidents tile's value (not "Serious incidents", which also holds the word)."""
    label = page.locator("[data-testid='stMetricLabel']").get_by_text("Incidents", exact=True)
    tile = page.locator(METRIC).filter(has=label)
    return tile.locator("[data-testid='stMetricValue']").inner_text()


def _snapshot(database):
    return SnapshotStore(SnapshotLoader(Reader(f"sqlite:///{database}"))).get(RESPECT.key)


def _incidents(database, cell: Cell | None) -> int:
    tiles = respect.headline_tiles(_snapshot(database), Filters(), Scope.everything(), cell)
    return int(tiles[0].tile.value)


def _busiest(database) -> tuple[int, int]:
    """(weekday 1-7, hour) of the heatmap's largest cell: its row and bar to click."""
    counts = when_heatmap(_snapshot(database), Filters(), Scope.everything()).counts
    weekday, hour, _ = counts.sort(
        "incidents", "weekday", "hour", descending=[True, False, False]
    ).row(0)
    return weekday, hour


@pytest.mark.browser
def test_clicking_a_heatmap_cell_filters_the_page(
    app_server: AppServer, page: Page, demo_files
) -> None:
    log_in(page, app_server.url, "director", "respect")
    everyone = _incidents(demo_files["database"], None)
    assert _incidents_tile(page) == f"{everyone:,}"
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.scroll_into_view_if_needed()
    weekday, hour = _busiest(demo_files["database"])
    # One trace per weekday (Monday first), one bar per hour (00:00 first).
    cell = chart.locator("g.trace.bars").nth(weekday - 1).locator("g.point path").nth(hour)
    expect(cell).to_be_visible(timeout=SETTLE_TIMEOUT_MS)

    cell.click(force=True)
    expect(page).to_have_url(re.compile(r"inc_cell="), timeout=SETTLE_TIMEOUT_MS)
    wait_for_app(page)

    chosen = Cell.parse(parse_qs(urlsplit(page.url).query)["inc_cell"][0])
    assert chosen == Cell("when", str(weekday), str(hour))
    in_cell = _incidents(demo_files["database"], chosen)
    label = f"{WEEKDAYS[weekday - 1]} {hour:02d}:00 to {hour:02d}:59"
    expect(page.get_by_text(label)).to_be_visible()
    assert _incidents_tile(page) == f"{in_cell:,}"
    assert 0 < in_cell < everyone
    expect(page.locator(EXCEPTION)).to_have_count(0)
