"""Working-day arithmetic for England and Wales (weekends and bank holidays off).

Repair targets and Awaab's Law clocks count working days, and the figures must count
them exactly as the demo generator stamped them, so both use this module. The
contract's rule: "within N working days of an event" runs to the end of the N-th
working day after the event's date; the event's own day does not count, whatever day
of the week it falls on.

The working-day functions accept a ``datetime.date``, a NumPy ``datetime64`` array or a
Polars ``Date``/``Datetime`` Series, and answer in the same shape (NaT / null pass
through). ``hours_later`` and ``real_local`` keep naive local timestamps honest across
the spring and autumn clock changes.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TypeVar

import holidays
import numpy as np
import polars as pl

DateLike = TypeVar("DateLike", dt.date, np.ndarray, pl.Series)

LONDON = "Europe/London"
#: End of a working day: deadlines are stamped at this local time (second precision).
END_OF_DAY = np.timedelta64(86_399, "s")
_WEEKMASK = "1111100"


@lru_cache(maxsize=32)
def bank_holidays(first_year: int, last_year: int) -> np.ndarray:
    """England and Wales bank holidays (including substitute days), as ``datetime64[D]``."""
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    return np.array(sorted(days), dtype="datetime64[D]")


@lru_cache(maxsize=32)
def _calendar(first_year: int, last_year: int) -> np.busdaycalendar:
    return np.busdaycalendar(weekmask=_WEEKMASK, holidays=bank_holidays(first_year, last_year))


def _as_days(values: dt.date | np.ndarray | pl.Series) -> np.ndarray:
    """Any supported input as a ``datetime64[D]`` array (time of day dropped)."""
    if isinstance(values, pl.Series):
        if isinstance(values.dtype, pl.Datetime):
            values = values.dt.replace_time_zone(None).dt.date()
        return values.cast(pl.Date).to_numpy().astype("datetime64[D]")
    if isinstance(values, dt.date):
        return np.array([values], dtype="datetime64[D]")
    return np.asarray(values).astype("datetime64[D]")


def _calendar_for(days: np.ndarray, span_days: int = 0) -> np.busdaycalendar:
    """A calendar covering the dates given plus ``span_days`` either side."""
    valid = days[~np.isnat(days)]
    if valid.size == 0:
        return _calendar(2000, 2000)
    margin = np.timedelta64(int(span_days) * 2 + 14, "D")
    first = int((valid.min() - margin).astype("datetime64[Y]").astype(int)) + 1970
    last = int((valid.max() + margin).astype("datetime64[Y]").astype(int)) + 1970
    return _calendar(first, last)


def _like(template: dt.date | np.ndarray | pl.Series, days: np.ndarray) -> DateLike:
    """Answer in the caller's shape: a date for a date, a Series for a Series."""
    if isinstance(template, pl.Series):
        return pl.Series(template.name, days, dtype=pl.Date)
    if isinstance(template, dt.date):
        return days[0].astype(dt.date)
    return days


def add_working_days(dates: DateLike, n: int | np.ndarray) -> DateLike:
    """The N-th working day after each date (N >= 0; N = 0 gives the date itself).

    Rolling backward first makes a weekend or holiday event count from the next working
    day: one working day after a Saturday is the Monday.
    """
    days = _as_days(dates)
    steps = np.broadcast_to(np.asarray(n, dtype=np.int64), days.shape)
    if (steps < 0).any():
        raise ValueError("add_working_days counts forward only (n >= 0).")
    calendar = _calendar_for(days, int(steps.max(initial=0)) * 7 // 5)
    result = days.copy()
    valid = ~np.isnat(days) & (steps > 0)
    result[valid] = np.busday_offset(days[valid], steps[valid], roll="backward", busdaycal=calendar)
    return _like(dates, result)


def working_day_deadline(timestamps: np.ndarray | pl.Series, n: int | np.ndarray) -> np.ndarray:
    """End (23:59:59) of the N-th working day after each timestamp's date, ``datetime64[us]``.

    This is the contract's "within N working days of an event" deadline.
    """
    due = add_working_days(_as_days(timestamps), n)
    return due.astype("datetime64[us]") + END_OF_DAY.astype("timedelta64[us]")


def is_working_day(dates: DateLike) -> DateLike:
    """True for Monday-Friday dates that are not England and Wales bank holidays."""
    days = _as_days(dates)
    flags = np.zeros(days.shape, dtype=bool)
    valid = ~np.isnat(days)
    flags[valid] = np.is_busday(days[valid], busdaycal=_calendar_for(days))
    if isinstance(dates, pl.Series):
        answer = pl.when(dates.is_null()).then(None).otherwise(pl.Series(flags))
        return pl.select(answer.alias(dates.name)).to_series()
    if isinstance(dates, dt.date):
        return bool(flags[0])
    return flags


def count_working_days(starts: DateLike, ends: DateLike) -> np.ndarray | int:
    """Working days after each start's date up to and including each end's date.

    An event on day S finished on day E took ``count_working_days(S, E)`` working days,
    so it met an N-working-day deadline exactly when the count is at most N.
    """
    begin, end = _as_days(starts), _as_days(ends)
    begin, end = np.broadcast_arrays(begin, end)
    counts = np.zeros(begin.shape, dtype=np.int64)
    valid = ~np.isnat(begin) & ~np.isnat(end)
    calendar = _calendar_for(np.concatenate([begin[valid], end[valid]]))
    one = np.timedelta64(1, "D")
    counts[valid] = np.busday_count(begin[valid] + one, end[valid] + one, busdaycal=calendar)
    if isinstance(starts, dt.date) and isinstance(ends, dt.date):
        return int(counts[0])
    return counts


def real_local(when: np.ndarray) -> np.ndarray:
    """Clamp naive times in the hour skipped when UK clocks go forward (01:00-02:00 on
    the last Sunday of March) to 02:00, so each is a real Europe/London time; clamping
    rather than shifting keeps every pair of timestamps in the same order."""
    days = when.astype("M8[D]")
    months = days.astype("M8[M]")
    last_week = (months.astype(np.int64) % 12 == 2) & ((days - months) >= np.timedelta64(24, "D"))
    one_am = (when - days).astype("m8[h]").astype(np.int64) == 1
    gap = last_week & ((days.astype(np.int64) + 3) % 7 == 6) & one_am
    return np.where(gap, days + np.timedelta64(2, "h"), when)


def hours_later(when: np.ndarray, hours: np.ndarray) -> np.ndarray:
    """Local times ``hours`` of real (elapsed) time after ``when``, across clock changes."""
    local = pl.Series(when.astype("M8[us]")).dt.replace_time_zone(LONDON, ambiguous="earliest")
    due = local + pl.Series(np.asarray(hours) * 3_600_000_000).cast(pl.Duration("us"))
    naive = due.dt.convert_time_zone(LONDON).dt.replace_time_zone(None)
    return naive.to_numpy().astype(when.dtype)
