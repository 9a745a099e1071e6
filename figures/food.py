"""Food-support figures: the six headline tiles, and (re-exported) every food chart.

The five referral measures of a period come from one pass over the visible referrals
(``period_summary``), remembered per snapshot, so six tiles and their comparisons cost
a handful of passes. "Food needs referred" joins the outreach snapshot's calls to the
referrals with a sorted as-of join (each call to the resident's next referral), never
a cross join, so it stays fast at a million calls.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import polars as pl

from data_access.filters import Filters, Period
from data_access.schema import OUTREACH_CALLS, OUTREACH_NEEDS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import remembered_view, visible_rows
from figures.food_breakdowns import (
    DROP_OUTS,
    FUNNEL,
    REFERRAL_COLUMNS,
    REFERRAL_DRILL,
    fulfilment_over_time,
    partner_performance,
    referral_funnel,
    referral_rows,
    referrals_by_area,
    weekly_referrals_by_status,
)
from figures.food_repeat import REPEAT_HELP, RepeatNeed, repeat_need
from figures.food_rows import (
    ADULTS,
    CHILDREN,
    NOT_RECORDED,
    REFERRED,
    RESIDENT,
    days_to_fulfil,
    fulfilled_in,
)
from figures.food_rows import referrals as _referral_rows
from figures.tiles import Tile, summary_measure, tile

__all__ = [
    "DROP_OUTS",
    "FUNNEL",
    "NOT_RECORDED",
    "REFERRAL_COLUMNS",
    "REFERRAL_DRILL",
    "REPEAT_HELP",
    "TILE_LABELS",
    "RepeatNeed",
    "children_fed",
    "food_needs_referred",
    "fulfilled",
    "fulfilment_over_time",
    "headline_tiles",
    "median_days_to_fulfil",
    "partner_performance",
    "people_fed",
    "period_summary",
    "referral_funnel",
    "referral_rows",
    "referrals",
    "referrals_by_area",
    "repeat_need",
    "weekly_referrals_by_status",
]

TILE_LABELS = (
    "Referrals",
    "Fulfilled",
    "Median days to fulfil",
    "People fed",
    "Children fed",
    "Food needs referred",
)
REFERRALS_HELP = "Food-support referrals whose referred_at falls in the period."
FULFILLED_HELP = (
    "Referrals with status fulfilled whose fulfilled_at falls in the period, whenever "
    "they were referred."
)
MEDIAN_DAYS_HELP = (
    "Median time from referred_at to fulfilled_at, in fractional days, over the referrals "
    "fulfilled in the period (an even count takes the mean of the middle two)."
)
PEOPLE_FED_HELP = "Adults plus children on the referrals fulfilled in the period."
CHILDREN_FED_HELP = "Children on the referrals fulfilled in the period."
FOOD_NEEDS_HELP = (
    "Of the reached outreach calls (any campaign) in the period on which a food need was "
    "recorded, the share followed by a food referral for the same resident within 7 days "
    "(168 hours) of the call, the call's own moment included."
)

_C = OUTREACH_CALLS.c
CALL_ID, CALLED_AT, OUTCOME = _C.call_id.name, _C.called_at.name, _C.outcome.name
FOLLOW_UP_WINDOW = timedelta(days=7)


def period_summary(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope) -> dict:
    """All of a period's referral measures from one pass over the visible referrals."""

    def compute() -> pl.DataFrame:
        done = fulfilled_in(period)
        return _referral_rows(snapshot, filters, scope).select(
            period.contains(REFERRED).sum().cast(pl.Int64).alias("referrals"),
            done.sum().cast(pl.Int64).alias("fulfilled"),
            days_to_fulfil().filter(done).median().cast(pl.Float64).alias("median_days"),
            (pl.col(ADULTS) + pl.col(CHILDREN)).filter(done).sum().cast(pl.Int64).alias("people"),
            pl.col(CHILDREN).filter(done).sum().cast(pl.Int64).alias("children"),
        )

    summary = remembered_view(snapshot, "food-summary", filters, scope, compute, period)
    return summary.row(0, named=True)


