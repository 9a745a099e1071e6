"""AppTest: the outreach and food-support pages for each role, campaigns and drill-downs."""

from __future__ import annotations

import re

import polars as pl
import pytest

from data_access.filters import Filters
from data_access.reader import Reader
from data_access.schema import AREAS
from data_access.scope import Scope
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import FOOD, OUTREACH, REFERENCE
from figures import food, outreach
from figures.outreach_follow_up import follow_up_list
from tests import fixture_outreach
from tests.apptest_support import log_in
from tests.dbs import write_database

OUTREACH_PAGE, FOOD_PAGE = "pages/outreach.py", "pages/food_support.py"
OUTREACH_LABELS = [
    "Residents in cohort",
    "Residents reached",
    "Cohort reached",
    "Calls made",
    "Needs identified",
    "Follow-ups outstanding",
]
FOOD_LABELS = [
    "Referrals",
    "Fulfilled",
    "Median days to fulfil",
    "People fed",
    "Children fed",
    "Food needs referred",
]
ROWS_CAPTION = re.compile(r"^Rows [\d,]+ to [\d,]+ of ([\d,]+) ")
MANAGER_SCOPE = Scope.only(["North", "East"])


def _open(username: str, page: str, query_params: dict[str, str] | None = None):
    app = log_in(username)
    app.switch_page(page)
    app.query_params.update(query_params or {})
    return app.run()


def _labels(app, wanted: list[str]) -> list[str]:
    return [m.label for m in app.metric if m.label in wanted]


def _values(app, wanted: list[str]) -> dict[str, str]:
    return {m.label: m.value for m in app.metric if m.label in wanted}


def _table_count(app) -> int:
    found = [ROWS_CAPTION.match(c.value) for c in app.caption]
    (count,) = [int(m.group(1).replace(",", "")) for m in found if m]
    return count


@pytest.fixture
def store(demo_app):
    return SnapshotStore(SnapshotLoader(Reader(f"sqlite:///{demo_app}")))


def _default_campaign(store) -> outreach.Campaign:
    campaign = outreach.default_campaign(outreach.campaigns(store.get(REFERENCE.key)))
    assert campaign is not None
    return campaign


@pytest.mark.parametrize("username", ["director", "manager", "analyst"])
def test_outreach_page_shows_its_six_tiles(demo_app, username):
    app = _open(username, OUTREACH_PAGE)
    assert not app.exception
    assert _labels(app, OUTREACH_LABELS) == OUTREACH_LABELS


@pytest.mark.parametrize("username", ["director", "manager", "analyst"])
def test_food_page_shows_its_six_tiles(demo_app, username):
    app = _open(username, FOOD_PAGE)
    assert not app.exception
    assert _labels(app, FOOD_LABELS) == FOOD_LABELS


PAGES = [(OUTREACH_PAGE, OUTREACH_LABELS), (FOOD_PAGE, FOOD_LABELS)]


@pytest.mark.parametrize(("page", "labels"), PAGES)
def test_a_managers_figures_differ_from_a_directors(demo_app, page, labels):
    director, manager = _open("director", page), _open("manager", page)
    mine, theirs = _values(manager, labels), _values(director, labels)
    assert sum(mine[label] != theirs[label] for label in labels) >= 3, (mine, theirs)


def test_outreach_opens_on_the_latest_running_campaign(demo_app, store):
    app = _open("director", OUTREACH_PAGE)
    assert app.selectbox(key="o_campaign").value == _default_campaign(store).campaign_id


def test_a_campaign_in_the_url_is_opened(demo_app, store):
    choices = outreach.campaigns(store.get(REFERENCE.key))
    other = next(c for c in choices if c != _default_campaign(store))
    app = _open("director", OUTREACH_PAGE, {"campaign": other.campaign_id})
    assert app.selectbox(key="o_campaign").value == other.campaign_id
    snapshot = store.get(OUTREACH.key)
    tiles = outreach.headline_tiles(snapshot, Filters(), Scope.everything(), other.campaign_id)
    calls = next(t for t in tiles if t.label == "Calls made")
    assert _values(app, ["Calls made"])["Calls made"] == f"{calls.value:,}"


def _area_in(store, region: str) -> str:
    areas = store.get(REFERENCE.key).frames[AREAS.name]
    return areas.filter(pl.col("region").cast(pl.String) == region).sort("area_id")["area_id"][0]


def test_an_area_in_the_url_narrows_the_follow_up_list(demo_app, store):
    area = _area_in(store, "North")
    app = _open("director", OUTREACH_PAGE, {"fu_area": area})
    snapshot, campaign = store.get(OUTREACH.key), _default_campaign(store)
    expected = follow_up_list(
        snapshot, Filters(), Scope.everything(), campaign.campaign_id, {"area_id": area}
    )
    assert expected.height > 0
    assert _table_count(app) == expected.height
    assert [m.value for m in app.markdown if m.value.startswith("Showing area: ")]


def test_a_managers_follow_up_list_ignores_an_area_outside_their_regions(demo_app, store):
    app = _open("manager", OUTREACH_PAGE, {"fu_area": _area_in(store, "South")})
    snapshot, campaign = store.get(OUTREACH.key), _default_campaign(store)
    expected = follow_up_list(snapshot, Filters(), MANAGER_SCOPE, campaign.campaign_id, {})
    assert _table_count(app) == expected.height
    assert not [m.value for m in app.markdown if m.value.startswith("Showing ")]


def test_a_partner_in_the_url_narrows_the_referral_table(demo_app, store):
    snapshot = store.get(FOOD.key)
    partners = food.partner_performance(snapshot, Filters(), Scope.everything())
    partner = partners["partner_name"][0]
    app = _open("director", FOOD_PAGE, {"ref_partner": partner})
    drill = {"partner_name": partner}
    expected = food.referral_rows(snapshot, Filters(), Scope.everything(), drill)
    assert _table_count(app) == expected.height == partners["referrals"][0]


def test_export_roles_get_the_downloads(demo_app):
    app = _open("analyst", FOOD_PAGE)
    keys = {button.key for button in app.get("download_button")}
    assert {"referrals-csv", "referrals-xlsx"} <= keys, keys


def test_a_campaign_with_no_calls_yet_shows_an_empty_state(demo_app, tmp_path, monkeypatch):
    # The hand-worked outreach fixture's latest running campaign, C3, has no calls yet.
    database = tmp_path / "outreach.sqlite"
    write_database(f"sqlite:///{database}", fixture_outreach.ROWS)
    monkeypatch.setenv("DOORSTEP_DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("DOORSTEP_COOKIE_KEY", "a-long-random-key-used-only-by-this-test")
    app = log_in("director")
    app.switch_page(OUTREACH_PAGE).run()
    assert not app.exception
    assert app.selectbox(key="o_campaign").value == "C3"
    assert _values(app, ["Calls made", "Residents reached"]) == {
        "Calls made": "0",
        "Residents reached": "0",
    }
    assert any(
        i.value.startswith("No residents have been reached in Cost of living") for i in app.info
    )
    assert any(i.value == "No calls in this period for this campaign." for i in app.info)
