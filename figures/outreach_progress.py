"""A campaign's progress against its target, and the charts of its calls and residents.

Every figure here narrows frames computed once per campaign (or period) for every region
and area (the residents' stocks in figures.outreach_residents; the call and cohort counts
in figures.outreach_follow_up) to the view, then sums them: a new filter choice costs a
few filters of small frames, never a pass over calls or residents.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

import polars as pl

from data_access.filters import Filters
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import remembered_view
from figures.outreach_follow_up import (
    REACH_DIMENSIONS,
    call_counts,
    cohort_counts,
    in_period,
    reach_rate_by,
    referred_for_food,
)
from figures.outreach_residents import (
    ADDED_ON,
    ATTEMPT_CAP,
    IN_COHORT,
    NEED,
    OUTCOME,
    first_reached_counts,
    need_counts,
    resident_stocks,
)

__all__ = [
    "FUNNEL_STAGES",
    "REACH_DIMENSIONS",
    "Progress",
    "attempts_to_reach",
    "calls_per_day_by_outcome",
    "campaign_funnel",
    "campaign_progress",
    "needs_by_type",
    "reach_rate_by",
]

if TYPE_CHECKING:
    from figures.outreach import Campaign

PACE_DAYS = 7
PROGRESS_SCHEMA = {"day": pl.Date, "reached": pl.Int64}
FUNNEL_STAGES = (
    "In cohort",
    "Attempted",
    "Reached",
    "Needs identified",
    "Referred for food support",
)
ATTEMPT_BUCKETS = ("1", "2", "3", "4", "5+")


@dataclass(frozen=True)
class Progress:
    """Where a campaign stands against its target at the end of the period."""

    target: float
    reached: int
    pace_per_day: float
    projected_on: date | None
    met_on: date | None
    pro_rata: bool


def _target(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign: Campaign
) -> tuple[Fraction, bool]:
    """The target, pro rata to the share of the cohort in view when the view is narrowed.

    A campaign with no cohort rows at all has no share to scale by: its full target stands.
    """
    full = Fraction(campaign.target_contacts)
    narrowed = not scope.narrowed(filters.regions).sees_every_region or bool(filters.areas)
    if not narrowed:
        return full, False
    args = (snapshot, filters, scope, campaign.campaign_id)

    def compute() -> pl.DataFrame:
        visible = cohort_counts(*args).get_column("residents").sum()
        # Only the count of the whole cohort leaves the data layer, never its rows.
        everyone = cohort_counts(snapshot, Filters(), Scope.everything(), campaign.campaign_id)
        total = everyone.get_column("residents").sum()
        return pl.DataFrame({"visible": [visible], "total": [total]})

    share = remembered_view(
        snapshot, "outreach-cohort-share", filters, scope, compute, campaign.campaign_id
    ).row(0, named=True)
    if share["total"] == 0:
        return full, False
    return full * share["visible"] / share["total"], True


def campaign_progress(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign: Campaign
) -> tuple[pl.DataFrame, Progress]:
    """Cumulative residents reached per day since the campaign began, and the pace to target.

    Days run from started_on to the period's last day (or ended_on if earlier). The
    projection carries the last 7 days' pace forward; none once the target is met, when
    nobody new was reached in those days, or when the campaign had ended by then.
    """
    period = filters.period(snapshot.latest_day)
    ended = campaign.ended_on is not None and campaign.ended_on <= period.end
    last = campaign.ended_on if ended else period.end
    start = campaign.started_on

    def compute() -> pl.DataFrame:
        if last < start:
            return pl.DataFrame(schema=PROGRESS_SCHEMA)
        firsts = first_reached_counts(snapshot, filters, scope, campaign.campaign_id)
        # Anyone reached before the start date counts from the first day.
        new = (
            firsts.filter(pl.col("day") <= last)
            .group_by(pl.col("day").clip(lower_bound=start))
            .agg(pl.col("residents").sum().alias("new"))
        )
        days = pl.DataFrame({"day": pl.date_range(start, last, "1d", eager=True)})
        return (
            days.join(new, on="day", how="left")
            .sort("day")
            .select("day", pl.col("new").fill_null(0).cum_sum().cast(pl.Int64).alias("reached"))
        )

    frame = remembered_view(
        snapshot, "outreach-progress", filters, scope, compute, campaign.campaign_id, start, last
    )
    target, pro_rata = _target(snapshot, filters, scope, campaign)
    reached = int(frame.get_column("reached")[-1]) if frame.height else 0
    before_week = frame.filter(pl.col("day") <= last - timedelta(days=PACE_DAYS))
    week_ago = int(before_week.get_column("reached")[-1]) if before_week.height else 0
    new_in_week = reached - week_ago
    met = frame.filter(pl.col("reached") >= math.ceil(target)).get_column("day")
    met_on = met[0] if met.len() else None
    projected_on = None
    if met_on is None and new_in_week > 0 and not ended and frame.height:
        days_left = math.ceil((target - reached) * PACE_DAYS / new_in_week)
        projected_on = last + timedelta(days=days_left)
    progress = Progress(
        target=float(target),
        reached=reached,
        pace_per_day=new_in_week / PACE_DAYS,
        projected_on=projected_on,
        met_on=met_on,
        pro_rata=pro_rata,
    )
    return frame, progress


def calls_per_day_by_outcome(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str
) -> pl.DataFrame:
    """The period's calls per day and outcome (only days and outcomes with calls)."""
    period = filters.period(snapshot.latest_day)

    def compute() -> pl.DataFrame:
        counts = call_counts(snapshot, filters, scope, campaign_id).filter(in_period(period))
        return (
            counts.group_by("day", pl.col(OUTCOME).cast(pl.String))
            .agg(pl.col("calls").sum().cast(pl.Int64))
            .sort("day", OUTCOME)
        )

    return remembered_view(
        snapshot, "outreach-calls-per-day", filters, scope, compute, campaign_id, period
    )


