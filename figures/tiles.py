"""A headline figure with its comparison, as every page's tiles show it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from data_access.filters import Filters, Period
from data_access.scope import Scope
from data_access.snapshot import Snapshot

Measure = Callable[[Snapshot, Filters, Period, Scope], float | int | None]
#: How a value reads: a count of things, a percentage (0-100) or a number of days.
Unit = Literal["count", "percent", "days"]


@dataclass(frozen=True)
class Tile:
    """A labelled figure for the period and the previous period of equal length."""

    label: str
    value: float | int | None
    previous: float | int | None
    help: str
    higher_is_better: bool = True
    unit: Unit = "count"

    @property
    def change(self) -> float | int | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


def tile(
    label: str,
    measure: Measure,
    help_text: str,
    snapshot: Snapshot,
    filters: Filters,
    scope: Scope,
    higher_is_better: bool = True,
    unit: Unit = "count",
) -> Tile:
    """Evaluate one measure for the chosen period and the one before it."""
    period = filters.period(snapshot.latest_day)
    return Tile(
        label=label,
        value=measure(snapshot, filters, period, scope),
        previous=measure(snapshot, filters, period.previous(), scope),
        help=help_text,
        higher_is_better=higher_is_better,
        unit=unit,
    )


def shown_value(value: float | int | None, unit: Unit) -> str:
    """A tile's value as people read it: 1,234 · 93.1% · 4.2 days."""
    if value is None:
        return "n/a"
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "days":
        return f"{value:,.1f} days"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def shown_change(change: float | int | None, unit: Unit) -> str | None:
    """The change against the previous period, in the tile's unit (points for shares)."""
    if change is None:
        return None
    if unit == "percent":
        return f"{change:+.1f} pts"
    if unit == "days":
        return f"{change:+,.1f} days"
    return f"{change:+,.0f}" if float(change).is_integer() else f"{change:+,.1f}"
