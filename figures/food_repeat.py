"""Repeat need: households that keep needing food support within 90 days.

A household (residents' household_ref) counts once per period. Its figure is the most
referrals it had in any 90-day window ending on one of its referrals in the period,
counting every referral in the snapshot (also those before the period), so a household
referred again soon after an earlier period shows as repeat need. The window is the 90
x 24 hours up to and including the referral's own moment, both ends inclusive, as the
7-day rule of "Food needs referred" is 168 hours inclusive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import polars as pl

from data_access.filters import Filters
from data_access.schema import RESIDENTS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import remembered_view
from figures.food_rows import REFERRED, RESIDENT, period_of, referrals

WINDOW = timedelta(days=90)
HOUSEHOLD = RESIDENTS.c.household_ref.name
#: Buckets of the most referrals in 90 days; "4+" gathers four or more.
BUCKETS = ("1", "2", "3", "4+")
REPEAT_HELP = (
    "Of the households with a food referral in the period, the share referred two or more "
    "times within 90 days (the 90 days up to one of their referrals in the period, counting "
    "earlier referrals too)."
)


@dataclass(frozen=True)
class RepeatNeed:
    """Households referred in the period, those with repeat need, and their share (0-100)."""

    households: int
    repeat_households: int
    share: float | None


def _most_in_window(
    snapshot: Snapshot, filters: Filters, scope: Scope, reference: Snapshot
) -> pl.DataFrame:
    """One row per household referred in the period: the most referrals in 90 days."""
    period = period_of(snapshot, filters)

    def compute() -> pl.DataFrame:
        households = reference.scoped(RESIDENTS, scope).select(
            pl.col(RESIDENT).cast(pl.String), pl.col(HOUSEHOLD).cast(pl.String)
        )
        # Only referrals that can share a window with one in the period take part.
        reach = (pl.col(REFERRED) >= period.starts_at - WINDOW) & (
            pl.col(REFERRED) < period.ends_before
        )
        nearby = (
            referrals(snapshot, filters, scope)
            .filter(reach)
            .select(pl.col(RESIDENT).cast(pl.String), REFERRED)
            .join(households, on=RESIDENT, how="inner")
        )
        referred = nearby.filter(period.contains(REFERRED)).select(HOUSEHOLD).unique()
        rows = nearby.join(referred, on=HOUSEHOLD, how="semi").sort(HOUSEHOLD, REFERRED)
        # For each referral: the household's referrals in [referred_at - 90 days, referred_at].
        windows = rows.rolling(
            index_column=REFERRED, period=WINDOW, closed="both", group_by=HOUSEHOLD
        ).agg(pl.len().cast(pl.Int64).alias("in_window"))
        return (
            windows.filter(period.contains(REFERRED))
            .group_by(HOUSEHOLD)
            .agg(pl.col("in_window").max().alias("most_in_90_days"))
            .sort(HOUSEHOLD)
        )

    detail = (period, id(reference), reference.read_at)
    return remembered_view(snapshot, "food-repeat", filters, scope, compute, *detail)


def repeat_need(
    snapshot: Snapshot, filters: Filters, scope: Scope, reference: Snapshot
) -> tuple[RepeatNeed, pl.DataFrame]:
    """The repeat-need headline and households by most referrals in 90 days (4 rows).

    The frame has referrals_in_90_days ("1", "2", "3", "4+"; always all four, in that
    order) and households (Int64). Repeat = 2 or more.
    """
    most = _most_in_window(snapshot, filters, scope, reference)
    bucket = (
        pl.when(pl.col("most_in_90_days") >= len(BUCKETS))
        .then(pl.lit(BUCKETS[-1]))
        .otherwise(pl.col("most_in_90_days").cast(pl.String))
    )
    counted = most.group_by(bucket.alias("referrals_in_90_days")).agg(
        pl.len().cast(pl.Int64).alias("households")
    )
    table = (
        pl.DataFrame(
            {"referrals_in_90_days": list(BUCKETS)}, schema={"referrals_in_90_days": pl.String}
        )
        .join(counted, on="referrals_in_90_days", how="left", maintain_order="left")
        .with_columns(pl.col("households").fill_null(0).cast(pl.Int64))
    )
    households = most.height
    repeat = int(most.filter(pl.col("most_in_90_days") >= 2).height)
    share = 100 * repeat / households if households else None
    return RepeatNeed(households=households, repeat_households=repeat, share=share), table
