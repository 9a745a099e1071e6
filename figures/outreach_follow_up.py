"""Who to call next (reach rates, follow-ups, food referrals), and calls and cohort counted.

Like every outreach figure, these narrow frames computed once per campaign for every
region and area (here the calls and cohort rows counted by area and day; the residents'
state in figures.outreach_residents) to the view, so a new filter choice costs a filter
of small frames and a rerun costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from data_access.filters import Filters, Period
from data_access.regions import AREA
from data_access.schema import FOOD_REFERRALS, OUTREACH_CALLS, OUTREACH_COHORT
from data_access.scope import REGION, Scope
from data_access.snapshot import Snapshot
from data_access.views import remembered_view, visible_aggregate
from figures.outreach_residents import (
    ADDED_ON,
    ATTEMPTS,
    CALLED_AT,
    CAMPAIGN,
    CODE,
    FIRST_CALLED,
    FIRST_HIT,
    FOLLOW_UPS,
    IN_COHORT,
    NEEDS_SO_FAR,
    OUTCOME,
    RESIDENT,
    TEAM,
    is_reached,
    resident_view,
)
from figures.resident_grouping import hash_join

REACH_DIMENSIONS = (TEAM, AREA)
FOLLOW_UP_DRILL = (TEAM, AREA)
NOT_REACHED = "Not reached after 3+ attempts"
OUTSTANDING = "Follow-up outstanding"
NOT_REACHED_AFTER = 3
REFERRED_AT = FOOD_REFERRALS.c.referred_at.name
FOOD_REGION, FOOD_AREA = "food_region", "food_area"
FOLLOW_UP_SCHEMA = {
    RESIDENT: pl.String,
    AREA: pl.String,
    TEAM: pl.String,
    "reason": pl.String,
    ATTEMPTS: pl.Int64,
    "last_outcome": pl.String,
    "last_called_at": pl.Datetime("us"),
}


def in_period(period: Period) -> pl.Expr:
    """A count's day falls in the period (whole days, so the same as its timestamps)."""
    return pl.col("day").is_between(period.start, period.end)


def call_counts(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str
) -> pl.DataFrame:
    """The view's calls of the campaign counted by area, team, day and outcome (any day)."""

    def compute_all() -> pl.DataFrame:
        calls = snapshot.scoped(OUTREACH_CALLS, Scope.everything())
        mine = calls.filter(pl.col(CAMPAIGN) == campaign_id)
        day = pl.col(CALLED_AT).dt.date().alias("day")
        return mine.group_by(REGION, AREA, TEAM, day, OUTCOME).agg(pl.len().alias("calls"))

    return visible_aggregate(
        snapshot, "outreach-call-counts", filters, scope, compute_all, campaign_id
    )


def cohort_counts(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str
) -> pl.DataFrame:
    """The view's cohort rows of the campaign counted by area and the day they were added.

    (campaign_id, resident_id) is the cohort's key and duplicated keys are excluded as
    bad data, so each row is a resident.
    """

    def compute_all() -> pl.DataFrame:
        cohort = snapshot.scoped(OUTREACH_COHORT, Scope.everything())
        mine = cohort.filter(pl.col(CAMPAIGN) == campaign_id)
        return mine.group_by(REGION, AREA, ADDED_ON).agg(pl.len().alias("residents"))

    return visible_aggregate(
        snapshot, "outreach-cohort-counts", filters, scope, compute_all, campaign_id
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
        counts = call_counts(snapshot, filters, scope, campaign_id).filter(in_period(period))
        calls = pl.col("calls")
        return (
            counts.group_by(pl.col(dimension).cast(pl.String))
            .agg(
                calls.sum().cast(pl.Int64),
                calls.filter(is_reached()).sum().cast(pl.Int64).alias("reached"),
            )
            .with_columns((100 * pl.col("reached") / pl.col("calls")).alias("reach_rate"))
            .sort("reach_rate", dimension)
        )

    return remembered_view(
        snapshot, "outreach-reach-rate", filters, scope, compute, campaign_id, period, dimension
    )


def referred_for_food(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str, food: Snapshot
) -> int:
    """Cohort residents reached, with a need, by the period's end and referred for food
    support since their first call of the campaign, before that end (the funnel's end).

    Both the resident (by the outreach snapshot's region and area) and a referral of
    theirs (by the food snapshot's) must be in the view: two views of one frame.
    """
    period = filters.period(snapshot.latest_day)
    moment = period.ends_before
    food_key = (food.read_at, id(food))

    def referred(residents: pl.DataFrame) -> pl.DataFrame:
        stage = pl.col(IN_COHORT) & pl.col(FIRST_HIT).is_not_null() & pl.col(NEEDS_SO_FAR)
        mine = residents.filter(stage).select(CODE, RESIDENT, REGION, AREA, FIRST_CALLED)
        referrals = food.scoped(FOOD_REFERRALS, Scope.everything()).filter(
            pl.col(REFERRED_AT) < moment
        )
        theirs = referrals.select(
            pl.col(RESIDENT).cast(pl.String),
            REFERRED_AT,
            pl.col(REGION).alias(FOOD_REGION),
            pl.col(AREA).alias(FOOD_AREA),
        )
        since = hash_join(mine, theirs, RESIDENT).filter(
            pl.col(REFERRED_AT) >= pl.col(FIRST_CALLED)
        )
        return since.select(CODE, REGION, AREA, FOOD_REGION, FOOD_AREA).unique()

    def every(residents: pl.DataFrame) -> pl.DataFrame:
        key = ("outreach-referred", campaign_id, period, food_key)
        return snapshot.remembered(key, lambda: referred(residents))

    def by_referral(residents: pl.DataFrame) -> pl.DataFrame:
        return every(residents).select(
            CODE, pl.col(FOOD_REGION).alias(REGION), pl.col(FOOD_AREA).alias(AREA)
        )

    args = (filters, scope)
    detail = (campaign_id, period, food_key)
    residents = resident_view(snapshot, "outreach-referred-residents", *args, every, *detail)
    referrals = resident_view(snapshot, "outreach-referrals-seen", *args, by_referral, *detail)
    both = residents.join(referrals, on=CODE, how="semi")
    return both.get_column(CODE).n_unique()


def _waiting(residents: pl.DataFrame) -> pl.DataFrame:
    """Everyone to call next among every resident's state at a period's end.

    Cohort residents with 3 or more calls and none reached, and anyone (cohort or not)
    with an outstanding follow-up; the latest call's team, outcome and time.
    """
    never = (
        pl.col(IN_COHORT) & pl.col(FIRST_HIT).is_null() & (pl.col(ATTEMPTS) >= NOT_REACHED_AFTER)
    )
    # Disjoint: an outstanding follow-up needs a reached call, the other reason none.
    listed = residents.filter(never | (pl.col(FOLLOW_UPS) > 0)).with_columns(
        pl.when(never).then(pl.lit(NOT_REACHED)).otherwise(pl.lit(OUTSTANDING)).alias("reason"),
        pl.col(OUTCOME).alias("last_outcome"),
        pl.col(CALLED_AT).alias("last_called_at"),
    )
    typed = listed.select(
        REGION, *(pl.col(name).cast(dtype) for name, dtype in FOLLOW_UP_SCHEMA.items())
    )
    return typed.sort("last_called_at", RESIDENT)  # a view's filter keeps this order


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
    args = (snapshot, "outreach-waiting", filters, scope, _waiting, campaign_id, period)
    rows = resident_view(*args).drop(REGION)
    for column, value in drill.items():
        rows = rows.filter(pl.col(column) == value)
    return rows
