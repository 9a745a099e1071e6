"""The period's incidents as every Respect figure reads them, and the heatmap cell filter.

Incidents are few (tens of thousands a year), so each view's rows for a period are
derived once (local weekday and hour, month, week, days to action) and remembered; the
figures are small group-bys over them. Times are naive local (Europe/London) by the time
they reach here (``data_access.frames``), so weekday and hour are the clock on the wall.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from data_access.filters import Filters, Period
from data_access.regions import AREA
from data_access.schema import INCIDENTS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.views import remembered_view, visible_rows
from figures.weeks import week_ending

_I = INCIDENTS.c
INCIDENT_ID, OCCURRED, REPORTED = _I.incident_id.name, _I.occurred_at.name, _I.reported_at.name
TEAM, CHANNEL, TYPE = _I.team_id.name, _I.channel.name, _I.incident_type.name
SEVERITY, FROM_HOME, INJURY = _I.severity.name, _I.staff_working_from_home.name, _I.injury.name
RIDDOR, DAYS_OFF = _I.riddor_reportable.name, _I.days_incapacitated.name
ACTION, ACTION_AT, RESIDENT = _I.action_taken.name, _I.action_at.name, _I.resident_id.name
WEEKDAY, HOUR, MONTH, WEEK = "weekday", "hour", "month", "week_ending"
DAYS_TO_ACTION = "days_to_action"
SERIOUS_SEVERITY = 4
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_US = 86_400 * 1_000_000


def period_of(snapshot: Snapshot, filters: Filters) -> Period:
    """The chosen period, defaulting to the one ending on the incident data's latest day."""
    return filters.period(snapshot.latest_day)


def month_key(day: date) -> str:
    return f"{day:%Y-%m}"


def month_label(key: str) -> str:
    return date.fromisoformat(f"{key}-01").strftime("%b %Y")


@dataclass(frozen=True)
class Cell:
    """One clicked heatmap cell: the page narrows to the incidents in it.

    Carried in the URL as ``heatmap:row:column`` (e.g. ``when:1:14``, Monday 14:00).
    A cell holding a month is not compared with the previous period (its month is not
    in it), so tiles show no change then.
    """

    heatmap: str
    row: str
    column: str

    @property
    def param(self) -> str:
        return f"{self.heatmap}:{self.row}:{self.column}"

    @property
    def comparable(self) -> bool:
        return MONTH not in HEATMAPS[self.heatmap]

    @classmethod
    def parse(cls, text: str | None) -> Cell | None:
        """The cell a URL names, or None for anything malformed."""
        parts = (text or "").split(":")
        if len(parts) != 3 or parts[0] not in HEATMAPS:
            return None
        return cls(*parts)

    def condition(self) -> pl.Expr:
        """Incidents in this cell (an impossible cell matches nothing, never errors)."""
        row_dimension, column_dimension = HEATMAPS[self.heatmap]
        return _matches(row_dimension, self.row) & _matches(column_dimension, self.column)


#: heatmap → (row dimension, column dimension)
HEATMAPS: dict[str, tuple[str, str]] = {
    "when": (WEEKDAY, HOUR),
    "team": (TEAM, MONTH),
    "channel": (CHANNEL, TYPE),
}


def _matches(dimension: str, value: str) -> pl.Expr:
    if dimension in (WEEKDAY, HOUR):
        return pl.col(dimension) == (int(value) if value.isdigit() else -1)
    return pl.col(dimension) == value


def _derived(rows: pl.DataFrame, period: Period) -> pl.DataFrame:
    elapsed = (pl.col(ACTION_AT) - pl.col(REPORTED)).dt.total_microseconds() / _DAY_US
    return rows.with_columns(
        pl.col(OCCURRED).dt.weekday().cast(pl.Int8).alias(WEEKDAY),
        pl.col(OCCURRED).dt.hour().cast(pl.Int8).alias(HOUR),
        pl.col(OCCURRED).dt.strftime("%Y-%m").alias(MONTH),
        week_ending(OCCURRED, period).alias(WEEK),
        elapsed.cast(pl.Float64).alias(DAYS_TO_ACTION),
        *(pl.col(c).cast(pl.String) for c in (TEAM, AREA, CHANNEL, TYPE, ACTION)),
    )


def period_incidents(
    snapshot: Snapshot, filters: Filters, scope: Scope, period: Period, cell: Cell | None = None
) -> pl.DataFrame:
    """The view's incidents that occurred in the period (and in the cell, if one is chosen).

    Categorical columns leave as text; derived: weekday (1 = Monday), hour (0-23),
    month ("2026-10"), week_ending (Date), days_to_action (fractional, null if no action).
    """

    def compute() -> pl.DataFrame:
        rows = visible_rows(snapshot, INCIDENTS, filters, scope)
        rows = _derived(rows.filter(period.contains(OCCURRED)), period)
        return rows if cell is None else rows.filter(cell.condition())

    key = None if cell is None else cell.param
    return remembered_view(
        snapshot, "respect-incidents", filters, scope, compute, period.start, period.end, key
    )


#: The incident list's columns, for the roles that see incidents one by one. No free text
#: exists in the contract, and nothing here names or points to a member of staff.
LIST_COLUMNS = (
    INCIDENT_ID,
    OCCURRED,
    REPORTED,
    TEAM,
    AREA,
    CHANNEL,
    TYPE,
    SEVERITY,
    FROM_HOME,
    INJURY,
    RIDDOR,
    DAYS_OFF,
    ACTION,
    ACTION_AT,
    DAYS_TO_ACTION,
    RESIDENT,
)


def incident_list(
    snapshot: Snapshot, filters: Filters, scope: Scope, cell: Cell | None = None
) -> pl.DataFrame:
    """The period's incidents one by one, latest first (the page shows it only to roles
    that may see incident detail, and logs each view)."""
    rows = period_incidents(snapshot, filters, scope, period_of(snapshot, filters), cell)
    return rows.select(LIST_COLUMNS).sort(OCCURRED, INCIDENT_ID, descending=[True, False])
