"""Repairs over time and the open backlog's shape: the repairs page's charts.

The backlog as at each week's end comes from the timestamps, never from the current
status: open at T = reported before T minus closed before T, accumulated from weekly
counts so 52 week-ends cost one pass, not 52.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import polars as pl

from data_access.filters import Filters, Period
from data_access.regions import AREA
from data_access.schema import REPAIRS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import remembered_view, visible_rows
from figures.repairs import CANCELLED, COMPLETED, REPORTED, TARGET, completed_in, open_at

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
_WEEK_US = 7 * 86_400 * 1_000_000


def _period(snapshot: Snapshot, filters: Filters) -> Period:
    return filters.period(snapshot.latest_day)


def open_work_orders(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Work orders open at the end of the period, each marked overdue or not."""
    period = _period(snapshot, filters)
    moment = period.ends_before

    def compute() -> pl.DataFrame:
        rows = visible_rows(snapshot, REPAIRS, filters, scope)
        return rows.filter(open_at(moment)).with_columns(
            (pl.col(TARGET) < moment).alias("overdue"),
            (pl.lit(period.end) - pl.col(REPORTED).dt.date()).dt.total_days().alias("age_days"),
        )

    return remembered_view(snapshot, "repairs-open", filters, scope, compute, period)


def _week_index(column: pl.Expr, end: datetime) -> pl.Expr:
    """0 for the 7 days ending with the period, 1 the week before...; older weeks = WEEKS."""
    before = (pl.lit(end) - column).dt.total_microseconds()
    return pl.when(before > 0).then(((before - 1) // _WEEK_US).clip(upper_bound=WEEKS))


def weekly_flow(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Per week (52 weeks ending with the period): reported, completed, open at week end."""
    period = _period(snapshot, filters)
    end = period.ends_before

    def compute() -> pl.DataFrame:
        rows = visible_rows(snapshot, REPAIRS, filters, scope)
        closed = pl.min_horizontal(COMPLETED, CANCELLED)
        completed = pl.when(pl.col(CANCELLED).is_null()).then(pl.col(COMPLETED))
        indexes = rows.select(
            _week_index(pl.col(REPORTED), end).alias("reported"),
            _week_index(closed, end).alias("closed"),
            _week_index(completed, end).alias("completed"),
        )
        counts = [
            indexes.get_column(name).drop_nulls().value_counts(name="n").rename({name: "week"})
            for name in ("reported", "closed", "completed")
        ]
        weeks = pl.DataFrame({"week": pl.int_range(0, WEEKS + 1, eager=True, dtype=pl.Int64)})
        for name, count in zip(("reported", "closed", "completed"), counts, strict=True):
            weeks = (
                weeks.join(count.with_columns(pl.col("week").cast(pl.Int64)), on="week", how="left")
                .with_columns(pl.col("n").fill_null(0).cast(pl.Int64).alias(name))
                .drop("n")
            )
        # Open at a week's end = everything reported by then minus everything closed.
        weeks = weeks.sort("week", descending=True).with_columns(
            (pl.col("reported").cum_sum() - pl.col("closed").cum_sum()).alias("open_at_week_end")
        )
        return (
            weeks.filter(pl.col("week") < WEEKS)
            .sort("week", descending=True)
            .with_columns(
                (pl.lit(period.end) - pl.duration(days=7 * pl.col("week"))).alias("week_ending")
            )
            .select("week_ending", "reported", "completed", "open_at_week_end")
        )

    return remembered_view(snapshot, "repairs-weekly", filters, scope, compute, period)


def _age_bucket() -> pl.Expr:
    expr = pl.lit(AGE_BUCKETS[-1][0])
    for label, _, high in reversed(AGE_BUCKETS[:-1]):
        expr = pl.when(pl.col("age_days") <= high).then(pl.lit(label)).otherwise(expr)
    return expr


def backlog_by_age(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Open work orders at the period's end by age bucket and priority (zero-filled)."""
    open_rows = open_work_orders(snapshot, filters, scope)
    counted = (
        open_rows.select(_age_bucket().alias("age"), pl.col("priority_code").cast(pl.String))
        .group_by("age", "priority_code")
        .len("open")
    )
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


def open_and_overdue_by(
    snapshot: Snapshot, filters: Filters, scope: Scope, dimension: Dimension
) -> pl.DataFrame:
    """Open and overdue work orders at the period's end per area, trade or contractor."""
    return (
        open_work_orders(snapshot, filters, scope)
        .group_by(dimension_value(dimension).alias(dimension))
        .agg(pl.len().alias("open"), pl.col("overdue").sum().cast(pl.Int64).alias("overdue"))
        .with_columns(pl.col("open").cast(pl.Int64))
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
        rows = visible_rows(snapshot, REPAIRS, filters, scope)
        wanted = completed_in(period) if listing == "completed" else period.contains(REPORTED)
        rows = rows.filter(wanted)
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
