"""Weekly buckets shared by the weekly charts: whole 7-day weeks ending on the period's end."""

from __future__ import annotations

import polars as pl

from data_access.filters import Period


def week_ending(column: str, period: Period) -> pl.Expr:
    """The last day of the 7-day week (weeks end on the period's last day) holding ``column``.

    Weeks counted back from the period's end are all whole for the default 12 weeks, so
    the latest week is never a partial one that looks like a fall.
    """
    end = pl.lit(period.end, dtype=pl.Date)
    days_before = (end - pl.col(column).dt.date()).dt.total_days()
    return (end - pl.duration(days=7 * (days_before // 7))).cast(pl.Date)
