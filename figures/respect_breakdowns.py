"""The Respect page's heatmaps and breakdowns: counts on full grids, ready for suppression.

Each figure is a ``Grid``: the counts and every row and column key in display order
(zeros included), because suppression must see the whole table and its totals to
decide what else to hide. A heatmap whose own cell is chosen is drawn unfiltered, with
the cell marked; every other figure narrows to the chosen cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from data_access.filters import Filters, Period
from data_access.schema import ACTIONS, CHANNELS, INCIDENT_TYPES, SEVERITIES
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from figures.respect_rows import (
    ACTION,
    CHANNEL,
    DAYS_TO_ACTION,
    FROM_HOME,
    HEATMAPS,
    SEVERITY,
    TEAM,
    WEEK,
    Cell,
    month_key,
    period_incidents,
    period_of,
)
from figures.suppression import ALL, ProtectedTable, protect_table

COUNT = "incidents"
PLACE = "place"
FROM_HOME_LABEL, ON_SITE_LABEL = "From home", "In the office or on site"


@dataclass(frozen=True)
class Grid:
    """Counts over every (row, column) pair of the keys; absent pairs count zero."""

    counts: pl.DataFrame
    rows: str
    columns: str
    row_keys: tuple
    column_keys: tuple

    def protected(self, suppress: bool) -> ProtectedTable:
        """The grid as a viewer may see it (the one suppression rule)."""
        return protect_table(
            self.counts, self.rows, self.columns, COUNT, suppress, self.row_keys, self.column_keys
        )


def _rows(snapshot: Snapshot, filters: Filters, scope: Scope, cell: Cell | None, own: str):
    """The period's incidents for a figure: narrowed to the cell unless the cell is its own."""
    period = period_of(snapshot, filters)
    chosen = None if cell is not None and cell.heatmap == own else cell
    return period, period_incidents(snapshot, filters, scope, period, chosen)


def _grid(rows: pl.DataFrame, by: Sequence[str], row_keys, column_keys) -> Grid:
    counts = rows.group_by(*by).agg(pl.len().cast(pl.Int64).alias(COUNT))
    return Grid(counts, by[0], by[1], tuple(row_keys), tuple(column_keys))


def months_of(period: Period) -> list[str]:
    """Every calendar month the period touches, as "2026-10" keys, oldest first."""
    keys, day = [], period.start.replace(day=1)
    while day <= period.end:
        keys.append(month_key(day))
        day = (day + timedelta(days=32)).replace(day=1)
    return keys


def weeks_of(period: Period) -> list[date]:
    """The last day of every 7-day week of the period (weeks end on its last day)."""
    weeks, end = [], period.end
    while end >= period.start:
        weeks.append(end)
        end -= timedelta(days=7)
    return weeks[::-1]


def when_heatmap(
    snapshot: Snapshot, filters: Filters, scope: Scope, cell: Cell | None = None
) -> Grid:
    """Weekday (1 = Monday) x hour of day (0-23) of occurred_at, local time."""
    _, rows = _rows(snapshot, filters, scope, cell, "when")
    return _grid(rows, HEATMAPS["when"], range(1, 8), range(24))


def team_heatmap(
    snapshot: Snapshot, filters: Filters, scope: Scope, cell: Cell | None = None
) -> Grid:
    """Team (those with incidents, most first) x calendar month of the period."""
    period, rows = _rows(snapshot, filters, scope, cell, "team")
    teams = rows.group_by(TEAM).len().sort(["len", TEAM], descending=[True, False])
    return _grid(rows, HEATMAPS["team"], teams.get_column(TEAM).to_list(), months_of(period))


def channel_heatmap(
    snapshot: Snapshot, filters: Filters, scope: Scope, cell: Cell | None = None
) -> Grid:
    """Channel x incident type, every contract value (zeros included)."""
    _, rows = _rows(snapshot, filters, scope, cell, "channel")
    return _grid(rows, HEATMAPS["channel"], CHANNELS, INCIDENT_TYPES)


def severity_by_week(
    snapshot: Snapshot, filters: Filters, scope: Scope, cell: Cell | None = None
) -> Grid:
    """Week (ending on the period's last day and every 7 days before) x severity 1-6."""
    period, rows = _rows(snapshot, filters, scope, cell, "")
    return _grid(rows, (WEEK, SEVERITY), weeks_of(period), SEVERITIES)


def home_or_on_site_by_channel(
    snapshot: Snapshot, filters: Filters, scope: Scope, cell: Cell | None = None
) -> Grid:
    """Channel x where the member of staff was working (from home, or office/site)."""
    _, rows = _rows(snapshot, filters, scope, cell, "")
    place = pl.when(FROM_HOME).then(pl.lit(FROM_HOME_LABEL)).otherwise(pl.lit(ON_SITE_LABEL))
    return _grid(
        rows.with_columns(place.alias(PLACE)),
        (CHANNEL, PLACE),
        CHANNELS,
        (FROM_HOME_LABEL, ON_SITE_LABEL),
    )


def actions_taken(
    snapshot: Snapshot, filters: Filters, scope: Scope, cell: Cell | None = None
) -> tuple[Grid, pl.DataFrame]:
    """Incidents by the action taken, in ladder order, and each rung's days to action.

    The second frame: action_taken, actioned (incidents with an action_at) and
    median_days_to_action (null when none).
    """
    _, rows = _rows(snapshot, filters, scope, cell, "")
    one_column = rows.with_columns(pl.lit(ALL).alias(ALL))
    grid = _grid(one_column, (ACTION, ALL), ACTIONS, [ALL])
    days = rows.group_by(ACTION).agg(
        pl.col(DAYS_TO_ACTION).is_not_null().sum().cast(pl.Int64).alias("actioned"),
        pl.col(DAYS_TO_ACTION).median().alias("median_days_to_action"),
    )
    ladder = pl.DataFrame({ACTION: list(ACTIONS)})
    days = ladder.join(days, on=ACTION, how="left", maintain_order="left").with_columns(
        pl.col("actioned").fill_null(0)
    )
    return grid, days


HEATMAP_GRIDS = {"when": when_heatmap, "team": team_heatmap, "channel": channel_heatmap}


def chosen_cell(
    snapshot: Snapshot, filters: Filters, scope: Scope, text: str | None
) -> Cell | None:
    """The cell a URL names, if it is a cell of its heatmap in this view (else None)."""
    cell = Cell.parse(text)
    if cell is None:
        return None
    grid = HEATMAP_GRIDS[cell.heatmap](snapshot, filters, scope, cell)
    rows, columns = {str(k) for k in grid.row_keys}, {str(k) for k in grid.column_keys}
    return cell if cell.row in rows and cell.column in columns else None
