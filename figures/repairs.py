"""Repairs headline figures, exactly as the contract's "Definitions" state them.

Every measure is a sum over areas (a share or an average is a sum of numerators over a
sum of denominators), so the rows are read once per refresh for every area, whoever
looks: completions and flows per area and day (any period is a run of days), and the
open backlog per area at a period's end. A view then only sums its areas' groups
(``data_access.views.visible_aggregate``), however many regions or areas it picks.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

import polars as pl

from data_access.filters import Filters, Period
from data_access.regions import AREA
from data_access.repair_classes import IS_EMERGENCY
from data_access.schema import REPAIRS
from data_access.scope import REGION, Scope
from data_access.snapshot import Snapshot
from data_access.views import every_area, visible_aggregate
from figures.tiles import Tile, summary_measure, tile

_R = REPAIRS.c
REPORTED, TARGET = _R.reported_at.name, _R.target_at.name
COMPLETED, CANCELLED = _R.completed_at.name, _R.cancelled_at.name
#: Whole local days since 1 January 1970 (the daily frame's day column).
DAY = "day"
#: The daily frame's counts per area and day: flows by their own day, the rest by completion.
FLOWS = ("reported", "closed", "completed")
_RP02 = ("emergency_on_time", "emergency_done", "routine_on_time", "routine_done")
_COMPLETION = ("completed", *_RP02, "days", "fvf", "fvf_known", "kept", "made")
_SUMS = ("open", "overdue", *_COMPLETION)
_DAY_US = 86_400_000_000
_EPOCH = date(1970, 1, 1)
#: The every-area frame of work orders open at a period's end (one per period end).
OPEN_ROWS = "repairs-open"

OPEN_HELP = (
    "Work orders reported on or before the end of the period and neither completed nor "
    "cancelled by then (from the timestamps, not the current status)."
)
OVERDUE_HELP = "Work orders open at the end of the period whose target_at had passed by then."
RP02_EMERGENCY_HELP = (
    "TSM RP02(2): of the emergency repairs (repair_priorities.is_emergency) completed in the "
    "period (by completed_at), the share completed on or before target_at. Open and "
    "cancelled jobs are excluded."
)
RP02_ROUTINE_HELP = (
    "TSM RP02(1): of the non-emergency repairs completed in the period (by completed_at), "
    "the share completed on or before target_at. Open and cancelled jobs are excluded."
)
AVERAGE_DAYS_HELP = (
    "Housemark end-to-end time: calendar days from reported to completed, counting both the "
    "first and the last day, averaged over jobs completed in the period (cancelled excluded)."
)
FIRST_VISIT_HELP = (
    "Jobs completed in the period fixed on the first visit, as a share of those completed "
    "in the period whose first_visit_fix is recorded."
)
APPOINTMENTS_HELP = (
    "Of the jobs completed in the period with an appointment made, the share whose "
    "appointment was kept."
)
COMPLETED_HELP = "Work orders completed in the period (by completed_at), cancelled jobs excluded."


def open_at(moment: datetime) -> pl.Expr:
    """The contract's open backlog as at a moment: reported before it, not yet closed."""
    completed, cancelled = pl.col(COMPLETED), pl.col(CANCELLED)
    return (
        (pl.col(REPORTED) < moment)
        & (completed.is_null() | (completed >= moment))
        & (cancelled.is_null() | (cancelled >= moment))
    )


def completed_in(period: Period) -> pl.Expr:
    """Jobs completed in the period: the population of RP02, average days, FVF, appointments."""
    return period.contains(COMPLETED) & pl.col(CANCELLED).is_null()


def day_number(moment: pl.Expr) -> pl.Expr:
    """A local timestamp's calendar day as whole days since 1970 (a third of dt.date()'s cost)."""
    return moment.dt.cast_time_unit("us").cast(pl.Int64) // _DAY_US


def day_of(day: date) -> int:
    """A date as ``day_number`` counts it."""
    return (day - _EPOCH).days


