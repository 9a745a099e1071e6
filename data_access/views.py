"""The rows a figure may use: snapshot rows within the viewer's scope and filters.

Two ways in, one definition of a view: ``visible_rows`` narrows a table's rows, and
``visible_aggregate`` narrows a frame computed once from every valid row (counts per
area, or a subset of rows), so figures additive over areas pay one pass per refresh,
not one per viewer, and no unscoped frame reaches a figure.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import polars as pl
from sqlalchemy import Table

from data_access.filters import Filters
from data_access.regions import AREA
from data_access.scope import REGION, Scope
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


def _chosen_areas(frame: pl.DataFrame, filters: Filters) -> pl.DataFrame:
    if filters.areas and AREA in frame.columns:
        return frame.filter(pl.col(AREA).is_in(list(filters.areas)))
    return frame


def visible_rows(snapshot: Snapshot, table: Table, filters: Filters, scope: Scope) -> pl.DataFrame:
    """Valid rows of ``table`` the viewer may see, narrowed to their chosen regions/areas.

    The viewer's own region choice can only narrow their scope, never widen it.
    """

    def compute() -> pl.DataFrame:
        return _chosen_areas(snapshot.scoped(table, scope.narrowed(filters.regions)), filters)

    return remembered_view(snapshot, table.name, filters, scope, compute)


def every_area(
    snapshot: Snapshot, name: str, compute: Callable[[], pl.DataFrame], *detail: Hashable
) -> pl.DataFrame:
    """A frame over every valid row, computed once per snapshot whoever asks first.

    It must keep each group's (or row's) region and area, or no view could be cut from
    it; figures only ever see it through ``visible_aggregate``'s slice, or to derive
    another all-area frame.
    """

    def checked() -> pl.DataFrame:
        frame = compute()
        missing = {REGION, AREA} - set(frame.columns)
        if missing:
            raise ValueError(f"{name}: an all-area frame needs {sorted(missing)} to be scoped")
        return frame

    return snapshot.remembered(("every-area", name, *detail), checked)


def visible_aggregate(
    snapshot: Snapshot,
    name: str,
    filters: Filters,
    scope: Scope,
    compute_all_areas: Callable[[], pl.DataFrame],
    *detail: Hashable,
    summarise: Callable[[pl.DataFrame], pl.DataFrame] | None = None,
) -> pl.DataFrame:
    """The viewer's slice of an all-area frame (see ``every_area``), cut as rows are cut.

    Scope and filters select the frame's groups exactly as ``visible_rows`` selects
    rows, so summing a slice gives what summing the viewer's rows would. ``summarise``,
    if given, turns the slice into the figure (a sum over the viewer's areas), and the
    figure is remembered for the view instead of the slice; ``detail`` must name
    everything it depends on.
    """

    def compute() -> pl.DataFrame:
        frame = every_area(snapshot, name, compute_all_areas, *detail)
        visible = _chosen_areas(scope.narrowed(filters.regions).apply(frame), filters)
        return visible if summarise is None else summarise(visible)

    return remembered_view(snapshot, name, filters, scope, compute, *detail)
