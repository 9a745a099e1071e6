"""A headline figure with its comparison, as every page's tiles show it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from data_access.filters import Filters, Period
from data_access.scope import Scope
from data_access.snapshot import Snapshot

Value = float | int | None
Measure = Callable[[Snapshot, Filters, Period, Scope], Value]
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


def summary_measure(summary: Callable[..., Mapping[str, Value]], name: str) -> Callable[..., Value]:
    """One field of a page's one-pass period summary, as a tile measure.

    A page's tile figures share one pass over its rows; each tile just picks its field.
    Extra arguments after the scope (e.g. a campaign) are passed through to the summary.
    """

    def measure(
        snapshot: Snapshot, filters: Filters, period: Period, scope: Scope, *detail: object
    ) -> Value:
        return summary(snapshot, filters, period, scope, *detail)[name]

    measure.__name__ = name
    return measure
