"""Warming a new snapshot builds the shared all-area frames, so a viewer only slices."""

from __future__ import annotations

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


def _shared_frames(snapshot) -> set:
    return {key for key in snapshot._memo._frames if key[0] == "every-area"}


@pytest.fixture
def store(tmp_path):
    url = sqlite_url(tmp_path)
    write_database(url, fixture_repairs_kpis.ROWS)
    loader = SnapshotLoader(Reader(url), clock=lambda: fixture_repairs_kpis.READ_AT)
    return SnapshotStore(loader, warm=warm_default_views)


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
    store = SnapshotStore(loader, warm=warm_default_views)
    snapshot = store.get("outreach")
    shared = _shared_frames(snapshot)
    assert shared
    campaign = outreach.default_campaign(outreach.campaigns(store.get("reference")))
    outreach.headline_tiles(snapshot, Filters(), MANAGER, campaign.campaign_id)
    assert _shared_frames(snapshot) == shared