referrals = summary_measure(period_summary, "referrals")
fulfilled = summary_measure(period_summary, "fulfilled")
median_days_to_fulfil = summary_measure(period_summary, "median_days")
people_fed = summary_measure(period_summary, "people")
children_fed = summary_measure(period_summary, "children")


def _food_need_calls(
    outreach: Snapshot, filters: Filters, period: Period, scope: Scope
) -> pl.DataFrame:
    """Reached calls in the period with a food need: one row per call, oldest first."""
    calls = visible_rows(outreach, OUTREACH_CALLS, filters, scope)
    needs = visible_rows(outreach, OUTREACH_NEEDS, filters, scope)
    food_calls = needs.filter(pl.col(OUTREACH_NEEDS.c.need.name) == "food").select(
        pl.col(CALL_ID).cast(pl.String)
    )
    return (
        calls.filter(period.contains(CALLED_AT) & (pl.col(OUTCOME) == "reached"))
        .select(pl.col(CALL_ID).cast(pl.String), pl.col(RESIDENT).cast(pl.String), CALLED_AT)
        .join(food_calls, on=CALL_ID, how="semi")
        .sort(CALLED_AT)
    )


def food_needs_referred(
    snapshot: Snapshot,
    filters: Filters,
    period: Period,
    scope: Scope,
    outreach: Snapshot | None = None,
) -> float | None:
    """Share (0-100) of the period's reached food-need calls followed by a referral in 7 days.

    None without an outreach snapshot or without such calls. Each call is matched to the
    same resident's first referral at or after the call (a sorted as-of join).
    """
    if outreach is None or not (outreach.has(OUTREACH_CALLS) and outreach.has(OUTREACH_NEEDS)):
        return None

    def compute() -> pl.DataFrame:
        calls = _food_need_calls(outreach, filters, period, scope)
        # Only referrals that can follow a call in the period (from its start to 7 days
        # after its end) take part: a few thousand rows to sort, not the whole history.
        after = pl.col(REFERRED)
        window = (after >= period.starts_at) & (after <= period.ends_before + FOLLOW_UP_WINDOW)
        later = (
            _referral_rows(snapshot, filters, scope)
            .filter(window)
            .select(pl.col(RESIDENT).cast(pl.String), REFERRED)
            .sort(REFERRED)
        )
        matched = calls.join_asof(
            later,
            left_on=CALLED_AT,
            right_on=REFERRED,
            by=RESIDENT,
            strategy="forward",
            tolerance=FOLLOW_UP_WINDOW,
            check_sortedness=False,  # both sides sorted just above; groups cannot be checked
        )
        return matched.select(
            pl.len().cast(pl.Int64).alias("calls"),
            pl.col(REFERRED).is_not_null().sum().cast(pl.Int64).alias("referred"),
        )

    detail = (period, id(outreach), outreach.read_at)
    counts = remembered_view(snapshot, "food-needs-referred", filters, scope, compute, *detail)
    calls, referred = counts.row(0)
    return 100 * referred / calls if calls else None


def headline_tiles(
    snapshot: Snapshot, filters: Filters, scope: Scope, outreach: Snapshot | None = None
) -> list[Tile]:
    """The six food tiles (TILE_LABELS order), each against the previous period.

    ``outreach`` feeds "Food needs referred"; without it that tile shows n/a, so the
    older three-argument call still works.
    """
    args = (snapshot, filters, scope)
    needs = partial(food_needs_referred, outreach=outreach)
    return [
        tile(TILE_LABELS[0], referrals, REFERRALS_HELP, *args),
        tile(TILE_LABELS[1], fulfilled, FULFILLED_HELP, *args),
        tile(
            TILE_LABELS[2],
            median_days_to_fulfil,
            MEDIAN_DAYS_HELP,
            *args,
            higher_is_better=False,
            unit="days",
        ),
        tile(TILE_LABELS[3], people_fed, PEOPLE_FED_HELP, *args),
        tile(TILE_LABELS[4], children_fed, CHILDREN_FED_HELP, *args),
        tile(TILE_LABELS[5], needs, FOOD_NEEDS_HELP, *args, unit="percent"),
    ]
