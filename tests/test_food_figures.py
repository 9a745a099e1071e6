"""Food-support tiles, charts and rows against the hand-worked fixture_food.

Every expected value is worked out by hand in the fixture's docstring; T is the period's
end moment, 1 Dec 2026 00:00. Each test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import polars as pl
import pytest

from data_access.filters import Filters
from data_access.reader import Reader
from data_access.schema import FOOD_REFERRALS
from data_access.scope import Scope
from data_access.snapshot import Snapshot, SnapshotLoader
from data_access.subjects import FOOD, OUTREACH, REFERENCE
from figures import food
from tests import fixture_food as fx
from tests.dbs import write_database

FILTERS = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END)
EVERYONE = Scope.everything()
NORTH = Scope.only(["North"])
NOBODY = Scope.only(["East"])  # a region with no rows: every figure is empty
D = datetime
BANK, PANTRY, LARDER = fx.BANK, fx.PANTRY, fx.LARDER


@dataclass(frozen=True)
class Snapshots:
    reference: Snapshot
    outreach: Snapshot
    food: Snapshot


@pytest.fixture
def snaps(empty_db_url) -> Snapshots:
    write_database(empty_db_url, fx.ROWS)
    loader = SnapshotLoader(Reader(empty_db_url), clock=lambda: fx.READ_AT)
    reference = loader.load(REFERENCE, None)
    return Snapshots(
        reference=reference,
        outreach=loader.load(OUTREACH, reference),
        food=loader.load(FOOD, reference),
    )


def _tiles(snaps: Snapshots, scope: Scope = EVERYONE, filters: Filters = FILTERS) -> dict:
    tiles = food.headline_tiles(snaps.food, filters, scope, outreach=snaps.outreach)
    assert tuple(t.label for t in tiles) == food.TILE_LABELS
    return {t.label: t for t in tiles}


def _value(tile) -> tuple:
    return tile.value, tile.previous


# --- 1. Headline tiles, every region ------------------------------------------------------


def test_tile_labels_units_and_help(snaps):
    tiles = food.headline_tiles(snaps.food, FILTERS, EVERYONE, outreach=snaps.outreach)
    assert [t.label for t in tiles] == [
        "Referrals",
        "Fulfilled",
        "Median days to fulfil",
        "People fed",
        "Children fed",
        "Food needs referred",
    ]
    assert [t.unit for t in tiles] == ["count", "count", "days", "count", "count", "percent"]
    assert [t.higher_is_better for t in tiles] == [True, True, False, True, True, True]
    assert all(t.help for t in tiles)


def test_referrals_tile(snaps):
    # Referred 1 Oct - 30 Nov: F01-F10 and F12 = 11 (F11 is 2 Dec; B01, B02 bad).
    # Previous (1 Aug - 30 Sep): P01-P05 = 5 (P06 is 16 Jul).
    assert _value(_tiles(snaps)["Referrals"]) == (11, 5)


def test_fulfilled_tile(snaps):
    # P01 (1 Oct 00:00), F12, F01, F02, F04, F05 = 6; F07 at T and failed F10 are out.
    # Previous: P02, P03, P04 = 3.
    assert _value(_tiles(snaps)["Fulfilled"]) == (6, 3)


def test_median_days_tile_takes_the_mean_of_the_middle_two(snaps):
    # 1.0, 1.5, 2.0, 2.5, 3.25, 14.5 -> (2.0 + 2.5) / 2 = 2.25. Previous 2.0, 2.5, 4.0 -> 2.5.
    value, previous = _value(_tiles(snaps)["Median days to fulfil"])
    assert value == pytest.approx(2.25)
    assert previous == pytest.approx(2.5)


def test_people_and_children_fed_tiles(snaps):
    tiles = _tiles(snaps)
    # People: P01 1 + F12 5 + F01 1 + F02 4 + F04 1 + F05 4 = 16; previous 3 + 1 + 4 = 8.
    assert _value(tiles["People fed"]) == (16, 8)
    # Children: F12 2 + F02 2 + F05 3 = 7; previous P02 1 + P04 3 = 4.
    assert _value(tiles["Children fed"]) == (7, 4)


def test_food_needs_referred_tile(snaps):
    # Reached food-need calls in the period: K01 yes (72 h), K02 no (192 h), K03 yes
    # (exactly 168 h), K04 no (referral came first), K10 no (another resident's referral),
    # K11 yes (referral after the period) -> 3 / 6. K05 (no answer) and K06 (money_debt
    # only) are not counted. Previous: K07 yes, K08 no, K09 yes -> 2 / 3.
    value, previous = _value(_tiles(snaps)["Food needs referred"])
    assert value == pytest.approx(50.0)
    assert previous == pytest.approx(200 / 3)


def test_food_needs_referred_without_outreach_is_none(snaps):
    tiles = food.headline_tiles(snaps.food, FILTERS, EVERYONE)
    assert tiles[-1].label == "Food needs referred"
    assert _value(tiles[-1]) == (None, None)
    assert _value(tiles[0]) == (11, 5)


def test_food_needs_referred_with_an_area_filter(snaps):
    # Area A3 (R6, R8): K03 yes; previous K09 yes.
    a3 = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END, areas=("A3",))
    assert _value(_tiles(snaps, filters=a3)["Food needs referred"]) == (
        pytest.approx(100.0),
        pytest.approx(100.0),
    )


# --- 2. A North manager -------------------------------------------------------------------


def test_north_manager_tiles(snaps):
    tiles = _tiles(snaps, NORTH)
    # Referrals F01, F03, F04, F07, F10, F12 = 6; previous P01, P02, P03 = 3.
    assert _value(tiles["Referrals"]) == (6, 3)
    # Fulfilled P01, F12, F01, F04 = 4; previous P02, P03 = 2.
    assert _value(tiles["Fulfilled"]) == (4, 2)
    # 1.0, 1.5, 2.0, 14.5 -> (1.5 + 2.0) / 2 = 1.75; previous (2.0 + 2.5) / 2 = 2.25.
    assert _value(tiles["Median days to fulfil"]) == (pytest.approx(1.75), pytest.approx(2.25))
    # People 1 + 5 + 1 + 1 = 8 (previous 3 + 1 = 4); children F12 2 (previous P02 1).
    assert _value(tiles["People fed"]) == (8, 4)
    assert _value(tiles["Children fed"]) == (2, 1)
    # K01 yes, K03 yes, K10 no -> 2 / 3; previous K07, K09 -> 2 / 2.
    value, previous = _value(tiles["Food needs referred"])
    assert value == pytest.approx(200 / 3)
    assert previous == pytest.approx(100.0)


def test_region_filter_cannot_widen_a_managers_scope(snaps):
    south = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END, regions=("South",))
    tiles = _tiles(snaps, NORTH, south)
    assert {label: _value(t) for label, t in tiles.items()} == {
        "Referrals": (0, 0),
        "Fulfilled": (0, 0),
        "Median days to fulfil": (None, None),
        "People fed": (0, 0),
        "Children fed": (0, 0),
        "Food needs referred": (None, None),
    }


# --- 3. Weekly referrals by status ---------------------------------------------------------


def test_weekly_referrals_by_status(snaps):
    frame = food.weekly_referrals_by_status(snaps.food, FILTERS, EVERYONE)
    assert frame.schema == pl.Schema(
        {"week_ending": pl.Date, "status": pl.String, "referrals": pl.Int64}
    )
    assert frame.rows() == [
        (date(2026, 10, 5), "fulfilled", 2),  # F12 (1 Oct 00:00), F01: the partial week
        (date(2026, 10, 19), "fulfilled", 1),  # F02
        (date(2026, 10, 26), "declined", 1),  # F03
        (date(2026, 11, 2), "fulfilled", 1),  # F04
        (date(2026, 11, 9), "fulfilled", 1),  # F05
        (date(2026, 11, 16), "accepted", 1),  # F06 (lifecycle order: accepted first)
        (date(2026, 11, 16), "failed", 1),  # F10
        (date(2026, 11, 23), "fulfilled", 1),  # F07
        (date(2026, 11, 23), "cancelled", 1),  # F08
        (date(2026, 11, 30), "referred", 1),  # F09
    ]


def test_weekly_referrals_by_status_north(snaps):
    frame = food.weekly_referrals_by_status(snaps.food, FILTERS, NORTH)
    assert frame.rows() == [
        (date(2026, 10, 5), "fulfilled", 2),  # F12, F01
        (date(2026, 10, 26), "declined", 1),  # F03
        (date(2026, 11, 2), "fulfilled", 1),  # F04
        (date(2026, 11, 16), "failed", 1),  # F10
        (date(2026, 11, 23), "fulfilled", 1),  # F07
    ]


# --- 4. Funnel ------------------------------------------------------------------------------


def test_referral_funnel(snaps):
    frame = food.referral_funnel(snaps.food, FILTERS, EVERYONE)
    assert frame.schema == pl.Schema({"stage": pl.String, "referrals": pl.Int64})
    assert food.FUNNEL == ("Referred", "Accepted", "Fulfilled")
    assert frame.rows() == [
        ("Referred", 11),
        # accepted F06 + fulfilled F01, F02, F04, F05, F07, F12 + failed F10 = 8
        ("Accepted", 8),
        ("Fulfilled", 6),  # by status: F07 counts although fulfilled at T
        ("Declined", 1),  # F03
        ("Cancelled", 1),  # F08
        ("Failed", 1),  # F10
        ("Awaiting acceptance", 1),  # F09
    ]


def test_referral_funnel_north(snaps):
    frame = food.referral_funnel(snaps.food, FILTERS, NORTH)
    # F01, F03, F04, F07, F10, F12: fulfilled 4, failed 1, declined 1.
    assert frame.rows() == [
        ("Referred", 6),
        ("Accepted", 5),
        ("Fulfilled", 4),
        ("Declined", 1),
        ("Cancelled", 0),
        ("Failed", 1),
        ("Awaiting acceptance", 0),
    ]


# --- 5. Partners ---------------------------------------------------------------------------


def _partners(snaps, scope=EVERYONE) -> list[tuple]:
    frame = food.partner_performance(snaps.food, FILTERS, scope)
    assert frame.schema == pl.Schema(
        {
            "partner_name": pl.String,
            "referrals": pl.Int64,
            "fulfilled": pl.Int64,
            "fulfilment_rate": pl.Float64,
            "median_days_to_fulfil": pl.Float64,
        }
    )
    return frame.rows()


def test_partner_performance(snaps):
    assert _partners(snaps) == [
        # F04 (1.0), F08, F10 (failed: its fulfilled_at is ignored), F12 (1.5): 2 of 4.
        (LARDER, 4, 2, pytest.approx(50.0), pytest.approx(1.25)),
        # F02 (2.5), F05 (3.25), F06, F09: 2 of 4; ties on 4 go by name.
        (PANTRY, 4, 2, pytest.approx(50.0), pytest.approx(2.875)),
        # F01 (2.0), F03, F07 (12.625, fulfilled after the period): 2 of 3.
        (BANK, 3, 2, pytest.approx(200 / 3), pytest.approx(7.3125)),
    ]


def test_partner_performance_north(snaps):
    assert _partners(snaps, NORTH) == [
        (LARDER, 3, 2, pytest.approx(200 / 3), pytest.approx(1.25)),  # F04, F10, F12
        (BANK, 3, 2, pytest.approx(200 / 3), pytest.approx(7.3125)),  # F01, F03, F07
    ]


# --- 6. Fulfilment over time ----------------------------------------------------------------


def test_fulfilment_over_time(snaps):
    frame = food.fulfilment_over_time(snaps.food, FILTERS, EVERYONE)
    assert frame.schema == pl.Schema(
        {"week_ending": pl.Date, "fulfilment": pl.String, "referrals": pl.Int64}
    )
    assert frame.rows() == [
        (date(2026, 10, 5), "collected", 2),  # P01 (1 Oct 00:00), F12 (2 Oct)
        (date(2026, 10, 12), "collected", 1),  # F01 (7 Oct)
        (date(2026, 10, 19), "delivered_by_partner", 1),  # F02 (16 Oct)
        (date(2026, 11, 2), "not recorded", 1),  # F04 (28 Oct), NULL method
        (date(2026, 11, 16), "delivered_by_staff", 1),  # F05 (12 Nov)
    ]


def test_fulfilment_over_time_north(snaps):
    assert food.fulfilment_over_time(snaps.food, FILTERS, NORTH).rows() == [
        (date(2026, 10, 5), "collected", 2),  # P01, F12
        (date(2026, 10, 12), "collected", 1),  # F01
        (date(2026, 11, 2), "not recorded", 1),  # F04
    ]


# --- 7. By area -----------------------------------------------------------------------------


def test_referrals_by_area(snaps):
    frame = food.referrals_by_area(snaps.food, FILTERS, EVERYONE)
    assert frame.schema == pl.Schema({"area_id": pl.String, "referrals": pl.Int64})
    # A2: F02, F05, F06, F08, F09; A1: F01, F03, F07; A3: F04, F10, F12 (ties by id).
    assert frame.rows() == [("A2", 5), ("A1", 3), ("A3", 3)]


def test_referrals_by_area_north(snaps):
    assert food.referrals_by_area(snaps.food, FILTERS, NORTH).rows() == [("A1", 3), ("A3", 3)]


# --- 8. Referral rows -----------------------------------------------------------------------

ROW_SCHEMA = pl.Schema(
    {
        "referral_id": pl.String,
        "resident_id": pl.String,
        "area_id": pl.String,
        "team_id": pl.String,
        "partner_name": pl.String,
        "referred_at": pl.Datetime("us"),
        "status": pl.String,
        "fulfilled_at": pl.Datetime("us"),
        "fulfilment": pl.String,
        "days_to_fulfil": pl.Float64,
        "adults": pl.Int64,
        "children": pl.Int64,
        "call_id": pl.String,
    }
)


def _ids(snaps, drill, scope=EVERYONE) -> list[str]:
    frame = food.referral_rows(snaps.food, FILTERS, scope, drill)
    return frame.get_column("referral_id").to_list()


def test_referral_rows_newest_first(snaps):
    frame = food.referral_rows(snaps.food, FILTERS, EVERYONE, {})
    assert frame.schema == ROW_SCHEMA
    assert frame.get_column("referral_id").to_list() == [
        "F09", "F08", "F07", "F06", "F10", "F05", "F04", "F03", "F02", "F01", "F12",
    ]  # fmt: skip


def test_referral_rows_drilled_to_an_area(snaps):
    frame = food.referral_rows(snaps.food, FILTERS, EVERYONE, {"area_id": "A1"})
    assert frame.rows() == [
        ("F07", "R2", "A1", "T1", BANK, D(2026, 11, 18, 9), "fulfilled", D(2026, 12, 1),
         "delivered_by_staff", pytest.approx(12.625), 2, 1, None),
        # Declined: no fulfilment, no days, no call.
        ("F03", "R3", "A1", "T1", BANK, D(2026, 10, 20, 8), "declined", None,
         None, None, 1, 1, None),
        ("F01", "R1", "A1", "T1", BANK, D(2026, 10, 5, 10), "fulfilled", D(2026, 10, 7, 10),
         "collected", pytest.approx(2.0), 1, 0, "K01"),
    ]  # fmt: skip


def test_referral_rows_failed_with_a_fulfilled_at_has_no_days_to_fulfil(snaps):
    frame = food.referral_rows(snaps.food, FILTERS, EVERYONE, {"partner_name": LARDER})
    by_id = {row["referral_id"]: row for row in frame.iter_rows(named=True)}
    assert list(by_id) == ["F08", "F10", "F04", "F12"]  # 20 Nov, 10 Nov, 27 Oct, 1 Oct
    assert by_id["F10"]["fulfilled_at"] == D(2026, 11, 11, 10)
    assert by_id["F10"]["days_to_fulfil"] is None
    assert by_id["F04"]["fulfilment"] is None  # the raw rows keep NULL, not "not recorded"
    assert by_id["F12"]["days_to_fulfil"] == pytest.approx(1.5)


def test_referral_rows_drilled_to_a_partner(snaps):
    assert _ids(snaps, {"partner_name": PANTRY}) == ["F09", "F06", "F05", "F02"]


def test_referral_rows_drilled_on_both(snaps):
    assert _ids(snaps, {"area_id": "A2", "partner_name": LARDER}) == ["F08"]


def test_referral_rows_north(snaps):
    frame = food.referral_rows(snaps.food, FILTERS, NORTH, {})
    assert frame.get_column("referral_id").to_list() == ["F07", "F10", "F04", "F03", "F01", "F12"]
    assert set(frame.get_column("area_id").to_list()) == {"A1", "A3"}


def test_north_manager_cannot_drill_into_the_south(snaps):
    assert _ids(snaps, {"area_id": "A2"}, NORTH) == []


def test_referral_rows_reject_an_unknown_dimension(snaps):
    with pytest.raises(ValueError, match="team_id"):
        food.referral_rows(snaps.food, FILTERS, EVERYONE, {"team_id": "T1"})


# --- 9. Repeat need -------------------------------------------------------------------------


def test_repeat_need(snaps):
    headline, table = food.repeat_need(snaps.food, FILTERS, EVERYONE, snaps.reference)
    # H1 2, H2 3, H4 2 (exactly 90 days), H5 1 (100 days), H6 3, H7 4, H8 1.
    assert (headline.households, headline.repeat_households) == (7, 5)
    assert headline.share == pytest.approx(500 / 7)
    assert table.schema == pl.Schema({"referrals_in_90_days": pl.String, "households": pl.Int64})
    assert table.rows() == [("1", 2), ("2", 2), ("3", 2), ("4+", 1)]


def test_repeat_need_north(snaps):
    headline, table = food.repeat_need(snaps.food, FILTERS, NORTH, snaps.reference)
    # H1 2, H2 3, H6 3, H8 1.
    assert headline == food.RepeatNeed(households=4, repeat_households=3, share=75.0)
    assert table.rows() == [("1", 1), ("2", 1), ("3", 2), ("4+", 0)]


# --- 10. Bad rows ---------------------------------------------------------------------------


def test_bad_referrals_are_counted(snaps):
    assert snaps.food.excluded_rows(FOOD_REFERRALS) == 2
    issues = {
        (i.column, i.rule, i.count, i.examples)
        for i in snaps.food.issues
        if i.table == FOOD_REFERRALS.name
    }
    assert issues == {
        ("fulfilled_at", "missing while status is fulfilled", 1, ("B01",)),
        ("fulfilled_at", "fulfilled_at before referred_at", 1, ("B02",)),
    }


def test_bad_referrals_are_in_no_rows(snaps):
    ids = set(food.referral_rows(snaps.food, FILTERS, EVERYONE, {}).get_column("referral_id"))
    assert ids.isdisjoint(fx.BAD_REFERRALS)
    # Both would be referred in the period (12 and 20 Oct) had they kept the contract.
    assert len(ids) == 11


def test_outreach_fixture_is_clean(snaps):
    assert snaps.outreach.issues == ()
    assert snaps.reference.issues == ()


# --- 11. Empty views ------------------------------------------------------------------------


def test_empty_view_gives_zero_rows_with_the_documented_columns(snaps):
    args = (snaps.food, FILTERS, NOBODY)
    assert {label: _value(t) for label, t in _tiles(snaps, NOBODY).items()} == {
        "Referrals": (0, 0),
        "Fulfilled": (0, 0),
        "Median days to fulfil": (None, None),
        "People fed": (0, 0),
        "Children fed": (0, 0),
        "Food needs referred": (None, None),
    }
    assert food.weekly_referrals_by_status(*args).schema["week_ending"] == pl.Date
    assert food.weekly_referrals_by_status(*args).height == 0
    assert food.referral_funnel(*args).get_column("referrals").to_list() == [0] * 7
    assert food.partner_performance(*args).height == 0
    assert food.partner_performance(*args).schema["fulfilment_rate"] == pl.Float64
    assert food.fulfilment_over_time(*args).height == 0
    assert food.referrals_by_area(*args).height == 0
    assert food.referral_rows(*args, {}).schema == ROW_SCHEMA
    headline, table = food.repeat_need(*args, snaps.reference)
    assert headline == food.RepeatNeed(households=0, repeat_households=0, share=None)
    assert table.rows() == [("1", 0), ("2", 0), ("3", 0), ("4+", 0)]
