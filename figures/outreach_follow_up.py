"""The rows behind the outreach figures, and who to call next (reach rates, follow-ups).

Every outreach figure starts from one campaign's visible calls in time order
(``campaign_calls``) and, for stocks, from one row per resident summarising their calls
as at the period's end (``resident_history``, a single group-by: groups keep the time
order, so "the Nth call" and "the latest call" need no per-resident sort). Both are
remembered per view, campaign and period, so a page's tiles, charts and list share one
pass over the calls. "No later reached call" compares each reached call with the
resident's latest reached call, never a join of calls with calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import polars as pl

from data_access.filters import Filters, Period
from data_access.regions import AREA
from data_access.schema import OUTREACH_CALLS, OUTREACH_COHORT, OUTREACH_NEEDS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import remembered_view, visible_rows

_C = OUTREACH_CALLS.c
CALL_ID, RESIDENT, TEAM = _C.call_id.name, _C.resident_id.name, _C.team_id.name
CAMPAIGN, CALLED_AT, OUTCOME = _C.campaign_id.name, _C.called_at.name, _C.outcome.name
FOLLOW_UP, ADDED_ON = _C.follow_up_required.name, OUTREACH_COHORT.c.added_on.name
NEED = OUTREACH_NEEDS.c.need.name
REACHED = "reached"
FIRST_REACHED = "first_reached_at"
TIMESTAMP = pl.Datetime("us")
CALL_COLUMNS = (CALL_ID, RESIDENT, TEAM, AREA, CALLED_AT, OUTCOME, FOLLOW_UP)

REACH_DIMENSIONS = (TEAM, AREA)
FOLLOW_UP_DRILL = (TEAM, AREA)
NOT_REACHED = "Not reached after 3+ attempts"
OUTSTANDING = "Follow-up outstanding"
NOT_REACHED_AFTER = 3
FOLLOW_UP_SCHEMA = {
    RESIDENT: pl.String,
    AREA: pl.String,
    TEAM: pl.String,
    "reason": pl.String,
    "attempts": pl.Int64,
    "last_outcome": pl.String,
    "last_called_at": TIMESTAMP,
}


def is_reached() -> pl.Expr:
    """The call spoke to the resident (the only outcome that counts as reaching them)."""
    return pl.col(OUTCOME) == REACHED


def campaign_calls(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str
) -> pl.DataFrame:
    """The campaign's visible calls in the order they were made (called_at, then call_id).

    Codes keep the snapshot's categorical dtypes (cheap to filter and group); figures
    cast to text only what they return.
    """

    def compute() -> pl.DataFrame:
        rows = visible_rows(snapshot, OUTREACH_CALLS, filters, scope)
        # Compare the categorical directly: casting every call to text costs more.
        mine = rows.filter(pl.col(CAMPAIGN) == campaign_id).select(CALL_COLUMNS)
        return mine.sort(CALLED_AT, CALL_ID)

    return remembered_view(snapshot, "outreach-calls", filters, scope, compute, campaign_id)


def period_calls(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str, period: Period
) -> pl.DataFrame:
    """The campaign's calls whose called_at falls in the period (a flow)."""

    def compute() -> pl.DataFrame:
        calls = campaign_calls(snapshot, filters, scope, campaign_id)
        return calls.filter(period.contains(CALLED_AT))

    return remembered_view(
        snapshot, "outreach-period-calls", filters, scope, compute, campaign_id, period
    )


def campaign_needs(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str
) -> pl.DataFrame:
    """Need rows on the campaign's visible calls, with the call's resident and time.

    The one join of needs with calls per view and campaign; every need figure filters it.
    """

    def compute() -> pl.DataFrame:
        calls = campaign_calls(snapshot, filters, scope, campaign_id)
        needs = visible_rows(snapshot, OUTREACH_NEEDS, filters, scope).select(CALL_ID, NEED)
        return needs.join(calls.select(CALL_ID, RESIDENT, CALLED_AT), on=CALL_ID, how="inner")

    return remembered_view(snapshot, "outreach-needs-rows", filters, scope, compute, campaign_id)


def first_reached(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str
) -> pl.DataFrame:
    """When each visible resident (cohort or not) was first reached in the campaign.

    Independent of the period, so progress and "Cohort reached" for any period filter it.
    """

    def compute() -> pl.DataFrame:
        reached = campaign_calls(snapshot, filters, scope, campaign_id).filter(is_reached())
        return reached.group_by(RESIDENT).agg(pl.col(CALLED_AT).min().alias(FIRST_REACHED))

    return remembered_view(snapshot, "outreach-first-reached", filters, scope, compute, campaign_id)


def cohort_as_at(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str, end: date
) -> pl.DataFrame:
    """Visible cohort residents of the campaign added on or before ``end`` (one column).

    (campaign_id, resident_id) is the cohort's key, and duplicated keys are excluded as
    bad data, so each resident appears once.
    """

    def compute() -> pl.DataFrame:
        rows = visible_rows(snapshot, OUTREACH_COHORT, filters, scope)
        mine = rows.filter((pl.col(CAMPAIGN) == campaign_id) & (pl.col(ADDED_ON) <= end))
        return mine.select(pl.col(RESIDENT).cast(pl.String))

    return remembered_view(snapshot, "outreach-cohort", filters, scope, compute, campaign_id, end)


