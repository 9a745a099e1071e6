"""Repairs figures (the contract's definitions; the full page is a later issue)."""

from __future__ import annotations

from datetime import datetime

import polars as pl

from data_access.filters import Filters, Period
from data_access.schema import REPAIRS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import visible_rows
from figures.tiles import Tile, tile

OPEN_HELP = (
    "Work orders reported on or before the end of the period and neither completed nor "
    "cancelled by then (from the timestamps, not the current status)."
)
OVERDUE_HELP = "Open at the end of the period with target_at before that moment."
COMPLETED_HELP = "Work orders whose completed_at falls in the period."

_R = REPAIRS.c


def open_at(moment: datetime) -> pl.Expr:
    """The contract's open backlog as at a moment."""
    completed, cancelled = pl.col(_R.completed_at.name), pl.col(_R.cancelled_at.name)
    return (
        (pl.col(_R.reported_at.name) < moment)
        & (completed.is_null() | (completed >= moment))
        & (cancelled.is_null() | (cancelled >= moment))
    )


def open_repairs(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope) -> int:
    rows = visible_rows(snapshot, REPAIRS, filters, scope)
    return rows.filter(open_at(period.ends_before)).height


def overdue_repairs(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope) -> int:
    rows = visible_rows(snapshot, REPAIRS, filters, scope)
    moment = period.ends_before
    return rows.filter(open_at(moment) & (pl.col(_R.target_at.name) < moment)).height


def repairs_completed(snapshot: Snapshot, filters: Filters, period: Period, scope: Scope) -> int:
    rows = visible_rows(snapshot, REPAIRS, filters, scope)
    return rows.filter(period.contains(_R.completed_at.name)).height


def headline_tiles(snapshot: Snapshot, filters: Filters, scope: Scope) -> list[Tile]:
    """The repairs tiles the foundation shows."""
    return [
        tile("Open repairs", open_repairs, OPEN_HELP, snapshot, filters, scope, False),
        tile("Overdue repairs", overdue_repairs, OVERDUE_HELP, snapshot, filters, scope, False),
        tile("Repairs completed", repairs_completed, COMPLETED_HELP, snapshot, filters, scope),
    ]
