"""Awaab's Law clocks for damp-and-mould cases, as at the end of the reporting period.

The Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025 time
each step of a damp-and-mould case, and a landlord must show which clocks it met. These
functions rebuild every deadline from the case timestamps (the contract's Definitions
and Conventions), never from a status, and judge each step as at the period's end T: a
case exists once ``aware_at < T`` and a step counts as done only if stamped before T, so
a past period always reads the same however the cases moved on afterwards.

Clocks and steps are worked out once per period for every case, and the counts once per
area; a view then sums its areas' groups or keeps its areas' rows (``visible_aggregate``).

Emergency hazards: investigate and make safe within 24 hours of real time from
``aware_at`` (across clock changes). Significant hazards: investigate by the end of the
10th working day after the aware date; written summary by the end of the 3rd and
safety work by the end of the 5th working day after the investigation date;
preventative work started by the end of the 84th calendar day after it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import partial

import numpy as np
import polars as pl

from data_access.filters import Filters, Period
from data_access.regions import AREA
from data_access.schema import DAMP_MOULD_CASES
from data_access.scope import REGION, Scope
from data_access.snapshot import Snapshot
from data_access.views import every_area, visible_aggregate
from data_access.vocabulary import HAZARD_LEVELS
from data_access.working_days import add_working_days, hours_later, working_day_deadline

STAGES: tuple[str, ...] = (
    "Awaiting investigation",
    "Awaiting summary",
    "Awaiting safety work",
    "Awaiting preventative work",
    "Complete",
)
DEADLINES: tuple[str, ...] = (
    "Investigation",
    "Written summary",
    "Safety work",
    "Preventative work",
)

STAGE_HELP = (
    "Cases the landlord knew of by the end of the period, by the next step not yet done "
    "as at that moment (from the timestamps, not a status)."
)
BREACH_HELP = (
    "Deadlines falling due in the period: met by the due time, done late, or still not "
    "done at the period end. Overdue counts every step not done whose deadline had passed "
    "by the period end, whenever it fell due."
)
FALLING_DUE_HELP = "Steps not yet done whose deadline falls within the next working days."

_C = DAMP_MOULD_CASES.c
EMERGENCY, SIGNIFICANT = HAZARD_LEVELS
_HAZARD, _AWARE, _CASE = _C.hazard_level.name, _C.aware_at.name, _C.case_id.name
_INVESTIGATED = _C.investigated_at.name
#: (deadline, the step's timestamp, its due-time column), in DEADLINES order.
_STEPS: tuple[tuple[str, str, str], ...] = (
    (DEADLINES[0], _INVESTIGATED, "investigation_due"),
    (DEADLINES[1], _C.summary_sent_at.name, "summary_due"),
    (DEADLINES[2], _C.safety_work_done_at.name, "safety_work_due"),
    (DEADLINES[3], _C.prevent_work_started_at.name, "prevent_work_due"),
)
_DONE = [done for _, done, _ in _STEPS]
_COLUMNS = [_CASE, _C.work_order_id.name, AREA, REGION, _HAZARD, _AWARE, *_DONE]
_EMERGENCY_HOURS = 24
_SUMMARY_DAYS, _SAFETY_DAYS, _INVESTIGATE_DAYS, _PREVENT_CALENDAR_DAYS = 3, 5, 10, 84
_END_OF_DAY = timedelta(seconds=86_399)
_US = pl.Datetime("us")
_CLOCKS = "awaab-case-clocks"
_BREACHES = (
    "due_in_period",
    "met",
    "breached_late",
    "breached_outstanding",
    "overdue_at_period_end",
)


def _period(snapshot: Snapshot, filters: Filters) -> Period:
    return filters.period(snapshot.latest_day)


def _due_dates(cases: pl.DataFrame) -> pl.DataFrame:
    """Each step's due time; null where the step is untimed or waits on the investigation."""
    aware = cases.get_column(_AWARE).cast(_US)
    investigated = cases.get_column(_INVESTIGATED).cast(_US)
    day_after = hours_later(aware.to_numpy(), np.full(cases.height, _EMERGENCY_HOURS))
    helpers = {
        "_day_after": day_after,
        "_investigate_by": working_day_deadline(aware, _INVESTIGATE_DAYS),
        "_summary_by": working_day_deadline(investigated, _SUMMARY_DAYS),
        "_safety_by": working_day_deadline(investigated, _SAFETY_DAYS),
    }
    emergency = pl.col(_HAZARD) == EMERGENCY
    prevent_by = (
        pl.col(_INVESTIGATED).dt.truncate("1d")
        + timedelta(days=_PREVENT_CALENDAR_DAYS)
        + _END_OF_DAY
    )
    untimed = pl.lit(None, dtype=_US)
    return (
        cases.with_columns(pl.Series(name, values).cast(_US) for name, values in helpers.items())
        .with_columns(
            pl.when(emergency).then("_day_after").otherwise("_investigate_by").alias(_STEPS[0][2]),
            pl.when(emergency).then(untimed).otherwise("_summary_by").alias(_STEPS[1][2]),
            pl.when(emergency).then("_day_after").otherwise("_safety_by").alias(_STEPS[2][2]),
            pl.when(emergency).then(untimed).otherwise(prevent_by.cast(_US)).alias(_STEPS[3][2]),
        )
        .drop(list(helpers))
    )


