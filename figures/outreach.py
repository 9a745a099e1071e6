"""Outreach (welfare call) figures for one campaign: the campaign list and headline tiles.

All six tiles for a period come from one remembered summary per (view, campaign,
period): sums over the view's rows of frames computed once for everyone, per resident
(figures.outreach_residents) and per area and day (figures.outreach_follow_up), so a new
filter choice costs a few filters of small frames. The charts live in
figures.outreach_progress and the list of who to call next in figures.outreach_follow_up;
both are re-exported here so pages need one import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from data_access.filters import Filters, Period
from data_access.schema import OUTREACH_CAMPAIGNS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import remembered_view
from figures.beside import build_beside
from figures.outreach_follow_up import (
    FOLLOW_UP_DRILL,
    call_counts,
    cohort_counts,
    follow_up_list,
    in_period,
)
from figures.outreach_progress import (
    FUNNEL_STAGES,
    REACH_DIMENSIONS,
    Progress,
    attempts_to_reach,
    calls_per_day_by_outcome,
    campaign_funnel,
    campaign_progress,
    needs_by_type,
    reach_rate_by,
)
from figures.outreach_residents import (
    ADDED_ON,
    FOLLOW_UPS,
    IN_COHORT,
    need_counts,
    resident_stocks,
)
from figures.tiles import Measure, Tile, Value, summary_measure, tile

__all__ = [
    "FOLLOW_UP_DRILL",
    "FUNNEL_STAGES",
    "REACH_DIMENSIONS",
    "TILE_LABELS",
    "Campaign",
    "Progress",
    "attempts_to_reach",
    "calls_made",
    "calls_per_day_by_outcome",
    "campaign_funnel",
    "campaign_progress",
    "campaigns",
    "cohort_reached",
    "default_campaign",
    "follow_up_list",
    "follow_ups_outstanding",
    "headline_tiles",
    "needs_by_type",
    "needs_identified",
    "period_summary",
    "reach_rate_by",
    "residents_in_cohort",
    "residents_reached",
]

_K = OUTREACH_CAMPAIGNS.c
TILE_LABELS = (
    "Residents in cohort",
    "Residents reached",
    "Cohort reached",
    "Calls made",
    "Needs identified",
    "Follow-ups outstanding",
)
COHORT_HELP = (
    "Residents in the campaign's cohort (outreach_cohort rows) added on or before the "
    "last day of the period."
)
REACHED_HELP = (
    "Distinct residents with at least one call of the campaign in the period whose "
    "outcome is reached, whether or not they are in the cohort."
)
COHORT_REACHED_HELP = (
    "Of the residents in the cohort at the end of the period, the share reached on at "
    "least one call of the campaign by then (any time since the campaign began)."
)
CALLS_HELP = (
    "Every call of the campaign whose called_at falls in the period, whatever its "
    "outcome, inbound calls included."
)
NEEDS_HELP = (
    "Needs recorded (outreach_needs rows) on the campaign's calls made in the period; "
    "one call can record several needs."
)
FOLLOW_UPS_HELP = (
    "Reached calls of the campaign that asked for a follow-up, made by the end of the "
    "period, with no later reached call to the same resident in the campaign by then."
)


@dataclass(frozen=True)
class Campaign:
    """One outreach campaign, as the campaign selector and progress chart need it."""

    campaign_id: str
    name: str
    started_on: date
    ended_on: date | None
    target_contacts: int

    @property
    def running(self) -> bool:
        return self.ended_on is None


def campaigns(reference: Snapshot) -> list[Campaign]:
    """Every campaign, running ones first, then the latest started first."""
    if not reference.has(OUTREACH_CAMPAIGNS):
        return []
    rows = reference.listing(OUTREACH_CAMPAIGNS).select(
        pl.col(_K.campaign_id.name).cast(pl.String),
        pl.col(_K.campaign_name.name).cast(pl.String),
        _K.started_on.name,
        _K.ended_on.name,
        pl.col(_K.target_contacts.name).cast(pl.Int64),
    )
    ordered = rows.sort(
        pl.col(_K.ended_on.name).is_not_null(),  # running (no end date) first
        pl.col(_K.started_on.name),
        pl.col(_K.campaign_id.name),
        descending=[False, True, False],
    )
    return [Campaign(*row) for row in ordered.iter_rows()]  # a handful of campaigns


def default_campaign(choices: Sequence[Campaign]) -> Campaign | None:
    """The latest-started running campaign, else the latest-started one (first on ties)."""
    running = [c for c in choices if c.running]
    pool = running or list(choices)
    if not pool:
        return None
    return max(pool, key=lambda c: c.started_on)


_SUMMARY_SCHEMA = {
    "in_cohort": pl.Int64,
    "residents_reached": pl.Int64,
    "cohort_reached": pl.Float64,
    "calls": pl.Int64,
    "needs": pl.Int64,
    "follow_ups": pl.Int64,
}


def period_summary(
    snapshot: Snapshot, filters: Filters, period: Period, scope: Scope, campaign_id: str
) -> dict:
    """All six tile values of one campaign for one period (flows in it, stocks at its end)."""

    def compute() -> pl.DataFrame:
        args = (snapshot, filters, scope, campaign_id)
        for counts in (call_counts, cohort_counts):  # on the other core, beside the stocks
            build_beside(counts, *args)
        stocks = resident_stocks(*args, period)
        cohort = cohort_counts(*args).filter(pl.col(ADDED_ON) <= period.end)
        in_cohort = cohort.get_column("residents").sum()
        reached = stocks.filter(pl.col(IN_COHORT) & pl.col("hit")).get_column("residents").sum()
        row = {
            "in_cohort": in_cohort,
            "residents_reached": stocks.get_column("reached_in_period").sum(),
            "cohort_reached": 100 * reached / in_cohort if in_cohort else None,
            "calls": call_counts(*args).filter(in_period(period)).get_column("calls").sum(),
            "needs": need_counts(*args).filter(in_period(period)).get_column("needs").sum(),
            "follow_ups": stocks.get_column(FOLLOW_UPS).sum(),
        }
        return pl.DataFrame([row], schema=_SUMMARY_SCHEMA)

    summary = remembered_view(
        snapshot, "outreach-summary", filters, scope, compute, campaign_id, period
    )
    return summary.row(0, named=True)


residents_in_cohort = summary_measure(period_summary, "in_cohort")
residents_reached = summary_measure(period_summary, "residents_reached")
cohort_reached = summary_measure(period_summary, "cohort_reached")
calls_made = summary_measure(period_summary, "calls")
needs_identified = summary_measure(period_summary, "needs")
follow_ups_outstanding = summary_measure(period_summary, "follow_ups")


def _of_campaign(measure: Callable[..., Value], campaign_id: str) -> Measure:
    """A summary measure bound to one campaign, called by ``tile`` with four arguments."""

    def measure_of_campaign(
        snapshot: Snapshot, filters: Filters, period: Period, scope: Scope
    ) -> Value:
        return measure(snapshot, filters, period, scope, campaign_id)

    return measure_of_campaign


def headline_tiles(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str
) -> list[Tile]:
    """The six outreach tiles for one campaign, each against the previous period."""
    args = (snapshot, filters, scope)
    specs = (
        (residents_in_cohort, COHORT_HELP, True, "count"),
        (residents_reached, REACHED_HELP, True, "count"),
        (cohort_reached, COHORT_REACHED_HELP, True, "percent"),
        (calls_made, CALLS_HELP, True, "count"),
        (needs_identified, NEEDS_HELP, True, "count"),
        (follow_ups_outstanding, FOLLOW_UPS_HELP, False, "count"),
    )
    return [
        tile(label, _of_campaign(measure, campaign_id), help_text, *args, higher, unit)
        for label, (measure, help_text, higher, unit) in zip(TILE_LABELS, specs, strict=True)
    ]