def resident_history(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str, period: Period
) -> pl.DataFrame:
    """One row per resident called before the period's end: the stock of their calls.

    attempts = calls so far; first_reached_attempt = which call first reached them (null
    if none); the first call's and first reached call's times; and the latest call's
    area, team, outcome and time.
    """
    moment = period.ends_before

    def compute() -> pl.DataFrame:
        calls = campaign_calls(snapshot, filters, scope, campaign_id)
        reached = is_reached()
        # Rows within a group keep the frame's (time) order: first = earliest, last = latest.
        return (
            calls.filter(pl.col(CALLED_AT) < moment)
            .group_by(RESIDENT)
            .agg(
                pl.len().cast(pl.Int64).alias("attempts"),
                pl.when(reached.any()).then(reached.arg_max() + 1).alias("first_reached_attempt"),
                pl.col(CALLED_AT).first().alias("first_called_at"),
                pl.col(CALLED_AT).filter(reached).min().alias(FIRST_REACHED),
                pl.col(AREA).last(),
                pl.col(TEAM).last(),
                pl.col(OUTCOME).last().alias("last_outcome"),
                pl.col(CALLED_AT).last().alias("last_called_at"),
            )
        )

    return remembered_view(
        snapshot, "outreach-history", filters, scope, compute, campaign_id, period
    )


def cohort_history(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str, period: Period
) -> pl.DataFrame:
    """``resident_history`` of the cohort residents (as at the period's end) only.

    Residents never called are not in it; the funnel, attempts and follow-up list share it.
    """

    def compute() -> pl.DataFrame:
        history = resident_history(snapshot, filters, scope, campaign_id, period)
        cohort = cohort_as_at(snapshot, filters, scope, campaign_id, period.end)
        return history.join(cohort, on=RESIDENT, how="semi")

    return remembered_view(
        snapshot, "outreach-cohort-history", filters, scope, compute, campaign_id, period
    )


def outstanding_follow_ups(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str, period: Period
) -> pl.DataFrame:
    """Reached calls asking for a follow-up with no later reached call by the period's end.

    A reached call has no later reached call exactly when it is the resident's latest
    reached call before the end, so one window maximum replaces a self-join.
    """
    moment = period.ends_before

    def compute() -> pl.DataFrame:
        calls = campaign_calls(snapshot, filters, scope, campaign_id)
        reached = calls.filter(is_reached() & (pl.col(CALLED_AT) < moment))
        latest = pl.col(CALLED_AT).max().over(RESIDENT)
        return reached.filter(pl.col(FOLLOW_UP) & (pl.col(CALLED_AT) == latest))

    return remembered_view(
        snapshot, "outreach-follow-ups", filters, scope, compute, campaign_id, period
    )


def reach_rate_by(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str, dimension: str
) -> pl.DataFrame:
    """The share of the period's calls that reached the resident, per team or area.

    Worst first, so the teams and areas whose residents are hardest to reach lead.
    """
    if dimension not in REACH_DIMENSIONS:
        raise ValueError(f"reach rate is by {REACH_DIMENSIONS}, not {dimension!r}")
    period = filters.period(snapshot.latest_day)

    def compute() -> pl.DataFrame:
        calls = period_calls(snapshot, filters, scope, campaign_id, period)
        return (
            calls.group_by(pl.col(dimension).cast(pl.String))
            .agg(
                pl.len().cast(pl.Int64).alias("calls"),
                is_reached().sum().cast(pl.Int64).alias("reached"),
            )
            .with_columns((100 * pl.col("reached") / pl.col("calls")).alias("reach_rate"))
            .sort("reach_rate", dimension)
        )

    return remembered_view(
        snapshot, "outreach-reach-rate", filters, scope, compute, campaign_id, period, dimension
    )


def _waiting(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str, period: Period
) -> pl.DataFrame:
    """Everyone to call next as at the period's end, before any drill."""

    def compute() -> pl.DataFrame:
        history = resident_history(snapshot, filters, scope, campaign_id, period)
        in_cohort = cohort_history(snapshot, filters, scope, campaign_id, period)
        never_reached = in_cohort.filter(
            pl.col(FIRST_REACHED).is_null() & (pl.col("attempts") >= NOT_REACHED_AFTER)
        )
        waiting = outstanding_follow_ups(snapshot, filters, scope, campaign_id, period)
        followed = history.join(waiting.select(RESIDENT), on=RESIDENT, how="semi")
        # Disjoint: an outstanding follow-up needs a reached call, the other reason none.
        both = pl.concat(
            [
                never_reached.with_columns(pl.lit(NOT_REACHED).alias("reason")),
                followed.with_columns(pl.lit(OUTSTANDING).alias("reason")),
            ]
        )
        typed = both.select(pl.col(name).cast(dtype) for name, dtype in FOLLOW_UP_SCHEMA.items())
        return typed.sort("last_called_at", RESIDENT)  # a drill's filter keeps this order

    return remembered_view(
        snapshot, "outreach-waiting", filters, scope, compute, campaign_id, period
    )


def follow_up_list(
    snapshot: Snapshot,
    filters: Filters,
    scope: Scope,
    campaign_id: str,
    drill: Mapping[str, str],
) -> pl.DataFrame:
    """Who to call next at the period's end, longest waiting first.

    One row per resident: cohort residents with 3 or more calls and none reached, and
    anyone (cohort or not) with an outstanding follow-up. ``drill`` narrows to a
    team (of the resident's latest call) and/or an area.
    """
    unknown = set(drill) - set(FOLLOW_UP_DRILL)
    if unknown:
        raise ValueError(f"cannot drill follow-ups by {sorted(unknown)}")
    period = filters.period(snapshot.latest_day)
    rows = _waiting(snapshot, filters, scope, campaign_id, period)
    for column, value in drill.items():
        rows = rows.filter(pl.col(column) == value)
    return rows