def _stage() -> pl.Expr:
    """The next step not done; emergency cases have no timed summary or preventative work."""
    significant = pl.col(_HAZARD) == SIGNIFICANT
    missing = [pl.col(done).is_null() for done in _DONE]
    return (
        pl.when(missing[0])
        .then(pl.lit(STAGES[0]))
        .when(significant & missing[1])
        .then(pl.lit(STAGES[1]))
        .when(missing[2])
        .then(pl.lit(STAGES[2]))
        .when(significant & missing[3])
        .then(pl.lit(STAGES[3]))
        .otherwise(pl.lit(STAGES[4]))
        .alias("stage")
    )


def _all_clocks(snapshot: Snapshot, end: date) -> pl.DataFrame:
    """Every case's clocks as at the end of the day ``end`` (computes; see ``_clocks``)."""
    moment = Period(end, end).ends_before
    rows = snapshot.scoped(DAMP_MOULD_CASES, Scope.everything())
    cases = (
        rows.filter(pl.col(_AWARE) < moment)
        .select(_COLUMNS)
        .with_columns(pl.when(pl.col(done) < moment).then(done).alias(done) for done in _DONE)
    )
    return (
        _due_dates(cases)
        .with_columns(_stage())
        .select(*_COLUMNS, "stage", *(due for _, _, due in _STEPS))
    )


def _clocks(snapshot: Snapshot, end: date) -> pl.DataFrame:
    """Every case's clocks at a period end, once per refresh whoever asks first."""
    return every_area(snapshot, _CLOCKS, partial(_all_clocks, snapshot, end), end)