def _per_area_and_day(
    rows: pl.LazyFrame, day: pl.Expr, count: str, *summed: pl.Expr
) -> pl.LazyFrame:
    """Rows per area and day (named ``count``) and the sums of ``summed``; null days left out.

    One integer key groups several times faster than (area, region, day), and columns
    computed before grouping sum faster than expressions inside it; an area's region is
    its own (data_access/regions.py), so the group's first row carries it.
    """
    key = pl.col(AREA).to_physical().cast(pl.Int64) * (1 << 32) + pl.col(DAY)
    names = [expr.meta.output_name() for expr in summed]
    return (
        rows.select(AREA, REGION, day.alias(DAY), *summed)
        .filter(pl.col(DAY).is_not_null())
        .group_by(key.alias("_key"))
        .agg(pl.col(AREA, REGION, DAY).first(), pl.len().alias(count), *map(pl.sum, names))
        .drop("_key")
    )


def _daily_rows(snapshot: Snapshot) -> pl.DataFrame:
    """Per area and day: reported, closed (completed or cancelled) and completed work
    orders, and the completed ones' RP02, day-count, first-visit and appointment sums.

    A closed job is either completed (not cancelled) or cancelled, closed on the earlier
    stamp; grouping the few cancelled jobs alone spares a pass over every row.
    """
    rows = snapshot.scoped(REPAIRS, Scope.everything()).lazy()
    cancelled = pl.col(CANCELLED).is_not_null()
    on_time = pl.col(COMPLETED) <= pl.col(TARGET)
    emergency = pl.col(IS_EMERGENCY).fill_null(False)
    fvf = pl.col(_R.first_visit_fix.name)
    made = pl.col(_R.appointment_made.name).fill_null(False)
    kept = pl.col(_R.appointment_kept.name).fill_null(False)
    days = day_number(pl.col(COMPLETED)) - day_number(pl.col(REPORTED)) + 1
    parts = [
        _per_area_and_day(rows, day_number(pl.col(REPORTED)), "reported"),
        _per_area_and_day(
            rows.filter(cancelled), day_number(pl.min_horizontal(COMPLETED, CANCELLED)), "cancelled"
        ),
        _per_area_and_day(
            rows.filter(~cancelled),
            day_number(pl.col(COMPLETED)),
            "completed",
            on_time.alias("on_time"),
            (on_time & emergency).alias("emergency_on_time"),
            emergency.alias("emergency_done"),
            days.alias("days"),
            fvf.fill_null(False).alias("fvf"),
            fvf.is_not_null().alias("fvf_known"),
            (kept & made).alias("kept"),
            made.alias("made"),
        ),
    ]
    counts = pl.concat(pl.collect_all(parts), how="diagonal")
    counted = pl.exclude(AREA, REGION, DAY)
    return (
        counts.with_columns(counted.fill_null(0).cast(pl.Int64))
        .with_columns(
            closed=pl.col("completed") + pl.col("cancelled"),
            routine_on_time=pl.col("on_time") - pl.col("emergency_on_time"),
            routine_done=pl.col("completed") - pl.col("emergency_done"),
        )
        .drop("cancelled", "on_time")
    )


def repairs_by_day(snapshot: Snapshot) -> pl.DataFrame:
    """Every area's daily counts (``_daily_rows``), once per refresh; any period sums days."""
    return every_area(snapshot, "repairs-daily", partial(_daily_rows, snapshot))


def all_open_rows(snapshot: Snapshot, period: Period) -> pl.DataFrame:
    """Work orders open at the period's end in every area, marked overdue, with their age.

    Computes; reach it through ``every_area``/``visible_aggregate`` with ``OPEN_ROWS``
    and the period's end, so the tiles, charts and listings share one pass.
    """
    moment = period.ends_before
    rows = snapshot.scoped(REPAIRS, Scope.everything())
    return rows.filter(open_at(moment)).with_columns(
        (pl.col(TARGET) < moment).alias("overdue"),
        (pl.lit(period.end) - pl.col(REPORTED).dt.date()).dt.total_days().alias("age_days"),
    )


