"""The rows a figure may use: snapshot rows within the viewer's scope and filters."""

from __future__ import annotations

import polars as pl
from sqlalchemy import Table

from data_access.filters import Filters
from data_access.regions import AREA
from data_access.scope import Scope
from data_access.snapshot import Snapshot


def visible_rows(snapshot: Snapshot, table: Table, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Valid rows of ``table`` the viewer may see, narrowed to their chosen regions/areas.

    The viewer's own region choice can only narrow their scope, never widen it.
    """
    narrowed = scope.narrowed(filters.regions)
    key = (table.name, narrowed.regions, filters.areas)

    def compute() -> pl.DataFrame:
        frame = snapshot.scoped(table, narrowed)
        if filters.areas and AREA in frame.columns:
            frame = frame.filter(pl.col(AREA).is_in(list(filters.areas)))
        return frame

    return snapshot.remembered(key, compute)
