"""Clicking a team bar on the outreach page narrows the follow-up list and the URL."""

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
from data_access.subjects import OUTREACH, REFERENCE
from figures import outreach
from figures.outreach_follow_up import follow_up_list
from tests.browser.conftest import AppServer
from tests.browser.helpers import EXCEPTION, SETTLE_TIMEOUT_MS, log_in, wait_for_app

ROWS_CAPTION = re.compile(r"^Rows [\d,]+ to [\d,]+ of ([\d,]+)")


def _rows_listed(page: Page) -> int:
    caption = page.get_by_text(ROWS_CAPTION)
    expect(caption).to_be_visible(timeout=SETTLE_TIMEOUT_MS)
    return int(ROWS_CAPTION.match(caption.inner_text()).group(1).replace(",", ""))


def _follow_ups_for_team(database, team: str) -> int:
    store = SnapshotStore(SnapshotLoader(Reader(f"sqlite:///{database}")))
    campaign = outreach.default_campaign(outreach.campaigns(store.get(REFERENCE.key)))
    rows = follow_up_list(
        store.get(OUTREACH.key),
        Filters(),
        Scope.everything(),
        campaign.campaign_id,
        {"team_id": team},
    )
    return rows.height


@pytest.mark.browser
def test_clicking_a_team_bar_narrows_the_follow_up_list(
    app_server: AppServer, page: Page, demo_files
) -> None:
    log_in(page, app_server.url, "director", "outreach")
    everyone = _rows_listed(page)
    by_team = page.locator("[data-testid='stColumn']").filter(has_text="By team")
    chart = by_team.locator("[data-testid='stPlotlyChart']")
    chart.scroll_into_view_if_needed()
    bars = chart.locator(".bars .point path")
    expect(bars.first).to_be_visible(timeout=SETTLE_TIMEOUT_MS)

    bars.first.click(force=True)  # the team with the lowest reach rate
    expect(page).to_have_url(re.compile(r"fu_team="), timeout=SETTLE_TIMEOUT_MS)
    wait_for_app(page)

    team = parse_qs(urlsplit(page.url).query)["fu_team"][0]
    expect(page.get_by_text(re.compile(r"^Showing team: "))).to_be_visible()
    assert _rows_listed(page) == _follow_ups_for_team(demo_files["database"], team) < everyone
    expect(page.locator(EXCEPTION)).to_have_count(0)