def _area_summary(snapshot: Snapshot, period: Period) -> pl.DataFrame:
    """Per area: open and overdue at the period's end, and the sums of its completions."""
    open_rows = every_area(
        snapshot, OPEN_ROWS, partial(all_open_rows, snapshot, period), period.end
    )
    still_open = (
        open_rows.lazy()
        .select(AREA, REGION, "overdue")
        .group_by(AREA, REGION)
        .agg(pl.len().cast(pl.Int64).alias("open"), pl.col("overdue").sum().cast(pl.Int64))
    )
    in_period = pl.col(DAY).is_between(day_of(period.start), day_of(period.end))
    done = (
        repairs_by_day(snapshot)
        .lazy()
        .filter(in_period)
        .select(AREA, REGION, *_COMPLETION)
        .group_by(AREA, REGION)
        .agg(pl.col(_COMPLETION).sum())
    )
    both = pl.concat([still_open, done], how="diagonal_relaxed")
    return both.group_by(AREA, REGION).agg(pl.col(_SUMS).sum()).collect()


def _total(per_area: pl.DataFrame) -> pl.DataFrame:
    return per_area.select(pl.col(_SUMS).sum())


def _percent(numerator: int, denominator: int) -> float | None:
    """A percentage, None when nothing qualifies (shown as n/a, never as 0%)."""
    return 100 * numerator / denominator if denominator else None


def period_summary(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope) -> dict:
    """All of a period's repairs measures: the viewer's areas' sums, then the ratios."""
    compute = partial(_area_summary, snapshot, period)
    totals = visible_aggregate(
        snapshot, "repairs-summary", filters, scope, compute, period, summarise=_total
    )
    total = totals.row(0, named=True)
    done = total["completed"]
    return {
        "open": total["open"],
        "overdue": total["overdue"],
        "completed": done,
        "rp02_emergency": _percent(total["emergency_on_time"], total["emergency_done"]),
        "rp02_non_emergency": _percent(total["routine_on_time"], total["routine_done"]),
        "average_days": total["days"] / done if done else None,
        "first_visit_fix": _percent(total["fvf"], total["fvf_known"]),
        "appointments_kept": _percent(total["kept"], total["made"]),
    }


open_repairs = summary_measure(period_summary, "open")
overdue_repairs = summary_measure(period_summary, "overdue")
repairs_completed = summary_measure(period_summary, "completed")
rp02_emergency = summary_measure(period_summary, "rp02_emergency")
rp02_non_emergency = summary_measure(period_summary, "rp02_non_emergency")
average_days_to_complete = summary_measure(period_summary, "average_days")
first_visit_fix = summary_measure(period_summary, "first_visit_fix")
appointments_kept = summary_measure(period_summary, "appointments_kept")


def tsm_year_start(day: date) -> date:
    """1 April of the Tenant Satisfaction Measures year that ``day`` falls in."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def tsm_year_to_date(period: Period) -> Period:
    """From the TSM year's 1 April to the period's last day, as the regulator counts."""
    return Period(tsm_year_start(period.end), period.end)


def headline_tiles(snapshot: Snapshot, filters: Filters, scope: Scope) -> list[Tile]:
    """The seven repairs tiles, each against the previous period of equal length."""
    args = (snapshot, filters, scope)
    return [
        tile("Open repairs", open_repairs, OPEN_HELP, *args, higher_is_better=False),
        tile("Overdue repairs", overdue_repairs, OVERDUE_HELP, *args, higher_is_better=False),
        tile(
            "Emergency repairs within target (RP02)",
            rp02_emergency,
            RP02_EMERGENCY_HELP,
            *args,
            unit="percent",
        ),
        tile(
            "Non-emergency repairs within target (RP02)",
            rp02_non_emergency,
            RP02_ROUTINE_HELP,
            *args,
            unit="percent",
        ),
        tile(
            "Average days to complete",
            average_days_to_complete,
            AVERAGE_DAYS_HELP,
            *args,
            higher_is_better=False,
            unit="days",
        ),
        tile("First-visit fix", first_visit_fix, FIRST_VISIT_HELP, *args, unit="percent"),
        tile("Appointments kept", appointments_kept, APPOINTMENTS_HELP, *args, unit="percent"),
    ]


def tsm_year_to_date_rp02(
    snapshot: Snapshot, filters: Filters, scope: Scope
) -> tuple[Period, dict]:
    """The two RP02 figures for the TSM year to date ending with the chosen period."""
    year = tsm_year_to_date(filters.period(snapshot.latest_day))
    summary = period_summary(snapshot, filters, year, scope)
    return year, {
        "Emergency repairs within target (RP02)": summary["rp02_emergency"],
        "Non-emergency repairs within target (RP02)": summary["rp02_non_emergency"],
    }
