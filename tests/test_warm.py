"""Warming a new snapshot builds the shared all-area frames, so a viewer only slices."""

from __future__ import annotations

from functools import partial

import pytest

from data_access.filters import Filters
from data_access.reader import Reader
from data_access.scope import Scope
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from figures import outreach, repairs
from figures.warm import warm_default_views
from tests import fixture_outreach, fixture_repairs_kpis
from tests.dbs import sqlite_url, write_database

MANAGER = Scope.only(["North"])


def _now(warm, *args) -> None:
    """Run the weekly warm-up at once, so each test sees every frame it builds."""
    warm(*args)


WARM_NOW = partial(warm_default_views, background=_now)


def _shared_frames(snapshot) -> set:
    return {key for key in snapshot._memo._frames if key[0] == "every-area"}


@pytest.fixture
def store(tmp_path):
    url = sqlite_url(tmp_path)
    write_database(url, fixture_repairs_kpis.ROWS)
    loader = SnapshotLoader(Reader(url), clock=lambda: fixture_repairs_kpis.READ_AT)
    return SnapshotStore(loader, warm=WARM_NOW)


def test_warming_repairs_leaves_a_managers_view_nothing_shared_to_build(store):
    snapshot = store.get("repairs")
    shared = _shared_frames(snapshot)
    assert shared
    repairs.headline_tiles(snapshot, Filters(), MANAGER)
    assert _shared_frames(snapshot) == shared


def test_warming_outreach_leaves_a_managers_view_nothing_shared_to_build(tmp_path):
    url = sqlite_url(tmp_path)
    write_database(url, fixture_outreach.ROWS)
    loader = SnapshotLoader(Reader(url), clock=lambda: fixture_outreach.READ_AT)
    store = SnapshotStore(loader, warm=WARM_NOW)
    snapshot = store.get("outreach")
    shared = _shared_frames(snapshot)
    assert shared
    campaign = outreach.default_campaign(outreach.campaigns(store.get("reference")))
    outreach.headline_tiles(snapshot, Filters(), MANAGER, campaign.campaign_id)
    assert _shared_frames(snapshot) == shared


def _weekly_keys(snapshot) -> set:
    return {key for key in snapshot._memo._frames if key[0] == "weekly-headlines"}


def test_warming_builds_the_overview_and_huddle_lines_a_director_then_reuses(store):
    from figures.headlines import overview_headlines, subject_period, weekly_values, weeks_ending
    from figures.huddle import huddle_weeks
    from figures.huddle_view import huddle_view

    snapshot = store.get("repairs")
    warmed = _weekly_keys(snapshot)
    assert len(warmed) == 3  # the Overview's 12 weeks, the Huddle's 12 and its 13
    snapshots = {"reference": store.get("reference"), "repairs": snapshot}
    everyone, filters = Scope.everything(), Filters()
    assert overview_headlines("repairs", snapshots, filters, everyone)
    weeks = weeks_ending(subject_period("repairs", snapshots, filters))
    weekly_values("repairs", snapshots, filters, everyone, weeks)
    week = huddle_weeks(snapshot.latest_day)[0]
    huddle_view(snapshots, filters, everyone, week, ["repairs"], suppress=False)
    assert _weekly_keys(snapshot) == warmed
