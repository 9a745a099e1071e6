"""Repairs headline tiles and backlog charts against the hand-worked fixture_repairs_kpis.

Every expected value is worked out by hand from the rows (see the fixture's comments);
T is the period's end moment, 1 Dec 2026 00:00, and T' the previous period's, 1 Sep 00:00.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from data_access.filters import Filters, Period
from data_access.reader import Reader
from data_access.schema import REPAIRS
from data_access.scope import Scope
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from figures import repairs, repairs_backlog
from tests import fixture_repairs_kpis as fx
from tests.dbs import write_database

FILTERS = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END)
EVERYONE = Scope.everything()
NORTH = Scope.only(["North"])
LABELS = [
    "Open repairs",
    "Overdue repairs",
    "Emergency repairs within target (RP02)",
    "Non-emergency repairs within target (RP02)",
    "Average days to complete",
    "First-visit fix",
    "Appointments kept",
]


@pytest.fixture
def snapshot(empty_db_url):
    write_database(empty_db_url, fx.ROWS)
    loader = SnapshotLoader(Reader(empty_db_url), clock=lambda: fx.READ_AT)
    return SnapshotStore(loader).get("repairs")


def _tiles(snapshot, filters, scope) -> dict:
    tiles = repairs.headline_tiles(snapshot, filters, scope)
    assert [t.label for t in tiles] == LABELS
    return {t.label: (t.value, t.previous) for t in tiles}


def _ids(frame: pl.DataFrame) -> set[str]:
    return set(frame.get_column("work_order_id").to_list())


# --- 1. Headline tiles, every region ------------------------------------------------------


def test_tile_labels_in_order(snapshot):
    assert [t.label for t in repairs.headline_tiles(snapshot, FILTERS, EVERYONE)] == LABELS


def test_open_and_overdue_tiles(snapshot):
    tiles = _tiles(snapshot, FILTERS, EVERYONE)
    # Open at T: W12..W22 = 11 (W20 completed exactly at T is still open; W21 completed
    # 3 Dec). Previous, at T': W05 (completed 2 Sep), W11 (cancelled 10 Sep), W17 (reported
    # 31 Aug), W22 = 4; W16 reported exactly at T' is not yet open.
    assert tiles["Open repairs"] == (11, 4)
    # Overdue at T (target_at < T): W14, W15, W16, W17, W19 (target T - 1 s), W21, W22 = 7;
    # not W12/W13 (future targets), W18 (target exactly T), W20 (1 Dec 20:00).
    # At T': W11 (23 Aug), W22 (17 Apr) = 2; W05 and W17 are due in late Sep.
    assert tiles["Overdue repairs"] == (7, 2)


def test_rp02_tiles(snapshot):
    tiles = _tiles(snapshot, FILTERS, EVERYONE)
    # Emergency completed in period: W01 on time (= target), W02 late (+1 s), W06 on time;
    # W10 cancelled and W20 completed at T are out -> 2/3. Previous: W23 on time, W24 late
    # -> 1/2.
    value, previous = tiles["Emergency repairs within target (RP02)"]
    assert value == pytest.approx(200 / 3)
    assert previous == pytest.approx(50.0)
    # Non-emergency completed in period: W03 on time (= target), W04 late (+1 s), W05 on
    # time, W07 late (+1 s), W08 on time -> 3/5 = 60%. Previous: W25 on time, W26 late -> 1/2.
    value, previous = tiles["Non-emergency repairs within target (RP02)"]
    assert value == pytest.approx(60.0)
    assert previous == pytest.approx(50.0)


def test_average_days_tile(snapshot):
    tiles = _tiles(snapshot, FILTERS, EVERYONE)
    # W01 2 + W02 2 + W03 4 + W04 30 + W05 6 (28 Aug 23:00 -> 2 Sep 01:00) + W06 2
    # + W07 4 + W08 18 = 68 over 8 jobs = 8.5.
    # Previous: W23 2 + W24 2 + W25 2 + W26 11 = 17 over 4 = 4.25.
    value, previous = tiles["Average days to complete"]
    assert value == pytest.approx(8.5)
    assert previous == pytest.approx(4.25)


def test_first_visit_fix_tile(snapshot):
    tiles = _tiles(snapshot, FILTERS, EVERYONE)
    # Completed in period with FVF recorded: W01 T, W02 F, W03 T, W05 T, W06 T, W07 F,
    # W08 T (W04 NULL left out; W10 cancelled) -> 5/7.
    # Previous: W23 T, W24 F, W26 T (W25 NULL) -> 2/3.
    value, previous = tiles["First-visit fix"]
    assert value == pytest.approx(500 / 7)
    assert previous == pytest.approx(200 / 3)


def test_appointments_kept_tile(snapshot):
    tiles = _tiles(snapshot, FILTERS, EVERYONE)
    # Completed in period with appointment_made true: W01 kept, W02 not, W03 NULL (not
    # kept), W05 kept, W07 kept, W08 not -> 3/6 (W04 made false, W06 made NULL; W09 and
    # W10 cancelled). Previous: W23 kept, W24 not, W26 NULL -> 1/3 (W25 made false).
    value, previous = tiles["Appointments kept"]
    assert value == pytest.approx(50.0)
    assert previous == pytest.approx(100 / 3)


# --- 2. A North manager -------------------------------------------------------------------


def test_north_manager_tiles(snapshot):
    tiles = _tiles(snapshot, FILTERS, NORTH)
    # North = A1 and A3. Open at T: W12, W14, W15, W17, W18, W20, W22 = 7; at T': W11,
    # W17, W22 = 3. Overdue at T: W14, W15, W17, W22 = 4; at T': W11, W22 = 2.
    assert tiles["Open repairs"] == (7, 3)
    assert tiles["Overdue repairs"] == (4, 2)
    # Completed in period (North): W01, W03, W04, W06, W07. Previous: W23, W25.
    # Emergency: W01 on, W06 on -> 2/2; previous W23 on -> 1/1.
    assert tiles["Emergency repairs within target (RP02)"] == (
        pytest.approx(100.0),
        pytest.approx(100.0),
    )
    # Non-emergency: W03 on, W04 late, W07 late -> 1/3; previous W25 on -> 1/1.
    assert tiles["Non-emergency repairs within target (RP02)"] == (
        pytest.approx(100 / 3),
        pytest.approx(100.0),
    )
    # Days: (2 + 4 + 30 + 2 + 4) / 5 = 42 / 5 = 8.4; previous (2 + 2) / 2 = 2.
    assert tiles["Average days to complete"] == (pytest.approx(8.4), pytest.approx(2.0))
    # FVF: W01 T, W03 T, W06 T, W07 F (W04 NULL) -> 3/4; previous W23 T (W25 NULL) -> 1/1.
    assert tiles["First-visit fix"] == (pytest.approx(75.0), pytest.approx(100.0))
    # Appointments made: W01 kept, W03 NULL, W07 kept -> 2/3; previous W23 kept -> 1/1.
    assert tiles["Appointments kept"] == (pytest.approx(200 / 3), pytest.approx(100.0))


def test_region_filter_cannot_widen_a_managers_scope(snapshot):
    south = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END, regions=("South",))
    tiles = _tiles(snapshot, south, NORTH)
    # North manager asking for South sees nothing: counts 0, every rate n/a (None).
    assert tiles == {
        "Open repairs": (0, 0),
        "Overdue repairs": (0, 0),
        "Emergency repairs within target (RP02)": (None, None),
        "Non-emergency repairs within target (RP02)": (None, None),
        "Average days to complete": (None, None),
        "First-visit fix": (None, None),
        "Appointments kept": (None, None),
    }


# --- 3. TSM year to date ------------------------------------------------------------------


def test_tsm_year_to_date_rp02(snapshot):
    period, shares = repairs.tsm_year_to_date_rp02(snapshot, FILTERS, EVERYONE)
    assert period == Period(date(2026, 4, 1), date(2026, 11, 30))
    # Emergency completed 1 Apr - 30 Nov: W01 on, W02 late, W06 on, W23 on, W24 late,
    # W27 on (1 Apr 06:00), W30 late -> 4/7.
    assert shares["Emergency repairs within target (RP02)"] == pytest.approx(400 / 7)
    # Non-emergency: W03 on, W04 late, W05 on, W07 late, W08 on, W25 on, W26 late,
    # W28 late, W29 on -> 5/9 (W31, completed 31 Mar 23:59:59, is last TSM year).
    assert shares["Non-emergency repairs within target (RP02)"] == pytest.approx(500 / 9)


def test_tsm_year_to_date_rp02_north(snapshot):
    _, shares = repairs.tsm_year_to_date_rp02(snapshot, FILTERS, NORTH)
    # Emergency: W01, W06, W23, W27 all on time -> 4/4.
    assert shares["Emergency repairs within target (RP02)"] == pytest.approx(100.0)
    # Non-emergency: W03 on, W04 late, W07 late, W25 on, W29 on -> 3/5 (W31 out).
    assert shares["Non-emergency repairs within target (RP02)"] == pytest.approx(60.0)


# --- 4. Weekly flow -----------------------------------------------------------------------


def test_weekly_flow_has_52_weeks_ending_on_the_periods_last_day(snapshot):
    flow = repairs_backlog.weekly_flow(snapshot, FILTERS, EVERYONE)
    assert flow.height == 52
    weeks = flow.get_column("week_ending").to_list()
    # Last block ends 30 Nov 2026; the first of 52 ends 51 weeks (357 days) earlier.
    assert weeks[-1] == date(2026, 11, 30)
    assert weeks[0] == date(2025, 12, 8)


def test_weekly_flow_last_weeks(snapshot):
    flow = repairs_backlog.weekly_flow(snapshot, FILTERS, EVERYONE)
    last = flow.tail(3).select("reported", "completed", "open_at_week_end").rows()
    assert last == [
        # Week 10-16 Nov: reported none (W33 is bad data); completed W08 (12 Nov).
        # Open at 17 Nov 00:00: W14, W15, W16, W17, W21, W22 = 6.
        (0, 1, 6),
        # Week 17-23 Nov: reported W07, W12, W13; completed W07 (21 Nov).
        # Open at 24 Nov 00:00: 6 + 3 - 1 = 8 (W12, W13, W14, W15, W16, W17, W21, W22).
        (3, 1, 8),
        # Week 24-30 Nov: reported W06, W10, W18, W19, W20; completed W06 only (W10 was
        # cancelled; W20 completed at T, after the week). Closed: W06, W10.
        # Open at T: 8 + 5 - 2 = 11.
        (5, 1, 11),
    ]


def test_weekly_flow_totals(snapshot):
    flow = repairs_backlog.weekly_flow(snapshot, FILTERS, EVERYONE)
    # All 31 valid work orders were reported within the 52 weeks (2 Dec 2025 - 30 Nov 2026).
    assert flow.get_column("reported").sum() == 31
    # Completed, not cancelled, by T: W01-W08 and W23-W31 = 17.
    assert flow.get_column("completed").sum() == 17


def test_weekly_flow_final_open_equals_open_tile(snapshot):
    flow = repairs_backlog.weekly_flow(snapshot, FILTERS, EVERYONE)
    open_tile = repairs.headline_tiles(snapshot, FILTERS, EVERYONE)[0]
    assert flow.get_column("open_at_week_end")[-1] == open_tile.value == 11


def test_weekly_flow_north(snapshot):
    flow = repairs_backlog.weekly_flow(snapshot, FILTERS, NORTH)
    # North week 24-30 Nov: reported W06, W18, W20; completed W06. Open at T = 7.
    # Week 17-23 Nov: reported W07, W12; completed W07; open at 24 Nov 00:00 = 7 - 3 + 1 = 5
    # (W12, W14, W15, W17, W22).
    assert flow.tail(2).select("reported", "completed", "open_at_week_end").rows() == [
        (2, 1, 5),
        (3, 1, 7),
    ]


# --- 5. Backlog by age --------------------------------------------------------------------


def test_backlog_by_age(snapshot):
    table = repairs_backlog.backlog_by_age(snapshot, FILTERS, EVERYONE)
    got = {
        (str(age), code): n
        for age, code, n in table.select("age", "priority_code", "open").iter_rows()
    }
    assert got == {
        # 0-7: W12 NOR (age 7), W18 URG (2), W19 URG (3), W20 EME (0).
        ("0-7 days", "EME"): 1,
        ("0-7 days", "NOR"): 1,
        ("0-7 days", "URG"): 2,
        # 8-28: W13 NOR (8), W14 URG (28).
        ("8-28 days", "EME"): 0,
        ("8-28 days", "NOR"): 1,
        ("8-28 days", "URG"): 1,
        # 29-90: W15 EME (29), W16 NOR (90), W21 NOR (41).
        ("29-90 days", "EME"): 1,
        ("29-90 days", "NOR"): 2,
        ("29-90 days", "URG"): 0,
        # 91+: W17 NOR (91), W22 NOR (255).
        ("91+ days", "EME"): 0,
        ("91+ days", "NOR"): 2,
        ("91+ days", "URG"): 0,
    }


def test_backlog_by_age_totals_the_open_tile(snapshot):
    table = repairs_backlog.backlog_by_age(snapshot, FILTERS, EVERYONE)
    assert table.get_column("open").sum() == 11


# --- 6. Open and overdue by area, trade and contractor -------------------------------------


def _by(snapshot, dimension, scope=EVERYONE) -> list[tuple]:
    frame = repairs_backlog.open_and_overdue_by(snapshot, FILTERS, scope, dimension)
    return frame.select(dimension, "open", "overdue").rows()


def test_open_and_overdue_by_area(snapshot):
    # A1: W12, W15, W17, W20 open; W15, W17 overdue. A2: W13, W16, W19, W21; overdue
    # W16, W19, W21. A3: W14, W18, W22; overdue W14, W22. Most open first, ties by name.
    assert _by(snapshot, "area_id") == [("A1", 4, 2), ("A2", 4, 3), ("A3", 3, 2)]


def test_open_and_overdue_by_trade(snapshot):
    # plumbing W12, W16, W18, W20, W22 (overdue W16, W22); electrical W13, W15, W19
    # (overdue W15, W19); carpentry W14, W21 (both overdue); roofing W17 (overdue).
    assert _by(snapshot, "trade") == [
        ("plumbing", 5, 2),
        ("electrical", 3, 2),
        ("carpentry", 2, 2),
        ("roofing", 1, 1),
    ]


def test_open_and_overdue_by_contractor(snapshot):
    # NULL contractor = In-house: W12, W15, W16, W18, W20, W22 (overdue W15, W16, W22);
    # Acme: W14, W17, W19 (all overdue); Brick & Co: W13, W21 (overdue W21).
    assert _by(snapshot, "contractor") == [
        ("In-house", 6, 3),
        (fx.ACME, 3, 3),
        (fx.BRICK, 2, 1),
    ]


def test_open_and_overdue_by_area_north(snapshot):
    assert _by(snapshot, "area_id", NORTH) == [("A1", 4, 2), ("A3", 3, 2)]


# --- 7. Work orders behind the charts -------------------------------------------------------


def _listing(snapshot, listing, drill=None, scope=EVERYONE, filters=FILTERS) -> set[str]:
    return _ids(repairs_backlog.work_orders(snapshot, filters, scope, listing, drill or {}))


def _w(*numbers: int) -> set[str]:
    return {f"W{n:02d}" for n in numbers}


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        # open at T: W12..W22
        ("open", _w(*range(12, 23))),
        # overdue at T
        ("overdue", _w(14, 15, 16, 17, 19, 21, 22)),
        # completed in period (not cancelled): W01..W08
        ("completed", _w(*range(1, 9))),
        # reported 1 Sep 00:00 - 30 Nov 23:59:59: not W05/W11/W17 (Aug), W22 (Mar)
        ("reported", _w(1, 2, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 18, 19, 20, 21)),
    ],
)
def test_work_orders_listing(snapshot, listing, expected):
    assert _listing(snapshot, listing) == expected


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        ("open", _w(12, 15, 17, 20)),
        ("overdue", _w(15, 17)),
        ("completed", _w(1, 3, 6)),
        ("reported", _w(1, 3, 6, 9, 12, 15, 20)),
    ],
)
def test_work_orders_drilled_to_an_area(snapshot, listing, expected):
    assert _listing(snapshot, listing, {"area_id": "A1"}) == expected


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        ("open", _w(12, 15, 16, 18, 20, 22)),
        ("overdue", _w(15, 16, 22)),
        ("completed", _w(1, 4, 6)),
        ("reported", _w(1, 4, 6, 9, 10, 12, 15, 16, 18, 20)),
    ],
)
def test_work_orders_drilled_to_in_house(snapshot, listing, expected):
    assert _listing(snapshot, listing, {"contractor": "In-house"}) == expected


def test_work_orders_drilled_on_two_dimensions(snapshot):
    # Open in A2 with Acme: W19 only; overdue electrical in A2: W16 is plumbing, so W19.
    assert _listing(snapshot, "open", {"area_id": "A2", "contractor": fx.ACME}) == {"W19"}
    assert _listing(snapshot, "overdue", {"area_id": "A2", "trade": "electrical"}) == {"W19"}


def test_work_orders_show_in_house_and_overdue_flag(snapshot):
    rows = repairs_backlog.work_orders(snapshot, FILTERS, EVERYONE, "open", {})
    by_id = {r["work_order_id"]: r for r in rows.iter_rows(named=True)}
    assert by_id["W12"]["contractor"] == "In-house"
    assert by_id["W14"]["contractor"] == fx.ACME
    overdue = {i for i, r in by_id.items() if r["overdue_at_period_end"]}
    assert overdue == _w(14, 15, 16, 17, 19, 21, 22)


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        ("open", _w(12, 14, 15, 17, 18, 20, 22)),
        ("overdue", _w(14, 15, 17, 22)),
        ("completed", _w(1, 3, 4, 6, 7)),
        ("reported", _w(1, 3, 4, 6, 7, 9, 12, 14, 15, 18, 20)),
    ],
)
def test_north_managers_work_orders_are_north_only(snapshot, listing, expected):
    rows = repairs_backlog.work_orders(snapshot, FILTERS, NORTH, listing, {})
    assert _ids(rows) == expected
    assert set(rows.get_column("area_id").cast(pl.String).to_list()) <= {"A1", "A3"}


def test_north_manager_cannot_drill_into_the_south(snapshot):
    assert _listing(snapshot, "open", {"area_id": "A2"}, scope=NORTH) == set()


# --- 8. Bad rows ----------------------------------------------------------------------------


def test_bad_rows_are_counted(snapshot):
    assert snapshot.excluded_rows(REPAIRS) == 2
    repairs_issues = [i for i in snapshot.issues if i.table == REPAIRS.name]
    assert {(i.column, i.count, i.examples) for i in repairs_issues} == {
        ("priority_code", 1, ("W32",)),  # XXX is not a repair_priorities code
        ("completed_at", 1, ("W33",)),  # completed before it was reported
    }


def test_bad_rows_are_absent_from_the_snapshot(snapshot):
    kept = _ids(snapshot.frames[REPAIRS.name])
    assert kept.isdisjoint(fx.BAD_WORK_ORDERS)
    assert kept == _w(*range(1, 32))


@pytest.mark.parametrize("listing", ["open", "overdue", "completed", "reported"])
def test_bad_rows_are_absent_from_every_listing(snapshot, listing):
    # W32 would be open, overdue and reported in the period; W33 reported and completed.
    assert _listing(snapshot, listing).isdisjoint(fx.BAD_WORK_ORDERS)
