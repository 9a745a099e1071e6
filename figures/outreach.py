"""Outreach (welfare call) figures; the full page is a later issue."""

from __future__ import annotations

import polars as pl

from data_access.filters import Filters, Period
from data_access.schema import OUTREACH_CALLS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import visible_rows
from figures.tiles import Tile, tile

_C = OUTREACH_CALLS.c
CALLS_HELP = "Every call row whose called_at falls in the period, inbound included."
REACHED_HELP = "Distinct residents with at least one call in the period whose outcome is reached."


def calls_made(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope) -> int:
    rows = visible_rows(snapshot, OUTREACH_CALLS, filters, scope)
    return rows.filter(period.contains(_C.called_at.name)).height


def residents_reached(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope) -> int:
    rows = visible_rows(snapshot, OUTREACH_CALLS, filters, scope)
    reached = rows.filter(
        period.contains(_C.called_at.name) & (pl.col(_C.outcome.name) == "reached")
    )
    return reached.get_column(_C.resident_id.name).n_unique()


def headline_tiles(snapshot: Snapshot, filters: Filters, scope: Scope) -> list[Tile]:
    return [
        tile("Calls made", calls_made, CALLS_HELP, snapshot, filters, scope),
        tile("Residents reached", residents_reached, REACHED_HELP, snapshot, filters, scope),
    ]
