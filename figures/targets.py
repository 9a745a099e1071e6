"""Red/amber/green against the targets the provider keeps in ``config/targets.toml``.

Targets are the provider's own (there are no national ones), so they live in a file
their performance team edits, not in code. Whether higher or lower is better comes
from the figure itself; the file only says where green and amber start.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from data_access.errors import ConfigurationError
from data_access.filters import Filters
from data_access.scope import Scope
from figures.tiles import Tile

TARGETS_ENV = "DOORSTEP_TARGETS_FILE"
DEFAULT_TARGETS = Path(__file__).resolve().parent.parent / "config" / "targets.toml"
Status = Literal["green", "amber", "red"]


@dataclass(frozen=True)
class Target:
    """Where green and amber start; counts may also carry one target per region."""

    green: float
    amber: float
    regions: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    #: A flow's target per 7 days (incidents): scaled to the period's length when judged.
    per_week: bool = False


@dataclass(frozen=True)
class Assessment:
    status: Status
    green: float
    amber: float


Targets = Mapping[str, Mapping[str, Target]]


def targets_path() -> Path:
    return Path(os.environ.get(TARGETS_ENV) or DEFAULT_TARGETS)


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigurationError(f"{where} must be a number, not {value!r}.")
    return float(value)


def _target(entry: object, where: str) -> Target:
    if not isinstance(entry, dict) or "green" not in entry or "amber" not in entry:
        raise ConfigurationError(f"{where} needs both 'green' and 'amber'.")
    raw_regions = entry.get("regions", {})
    if not isinstance(raw_regions, dict) or not all(
        isinstance(limits, dict) for limits in raw_regions.values()
    ):
        raise ConfigurationError(f"{where}.regions must map each region to {{ green, amber }}.")
    regions = {
        region: (
            _number(limits.get("green"), f"{where}.regions.{region}.green"),
            _number(limits.get("amber"), f"{where}.regions.{region}.amber"),
        )
        for region, limits in raw_regions.items()
    }
    per = entry.get("per")
    if per not in (None, "week"):
        raise ConfigurationError(f'{where}.per must be "week" when given, not {per!r}.')
    return Target(
        _number(entry["green"], f"{where}.green"),
        _number(entry["amber"], f"{where}.amber"),
        regions,
        per_week=per == "week",
    )


@lru_cache(maxsize=4)
def _parsed(path: Path, modified: float) -> Targets:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"The targets file {path} cannot be read: {error}") from error
    return {
        subject: {
            label: _target(entry, f'{path.name}: [{subject}."{label}"]')
            for label, entry in figures.items()
        }
        for subject, figures in raw.items()
        if isinstance(figures, dict)
    }


def load_targets(path: Path | None = None) -> Targets:
    """The targets file, re-read whenever it changes on disk (no restart needed)."""
    path = path or targets_path()
    if not path.exists():
        return {}
    return _parsed(path, path.stat().st_mtime)


def limits_for(
    tile: Tile, target: Target, filters: Filters, scope: Scope
) -> tuple[float, float] | None:
    """The target that applies to this view, or None when none does.

    Rates apply at any scope. Counts are organisation-wide: a view of some regions
    uses the sum of those regions' targets, and a view of chosen areas has none. A
    per-week target is scaled to the period's length (12 weeks: 12 times the weekly one).
    """
    if tile.unit != "count":
        return target.green, target.amber
    limits = _count_limits(target, filters, scope)
    if limits is None or not target.per_week:
        return limits
    weeks = filters.period(None).days / 7
    return limits[0] * weeks, limits[1] * weeks


def _count_limits(target: Target, filters: Filters, scope: Scope) -> tuple[float, float] | None:
    if filters.areas:
        return None
    narrowed = scope.narrowed(filters.regions)
    if narrowed.regions is None:
        return target.green, target.amber
    if not narrowed.regions or not all(r in target.regions for r in narrowed.regions):
        return None
    chosen = [target.regions[r] for r in narrowed.regions]
    return sum(g for g, _ in chosen), sum(a for _, a in chosen)


def assess(tile: Tile, target: Target | None, filters: Filters, scope: Scope) -> Assessment | None:
    """Green when the target is met, amber within tolerance, red beyond it."""
    if target is None or tile.value is None:
        return None
    limits = limits_for(tile, target, filters, scope)
    if limits is None:
        return None
    green, amber = limits
    value = float(tile.value)
    if tile.higher_is_better:
        status: Status = "green" if value >= green else "amber" if value >= amber else "red"
    else:
        status = "green" if value <= green else "amber" if value <= amber else "red"
    return Assessment(status, green, amber)