def campaign_funnel(
    snapshot: Snapshot,
    filters: Filters,
    scope: Scope,
    campaign_id: str,
    food: Snapshot | None,
) -> pl.DataFrame:
    """Cohort residents at the period's end, each stage nested in the one before.

    In cohort; called at all; reached; a need recorded on one of their calls; and a food
    referral on or after their first call of the campaign (0 when no food snapshot).
    """
    period = filters.period(snapshot.latest_day)
    args = (snapshot, filters, scope, campaign_id)

    def compute() -> pl.DataFrame:
        cohort = cohort_counts(*args).filter(pl.col(ADDED_ON) <= period.end)
        attempted = resident_stocks(*args, period).filter(IN_COHORT)
        reached = attempted.filter("hit")
        referred = 0 if food is None else referred_for_food(*args, food)
        counts = [
            cohort.get_column("residents").sum(),
            attempted.get_column("residents").sum(),
            reached.get_column("residents").sum(),
            reached.get_column("with_needs").sum(),
            referred,
        ]
        return pl.DataFrame(
            {"stage": list(FUNNEL_STAGES), "residents": counts},
            schema={"stage": pl.String, "residents": pl.Int64},
        )

    food_key = None if food is None else (food.read_at, id(food))
    return remembered_view(
        snapshot, "outreach-funnel", filters, scope, compute, campaign_id, period, food_key
    )


def needs_by_type(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str
) -> pl.DataFrame:
    """Need rows recorded on the period's calls of the campaign, by need, largest first."""
    period = filters.period(snapshot.latest_day)

    def compute() -> pl.DataFrame:
        counts = need_counts(snapshot, filters, scope, campaign_id).filter(in_period(period))
        return (
            counts.group_by(pl.col(NEED).cast(pl.String))
            .agg(pl.col("needs").sum().cast(pl.Int64))
            .sort(["needs", NEED], descending=[True, False])
        )

    return remembered_view(snapshot, "outreach-needs", filters, scope, compute, campaign_id, period)


def attempts_to_reach(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str
) -> pl.DataFrame:
    """Cohort residents by the call that first reached them, beside those still trying.

    reached: first reached on their Nth call; not_yet_reached: N calls so far and none
    reached. Residents never called are left out. Rows 1 to 5+ are always present.
    """
    period = filters.period(snapshot.latest_day)

    def compute() -> pl.DataFrame:
        stocks = resident_stocks(snapshot, filters, scope, campaign_id, period)
        residents, hit = pl.col("residents"), pl.col("hit")
        counted = (
            stocks.filter(IN_COHORT)
            .group_by(pl.col("calls").alias("n"))
            .agg(residents.filter(hit).sum().alias("reached"), residents.filter(~hit).sum())
        )
        grid = pl.DataFrame({"attempts": ATTEMPT_BUCKETS, "n": range(1, ATTEMPT_CAP + 1)})
        return grid.join(counted, on="n", how="left", maintain_order="left").select(
            "attempts",
            pl.col("reached").fill_null(0).cast(pl.Int64),
            pl.col("residents").fill_null(0).cast(pl.Int64).alias("not_yet_reached"),
        )

    return remembered_view(
        snapshot, "outreach-attempts", filters, scope, compute, campaign_id, period
    )
