"""Food-support charts and the rows behind them: weekly flows, funnel, partners, areas.

Each is a small frame derived from the period's visible referrals and remembered per
view, so every viewer sharing a view (regions, areas, period) pays for it once.
Categorical and enum columns leave here as plain text, as the figure API promises.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from data_access.filters import Filters
from data_access.regions import AREA
from data_access.schema import FULFILMENTS, REFERRAL_STATUSES
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import remembered_view
from figures.food_rows import (
    ADULTS,
    CALL,
    CHILDREN,
    DAYS_TO_FULFIL,
    FULFILLED_AT,
    FULFILMENT,
    NOT_RECORDED,
    PARTNER,
    REFERRAL_ID,
    REFERRED,
    RESIDENT,
    STATUS,
    TEAM,
    as_text,
    fulfilled_in,
    in_order,
    is_fulfilled,
    period_of,
    referrals,
    referred_in,
)
from figures.weeks import week_ending

FUNNEL = ("Referred", "Accepted", "Fulfilled")
#: The funnel's drop-outs, shown after its stages: where referrals that went no further stopped.
DROP_OUTS = ("Declined", "Cancelled", "Failed", "Awaiting acceptance")
#: Statuses a stage counts (by current status). Accepted includes what followed acceptance.
STAGE_STATUSES: dict[str, tuple[str, ...] | None] = {
    "Referred": None,
    "Accepted": ("accepted", "fulfilled", "failed"),
    "Fulfilled": ("fulfilled",),
    "Declined": ("declined",),
    "Cancelled": ("cancelled",),
    "Failed": ("failed",),
    "Awaiting acceptance": ("referred",),
}
REFERRAL_DRILL = (AREA, PARTNER)
REFERRAL_COLUMNS = (
    REFERRAL_ID,
    RESIDENT,
    AREA,
    TEAM,
    PARTNER,
    REFERRED,
    STATUS,
    FULFILLED_AT,
    FULFILMENT,
    DAYS_TO_FULFIL,
    ADULTS,
    CHILDREN,
    CALL,
)
_TEXT_COLUMNS = frozenset({AREA, TEAM, PARTNER, STATUS, FULFILMENT})


def weekly_referrals_by_status(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Referrals made each week of the period by their current status (non-zero rows).

    Columns week_ending (Date), status (String), referrals (Int64); sorted by week, then
    status in the contract's lifecycle order (referred, accepted, fulfilled, failed,
    declined, cancelled) so stacked bars keep one order.
    """
    period = period_of(snapshot, filters)

    def compute() -> pl.DataFrame:
        rows = referred_in(snapshot, filters, scope, period)
        return (
            rows.group_by(
                week_ending(REFERRED, period).alias("week_ending"), as_text(STATUS).alias("status")
            )
            .agg(pl.len().cast(pl.Int64).alias("referrals"))
            .sort(["week_ending", in_order("status", REFERRAL_STATUSES)])
        )

    return remembered_view(snapshot, "food-weekly-status", filters, scope, compute, period)


