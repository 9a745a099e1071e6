"""Service-with-Respect headline tiles, with what each rests on so suppression can judge it.

A share or a median can give away a small count as surely as the count itself (25% of
8 incidents is 2), so each tile carries the counts behind it; ``shown_tile`` applies the
one suppression rule to all of them (``figures.suppression``).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from data_access.filters import Filters, Period
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from figures.respect_rows import (
    DAYS_TO_ACTION,
    FROM_HOME,
    RIDDOR,
    SERIOUS_SEVERITY,
    SEVERITY,
    Cell,
    period_incidents,
    period_of,
)
from figures.suppression import is_small, shown_count, shown_share, shown_when_enough
from figures.tiles import Tile, Unit, shown_change, shown_value

TILE_LABELS = (
    "Incidents",
    "Serious incidents",
    "While working from home",
    "Median days to action",
    "RIDDOR reportable",
)
_HELP = {
    "Incidents": "Incidents whose occurred_at falls in the period.",
    "Serious incidents": f"Incidents of severity {SERIOUS_SEVERITY} (threat or intimidation)"
    " or more in the period.",
    "While working from home": "Share of the period's incidents where the member of staff was"
    " working from home.",
    "Median days to action": "Median fractional days from reported_at to action_at, over the"
    " period's incidents with an action_at.",
    "RIDDOR reportable": "Incidents in the period reportable to the HSE under RIDDOR.",
}
_UNITS: dict[str, Unit] = {"While working from home": "percent", "Median days to action": "days"}


@dataclass(frozen=True)
class Basis:
    """The counts a tile's value rests on: the count itself, a share's parts, a median's n."""

    count: int
    whole: int | None = None


@dataclass(frozen=True)
class RespectTile:
    tile: Tile
    current: Basis
    previous: Basis | None  # None: no comparison (a cell holding a month)


def _measures(rows: pl.DataFrame) -> dict[str, tuple[float | int | None, Basis]]:
    counts = rows.select(
        pl.len().alias("incidents"),
        (pl.col(SEVERITY) >= SERIOUS_SEVERITY).sum().alias("serious"),
        pl.col(FROM_HOME).sum().alias("from_home"),
        pl.col(DAYS_TO_ACTION).is_not_null().sum().alias("actioned"),
        pl.col(DAYS_TO_ACTION).median().alias("median"),
        pl.col(RIDDOR).sum().alias("riddor"),
    ).row(0, named=True)
    incidents, from_home = int(counts["incidents"]), int(counts["from_home"])
    share = 100 * from_home / incidents if incidents else None
    return {
        "Incidents": (incidents, Basis(incidents)),
        "Serious incidents": (int(counts["serious"]), Basis(int(counts["serious"]))),
        "While working from home": (share, Basis(from_home, incidents)),
        "Median days to action": (counts["median"], Basis(int(counts["actioned"]))),
        "RIDDOR reportable": (int(counts["riddor"]), Basis(int(counts["riddor"]))),
    }


def headline_tiles(
    snapshot: Snapshot, filters: Filters, scope: Scope, cell: Cell | None = None
) -> list[RespectTile]:
    """The five tiles for the period against the previous one (none for a month's cell)."""
    period: Period = period_of(snapshot, filters)
    now = _measures(period_incidents(snapshot, filters, scope, period, cell))
    compare = cell is None or cell.comparable
    before = (
        _measures(period_incidents(snapshot, filters, scope, period.previous(), cell))
        if compare
        else {}
    )
    tiles = []
    for label in TILE_LABELS:
        value, basis = now[label]
        previous, previous_basis = before.get(label, (None, None))
        tile = Tile(label, value, previous, _HELP[label], False, _UNITS.get(label, "count"))
        tiles.append(RespectTile(tile, basis, previous_basis))
    return tiles


def _shown(tile: Tile, value: float | int | None, basis: Basis, suppress: bool) -> str:
    if tile.unit == "percent":
        return shown_share(basis.count, basis.whole, suppress) or "n/a"
    if tile.unit == "days":
        return shown_when_enough(shown_value(value, "days"), basis.count, suppress)
    return shown_count(None if value is None else int(value), suppress)


def _safe(basis: Basis | None) -> bool:
    """Nothing this basis rests on is a small count (so a change cannot reveal one)."""
    if basis is None:
        return False
    rest = None if basis.whole is None else basis.whole - basis.count
    return not is_small(basis.count) and not is_small(basis.whole) and not is_small(rest)


def shown_tile(item: RespectTile, suppress: bool) -> tuple[str, str | None]:
    """(value, change) as this viewer may see them.

    When suppressing, the change is shown only if neither period's value rests on a
    small count: 12 now and "+9" would give away 3 before.
    """
    tile = item.tile
    value = _shown(tile, tile.value, item.current, suppress)
    if item.previous is None:
        return value, None
    if suppress and not (_safe(item.current) and _safe(item.previous)):
        return value, None  # a hidden value always rests on a small count, so lands here
    return value, shown_change(tile.change, tile.unit)
