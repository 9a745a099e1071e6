"""A headline figure with its comparison, as every page's tiles show it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from data_access.filters import Filters, Period
from data_access.scope import Scope
from data_access.snapshot import Snapshot

Measure = Callable[[Snapshot, Filters, Period, Scope], float | int | None]


@dataclass(frozen=True)
class Tile:
    """A labelled figure for the period and the previous period of equal length."""

    label: str
    value: float | int | None
    previous: float | int | None
    help: str
    higher_is_better: bool = True

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
) -> Tile:
    """Evaluate one measure for the chosen period and the one before it."""
    period = filters.period(snapshot.latest_day)
    return Tile(
        label=label,
        value=measure(snapshot, filters, period, scope),
        previous=measure(snapshot, filters, period.previous(), scope),
        help=help_text,
        higher_is_better=higher_is_better,
    )
