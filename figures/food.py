"""Food-support figures; the full page is a later issue."""

from __future__ import annotations

from data_access.filters import Filters, Period
from data_access.schema import FOOD_REFERRALS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import visible_rows
from figures.tiles import Tile, tile

_F = FOOD_REFERRALS.c
REFERRALS_HELP = "Food-support referrals whose referred_at falls in the period."
FULFILLED_HELP = "Referrals whose fulfilled_at falls in the period."


def referrals(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope) -> int:
    rows = visible_rows(snapshot, FOOD_REFERRALS, filters, scope)
    return rows.filter(period.contains(_F.referred_at.name)).height


def fulfilled(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope) -> int:
    rows = visible_rows(snapshot, FOOD_REFERRALS, filters, scope)
    return rows.filter(period.contains(_F.fulfilled_at.name)).height


def headline_tiles(snapshot: Snapshot, filters: Filters, scope: Scope) -> list[Tile]:
    return [
        tile("Referrals", referrals, REFERRALS_HELP, snapshot, filters, scope),
        tile("Fulfilled", fulfilled, FULFILLED_HELP, snapshot, filters, scope),
    ]
