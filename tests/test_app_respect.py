"""AppTest: the Respect page per role: tiles, suppression, the incident list and its log."""

from __future__ import annotations

import re

import pytest

from audit.access_log import access_log
from data_access.filters import Filters
from data_access.reader import Reader
from data_access.scope import Scope
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import RESPECT
from figures import respect
from figures.respect_rows import Cell, incident_list
from figures.suppression import SUPPRESSED
from tests.apptest_support import log_in

PAGE, LOG_PAGE = "pages/respect.py", "pages/access_log.py"
LABELS = [
    "Incidents",
    "Serious incidents",
    "While working from home",
    "Median days to action",
    "RIDDOR reportable",
]
SMALL = {"1", "2", "3", "4"}


def _open(username: str, page: str = PAGE, query_params: dict[str, str] | None = None):
    app = log_in(username)
    app.switch_page(page)
    app.query_params.update(query_params or {})
    return app.run()


def _values(app) -> dict[str, str]:
    return {m.label: m.value for m in app.metric if m.label in LABELS}


@pytest.fixture
def snapshot(demo_app):
    return SnapshotStore(SnapshotLoader(Reader(f"sqlite:///{demo_app}"))).get(RESPECT.key)


def _expected(snapshot, scope: Scope, cell: Cell | None = None) -> dict[str, float | None]:
    tiles = respect.headline_tiles(snapshot, Filters(), scope, cell)
    return {t.tile.label: t.tile.value for t in tiles}


@pytest.mark.parametrize("username", ["director", "safety", "manager", "analyst"])
def test_the_page_shows_its_five_tiles_in_order(demo_app, username):
    app = _open(username)
    assert not app.exception
    assert [m.label for m in app.metric if m.label in LABELS] == LABELS


@pytest.mark.parametrize("username", ["director", "safety"])
def test_detail_roles_see_exact_counts_and_the_incident_list(demo_app, snapshot, username):
    app = _open(username)
    expected = _expected(snapshot, Scope.everything())
    assert _values(app)["Incidents"] == f"{expected['Incidents']:,}"
    assert "Incident list" in [h.value for h in app.subheader]
    assert not any(SUPPRESSED in c.value for c in app.caption)


@pytest.mark.parametrize("username", ["manager", "analyst"])
def test_suppressed_roles_get_no_list_and_no_small_number_anywhere(demo_app, username):
    app = _open(username)
    assert "Incident list" not in [h.value for h in app.subheader]
    assert any(SUPPRESSED in c.value for c in app.caption)
    assert not SMALL & set(_values(app).values())
    shown = [value for frame in app.dataframe for value in frame.value.to_numpy().ravel()]
    assert shown, "the heatmap tables are rendered"
    assert not SMALL & {str(v) for v in shown}
    assert access_log().entries().is_empty()


def test_a_managers_tiles_are_their_regions_only(demo_app, snapshot):
    app = _open("manager")
    expected = _expected(snapshot, Scope.only(["North", "East"]))
    everyone = _expected(snapshot, Scope.everything())
    assert expected["Incidents"] != everyone["Incidents"]
    count = expected["Incidents"]
    assert _values(app)["Incidents"] == (SUPPRESSED if 0 < count < 5 else f"{count:,}")


def test_a_cell_in_the_url_filters_the_page(demo_app, snapshot):
    cell = Cell("when", "1", "10")  # Monday 10:00, the demo's busiest hour
    app = _open("director", query_params={"inc_cell": cell.param})
    expected = _expected(snapshot, Scope.everything(), cell)
    assert 0 < expected["Incidents"] < _expected(snapshot, Scope.everything())["Incidents"]
    assert _values(app)["Incidents"] == f"{expected['Incidents']:,}"
    assert any("Mon 10:00 to 10:59" in m.value for m in app.markdown)


def test_a_malformed_cell_in_the_url_is_ignored(demo_app, snapshot):
    app = _open("director", query_params={"inc_cell": "when:9:99"})
    assert not app.exception
    expected = _expected(snapshot, Scope.everything())
    assert _values(app)["Incidents"] == f"{expected['Incidents']:,}"


def test_each_view_of_the_list_is_logged_with_its_filters(demo_app, snapshot):
    cell = Cell("channel", "phone", "verbal_abuse")
    _open("safety", query_params={"inc_cell": cell.param})
    entries = access_log().entries()
    assert entries.get_column("username").to_list() == ["safety"]
    assert entries.get_column("role").to_list() == ["safety_lead"]
    assert cell.param in entries.get_column("filters").item()
    rows = incident_list(snapshot, Filters(), Scope.everything(), cell).height
    assert entries.get_column("rows_shown").item() == rows


def test_directors_can_read_the_log_and_analysts_cannot_open_it(demo_app):
    _open("director")
    app = _open("director", LOG_PAGE)
    assert not app.exception
    assert [t.value for t in app.title] == ["Incident access log"]
    assert app.dataframe[0].value["username"].tolist() == ["director"]
    analyst = log_in("analyst")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        analyst.switch_page(LOG_PAGE)


def test_an_unwritable_log_withholds_the_list(demo_app, tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_ACCESS_LOG", str(tmp_path))  # a folder: cannot be written
    app = _open("director")
    assert not app.exception
    assert any("could not be logged" in e.value for e in app.error)
    assert not any(re.match(r"^Rows [\d,]+ to", c.value) for c in app.caption)
