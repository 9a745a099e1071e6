"""Outreach figures against the hand-worked fixture_outreach, on SQLite and PostgreSQL.

Every expected value is worked out by hand from the fixture's rows (see its docstring
and the comments here). Period 15-28 Oct 2026, end moment T = 29 Oct 00:00; previous
period 1-14 Oct, T' = 15 Oct 00:00. North = areas A1 and A3; South = A2.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import polars as pl
import pytest

from data_access.filters import Filters
from data_access.reader import Reader
from data_access.schema import OUTREACH_CALLS, OUTREACH_COHORT, OUTREACH_NEEDS
from data_access.scope import Scope
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from figures import outreach
from figures.outreach import Campaign, Progress
from tests import fixture_outreach as fx
from tests.dbs import write_database

FILTERS = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END)
EVERYONE = Scope.everything()
NORTH = Scope.only(["North"])
D = datetime
OCT = 10
LABELS = [
    "Residents in cohort",
    "Residents reached",
    "Cohort reached",
    "Calls made",
    "Needs identified",
    "Follow-ups outstanding",
]
C1 = Campaign("C1", "Winter welfare", date(2026, 10, 1), None, 10)
C2 = Campaign("C2", "Heat check", date(2026, 10, 5), date(2026, 10, 12), 2)
C3 = Campaign("C3", "Cost of living", date(2026, 10, 20), None, 5)

PROGRESS = {"day": pl.Date, "reached": pl.Int64}
PER_DAY = {"day": pl.Date, "outcome": pl.String, "calls": pl.Int64}
FUNNEL = {"stage": pl.String, "residents": pl.Int64}
NEEDS = {"need": pl.String, "needs": pl.Int64}
ATTEMPTS = {"attempts": pl.String, "reached": pl.Int64, "not_yet_reached": pl.Int64}
FOLLOW_UP = {
    "resident_id": pl.String,
    "area_id": pl.String,
    "team_id": pl.String,
    "reason": pl.String,
    "attempts": pl.Int64,
    "last_outcome": pl.String,
    "last_called_at": pl.Datetime("us"),
}
OUT, NOT3 = "Follow-up outstanding", "Not reached after 3+ attempts"


def _rate(dimension: str) -> dict:
    return {dimension: pl.String, "calls": pl.Int64, "reached": pl.Int64, "reach_rate": pl.Float64}


@pytest.fixture
def store(empty_db_url):
    write_database(empty_db_url, fx.ROWS)
    # The store loads the reference snapshot first and hands it to each subject's load.
    return SnapshotStore(SnapshotLoader(Reader(empty_db_url), clock=lambda: fx.READ_AT))


@pytest.fixture
def snapshot(store):
    return store.get("outreach")


@pytest.fixture
def food(store):
    return store.get("food")


def _tiles(snapshot, campaign_id="C1", scope=EVERYONE, filters=FILTERS) -> dict:
    tiles = outreach.headline_tiles(snapshot, filters, scope, campaign_id)
    assert [t.label for t in tiles] == LABELS
    return {t.label: (t.value, t.previous) for t in tiles}


def _frame(frame: pl.DataFrame, schema: dict, rows: list[tuple]) -> None:
    """A frame has exactly these columns, dtypes and rows, in order."""
    assert dict(frame.schema) == schema
    assert frame.rows() == rows


def _days(start: date, end: date, steps: dict[date, int]) -> list[tuple[date, int]]:
    """Expand hand-listed cumulative counts (the value from each listed day on) to days."""
    rows, value, day = [], 0, start
    while day <= end:
        value = steps.get(day, value)
        rows.append((day, value))
        day += timedelta(days=1)
    return rows


# --- 1. Campaigns -------------------------------------------------------------------------


def test_campaigns_running_first_then_latest_started(store):
    # Running: C3 (20 Oct) before C1 (1 Oct); then the ended C2, though it began after C1.
    assert outreach.campaigns(store.get("reference")) == [C3, C1, C2]


def test_campaign_running_property():
    assert C1.running and C3.running and not C2.running


@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        ([C3, C1, C2], C3),  # the latest-started running campaign
        ([C2, C1], C1),  # a running one beats a later-started ended one
        ([C2, Campaign("C0", "Old", date(2025, 1, 1), date(2025, 2, 1), 1)], C2),  # none running
        ([], None),
    ],
)
def test_default_campaign(choices, expected):
    assert outreach.default_campaign(choices) == expected


# --- 2. Headline tiles, every region ------------------------------------------------------


def test_tiles_labels_units_and_direction(snapshot):
    tiles = outreach.headline_tiles(snapshot, FILTERS, EVERYONE, "C1")
    assert tuple(t.label for t in tiles) == outreach.TILE_LABELS == tuple(LABELS)
    assert [t.unit for t in tiles] == ["count", "count", "percent", "count", "count", "count"]
    assert [t.higher_is_better for t in tiles] == [True, True, True, True, True, False]
    assert all(len(t.help) > 40 for t in tiles)


def test_residents_in_cohort_tile(snapshot):
    # At 28 Oct: R01-R08, R11, R12 (added 20 Oct) = 10; R13 (added 29 Oct) and the bad
    # R99 row are out. At 14 Oct: R01-R08, R11 = 9.
    assert _tiles(snapshot)["Residents in cohort"] == (10, 9)


def test_residents_reached_tile(snapshot):
    # Reached calls 15-28 Oct: K03 R01, K05 R02, K06 R03, K07 R04, K12b R06 (inbound),
    # K21 R08, K23 R09 (not in cohort), K25 + K26 R10 (not in cohort, counted once) = 8.
    # Previous: K04 R02 = 1. The bad K91 (unknown resident) is not counted.
    assert _tiles(snapshot)["Residents reached"] == (8, 1)


def test_cohort_reached_tile(snapshot):
    value, previous = _tiles(snapshot)["Cohort reached"]
    # At T: R01 R02 R03 R04 R06 R08 of 10 cohort residents = 60%; R09/R10 are not cohort.
    assert value == pytest.approx(60.0)
    # At T': only R02 (K04, 5 Oct) of 9 = 11.1%.
    assert previous == pytest.approx(100 / 9)


def test_calls_made_tile(snapshot):
    # 17 calls 15-28 Oct, inbound K12b/K23 and non-cohort K23-K26 included; K20 at 15 Oct
    # 00:00 is in, K19 at 14 Oct 23:59:59 is previous. Previous: 9 (see the fixture).
    assert _tiles(snapshot)["Calls made"] == (17, 9)


def test_needs_identified_tile(snapshot):
    # K03 food + loneliness, K07 food, K12b food, K21 food + mental_health, K23
    # housing_repair = 7 (not the need on the bad K90). Previous: K04 medicine = 1.
    assert _tiles(snapshot)["Needs identified"] == (7, 1)


def test_follow_ups_outstanding_tile(snapshot):
    # At T: K06 R03, K07 R04 (its later K08 is 2 Nov), K21 R08, K23 R09 = 4; K04 is
    # satisfied by K05 (20 Oct). At T': K04 (K05 not yet made) = 1.
    assert _tiles(snapshot)["Follow-ups outstanding"] == (4, 1)


# --- 3. A North manager -------------------------------------------------------------------


def test_north_manager_tiles(snapshot):
    tiles = _tiles(snapshot, scope=NORTH)
    # Cohort R01-R05, R11 at both ends (R12 and R13 are South).
    assert tiles["Residents in cohort"] == (6, 6)
    # Reached: R01 R02 R03 R04 R09; previous R02.
    assert tiles["Residents reached"] == (5, 1)
    value, previous = tiles["Cohort reached"]
    assert value == pytest.approx(400 / 6)  # R01-R04 of 6
    assert previous == pytest.approx(100 / 6)  # R02 of 6
    # K03 K05 K06 K07 K10 K11 K23 | K01 K02 K04 K09.
    assert tiles["Calls made"] == (7, 4)
    # K03 2 + K07 1 + K23 1 | K04 1.
    assert tiles["Needs identified"] == (4, 1)
    # K06, K07, K23 | K04.
    assert tiles["Follow-ups outstanding"] == (3, 1)


def test_region_filter_cannot_widen_a_managers_scope(snapshot):
    south = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END, regions=("South",))
    assert _tiles(snapshot, scope=NORTH, filters=south) == {
        "Residents in cohort": (0, 0),
        "Residents reached": (0, 0),
        "Cohort reached": (None, None),
        "Calls made": (0, 0),
        "Needs identified": (0, 0),
        "Follow-ups outstanding": (0, 0),
    }


# --- 4. Campaign progress -----------------------------------------------------------------

# C1 first reached days: R02 5 Oct, R01 16, R09 17, R04 18, R06 21, R03 22, R08 24, R10 27.
C1_STEPS = {
    date(2026, OCT, 5): 1,
    date(2026, OCT, 16): 2,
    date(2026, OCT, 17): 3,
    date(2026, OCT, 18): 4,
    date(2026, OCT, 21): 5,
    date(2026, OCT, 22): 6,
    date(2026, OCT, 24): 7,
    date(2026, OCT, 27): 8,
}


def test_progress_frame(snapshot):
    frame, _ = outreach.campaign_progress(snapshot, FILTERS, EVERYONE, C1)
    # Every day from the start (1 Oct) to the period's last day (28 Oct): 28 rows.
    _frame(frame, PROGRESS, _days(date(2026, OCT, 1), date(2026, OCT, 28), C1_STEPS))


def test_progress_pace_and_projection(snapshot):
    _, progress = outreach.campaign_progress(snapshot, FILTERS, EVERYONE, C1)
    # Reached 8 of 10. First reached in the last 7 days (22-28 Oct): R03, R08, R10 = 3,
    # pace 3/7 a day. Projected: 28 Oct + ceil((10 - 8) / (3/7)) = + ceil(4.67) = 2 Nov.
    assert progress == Progress(
        target=10.0,
        reached=8,
        pace_per_day=pytest.approx(3 / 7),
        projected_on=date(2026, 11, 2),
        met_on=None,
        pro_rata=False,
    )


def test_progress_of_an_ended_campaign_that_met_its_target(snapshot):
    frame, progress = outreach.campaign_progress(snapshot, FILTERS, EVERYONE, C2)
    # C2 ran 5-12 Oct (ended before 28 Oct, so the days stop at 12 Oct): R01 reached
    # 6 Oct (K30), R06 8 Oct (K32). Target 2 met on 8 Oct. Last 7 days 6-12 Oct: 2 new.
    steps = {date(2026, OCT, 6): 1, date(2026, OCT, 8): 2}
    _frame(frame, PROGRESS, _days(date(2026, OCT, 5), date(2026, OCT, 12), steps))
    assert progress == Progress(2.0, 2, pytest.approx(2 / 7), None, date(2026, OCT, 8), False)


def test_ended_campaign_is_never_projected(snapshot):
    unmet = Campaign("C2", "Heat check", date(2026, 10, 5), date(2026, 10, 12), 5)
    _, progress = outreach.campaign_progress(snapshot, FILTERS, EVERYONE, unmet)
    # 2 of 5 with a pace of 2/7, but the campaign ended on 12 Oct: no projected date.
    assert (progress.reached, progress.met_on, progress.projected_on) == (2, None, None)


def test_projection_while_the_campaign_was_still_running(snapshot):
    unmet = Campaign("C2", "Heat check", date(2026, 10, 5), date(2026, 10, 12), 5)
    early = Filters(start=date(2026, OCT, 1), end=date(2026, OCT, 10))
    frame, progress = outreach.campaign_progress(snapshot, early, EVERYONE, unmet)
    # As at 10 Oct C2 was running: days 5-10 Oct; 2 reached, both in the last 7 days
    # (4-10 Oct): pace 2/7. 10 Oct + ceil((5 - 2) / (2/7)) = + ceil(10.5) = 21 Oct.
    steps = {date(2026, OCT, 6): 1, date(2026, OCT, 8): 2}
    _frame(frame, PROGRESS, _days(date(2026, OCT, 5), date(2026, OCT, 10), steps))
    assert progress.projected_on == date(2026, OCT, 21)


def test_progress_pro_rata_for_a_north_manager(snapshot):
    frame, progress = outreach.campaign_progress(snapshot, FILTERS, NORTH, C1)
    # North first reached: R02 5 Oct, R01 16, R09 17, R04 18, R03 22.
    steps = {
        date(2026, OCT, 5): 1,
        date(2026, OCT, 16): 2,
        date(2026, OCT, 17): 3,
        date(2026, OCT, 18): 4,
        date(2026, OCT, 22): 5,
    }
    _frame(frame, PROGRESS, _days(date(2026, OCT, 1), date(2026, OCT, 28), steps))
    # Target 10 x (North cohort rows R01-R05, R11 = 6) / (all valid C1 cohort rows
    # R01-R08, R11, R12, R13 = 11) = 60/11 = 5.45. Pace: R03 in 22-28 Oct = 1/7.
    # Projected 28 Oct + ceil((60/11 - 5) x 7) = + ceil(3.18) = 1 Nov.
    assert progress == Progress(
        target=pytest.approx(60 / 11),
        reached=5,
        pace_per_day=pytest.approx(1 / 7),
        projected_on=date(2026, 11, 1),
        met_on=None,
        pro_rata=True,
    )


def test_progress_pro_rata_for_an_area_filter(snapshot):
    a1 = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END, areas=("A1",))
    _, progress = outreach.campaign_progress(snapshot, a1, EVERYONE, C1)
    # A1 cohort rows R01-R04 = 4 of 11: target 40/11. A1 reached R01 R02 R03 R04 R09 = 5,
    # which meets ceil(40/11) = 4 on 18 Oct (R02 5 Oct, R01 16, R09 17, R04 18).
    assert progress.target == pytest.approx(40 / 11)
    assert (progress.reached, progress.pro_rata) == (5, True)
    assert (progress.met_on, progress.projected_on) == (date(2026, OCT, 18), None)


# --- 5. Calls per day, funnel, needs ------------------------------------------------------


def test_calls_per_day_by_outcome(snapshot):
    frame = outreach.calls_per_day_by_outcome(snapshot, FILTERS, EVERYONE, "C1")
    _frame(
        frame,
        PER_DAY,
        [
            (date(2026, OCT, 15), "no_answer", 1),  # K20 at 00:00
            (date(2026, OCT, 16), "no_answer", 1),  # K10
            (date(2026, OCT, 16), "reached", 1),  # K03
            (date(2026, OCT, 17), "reached", 1),  # K23 inbound
            (date(2026, OCT, 18), "reached", 1),  # K07
            (date(2026, OCT, 19), "refused", 1),  # K15
            (date(2026, OCT, 20), "reached", 1),  # K05 (bad K90 left out)
            (date(2026, OCT, 21), "no_answer", 1),  # K12
            (date(2026, OCT, 21), "reached", 1),  # K12b (bad K91 left out)
            (date(2026, OCT, 22), "reached", 1),  # K06
            (date(2026, OCT, 23), "voicemail", 1),  # K11
            (date(2026, OCT, 24), "reached", 1),  # K21
            (date(2026, OCT, 26), "callback_requested", 1),  # K16
            (date(2026, OCT, 27), "no_answer", 2),  # K22, K24
            (date(2026, OCT, 27), "reached", 1),  # K25
            (date(2026, OCT, 28), "reached", 1),  # K26
        ],
    )


def test_calls_per_day_north(snapshot):
    frame = outreach.calls_per_day_by_outcome(snapshot, FILTERS, NORTH, "C1")
    _frame(
        frame,
        PER_DAY,
        [
            (date(2026, OCT, 16), "no_answer", 1),  # K10 (R05, A3)
            (date(2026, OCT, 16), "reached", 1),  # K03
            (date(2026, OCT, 17), "reached", 1),  # K23
            (date(2026, OCT, 18), "reached", 1),  # K07
            (date(2026, OCT, 20), "reached", 1),  # K05
            (date(2026, OCT, 22), "reached", 1),  # K06
            (date(2026, OCT, 23), "voicemail", 1),  # K11
        ],
    )


def test_funnel(snapshot, food):
    frame = outreach.campaign_funnel(snapshot, FILTERS, EVERYONE, "C1", food)
    stages = list(outreach.FUNNEL_STAGES)
    # Cohort 10; called: all but R11 = 9; reached: R01 R02 R03 R04 R06 R08 = 6; with a
    # need: not R03 (K06 recorded none) = 5; referred on or after their first call and
    # before T: R01 (F1 17 Oct), R06 (F3 21 Oct 16:00 after K12 at 13:00) = 2; not R04
    # (F2 1 Nov, after T) nor R08 (F6 30 Sep, before K17 on 1 Oct).
    _frame(frame, FUNNEL, list(zip(stages, [10, 9, 6, 5, 2], strict=True)))


def test_funnel_without_food_snapshot(snapshot):
    frame = outreach.campaign_funnel(snapshot, FILTERS, EVERYONE, "C1", None)
    _frame(frame, FUNNEL, list(zip(outreach.FUNNEL_STAGES, [10, 9, 6, 5, 0], strict=True)))


def test_funnel_north(snapshot, food):
    frame = outreach.campaign_funnel(snapshot, FILTERS, NORTH, "C1", food)
    # Cohort R01-R05 R11 = 6; called R01-R05 = 5; reached R01-R04 = 4; need R01 R02 R04
    # = 3; referred R01 = 1 (F5 for R05 is left out: R05 was never reached).
    _frame(frame, FUNNEL, list(zip(outreach.FUNNEL_STAGES, [6, 5, 4, 3, 1], strict=True)))


def test_needs_by_type(snapshot):
    frame = outreach.needs_by_type(snapshot, FILTERS, EVERYONE, "C1")
    # food K03 K07 K12b K21 = 4; then ties of 1 by name. K04's medicine is previous.
    rows = [("food", 4), ("housing_repair", 1), ("loneliness", 1), ("mental_health", 1)]
    _frame(frame, NEEDS, rows)


def test_needs_by_type_north(snapshot):
    frame = outreach.needs_by_type(snapshot, FILTERS, NORTH, "C1")
    _frame(frame, NEEDS, [("food", 2), ("housing_repair", 1), ("loneliness", 1)])


# --- 6. Reach rates and attempts ----------------------------------------------------------


def test_reach_rate_by_team(snapshot):
    frame = outreach.reach_rate_by(snapshot, FILTERS, EVERYONE, "C1", "team_id")
    # T3: K12 K12b K15 K16 K20 K21 K22 K24 K25 K26 = 10 calls, reached K12b K21 K25 K26
    # = 4.
    # T2: K06 K11 K23 = 3, reached K06 K23 = 2. T1: K03 K05 K07 K10 = 4, reached 3.
    rows = [("T3", 10, 4, 40.0), ("T2", 3, 2, 200 / 3), ("T1", 4, 3, 75.0)]
    assert dict(frame.schema) == _rate("team_id")
    assert frame.rows() == [(k, c, r, pytest.approx(p)) for k, c, r, p in rows]


def test_reach_rate_by_area(snapshot):
    frame = outreach.reach_rate_by(snapshot, FILTERS, EVERYONE, "C1", "area_id")
    # A3: K10 K11 = 2, none reached. A2: the 10 T3 calls, 4 reached. A1: K03 K05 K06 K07
    # K23 = 5, all reached.
    rows = [("A3", 2, 0, 0.0), ("A2", 10, 4, 40.0), ("A1", 5, 5, 100.0)]
    assert dict(frame.schema) == _rate("area_id")
    assert frame.rows() == [(k, c, r, pytest.approx(p)) for k, c, r, p in rows]


@pytest.mark.parametrize(
    ("dimension", "rows"),
    [
        ("team_id", [("T2", 3, 2, 200 / 3), ("T1", 4, 3, 75.0)]),
        ("area_id", [("A3", 2, 0, 0.0), ("A1", 5, 5, 100.0)]),
    ],
)
def test_reach_rate_north(snapshot, dimension, rows):
    frame = outreach.reach_rate_by(snapshot, FILTERS, NORTH, "C1", dimension)
    assert frame.rows() == [(k, c, r, pytest.approx(p)) for k, c, r, p in rows]


def test_reach_rate_by_an_unknown_dimension_is_refused(snapshot):
    with pytest.raises(ValueError, match="reach rate"):
        outreach.reach_rate_by(snapshot, FILTERS, EVERYONE, "C1", "region")


def test_attempts_to_reach(snapshot):
    frame = outreach.attempts_to_reach(snapshot, FILTERS, EVERYONE, "C1")
    # Reached on call 1: R02 R03 R04; call 2: R06 (K12 then K12b, tied on called_at);
    # call 3: R01; call 5: R08 (5+). Not yet reached after 1 call: R12; 3: R05; 4: R07.
    # R11 (never called) and R09/R10 (not in the cohort) are left out.
    rows = [("1", 3, 1), ("2", 1, 0), ("3", 1, 1), ("4", 0, 1), ("5+", 1, 0)]
    _frame(frame, ATTEMPTS, rows)


def test_attempts_to_reach_north(snapshot):
    frame = outreach.attempts_to_reach(snapshot, FILTERS, NORTH, "C1")
    # Call 1: R02 R03 R04; call 3: R01; not yet after 3: R05.
    rows = [("1", 3, 0), ("2", 0, 0), ("3", 1, 1), ("4", 0, 0), ("5+", 0, 0)]
    _frame(frame, ATTEMPTS, rows)


# --- 7. Who to call next ------------------------------------------------------------------

R09 = ("R09", "A1", "T2", OUT, 1, "reached", D(2026, OCT, 17, 11))
R04 = ("R04", "A1", "T1", OUT, 1, "reached", D(2026, OCT, 18, 9, 30))  # K08 is after T
R03 = ("R03", "A1", "T2", OUT, 1, "reached", D(2026, OCT, 22, 10))
R05 = ("R05", "A3", "T2", NOT3, 3, "voicemail", D(2026, OCT, 23, 10))  # latest K11 by T2
R08 = ("R08", "A2", "T3", OUT, 5, "reached", D(2026, OCT, 24, 12))
R07 = ("R07", "A2", "T3", NOT3, 4, "callback_requested", D(2026, OCT, 26, 10))


def test_follow_up_list(snapshot):
    frame = outreach.follow_up_list(snapshot, FILTERS, EVERYONE, "C1", {})
    # Longest waiting first. R02 is absent (K04 satisfied by K05); R12 has 1 call only.
    _frame(frame, FOLLOW_UP, [R09, R04, R03, R05, R08, R07])


@pytest.mark.parametrize(
    ("drill", "rows"),
    [
        ({"team_id": "T2"}, [R09, R03, R05]),
        ({"team_id": "T1"}, [R04]),
        ({"area_id": "A2"}, [R08, R07]),
        ({"team_id": "T3", "area_id": "A2"}, [R08, R07]),
        ({"team_id": "T1", "area_id": "A2"}, []),
    ],
)
def test_follow_up_list_drilled(snapshot, drill, rows):
    _frame(outreach.follow_up_list(snapshot, FILTERS, EVERYONE, "C1", drill), FOLLOW_UP, rows)


def test_follow_up_list_north(snapshot):
    _frame(
        outreach.follow_up_list(snapshot, FILTERS, NORTH, "C1", {}), FOLLOW_UP, [R09, R04, R03, R05]
    )


def test_north_manager_cannot_drill_into_the_south(snapshot):
    frame = outreach.follow_up_list(snapshot, FILTERS, NORTH, "C1", {"area_id": "A2"})
    _frame(frame, FOLLOW_UP, [])


def test_follow_ups_belong_to_their_campaign(snapshot):
    # C2's K32 (R06, 8 Oct) asked for a follow-up; R06's later reached call K12 is C1's.
    frame = outreach.follow_up_list(snapshot, FILTERS, EVERYONE, "C2", {})
    _frame(frame, FOLLOW_UP, [("R06", "A2", "T3", OUT, 2, "reached", D(2026, OCT, 8, 10))])


def test_follow_up_list_refuses_an_unknown_drill(snapshot):
    with pytest.raises(ValueError, match="drill"):
        outreach.follow_up_list(snapshot, FILTERS, EVERYONE, "C1", {"region": "North"})


# --- 8. A campaign with no calls yet --------------------------------------------------------


@pytest.mark.parametrize("campaign_id", ["C3", "no-such-campaign"])
def test_empty_campaign_tiles(snapshot, campaign_id):
    assert _tiles(snapshot, campaign_id) == {
        "Residents in cohort": (0, 0),
        "Residents reached": (0, 0),
        "Cohort reached": (None, None),
        "Calls made": (0, 0),
        "Needs identified": (0, 0),
        "Follow-ups outstanding": (0, 0),
    }


@pytest.mark.parametrize("campaign_id", ["C3", "no-such-campaign"])
def test_empty_campaign_frames(snapshot, food, campaign_id):
    args = (snapshot, FILTERS, EVERYONE, campaign_id)
    _frame(outreach.calls_per_day_by_outcome(*args), PER_DAY, [])
    _frame(outreach.needs_by_type(*args), NEEDS, [])
    _frame(outreach.reach_rate_by(*args, "team_id"), _rate("team_id"), [])
    _frame(outreach.reach_rate_by(*args, "area_id"), _rate("area_id"), [])
    _frame(outreach.follow_up_list(*args, {}), FOLLOW_UP, [])
    zeros = [(stage, 0) for stage in outreach.FUNNEL_STAGES]
    _frame(outreach.campaign_funnel(*args, food), FUNNEL, zeros)
    buckets = [(n, 0, 0) for n in ("1", "2", "3", "4", "5+")]
    _frame(outreach.attempts_to_reach(*args), ATTEMPTS, buckets)


def test_empty_campaign_progress(snapshot):
    frame, progress = outreach.campaign_progress(snapshot, FILTERS, NORTH, C3)
    # 20-28 Oct, nobody reached. No cohort rows at all, so nothing to pro-rate by.
    _frame(frame, PROGRESS, _days(date(2026, OCT, 20), date(2026, OCT, 28), {}))
    assert progress == Progress(5.0, 0, 0.0, None, None, False)


def test_progress_before_the_campaign_began(snapshot):
    before = Filters(start=date(2026, OCT, 1), end=date(2026, OCT, 14))
    frame, progress = outreach.campaign_progress(snapshot, before, EVERYONE, C3)
    _frame(frame, PROGRESS, [])
    assert progress == Progress(5.0, 0, 0.0, None, None, False)


# --- 9. Bad rows and memoised views ----------------------------------------------------------


def test_bad_rows_are_counted(snapshot):
    assert snapshot.excluded_rows(OUTREACH_CALLS) == 2  # K90 "shouted", K91 resident R99
    assert snapshot.excluded_rows(OUTREACH_COHORT) == 1  # (C1, R99)
    assert snapshot.excluded_rows(OUTREACH_NEEDS) == 0
    calls = {
        (i.column, i.count, i.examples) for i in snapshot.issues if i.table == "outreach_calls"
    }
    assert calls == {("outcome", 1, ("K90",)), ("resident_id", 1, ("K91",))}


def test_bad_rows_are_absent_from_the_snapshot(snapshot):
    kept = set(snapshot.frames[OUTREACH_CALLS.name].get_column("call_id").to_list())
    assert kept.isdisjoint(fx.BAD_CALLS)
    assert len(kept) == 30  # K01-K26, K12b and K30-K32


def test_a_rerun_reuses_the_remembered_frames(snapshot):
    first = outreach.calls_per_day_by_outcome(snapshot, FILTERS, NORTH, "C1")
    assert outreach.calls_per_day_by_outcome(snapshot, FILTERS, NORTH, "C1") is first
    days, _ = outreach.campaign_progress(snapshot, FILTERS, NORTH, C1)
    assert outreach.campaign_progress(snapshot, FILTERS, NORTH, C1)[0] is days
