"""The Huddle's weeks, "What changed" and the weekly sparklines against fixture_huddle.

Every expected value is worked out by hand in the fixture's docstring. Each test that
reads the fixture runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from data_access.filters import Filters, Period
from data_access.reader import Reader
from data_access.scope import Scope
from data_access.snapshot import SnapshotLoader
from data_access.subjects import REFERENCE
from figures.headlines import for_period, sparkline, subject_headlines, weekly_values, weeks_ending
from figures.huddle import Place, huddle_weeks, latest_data_day, sentence, what_changed
from tests import fixture_huddle as fx
from tests.dbs import write_database

EVERYONE, NORTH = Scope.everything(), Scope.only(["North"])
FILTERS = Filters()
THIS_WEEK = Period(*fx.THIS_WEEK)
OVERDUE, OPEN, DAYS = "Overdue repairs", "Open repairs", "Average days to complete"
INCIDENTS, SERIOUS, REFERRALS = "Incidents", "Serious incidents", "Referrals"


@pytest.fixture
def snaps(empty_db_url) -> dict:
    write_database(empty_db_url, fx.ROWS)
    loader = SnapshotLoader(Reader(empty_db_url), clock=lambda: fx.READ_AT)
    reference = loader.load(REFERENCE, None)
    return {REFERENCE.key: reference} | {s.key: loader.load(s, reference) for s in fx.SUBJECTS}


def _summary(movements) -> list[tuple]:
    """(label, change, typical, places) of each movement, in order."""
    return [
        (m.headline.label, m.change, m.typical, tuple((p.name, p.change) for p in m.places))
        for m in movements
    ]


# --- Weeks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "sunday"),
    [
        (date(2026, 11, 15), date(2026, 11, 15)),  # a Sunday ends its own week
        (date(2026, 11, 16), date(2026, 11, 15)),  # a Monday: the day before
        (date(2026, 11, 17), date(2026, 11, 15)),  # Tuesday
        (date(2026, 11, 21), date(2026, 11, 15)),  # Saturday: the week is not over yet
    ],
)
def test_huddle_weeks_end_on_the_sunday_on_or_before(latest, sunday):
    weeks = huddle_weeks(latest)
    assert weeks[0] == Period(sunday - timedelta(days=6), sunday)
    assert weeks[0].start.weekday() == 0 and weeks[0].end.weekday() == 6


def test_huddle_weeks_without_data():
    assert huddle_weeks(None) == []


def test_huddle_weeks_skip_the_partial_week(snaps):
    assert latest_data_day(snaps) == fx.LATEST_DAY == date(2026, 11, 17)
    weeks = huddle_weeks(latest_data_day(snaps))
    assert len(weeks) == 12
    assert weeks[0] == THIS_WEEK
    assert weeks[1] == Period(date(2026, 11, 2), date(2026, 11, 8))
    assert weeks[-1] == Period(date(2026, 8, 24), date(2026, 8, 30))


# --- What changed ----------------------------------------------------------------------

DIRECTOR = [
    (OVERDUE, 9.0, 1.0, (("North", 8.0), ("Northgate", 6.0))),
    (DAYS, 3.0, 0.5, ()),
    (OPEN, 11.0, 2.0, (("North", 9.0), ("Northgate", 6.0))),
    (INCIDENTS, 4.0, 1.0, (("North", 4.0), ("Hillside", 4.0))),
    (SERIOUS, 3.0, 1.0, (("South", 2.0),)),
]
DIRECTOR_SENTENCES = [
    "Overdue repairs +9 week on week (2 to 11), most in North (+8), within it Northgate (+6).",
    "Average days to complete +3.0 days week on week (3.0 days to 6.0 days).",
    "Open repairs +11 week on week (26 to 37), most in North (+9), within it Northgate (+6).",
    "Incidents +4 week on week (5 to 9), most in North (+4), within it Hillside (+4).",
    "Serious incidents +3 week on week (0 to 3), most in South (+2).",
]


def test_director_top_five(snaps):
    movements = what_changed(snaps, FILTERS, EVERYONE, THIS_WEEK, suppress=False)
    assert _summary(movements) == DIRECTOR
    assert [m.size for m in movements] == [9.0, 6.0, 5.5, 4.0, 3.0]
    assert [sentence(m, suppress=False) for m in movements] == DIRECTOR_SENTENCES


def test_director_sixth_movement_is_referrals(snaps):
    movements = what_changed(snaps, FILTERS, EVERYONE, THIS_WEEK, suppress=False, count=10)
    assert [m.headline.label for m in movements] == [*(row[0] for row in DIRECTOR), REFERRALS]
    referrals = movements[-1]
    assert (referrals.change, referrals.typical, referrals.size) == (-5.0, 2.0, 2.5)
    assert referrals.places == (Place("South", -3.0),)  # South has one area: no area part
    assert sentence(referrals, False) == "Referrals -5 week on week (6 to 1), most in South (-3)."


def test_north_manager_gets_areas_only(snaps):
    movements = what_changed(snaps, FILTERS, NORTH, THIS_WEEK, suppress=False)
    assert _summary(movements) == [
        (OPEN, 9.0, 1.0, (("Northgate", 6.0),)),
        (OVERDUE, 8.0, 1.0, (("Northgate", 6.0),)),
        (INCIDENTS, 4.0, 1.0, (("Hillside", 4.0),)),
        (REFERRALS, -2.0, 1.0, (("Northgate", -2.0),)),
        (SERIOUS, 1.0, 1.0, (("Hillside", 1.0),)),
    ]
    assert [sentence(m, suppress=False) for m in movements] == [
        "Open repairs +9 week on week (13 to 22), most in Northgate (+6).",
        "Overdue repairs +8 week on week (1 to 9), most in Northgate (+6).",
        "Incidents +4 week on week (3 to 7), most in Hillside (+4).",
        "Referrals -2 week on week (3 to 1), most in Northgate (-2).",
        "Serious incidents +1 week on week (0 to 1), most in Hillside (+1).",
    ]


def test_north_filter_on_a_director_matches_the_manager(snaps):
    # A director choosing North sees one region too: no region part.
    chosen = what_changed(snaps, Filters(regions=("North",)), EVERYONE, THIS_WEEK, False)
    assert [m.places for m in chosen][:2] == [(Place("Northgate", 6.0),)] * 2


def test_suppressed_viewer_loses_the_small_incident_movement(snaps):
    movements = what_changed(snaps, FILTERS, EVERYONE, THIS_WEEK, suppress=True)
    assert _summary(movements) == [
        DIRECTOR[0],
        DIRECTOR[1],
        DIRECTOR[2],
        (INCIDENTS, 4.0, 1.0, ()),  # safe counts 5 and 9: kept, never broken down
        (REFERRALS, -5.0, 2.0, (("South", -3.0),)),
    ]
    assert [sentence(m, suppress=True) for m in movements][3:] == [
        "Incidents +4 week on week (5 to 9).",
        "Referrals -5 week on week (6 to 1), most in South (-3).",
    ]


def test_no_outreach_campaign_means_no_outreach_tiles(snaps):
    assert subject_headlines("outreach", snaps, for_period(FILTERS, THIS_WEEK), EVERYONE) == []
    without = {key: s for key, s in snaps.items() if key != "outreach"}
    movements = what_changed(without, FILTERS, EVERYONE, THIS_WEEK, suppress=False)
    assert _summary(movements) == DIRECTOR


# --- Weekly values and sparklines -------------------------------------------------------

SPARK_WEEKS = weeks_ending(THIS_WEEK, 12)
OPEN_WEEKLY = [2.0 * k + 4 for k in range(1, 12)] + [37.0]  # 6, 8, ..., 26, 37
INCIDENTS_WEEKLY = [5.0, 5.0, 5.0, 5.0, 2.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 9.0]


def _tile(snaps, subject: str, label: str, week: Period):
    found = subject_headlines(subject, snaps, for_period(FILTERS, week), EVERYONE)
    return next(h.tile for h in found if h.label == label)


def test_weekly_open_repairs_are_the_tile_for_each_week(snaps):
    assert SPARK_WEEKS[0] == Period(date(2026, 8, 24), date(2026, 8, 30))
    assert SPARK_WEEKS[-1] == THIS_WEEK
    series = weekly_values("repairs", snaps, FILTERS, EVERYONE, SPARK_WEEKS)
    assert sparkline(series, OPEN) == OPEN_WEEKLY
    for index in (0, 10, 11):  # 24-30 Aug, 2-8 Nov, 9-15 Nov
        assert _tile(snaps, "repairs", OPEN, SPARK_WEEKS[index]).value == OPEN_WEEKLY[index]
    this_week = _tile(snaps, "repairs", OPEN, THIS_WEEK)
    assert (this_week.value, this_week.previous) == (37, 26)


def test_incident_sparkline_hides_small_weeks(snaps):
    series = weekly_values("respect", snaps, FILTERS, EVERYONE, SPARK_WEEKS)
    assert sparkline(series, INCIDENTS) == INCIDENTS_WEEKLY
    assert _tile(snaps, "respect", INCIDENTS, SPARK_WEEKS[4]).value == 2  # k = 5, 21-27 Sep
    hidden = [None, 5.0, 5.0, 5.0, None, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 9.0]
    assert sparkline(series, INCIDENTS, suppress=True) == hidden
