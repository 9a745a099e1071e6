"""Service-with-Respect figures; the full page (and its heatmaps) is a later issue."""

from __future__ import annotations

import polars as pl

from data_access.filters import Filters, Period
from data_access.schema import INCIDENTS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import visible_rows
from figures.tiles import Tile, tile

_I = INCIDENTS.c
SERIOUS_SEVERITY = 4
INCIDENTS_HELP = "Incidents whose occurred_at falls in the period."
SERIOUS_HELP = "Incidents of severity 4 (threat or intimidation) or more in the period."


def incidents(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope) -> int:
    rows = visible_rows(snapshot, INCIDENTS, filters, scope)
    return rows.filter(period.contains(_I.occurred_at.name)).height


def serious_incidents(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope) -> int:
    rows = visible_rows(snapshot, INCIDENTS, filters, scope)
    serious = pl.col(_I.severity.name) >= SERIOUS_SEVERITY
    return rows.filter(period.contains(_I.occurred_at.name) & serious).height


def headline_tiles(snapshot: Snapshot, filters: Filters, scope: Scope) -> list[Tile]:
    return [
        tile("Incidents", incidents, INCIDENTS_HELP, snapshot, filters, scope),
        tile("Serious incidents", serious_incidents, SERIOUS_HELP, snapshot, filters, scope),
    ]
