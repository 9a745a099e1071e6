"""Working-day arithmetic against known England and Wales calendars."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest

from data_access.working_days import (
    add_working_days,
    bank_holidays,
    count_working_days,
    hours_later,
    is_working_day,
    real_local,
    working_day_deadline,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Wednesday 24 Dec 2025: 25 and 26 Dec are bank holidays, then a weekend.
        (D(2025, 12, 24), 1, D(2025, 12, 29)),
        (D(2025, 12, 24), 2, D(2025, 12, 30)),
        # Thursday 24 Dec 2026: Boxing Day is a Saturday, so Monday 28 Dec is the substitute.
        (D(2026, 12, 24), 1, D(2026, 12, 29)),
        (D(2026, 12, 24), 2, D(2026, 12, 30)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
        (D(2026, 4, 2), 1, D(2026, 4, 7)),
        (D(2026, 4, 3), 1, D(2026, 4, 7)),
        (D(2026, 4, 6), 1, D(2026, 4, 7)),
        # The event's own day never counts, even at a weekend.
        (D(2026, 11, 20), 1, D(2026, 11, 23)),
        (D(2026, 11, 21), 1, D(2026, 11, 23)),
        (D(2026, 11, 22), 1, D(2026, 11, 23)),
        (D(2026, 11, 23), 5, D(2026, 11, 30)),
        (D(2026, 11, 23), 0, D(2026, 11, 23)),
        # Across a year end: New Year's Day 2027 is a Friday.
        (D(2026, 12, 31), 1, D(2027, 1, 4)),
    ],
)
def test_add_working_days_known_dates(start: dt.date, n: int, expected: dt.date) -> None:
    assert add_working_days(start, n) == expected


def test_bank_holidays_include_easter_and_substitutes() -> None:
    days = set(bank_holidays(2026, 2026).astype(dt.date))
    assert {D(2026, 4, 3), D(2026, 4, 6), D(2026, 12, 25), D(2026, 12, 28)} <= days
    assert D(2026, 3, 17) not in days  # St Patrick's Day is Northern Ireland only


def test_vectorised_numpy_matches_scalar() -> None:
    starts = np.array(["2025-12-24", "2026-04-02", "NaT", "2026-11-21"], dtype="datetime64[D]")
    result = add_working_days(starts, np.array([2, 1, 3, 1]))
    assert result.dtype == np.dtype("datetime64[D]")
    assert list(result[[0, 1, 3]].astype(dt.date)) == [
        D(2025, 12, 30),
        D(2026, 4, 7),
        D(2026, 11, 23),
    ]
    assert np.isnat(result[2])


def test_polars_series_in_polars_series_out() -> None:
    dates = pl.Series("aware", [D(2026, 4, 2), None, D(2026, 4, 4)], dtype=pl.Date)
    result = add_working_days(dates, 10)
    assert isinstance(result, pl.Series)
    assert result.name == "aware"
    # Good Friday and Easter Monday fall inside both windows.
    assert result.to_list() == [D(2026, 4, 20), None, D(2026, 4, 20)]


def test_datetime_series_uses_the_calendar_date() -> None:
    stamps = pl.Series([dt.datetime(2026, 4, 2, 23, 30)], dtype=pl.Datetime("us"))
    assert add_working_days(stamps, 1).to_list() == [D(2026, 4, 7)]


def test_negative_offsets_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), -1)


def test_is_working_day() -> None:
    assert is_working_day(D(2026, 4, 3)) is False
    assert is_working_day(D(2026, 4, 7)) is True
    assert is_working_day(D(2026, 11, 22)) is False
    series = pl.Series([D(2026, 4, 6), None, D(2026, 4, 8)], dtype=pl.Date)
    assert is_working_day(series).to_list() == [False, None, True]


def test_deadline_is_end_of_the_nth_working_day() -> None:
    reported = np.array(["2025-12-24T16:00:00", "2026-04-02T09:00:00"], dtype="datetime64[s]")
    due = working_day_deadline(reported, 2)
    assert due.astype(dt.datetime).tolist() == [
        dt.datetime(2025, 12, 30, 23, 59, 59),
        dt.datetime(2026, 4, 8, 23, 59, 59),
    ]


def test_count_working_days_inverts_add() -> None:
    start = np.array(["2025-12-24", "2026-04-02", "2026-11-21"], dtype="datetime64[D]")
    for n in (1, 3, 10, 60):
        assert (count_working_days(start, add_working_days(start, n)) == n).all()
    assert count_working_days(D(2026, 4, 2), D(2026, 4, 2)) == 0
    assert count_working_days(D(2026, 4, 2), D(2026, 4, 6)) == 0  # holiday and weekend only


def test_clock_change_hour_is_clamped_in_order() -> None:
    times = ["2026-03-29T01:10", "2026-03-29T01:50", "2026-03-29T02:05", "2026-03-22T01:30"]
    times += ["2025-03-30T01:00:00", "2025-03-30T00:59:59", "NaT"]
    clamped = real_local(np.array(times, dtype="datetime64[s]"))
    expected = ["2026-03-29T02:00", "2026-03-29T02:00", "2026-03-29T02:05", "2026-03-22T01:30"]
    expected += ["2025-03-30T02:00:00", "2025-03-30T00:59:59", "NaT"]
    np.testing.assert_array_equal(clamped, np.array(expected, dtype="datetime64[s]"))


def test_hour_targets_count_real_time_across_clock_changes() -> None:
    reported = np.array(["2026-03-28T23:30", "2026-10-24T23:30", "2026-06-01T10:00"], "M8[s]")
    due = hours_later(reported, np.array([4, 4, 24]))
    expected = ["2026-03-29T04:30", "2026-10-25T02:30", "2026-06-02T10:00"]
    np.testing.assert_array_equal(due, np.array(expected, dtype="datetime64[s]"))