def referral_funnel(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """How far the period's referrals got: FUNNEL stages then DROP_OUTS, always 7 rows.

    Over referrals referred in the period, by current status: Referred = all; Accepted =
    accepted, fulfilled or failed; Fulfilled = fulfilled; then Declined, Cancelled,
    Failed and Awaiting acceptance (still referred). Columns stage, referrals (Int64).
    """
    period = period_of(snapshot, filters)

    def compute() -> pl.DataFrame:
        rows = referred_in(snapshot, filters, scope, period)
        status = pl.col(STATUS).cast(pl.String)
        counts = rows.select(
            (pl.len() if wanted is None else status.is_in(list(wanted)).sum())
            .cast(pl.Int64)
            .alias(stage)
            for stage, wanted in STAGE_STATUSES.items()
        ).row(0)
        return pl.DataFrame(
            {"stage": list(STAGE_STATUSES), "referrals": list(counts)},
            schema={"stage": pl.String, "referrals": pl.Int64},
        )

    return remembered_view(snapshot, "food-funnel", filters, scope, compute, period)


def partner_performance(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Per partner, over referrals referred in the period: how many, fulfilled, how fast.

    fulfilment_rate = fulfilled / referrals x 100; median_days_to_fulfil over those
    fulfilled (whenever, even after the period; null if none). Most referrals first.
    """
    period = period_of(snapshot, filters)

    def compute() -> pl.DataFrame:
        rows = referred_in(snapshot, filters, scope, period)
        return (
            rows.group_by(as_text(PARTNER).alias(PARTNER))
            .agg(
                pl.len().cast(pl.Int64).alias("referrals"),
                is_fulfilled().sum().cast(pl.Int64).alias("fulfilled"),
                pl.col(DAYS_TO_FULFIL).median().cast(pl.Float64).alias("median_days_to_fulfil"),
            )
            .with_columns(
                (100 * pl.col("fulfilled") / pl.col("referrals"))
                .cast(pl.Float64)
                .alias("fulfilment_rate")
            )
            .select(PARTNER, "referrals", "fulfilled", "fulfilment_rate", "median_days_to_fulfil")
            .sort(["referrals", PARTNER], descending=[True, False])
        )

    return remembered_view(snapshot, "food-partners", filters, scope, compute, period)


def fulfilment_over_time(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Referrals fulfilled each week of the period (by fulfilled_at), by fulfilment method.

    A missing method shows as "not recorded". Columns week_ending (Date), fulfilment
    (String), referrals (Int64); non-zero rows, by week then the contract's method order
    with "not recorded" last.
    """
    period = period_of(snapshot, filters)

    def compute() -> pl.DataFrame:
        rows = referrals(snapshot, filters, scope).filter(fulfilled_in(period))
        method = as_text(FULFILMENT).fill_null(NOT_RECORDED).alias(FULFILMENT)
        return (
            rows.group_by(week_ending(FULFILLED_AT, period).alias("week_ending"), method)
            .agg(pl.len().cast(pl.Int64).alias("referrals"))
            .sort(["week_ending", in_order(FULFILMENT, (*FULFILMENTS, NOT_RECORDED))])
        )

    return remembered_view(snapshot, "food-fulfilment-weekly", filters, scope, compute, period)


def referrals_by_area(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Referrals referred in the period per area, largest first (ties by area_id)."""
    period = period_of(snapshot, filters)

    def compute() -> pl.DataFrame:
        rows = referred_in(snapshot, filters, scope, period)
        return (
            rows.group_by(as_text(AREA).alias(AREA))
            .agg(pl.len().cast(pl.Int64).alias("referrals"))
            .sort(["referrals", AREA], descending=[True, False])
        )

    return remembered_view(snapshot, "food-by-area", filters, scope, compute, period)


def referral_rows(
    snapshot: Snapshot, filters: Filters, scope: Scope, drill: Mapping[str, str]
) -> pl.DataFrame:
    """The referrals behind the charts: referred in the period, narrowed to the clicked bars.

    ``drill`` maps "area_id" and/or "partner_name" to a value; newest referral first.
    A dimension outside REFERRAL_DRILL is a programming error and raises ValueError.
    """
    unknown = set(drill) - set(REFERRAL_DRILL)
    if unknown:
        raise ValueError(f"cannot drill food referrals by {sorted(unknown)}")
    period = period_of(snapshot, filters)
    chosen = tuple(sorted(drill.items()))

    def compute() -> pl.DataFrame:
        rows = referred_in(snapshot, filters, scope, period)
        for dimension, value in chosen:
            rows = rows.filter(as_text(dimension) == value)
        return rows.sort([REFERRED, REFERRAL_ID], descending=[True, False]).select(
            as_text(c) if c in _TEXT_COLUMNS else pl.col(c) for c in REFERRAL_COLUMNS
        )

    return remembered_view(snapshot, "food-referral-rows", filters, scope, compute, period, chosen)
