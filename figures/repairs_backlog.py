"""Repairs over time and the open backlog's shape: the repairs page's charts.

The backlog as at each week's end comes from the timestamps, never from the current
status: open at T = reported before T minus closed before T, accumulated from weekly
counts so 52 week-ends cost one pass, not 52. Every chart is a count per area, built once
per refresh for every area (figures/repairs.py); a view sums its areas' groups.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Literal

import polars as pl

from data_access.filters import Filters, Period
from data_access.regions import AREA
from data_access.schema import REPAIRS
from data_access.scope import REGION, Scope
from data_access.snapshot import Snapshot
from data_access.views import every_area, visible_aggregate
from figures.repairs import (
    CANCELLED,
    COMPLETED,
    DAY,
    FLOWS,
    OPEN_ROWS,
    REPORTED,
    TARGET,
    all_open_rows,
    completed_in,
    day_of,
    open_at,
    repairs_by_day,
)

Dimension = Literal["area_id", "trade", "contractor"]
DIMENSIONS: tuple[Dimension, ...] = ("area_id", "trade", "contractor")
IN_HOUSE = "In-house"
#: Whole days from the reported date to the period's last day (contract's buckets).
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-7 days", 0, 7),
    ("8-28 days", 8, 28),
    ("29-90 days", 29, 90),
    ("91+ days", 91, None),
)
WEEKS = 52
_VALUE = "_value"


def _period(snapshot: Snapshot, filters: Filters) -> Period:
    return filters.period(snapshot.latest_day)


def _open_everywhere(snapshot: Snapshot, period: Period) -> pl.DataFrame:
    """Every area's open work orders at the period end: what the backlog charts count."""
    return every_area(snapshot, OPEN_ROWS, partial(all_open_rows, snapshot, period), period.end)


