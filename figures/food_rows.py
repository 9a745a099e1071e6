"""The food-support rows and expressions every food figure shares, defined once.

"Fulfilled" means status fulfilled with a fulfilled_at: the data layer drops a
fulfilled row without one, but a row of another status that carries a fulfilled_at
breaks no contract rule, so the status is checked here too.
"""

from __future__ import annotations

import polars as pl

from data_access.filters import Filters, Period
from data_access.schema import FOOD_REFERRALS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import remembered_view, visible_rows

_F = FOOD_REFERRALS.c
REFERRAL_ID, RESIDENT, CALL = _F.referral_id.name, _F.resident_id.name, _F.call_id.name
TEAM, PARTNER, STATUS = _F.team_id.name, _F.partner_name.name, _F.status.name
REFERRED, FULFILLED_AT = _F.referred_at.name, _F.fulfilled_at.name
FULFILMENT, ADULTS, CHILDREN = _F.fulfilment.name, _F.adults.name, _F.children.name
DAYS_TO_FULFIL = "days_to_fulfil"
#: How a fulfilled referral with no fulfilment method recorded is labelled.
NOT_RECORDED = "not recorded"
_DAY_US = 86_400 * 1_000_000


def period_of(snapshot: Snapshot, filters: Filters) -> Period:
    """The chosen period, defaulting to the one ending on the food data's latest day."""
    return filters.period(snapshot.latest_day)


def is_fulfilled() -> pl.Expr:
    """A referral that was fulfilled: status fulfilled and a fulfilment time recorded."""
    return (pl.col(STATUS) == "fulfilled") & pl.col(FULFILLED_AT).is_not_null()


def fulfilled_in(period: Period) -> pl.Expr:
    """Fulfilled referrals whose fulfilled_at falls in the period (a flow)."""
    return is_fulfilled() & period.contains(FULFILLED_AT)


def days_to_fulfil() -> pl.Expr:
    """Fractional days from referral to fulfilment; null unless fulfilled."""
    elapsed = (pl.col(FULFILLED_AT) - pl.col(REFERRED)).dt.total_microseconds()
    return pl.when(is_fulfilled()).then(elapsed / _DAY_US).cast(pl.Float64)


def referrals(snapshot: Snapshot, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Every valid referral the viewer may see (any date in the snapshot)."""
    return visible_rows(snapshot, FOOD_REFERRALS, filters, scope)


def referred_in(snapshot: Snapshot, filters: Filters, scope: Scope, period: Period) -> pl.DataFrame:
    """Visible referrals whose referred_at falls in the period, with their days to fulfil."""

    def compute() -> pl.DataFrame:
        rows = referrals(snapshot, filters, scope)
        return rows.filter(period.contains(REFERRED)).with_columns(
            days_to_fulfil().alias(DAYS_TO_FULFIL)
        )

    return remembered_view(snapshot, "food-referred-in", filters, scope, compute, period)


def in_order(column: str, values: tuple[str, ...]) -> pl.Expr:
    """A text column's position in a fixed list (the contract's order), for sorting."""
    return pl.col(column).replace_strict(
        list(values), list(range(len(values))), default=len(values), return_dtype=pl.Int64
    )


def as_text(column: str) -> pl.Expr:
    """A categorical or enum column as plain text, as the figure API promises."""
    return pl.col(column).cast(pl.String)
