"""AppTest: the repairs page's tiles, targets, drill-down from the URL and downloads."""

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
from data_access.subjects import REFERENCE, REPAIRS_SUBJECT
from figures import repairs_backlog
from tests.apptest_support import log_in

REPAIRS_PAGE = "pages/repairs.py"
MANAGER_SCOPE = Scope.only(["North", "East"])
LABELS = [
    "Open repairs",
    "Overdue repairs",
    "Emergency repairs within target (RP02)",
    "Non-emergency repairs within target (RP02)",
    "Average days to complete",
    "First-visit fix",
    "Appointments kept",
]
ROWS_CAPTION = re.compile(r"^Rows [\d,]+ to [\d,]+ of ([\d,]+) ")
BADGE = re.compile(r"^:(?:green|orange|red)-badge\[(?::material/\w+: )?(.*)\]$")


def _repairs_page(username: str, query_params: dict[str, str] | None = None):
    app = log_in(username)
    app.switch_page(REPAIRS_PAGE)
    app.query_params.update(query_params or {})
    return app.run()


def _is_subsequence(wanted: list[str], labels: list[str]) -> bool:
    remaining = iter(labels)
    return all(label in remaining for label in wanted)


def _tiles(app) -> dict[str, str]:
    return {m.label: m.value for m in app.metric if m.label in LABELS}


def _table_count(app) -> int:
    counts = [ROWS_CAPTION.match(c.value) for c in app.caption]
    (count,) = [int(m.group(1).replace(",", "")) for m in counts if m]
    return count


def _showing(app) -> list[str]:
    return [m.value for m in app.markdown if m.value.startswith("Showing ")]


@pytest.fixture
def store(demo_app):
    return SnapshotStore(SnapshotLoader(Reader(f"sqlite:///{demo_app}")))


def _area_in(store, region: str) -> tuple[str, str]:
    areas = store.get(REFERENCE.key).frames[AREAS.name]
    row = (
        areas.filter(pl.col("region").cast(pl.String) == region)
        .sort("area_id")
        .select("area_id", "area_name")
        .row(0)
    )
    return row[0], row[1]


def _open_count(store, scope: Scope, drill: dict[str, str]) -> int:
    snapshot = store.get(REPAIRS_SUBJECT.key)
    return repairs_backlog.work_orders(snapshot, Filters(), scope, "open", drill).height


@pytest.mark.parametrize("username", ["director", "manager", "analyst"])
def test_repairs_page_shows_the_seven_tiles_in_order(demo_app, username):
    app = _repairs_page(username)
    assert not app.exception
    assert _is_subsequence(LABELS, [m.label for m in app.metric])


def test_managers_tiles_differ_from_the_directors(demo_app):
    director, manager = _tiles(_repairs_page("director")), _tiles(_repairs_page("manager"))
    assert len(director) == len(manager) == len(LABELS)
    assert sum(director[label] != manager[label] for label in LABELS) >= 3


def test_area_in_the_url_lists_only_that_areas_work_orders(demo_app, store):
    area, name = _area_in(store, "North")
    app = _repairs_page("director", {"wo_area": area})
    assert not app.exception
    expected = _open_count(store, Scope.everything(), {"area_id": area})
    assert 0 < expected < _open_count(store, Scope.everything(), {})
    assert _table_count(app) == expected
    assert _showing(app) == [f"Showing area: **{name}**"]


def test_managers_south_area_in_the_url_is_ignored(demo_app, store):
    area, _ = _area_in(store, "South")
    app = _repairs_page("manager", {"wo_area": area})
    assert not app.exception
    assert _showing(app) == []
    assert _table_count(app) == _open_count(store, MANAGER_SCOPE, {})


@pytest.mark.parametrize("username", ["director", "analyst", "manager"])
def test_export_roles_get_csv_and_excel_downloads(demo_app, username):
    # Every role that may open the repairs page may export (auth.roles.EXPORT_ROLES), so
    # there is no repairs viewer for whom the buttons should be absent.
    app = _repairs_page(username)
    keys = {button.key for button in app.get("download_button")}
    assert keys == {"work-orders-csv", "work-orders-xlsx"}


def test_broken_targets_file_warns_and_keeps_the_tiles(demo_app, tmp_path, monkeypatch):
    broken = tmp_path / "targets.toml"
    broken.write_text('[repairs."Open repairs"\ngreen = 1\n', encoding="utf-8")
    monkeypatch.setenv("DOORSTEP_TARGETS_FILE", str(broken))
    app = _repairs_page("director")
    assert not app.exception
    assert any("Targets" in w.value for w in app.warning)
    assert _is_subsequence(LABELS, [m.label for m in app.metric])
    assert not [m.value for m in app.markdown if BADGE.match(m.value)]


def test_director_sees_target_badges(demo_app):
    app = _repairs_page("director")
    badges = [match.group(1) for m in app.markdown if (match := BADGE.match(m.value))]
    assert any(text.startswith(("On target", "Near target", "Off target")) for text in badges)
