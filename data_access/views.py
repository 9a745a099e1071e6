"""The rows a figure may use: snapshot rows within the viewer's scope and filters."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import polars as pl
from sqlalchemy import Table

from data_access.filters import Filters
from data_access.regions import AREA
from data_access.scope import Scope
from data_access.snapshot import Snapshot


def remembered_view(
    snapshot: Snapshot,
    name: str,
    filters: Filters,
    scope: Scope,
    compute: Callable[[], pl.DataFrame],
    *detail: Hashable,
) -> pl.DataFrame:
    """A frame derived from the viewer's rows, computed once for everyone sharing the view.

    The one definition of what a view is (the regions the viewer ends up seeing and the
    areas chosen), so every figure's memo key agrees with the rows it was computed from.
    """
    narrowed = scope.narrowed(filters.regions)
    return snapshot.remembered((name, narrowed.regions, filters.areas, *detail), compute)


def visible_rows(snapshot: Snapshot, table: Table, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Valid rows of ``table`` the viewer may see, narrowed to their chosen regions/areas.

    The viewer's own region choice can only narrow their scope, never widen it.
    """

    def compute() -> pl.DataFrame:
        frame = snapshot.scoped(table, scope.narrowed(filters.regions))
        if filters.areas and AREA in frame.columns:
            frame = frame.filter(pl.col(AREA).is_in(list(filters.areas)))
        return frame

    return remembered_view(snapshot, table.name, filters, scope, compute)