def open_work_orders(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Work orders open at the end of the period, each marked overdue or not."""
    period = _period(snapshot, filters)
    compute = partial(all_open_rows, snapshot, period)
    return visible_aggregate(snapshot, OPEN_ROWS, filters, scope, compute, period.end)


def _weekly_everywhere(snapshot: Snapshot, end: date) -> pl.DataFrame:
    """Per area and week: 0 for the 7 days ending on ``end``, 1 the week before...,
    everything older in week WEEKS (it still counts towards the open backlog)."""
    after = day_of(end) + 1
    week = ((after - 1 - pl.col(DAY)) // 7).clip(upper_bound=WEEKS).alias("week")
    return (
        repairs_by_day(snapshot)
        .lazy()
        .filter(pl.col(DAY) < after)
        .select(AREA, REGION, week, *FLOWS)
        .group_by(AREA, REGION, "week")
        .agg(pl.col(FLOWS).sum())
        .collect()
    )


def _weeks(per_area: pl.DataFrame, end: date) -> pl.DataFrame:
    """The chart's 52 weeks from the viewer's areas' weekly counts."""
    counts = per_area.group_by("week").agg(pl.col(FLOWS).sum())
    weeks = pl.DataFrame({"week": pl.int_range(0, WEEKS + 1, eager=True, dtype=pl.Int64)})
    weeks = (
        weeks.join(counts.with_columns(pl.col("week").cast(pl.Int64)), on="week", how="left")
        .with_columns(pl.col(FLOWS).fill_null(0).cast(pl.Int64))
        # Open at a week's end = everything reported by then minus everything closed.
        .sort("week", descending=True)
        .with_columns(
            (pl.col("reported").cum_sum() - pl.col("closed").cum_sum()).alias("open_at_week_end")
        )
    )
    return (
        weeks.filter(pl.col("week") < WEEKS)
        .with_columns((pl.lit(end) - pl.duration(days=7 * pl.col("week"))).alias("week_ending"))
        .select("week_ending", "reported", "completed", "open_at_week_end")
    )


def weekly_flow(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Per week (52 weeks ending with the period): reported, completed, open at week end."""
    end = _period(snapshot, filters).end
    compute, weeks = partial(_weekly_everywhere, snapshot, end), partial(_weeks, end=end)
    return visible_aggregate(
        snapshot, "repairs-weekly", filters, scope, compute, end, summarise=weeks
    )


def _age_bucket() -> pl.Expr:
    expr = pl.lit(AGE_BUCKETS[-1][0])
    for label, _, high in reversed(AGE_BUCKETS[:-1]):
        expr = pl.when(pl.col("age_days") <= high).then(pl.lit(label)).otherwise(expr)
    return expr


def _ages_everywhere(snapshot: Snapshot, period: Period) -> pl.DataFrame:
    """Open work orders per area, age bucket and priority: the age chart for every view."""
    return (
        _open_everywhere(snapshot, period)
        .lazy()
        .select(AREA, REGION, _age_bucket().alias("age"), pl.col("priority_code").cast(pl.String))
        .group_by(AREA, REGION, "age", "priority_code")
        .len("open")
        .collect()
    )


def backlog_by_age(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Open work orders at the period's end by age bucket and priority (zero-filled)."""
    period = _period(snapshot, filters)
    compute = partial(_ages_everywhere, snapshot, period)
    return visible_aggregate(
        snapshot, "repairs-ages", filters, scope, compute, period.end, summarise=_age_table
    )


def _age_table(per_area: pl.DataFrame) -> pl.DataFrame:
    """The viewer's areas summed: every age bucket for each priority they have open."""
    counted = per_area.group_by("age", "priority_code").agg(pl.col("open").sum())
    grid = pl.DataFrame({"age": [label for label, _, _ in AGE_BUCKETS]}).join(
        counted.select("priority_code").unique(), how="cross"
    )
    return (
        grid.join(counted, on=["age", "priority_code"], how="left")
        .with_columns(pl.col("open").fill_null(0).cast(pl.Int64))
        .with_columns(pl.col("age").cast(pl.Enum([label for label, _, _ in AGE_BUCKETS])))
        .sort("age", "priority_code")
    )


def dimension_value(dimension: Dimension) -> pl.Expr:
    """The label a work order shows for a dimension (an empty contractor is in-house)."""
    value = pl.col(dimension).cast(pl.String)
    return value.fill_null(IN_HOUSE) if dimension == "contractor" else value


def _by_dimension_everywhere(
    snapshot: Snapshot, period: Period, dimension: Dimension
) -> pl.DataFrame:
    """Open and overdue per area and dimension value: every view's drill-down bars."""
    return (
        _open_everywhere(snapshot, period)
        .lazy()
        .select(AREA, REGION, dimension_value(dimension).alias(_VALUE), "overdue")
        .group_by(AREA, REGION, _VALUE)
        .agg(pl.len().alias("open"), pl.col("overdue").sum())
        .collect()
    )


def open_and_overdue_by(
    snapshot: Snapshot, filters: Filters, scope: Scope, dimension: Dimension
) -> pl.DataFrame:
    """Open and overdue work orders at the period's end per area, trade or contractor."""
    period = _period(snapshot, filters)
    compute = partial(_by_dimension_everywhere, snapshot, period, dimension)
    table = partial(_dimension_table, dimension=dimension)
    return visible_aggregate(
        snapshot, "repairs-open-by", filters, scope, compute, period.end, dimension, summarise=table
    )


def _dimension_table(per_area: pl.DataFrame, dimension: Dimension) -> pl.DataFrame:
    """The viewer's areas summed per value, most open first."""
    return (
        per_area.select(pl.col(_VALUE).alias(dimension), "open", "overdue")
        .group_by(dimension)
        .agg(pl.col("open", "overdue").sum().cast(pl.Int64))
        .sort(["open", dimension], descending=[True, False])
    )


Listing = Literal["open", "overdue", "completed", "reported"]
LISTINGS: dict[Listing, str] = {
    "open": "Open at the end of the period",
    "overdue": "Overdue at the end of the period",
    "completed": "Completed in the period",
    "reported": "Reported in the period",
}
WORK_ORDER_COLUMNS = (
    "work_order_id",
    AREA,
    "trade",
    "priority_code",
    "contractor",
    REPORTED,
    TARGET,
    COMPLETED,
    CANCELLED,
    "status",
    "first_visit_fix",
    "appointment_kept",
    "cost",
)


def _all_in_period(snapshot: Snapshot, period: Period, listing: Listing) -> pl.DataFrame:
    """Every area's rows for a listing, once per period, so a new view filters only these."""
    wanted = completed_in(period) if listing == "completed" else period.contains(REPORTED)
    return snapshot.scoped(REPAIRS, Scope.everything()).filter(wanted)


def work_orders(
    snapshot: Snapshot,
    filters: Filters,
    scope: Scope,
    listing: Listing,
    drill: dict[Dimension, str],
) -> pl.DataFrame:
    """The rows behind the charts: one listing, narrowed to the bars the viewer clicked."""
    period = _period(snapshot, filters)
    if listing in ("open", "overdue"):
        rows = open_work_orders(snapshot, filters, scope)
        if listing == "overdue":
            rows = rows.filter(pl.col("overdue"))
    else:
        compute = partial(_all_in_period, snapshot, period, listing)
        rows = visible_aggregate(snapshot, f"repairs-{listing}", filters, scope, compute, period)
    for dimension, value in drill.items():
        rows = rows.filter(dimension_value(dimension) == value)
    moment = period.ends_before
    return rows.select(
        *(
            pl.col(c).cast(pl.String) if c in DIMENSIONS or c == "priority_code" else pl.col(c)
            for c in WORK_ORDER_COLUMNS
        ),
        (open_at(moment) & (pl.col(TARGET) < moment)).alias("overdue_at_period_end"),
    ).with_columns(dimension_value("contractor").alias("contractor"))
