"""Service-with-Respect tiles, heatmaps, breakdowns and list against fixture_respect.

Every expected value is worked out by hand in the fixture's docstring and its HEATMAPS
notes. Each test runs on SQLite and on PostgreSQL (one on PostgreSQL alone).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, text

from data_access.filters import Filters, Period
from data_access.reader import Reader
from data_access.schema import INCIDENTS
from data_access.scope import Scope
from data_access.snapshot import Snapshot, SnapshotLoader
from data_access.subjects import REFERENCE, RESPECT
from figures import respect_breakdowns as rb
from figures.respect import TILE_LABELS, headline_tiles
from figures.respect_rows import LIST_COLUMNS, Cell, incident_list
from tests import fixture_respect as fx
from tests.dbs import write_database

FILTERS = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END)
SPRING = Filters(start=fx.SPRING_DAY, end=fx.SPRING_DAY)
EVERYONE, NORTH, NOBODY = Scope.everything(), Scope.only(["North"]), Scope.only(["East"])
OCT, NOV = "2026-10", "2026-11"
HOME, SITE = rb.FROM_HOME_LABEL, rb.ON_SITE_LABEL
PHONE, F2F, VISIT = "phone", "face_to_face", "home_visit"
VERBAL, THREAT, HARASS = "verbal_abuse", "threat", "harassment"
WHEN_1_14 = Cell("when", "1", "14")


def _snapshot(url: str) -> Snapshot:
    loader = SnapshotLoader(Reader(url), clock=lambda: fx.READ_AT)
    return loader.load(RESPECT, loader.load(REFERENCE, None))


@pytest.fixture
def snap(empty_db_url) -> Snapshot:
    write_database(empty_db_url, fx.ROWS)
    return _snapshot(empty_db_url)


def _tiles(snap, scope=EVERYONE, cell=None, filters=FILTERS) -> dict:
    tiles = headline_tiles(snap, filters, scope, cell)
    assert tuple(t.tile.label for t in tiles) == TILE_LABELS
    return {t.tile.label: (t.tile.value, t.tile.previous) for t in tiles}


def _counts(grid: rb.Grid) -> dict:
    frame = grid.counts.select(grid.rows, grid.columns, rb.COUNT)
    return {(row, column): n for row, column, n in frame.rows()}


def _ones(*pairs) -> dict:
    return dict.fromkeys(pairs, 1)


def _expect_tiles(got: dict, want: dict) -> None:
    for label, (value, previous) in want.items():
        assert got[label] == (pytest.approx(value), pytest.approx(previous)), label


# Hand-worked (fixture HEATMAPS notes): every non-zero cell of each figure.
WHEN_ALL = {(1, 14): 3} | _ones(
    (1, 0), (1, 9), (1, 23), (2, 16), (3, 10), (3, 14), (4, 0), (4, 11), (5, 17), (6, 20),
    (7, 1), (7, 23),
)  # fmt: skip
WHEN_NORTH = _ones((1, 0), (1, 14), (1, 23), (3, 10), (3, 14), (4, 0), (7, 1), (7, 23))
TEAM_ALL = {("T1", OCT): 3, ("T1", NOV): 3, ("T2", OCT): 2, ("T2", NOV): 3, ("T3", OCT): 2,
            ("T3", NOV): 2}  # fmt: skip
CHANNEL_ALL = {(PHONE, VERBAL): 4, (PHONE, THREAT): 2} | _ones(
    (PHONE, HARASS), (F2F, THREAT), (F2F, "discriminatory_abuse"), ("email", "online_abuse"),
    (VISIT, "physical_assault"), (VISIT, "property_damage"), ("social_media", "online_abuse"),
    ("webchat", HARASS), ("contractor_visit", "physical_assault"),
)  # fmt: skip
CHANNEL_NORTH = {(PHONE, VERBAL): 2} | _ones(
    (PHONE, HARASS), (PHONE, THREAT), (VISIT, "physical_assault"), (VISIT, "property_damage"),
    ("webchat", HARASS), (F2F, "discriminatory_abuse"),
)  # fmt: skip
WEEKS = [date(2026, 10, 5) + timedelta(days=7 * i) for i in range(9)]  # 5 Oct ... 30 Nov


def _week(month: int, day: int) -> date:
    return date(2026, month, day)


SEVERITY_ALL = {(_week(11, 30), 4): 2} | _ones(
    (_week(10, 5), 2), (_week(10, 5), 4), (_week(10, 19), 3), (_week(10, 26), 1),
    (_week(10, 26), 6), (_week(10, 26), 2), (_week(11, 2), 3), (_week(11, 9), 4),
    (_week(11, 9), 2), (_week(11, 16), 6), (_week(11, 16), 2), (_week(11, 23), 3),
    (_week(11, 23), 2),
)  # fmt: skip
PLACE_ALL = {(PHONE, HOME): 7, ("email", HOME): 1, ("social_media", HOME): 1,
             ("webchat", HOME): 1, (F2F, SITE): 2, (VISIT, SITE): 2,
             ("contractor_visit", SITE): 1}  # fmt: skip
ACTIONS_ALL = {"none": 5, "verbal_warning": 3, "written_warning": 2, "contact_restriction": 2,
               "warning_marker": 1, "police_referral": 1, "injunction": 1}  # fmt: skip
DAYS_ALL = [("none", 0, None), ("verbal_warning", 3, 1.0), ("written_warning", 2, 1.875),
            ("contact_restriction", 2, 1.625), ("warning_marker", 1, 3.5),
            ("police_referral", 1, 4.0), ("injunction", 1, 2.5),
            ("tenancy_enforcement", 0, None)]  # fmt: skip
LIST_ALL = ["C14", "C13", "C12", "C11", "C15", "C10", "C09", "C08", "C07", "C06", "C05",
            "C04", "C03", "C02", "C01"]  # fmt: skip
NOT_CELLS = ("when:1", "when:1:14:0", "", None, "where:1:14", "when:1:24", "when:8:1",
             "team:T1:2026-09", "team:T1:2026-12", "team:T9:2026-10",
             "channel:fax:threat")  # fmt: skip
LIST_NORTH = ["C14", "C11", "C15", "C09", "C08", "C05", "C03", "C01"]


# --- Bad rows and tiles -----------------------------------------------------------------


def test_bad_rows_are_counted_and_left_out(snap):
    # B01 (reported before it occurred), B02 (action before report), B03 ("fax"), B04.
    assert snap.excluded_rows(INCIDENTS) == fx.BAD_INCIDENTS == 4
    ids = set(snap.frames[INCIDENTS.name].get_column("incident_id").to_list())
    assert ids.isdisjoint({"B01", "B02", "B03", "B04"})
    assert {"C01", "P05", "X01", "Q01"} <= ids


def test_everyone_tiles(snap):
    _expect_tiles(_tiles(snap), {
        "Incidents": (15, 5),
        "Serious incidents": (6, 2),
        "While working from home": (100 * 10 / 15, 60.0),
        "Median days to action": (2.375, 1.375),
        "RIDDOR reportable": (2, 1),
    })  # fmt: skip


def test_north_manager_tiles(snap):
    # Team-region C03, area-region C09/C15 (T2) count; no-region C04, C13, P03 do not.
    _expect_tiles(_tiles(snap, NORTH), {
        "Incidents": (8, 3),
        "Serious incidents": (3, 0),
        "While working from home": (62.5, 100 * 2 / 3),
        "Median days to action": (2.625, 2.0),
        "RIDDOR reportable": (1, 0),
    })  # fmt: skip


def test_no_incidents_give_zero_counts_and_no_share_or_median(snap):
    # East has no incidents; Monday 03:00 (when:1:3) is a cell of the grid holding none.
    for got in (_tiles(snap, NOBODY), _tiles(snap, cell=Cell("when", "1", "3"))):
        assert got["Incidents"] == (0, 0) and got["Serious incidents"] == (0, 0)
        assert got["RIDDOR reportable"] == (0, 0)
        assert got["While working from home"] == (None, None)
        assert got["Median days to action"] == (None, None)


# --- Heatmaps and breakdowns, no cell chosen ----------------------------------------------


def test_when_heatmap(snap):
    grid = rb.when_heatmap(snap, FILTERS, EVERYONE)
    assert grid.row_keys == tuple(range(1, 8)) and grid.column_keys == tuple(range(24))
    assert _counts(grid) == WHEN_ALL
    assert _counts(rb.when_heatmap(snap, FILTERS, NORTH)) == WHEN_NORTH
    # Explicitly: C08 Sun 23:59 (7, 23); C09 Mon 00:00 (1, 0); C01 Thu 1 Oct 00:00 (4, 0);
    # C05 Sun 25 Oct 01:30, the hour that happens twice, (7, 1); no spill to (7, 0) or (7, 2).
    counts = _counts(grid)
    assert [counts.get(k) for k in [(7, 23), (1, 0), (4, 0), (7, 1)]] == [1, 1, 1, 1]
    assert [counts.get(k) for k in [(7, 0), (7, 2), (3, 23), (2, 0)]] == [None] * 4


def test_spring_clock_change_buckets(snap):
    # 29 Mar 2026: Q01 00:59, Q02 02:00 (the first minute of BST), Q03 03:00.
    assert _counts(rb.when_heatmap(snap, SPRING, EVERYONE)) == _ones((7, 0), (7, 2), (7, 3))


def test_team_heatmap(snap):
    grid = rb.team_heatmap(snap, FILTERS, EVERYONE)
    assert grid.row_keys == ("T1", "T2", "T3") and grid.column_keys == (OCT, NOV)
    assert _counts(grid) == TEAM_ALL
    north = rb.team_heatmap(snap, FILTERS, NORTH)
    assert north.row_keys == ("T1", "T2")
    assert _counts(north) == {("T1", OCT): 3, ("T1", NOV): 3, ("T2", NOV): 2}


def test_channel_heatmap(snap):
    grid = rb.channel_heatmap(snap, FILTERS, EVERYONE)
    assert grid.row_keys[:3] == (PHONE, F2F, VISIT) and len(grid.row_keys) == 8
    assert grid.column_keys[:3] == (VERBAL, THREAT, "physical_assault")
    assert _counts(grid) == CHANNEL_ALL
    assert _counts(rb.channel_heatmap(snap, FILTERS, NORTH)) == CHANNEL_NORTH


def test_severity_by_week(snap):
    grid = rb.severity_by_week(snap, FILTERS, EVERYONE)
    assert list(grid.row_keys) == WEEKS and grid.column_keys == (1, 2, 3, 4, 5, 6)
    assert _counts(grid) == SEVERITY_ALL


def test_home_or_on_site_by_channel(snap):
    grid = rb.home_or_on_site_by_channel(snap, FILTERS, EVERYONE)
    assert grid.column_keys == (HOME, SITE)
    assert _counts(grid) == PLACE_ALL


def test_actions_taken(snap):
    grid, days = rb.actions_taken(snap, FILTERS, EVERYONE)
    assert grid.row_keys[0] == "none" and grid.row_keys[-1] == "tenancy_enforcement"
    assert _counts(grid) == {(action, "all"): n for action, n in ACTIONS_ALL.items()}
    assert days.rows() == [(a, n, None if m is None else pytest.approx(m)) for a, n, m in DAYS_ALL]


def test_months_and_weeks_of_the_period():
    period = Period(fx.PERIOD_START, fx.PERIOD_END)
    assert rb.months_of(period) == [OCT, NOV]
    assert rb.weeks_of(period) == WEEKS


# --- A chosen cell ----------------------------------------------------------------------


def test_when_cell_narrows_the_tiles_and_keeps_its_previous(snap):
    # C02, C12, C15 [P06]; median of 1.5 and 0.5 is their mean, 1.0.
    _expect_tiles(_tiles(snap, cell=WHEN_1_14), {
        "Incidents": (3, 1),
        "Serious incidents": (1, 0),
        "While working from home": (100 * 2 / 3, 100.0),
        "Median days to action": (1.0, 0.75),
        "RIDDOR reportable": (0, 0),
    })  # fmt: skip
    assert _tiles(snap, NORTH, WHEN_1_14)["Incidents"] == (1, 1)  # C15 [P06]


def test_when_cell_narrows_other_figures_not_its_own(snap):
    assert _counts(rb.when_heatmap(snap, FILTERS, EVERYONE, WHEN_1_14)) == WHEN_ALL
    team = rb.team_heatmap(snap, FILTERS, EVERYONE, WHEN_1_14)
    assert team.row_keys == ("T3", "T2")
    assert _counts(team) == _ones(("T3", OCT), ("T3", NOV), ("T2", NOV))
    channel = _counts(rb.channel_heatmap(snap, FILTERS, EVERYONE, WHEN_1_14))
    assert channel == {(PHONE, VERBAL): 2, (F2F, THREAT): 1}
    weeks = _counts(rb.severity_by_week(snap, FILTERS, EVERYONE, WHEN_1_14))
    assert weeks == _ones((_week(10, 5), 4), (_week(11, 16), 2), (_week(11, 23), 2))
    place = _counts(rb.home_or_on_site_by_channel(snap, FILTERS, EVERYONE, WHEN_1_14))
    assert place == {(PHONE, HOME): 2, (F2F, SITE): 1}
    grid, days = rb.actions_taken(snap, FILTERS, EVERYONE, WHEN_1_14)
    assert _counts(grid) == _ones(("written_warning", "all"), ("none", "all"),
                                  ("verbal_warning", "all"))  # fmt: skip
    medians = {a: (n, m) for a, n, m in days.rows() if n}
    assert medians == {"verbal_warning": (1, 0.5), "written_warning": (1, 1.5)}


def test_team_cell_has_no_previous_and_narrows_the_when_heatmap(snap):
    cell = Cell("team", "T1", OCT)  # C01, C03, C05
    _expect_tiles(_tiles(snap, cell=cell), {
        "Incidents": (3, None),
        "Serious incidents": (1, None),
        "While working from home": (100 * 2 / 3, None),
        "Median days to action": (2.5, None),
        "RIDDOR reportable": (1, None),
    })  # fmt: skip
    assert _counts(rb.team_heatmap(snap, FILTERS, EVERYONE, cell)) == TEAM_ALL
    assert _counts(rb.when_heatmap(snap, FILTERS, EVERYONE, cell)) == _ones((4, 0), (3, 10), (7, 1))


def test_channel_cell(snap):
    cell = Cell("channel", PHONE, VERBAL)  # C01, C06, C12, C15 [P01, P06]
    _expect_tiles(_tiles(snap, cell=cell), {
        "Incidents": (4, 2),
        "Serious incidents": (0, 0),
        "While working from home": (100.0, 100.0),
        "Median days to action": (1.0, 1.375),
        "RIDDOR reportable": (0, 0),
    })  # fmt: skip
    assert _counts(rb.channel_heatmap(snap, FILTERS, EVERYONE, cell)) == CHANNEL_ALL
    when = _counts(rb.when_heatmap(snap, FILTERS, EVERYONE, cell))
    assert when == {(4, 0): 1, (1, 9): 1, (1, 14): 2}


def test_chosen_cell(snap):
    def chosen(text, scope=EVERYONE):
        return rb.chosen_cell(snap, FILTERS, scope, text)

    assert chosen("when:1:14") == WHEN_1_14
    assert chosen("team:T1:2026-10") == Cell("team", "T1", OCT)
    assert chosen("channel:phone:threat") == Cell("channel", PHONE, THREAT)
    for bad in NOT_CELLS:
        assert chosen(bad) is None, bad
    assert chosen("team:T3:2026-10", NORTH) is None  # T3 has no North incident
    assert chosen("team:T2:2026-11", NORTH) == Cell("team", "T2", NOV)


# --- The incident list --------------------------------------------------------------------


def test_incident_list(snap):
    rows = incident_list(snap, FILTERS, EVERYONE)
    assert tuple(rows.columns) == LIST_COLUMNS
    assert rows.get_column("incident_id").to_list() == LIST_ALL
    c05 = rows.filter(rows["incident_id"] == "C05").row(0, named=True)
    assert (c05["area_id"], c05["severity"], c05["days_to_action"]) == ("A3", 6, 4.0)
    assert rows.get_column("area_id").null_count() == 4  # C03, C04, C12, C13
    north = incident_list(snap, FILTERS, NORTH).get_column("incident_id").to_list()
    assert north == LIST_NORTH
    in_cell = incident_list(snap, FILTERS, EVERYONE, WHEN_1_14)
    assert in_cell.get_column("incident_id").to_list() == ["C12", "C15", "C02"]
    assert incident_list(snap, FILTERS, NOBODY).height == 0


# --- PostgreSQL with a timezone-aware occurred_at ---------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("empty_db_url", ["postgresql"], indirect=True)
def test_timestamptz_occurred_at_buckets_in_local_time(empty_db_url):
    write_database(empty_db_url, fx.ROWS)
    engine = create_engine(empty_db_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(
                "ALTER TABLE incidents ALTER COLUMN occurred_at TYPE timestamptz"
                " USING occurred_at AT TIME ZONE 'Europe/London'"
            ))  # fmt: skip
            kind = connection.execute(text(
                "SELECT data_type FROM information_schema.columns WHERE table_name ="
                " 'incidents' AND column_name = 'occurred_at' AND table_schema = current_schema()"
            )).scalar_one()  # fmt: skip
    finally:
        engine.dispose()
    assert kind == "timestamp with time zone"
    snap = _snapshot(empty_db_url)
    assert snap.excluded_rows(INCIDENTS) == 4
    assert _counts(rb.when_heatmap(snap, FILTERS, EVERYONE)) == WHEN_ALL
    assert _counts(rb.when_heatmap(snap, SPRING, EVERYONE)) == _ones((7, 0), (7, 2), (7, 3))
    assert incident_list(snap, FILTERS, EVERYONE).get_column("incident_id").to_list() == LIST_ALL
