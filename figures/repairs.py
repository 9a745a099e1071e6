"""Repairs headline figures, exactly as the contract's "Definitions" state them.

Every measure for one period comes from a single pass over the visible work orders
(``period_summary``), remembered per snapshot, so seven tiles and their comparisons
cost three passes (period, previous period, TSM year to date), not twenty.
"""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from data_access.filters import Filters, Period
from data_access.repair_classes import IS_EMERGENCY
from data_access.schema import REPAIRS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import remembered_view, visible_rows
from figures.tiles import Tile, tile

_R = REPAIRS.c
REPORTED, TARGET = _R.reported_at.name, _R.target_at.name
COMPLETED, CANCELLED = _R.completed_at.name, _R.cancelled_at.name

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


def _share(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """A percentage, null when nothing qualifies (shown as n/a, never as 0%)."""
    count = denominator.sum()
    return pl.when(count > 0).then(100 * (numerator & denominator).sum() / count)


def _summary_exprs(period: Period) -> list[pl.Expr]:
    moment = period.ends_before
    still_open = open_at(moment)
    done = completed_in(period)
    on_time = pl.col(COMPLETED) <= pl.col(TARGET)
    emergency = pl.col(IS_EMERGENCY).fill_null(False)
    days = (pl.col(COMPLETED).dt.date() - pl.col(REPORTED).dt.date()).dt.total_days() + 1
    fvf = pl.col(_R.first_visit_fix.name)
    made, kept = pl.col(_R.appointment_made.name), pl.col(_R.appointment_kept.name)
    return [
        still_open.sum().alias("open"),
        (still_open & (pl.col(TARGET) < moment)).sum().alias("overdue"),
        done.sum().alias("completed"),
        _share(on_time, done & emergency).alias("rp02_emergency"),
        _share(on_time, done & ~emergency).alias("rp02_non_emergency"),
        days.filter(done).mean().alias("average_days"),
        _share(fvf.fill_null(False), done & fvf.is_not_null()).alias("first_visit_fix"),
        _share(kept.fill_null(False), done & made.fill_null(False)).alias("appointments_kept"),
    ]


def period_summary(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope) -> dict:
    """All of a period's repairs measures from one pass over the visible rows."""

    def compute() -> pl.DataFrame:
        return visible_rows(snapshot, REPAIRS, filters, scope).select(_summary_exprs(period))

    summary = remembered_view(snapshot, "repairs-summary", filters, scope, compute, period)
    return summary.row(0, named=True)


def _measure(name: str):
    def measure(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope):
        return period_summary(snapshot, filters, period, scope)[name]

    measure.__name__ = name
    return measure


open_repairs = _measure("open")
overdue_repairs = _measure("overdue")
repairs_completed = _measure("completed")
rp02_emergency = _measure("rp02_emergency")
rp02_non_emergency = _measure("rp02_non_emergency")
average_days_to_complete = _measure("average_days")
first_visit_fix = _measure("first_visit_fix")
appointments_kept = _measure("appointments_kept")


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
