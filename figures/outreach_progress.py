"""A campaign's progress against its target, and the charts of its calls and residents.

Each chart is one group-by over the campaign's calls (remembered per view, campaign and
period in figures.outreach_follow_up), so drawing the whole page costs a few passes
over the period's calls, never one per resident.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

import polars as pl

from data_access.filters import Filters
from data_access.schema import FOOD_REFERRALS, OUTREACH_COHORT
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import remembered_view, visible_rows
from figures.outreach_follow_up import (
    CALLED_AT,
    CAMPAIGN,
    FIRST_REACHED,
    NEED,
    OUTCOME,
    REACH_DIMENSIONS,
    RESIDENT,
    campaign_needs,
    cohort_as_at,
    cohort_history,
    first_reached,
    period_calls,
    reach_rate_by,
)

__all__ = [  # reach rates live with the follow-up list they narrow; importable here too
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

REFERRED_AT = FOOD_REFERRALS.c.referred_at.name
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
    mine = pl.col(CAMPAIGN) == campaign.campaign_id

    def compute() -> pl.DataFrame:
        visible = visible_rows(snapshot, OUTREACH_COHORT, filters, scope).filter(mine).height
        # Only the count of the whole cohort leaves the data layer, never its rows.
        total = snapshot.scoped(OUTREACH_COHORT, Scope.everything()).filter(mine).height
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
        reached = first_reached(snapshot, filters, scope, campaign.campaign_id)
        firsts = reached.select(pl.col(FIRST_REACHED).dt.date().alias("first"))
        # Anyone reached before the start date counts from the first day.
        new = (
            firsts.filter(pl.col("first") <= last)
            .group_by(pl.col("first").clip(lower_bound=start).alias("day"))
            .agg(pl.len().alias("new"))
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
        calls = period_calls(snapshot, filters, scope, campaign_id, period)
        return (
            calls.group_by(
                pl.col(CALLED_AT).dt.date().alias("day"), pl.col(OUTCOME).cast(pl.String)
            )
            .agg(pl.len().cast(pl.Int64).alias("calls"))
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
    moment = period.ends_before

    def compute() -> pl.DataFrame:
        cohort = cohort_as_at(snapshot, filters, scope, campaign_id, period.end)
        attempted = cohort_history(snapshot, filters, scope, campaign_id, period)
        reached = attempted.filter(pl.col(FIRST_REACHED).is_not_null())
        needs = campaign_needs(snapshot, filters, scope, campaign_id)
        in_need = needs.filter(pl.col(CALLED_AT) < moment).select(RESIDENT)
        with_needs = reached.join(in_need, on=RESIDENT, how="semi")
        referred = 0
        if food is not None:
            referrals = visible_rows(food, FOOD_REFERRALS, filters, scope).filter(
                pl.col(REFERRED_AT) < moment
            )
            referred = (
                with_needs.select(RESIDENT, "first_called_at")
                .join(referrals.select(pl.col(RESIDENT).cast(pl.String), REFERRED_AT), on=RESIDENT)
                .filter(pl.col(REFERRED_AT) >= pl.col("first_called_at"))
                .get_column(RESIDENT)
                .n_unique()
            )
        counts = [cohort.height, attempted.height, reached.height, with_needs.height, referred]
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
        needs = campaign_needs(snapshot, filters, scope, campaign_id)
        return (
            needs.filter(period.contains(CALLED_AT))
            .group_by(pl.col(NEED).cast(pl.String))
            .agg(pl.len().cast(pl.Int64).alias("needs"))
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
        history = cohort_history(snapshot, filters, scope, campaign_id, period)
        # Count by call number (5 and more together), then label the five rows.
        calls = pl.coalesce("first_reached_attempt", "attempts").clip(
            upper_bound=len(ATTEMPT_BUCKETS)
        )
        counted = (
            history.select(
                calls.cast(pl.Int64).alias("n"),
                pl.col("first_reached_attempt").is_not_null().alias("hit"),
            )
            .group_by("n")
            .agg(pl.col("hit").sum().alias("reached"), (~pl.col("hit")).sum().alias("not_yet"))
        )
        grid = pl.DataFrame({"attempts": ATTEMPT_BUCKETS, "n": range(1, len(ATTEMPT_BUCKETS) + 1)})
        return grid.join(counted, on="n", how="left", maintain_order="left").select(
            "attempts",
            pl.col("reached").fill_null(0).cast(pl.Int64),
            pl.col("not_yet").fill_null(0).cast(pl.Int64).alias("not_yet_reached"),
        )

    return remembered_view(
        snapshot, "outreach-attempts", filters, scope, compute, campaign_id, period
    )