def case_clocks(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """One row per case existing as at the period end: its steps then, stage and due times."""
    end = _period(snapshot, filters).end
    compute = partial(_all_clocks, snapshot, end)
    return visible_aggregate(snapshot, _CLOCKS, filters, scope, compute, end)


def _steps(clocks: pl.DataFrame) -> pl.DataFrame:
    """One row per timed step (due time known as at the period end), keeping its region."""
    kept = (_CASE, AREA, _HAZARD, _AWARE, REGION)
    parts = [
        clocks.select(*kept, step=pl.lit(step), due_at=pl.col(due), done_at=pl.col(done))
        for step, done, due in _STEPS
    ]
    return pl.concat(parts).filter(pl.col("due_at").is_not_null())


def _all_steps(snapshot: Snapshot, end: date) -> pl.DataFrame:
    """Every case's timed steps at a period end, once per refresh."""
    return every_area(snapshot, "awaab-steps", lambda: _steps(_clocks(snapshot, end)), end)


def _stages_everywhere(snapshot: Snapshot, end: date) -> pl.DataFrame:
    """Cases per area, stage and hazard level: the stage chart for every view."""
    return (
        _clocks(snapshot, end)
        .lazy()
        .select(AREA, REGION, "stage", pl.col(_HAZARD).cast(pl.String))
        .group_by(AREA, REGION, "stage", _HAZARD)
        .len("cases")
        .collect()
    )


def cases_by_stage(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Cases by stage and hazard level as at the period end, every pair shown (zeros too)."""
    end = _period(snapshot, filters).end
    compute = partial(_stages_everywhere, snapshot, end)
    return visible_aggregate(
        snapshot, "awaab-stages", filters, scope, compute, end, summarise=_stage_table
    )


def _stage_table(per_area: pl.DataFrame) -> pl.DataFrame:
    """The viewer's areas summed, every stage and hazard pair shown."""
    counts = per_area.group_by("stage", _HAZARD).agg(pl.col("cases").sum().cast(pl.Int64))
    grid = pl.DataFrame({"stage": STAGES}).join(pl.DataFrame({_HAZARD: HAZARD_LEVELS}), how="cross")
    joined = grid.join(counts, on=["stage", _HAZARD], how="left", maintain_order="left")
    return joined.with_columns(pl.col("cases").fill_null(0))


def complete_cases(snapshot: Snapshot, filters: Filters, scope: Scope) -> int:
    """Cases with every timed step done by the period end."""
    stages = cases_by_stage(snapshot, filters, scope)
    return int(stages.filter(pl.col("stage") == STAGES[-1]).get_column("cases").sum())


def _breaches_everywhere(snapshot: Snapshot, period: Period) -> pl.DataFrame:
    """Per area and deadline: steps due in the period (met, late, outstanding), overdue."""
    start, moment = period.starts_at, period.ends_before
    due, done_at = pl.col("due_at"), pl.col("done_at")
    in_period = (due >= start) & (due < moment)
    done = done_at.is_not_null()
    late = (done_at > due).fill_null(False)
    return (
        _all_steps(snapshot, period.end)
        .lazy()
        .filter(due < moment)  # every count below is of steps due before the period end
        .select(
            AREA,
            REGION,
            "step",
            in_period.alias("due_in_period"),
            (in_period & done & ~late).alias("met"),
            (in_period & late).alias("breached_late"),
            (in_period & ~done).alias("breached_outstanding"),
            (~done).alias("overdue_at_period_end"),
        )
        .group_by(AREA, REGION, "step")
        .agg(pl.col(_BREACHES).sum())
        .collect()
    )


def deadline_breaches(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Per deadline: steps due in the period (met, late, outstanding) and the overdue stock."""
    period = _period(snapshot, filters)
    compute = partial(_breaches_everywhere, snapshot, period)
    return visible_aggregate(
        snapshot, "awaab-breaches", filters, scope, compute, period, summarise=_breach_table
    )


def _breach_table(per_area: pl.DataFrame) -> pl.DataFrame:
    """The viewer's areas summed, one row per deadline in DEADLINES order."""
    counts = per_area.group_by("step").agg(pl.col(_BREACHES).sum())
    table = pl.DataFrame({"step": DEADLINES}).join(
        counts, on="step", how="left", maintain_order="left"
    )
    return table.rename({"step": "deadline"}).with_columns(
        pl.col(_BREACHES).fill_null(0).cast(pl.Int64)
    )


def _falling_due_everywhere(snapshot: Snapshot, period: Period, working_days: int) -> pl.DataFrame:
    """Every area's steps falling due, sorted once; a view's rows keep that order."""
    moment = period.ends_before
    horizon = datetime.combine(add_working_days(period.end, working_days), time()) + _END_OF_DAY
    due = pl.col("due_at")
    return (
        _all_steps(snapshot, period.end)
        .filter(pl.col("done_at").is_null() & (due >= moment) & (due <= horizon))
        .select(_CASE, pl.col(AREA, _HAZARD).cast(pl.String), "step", "due_at", _AWARE, REGION)
        .sort("due_at", _CASE, maintain_order=True)  # ties keep DEADLINES order
    )


def falling_due(
    snapshot: Snapshot, filters: Filters, scope: Scope, working_days: int = 5
) -> pl.DataFrame:
    """Steps not done as at the period end, due by the end of the N-th working day after it.

    Sorted by due time then case; one case's steps due together keep DEADLINES order.
    """
    period = _period(snapshot, filters)
    compute = partial(_falling_due_everywhere, snapshot, period, working_days)
    view = (snapshot, "awaab-falling-due", filters, scope, compute, period.end, working_days)
    return visible_aggregate(*view, summarise=lambda steps: steps.drop(REGION))
