"""The weekly huddle: Monday-to-Sunday weeks and "What changed", found from the data.

Every number is a subject tile for a week (``figures.headlines``). A movement's size is
judged against how much that figure usually moves from week to week, so a rise of 34
overdue repairs and a fall of 6 points in RP02 can be ranked together; the region and
area behind a movement come from the same tile with the filters narrowed to them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from statistics import median

import polars as pl

from data_access.filters import Filters, Period
from data_access.schema import AREAS
from data_access.scope import Scope
from data_access.subjects import REFERENCE, RESPECT
from figures.headlines import (
    SUBJECT_ORDER,
    Headline,
    Snapshots,
    for_period,
    subject_headlines,
    weekly_values,
    weeks_ending,
)
from figures.respect import RespectTile, shown_tile
from figures.tiles import Unit, shown_change, shown_value

TOP_MOVEMENTS = 5
#: This week, last week and the 11 week-on-week steps before them that set "typical".
WHAT_CHANGED_WEEKS = 13
WEEKS_TO_CHOOSE = 12
#: The smallest week-on-week movement worth calling typical, per unit, so a figure that
#: never moves does not make a tiny change look huge.
_SMALLEST_TYPICAL: dict[Unit, float] = {"count": 1.0, "percent": 1.0, "days": 0.5}


def latest_data_day(snapshots: Snapshots) -> date | None:
    """The latest day any subject has data for (the huddle's weeks end on or before it)."""
    days = [s.latest_day for s in snapshots.values() if s is not None and s.latest_day]
    return max(days) if days else None


def huddle_weeks(latest: date | None, count: int = WEEKS_TO_CHOOSE) -> list[Period]:
    """Whole Monday-to-Sunday weeks, newest first, starting with the latest complete one."""
    if latest is None:
        return []
    sunday = latest - timedelta(days=(latest.weekday() + 1) % 7)
    return [Period.ending(sunday - timedelta(days=7 * back), 7) for back in range(count)]


@dataclass(frozen=True)
class Place:
    """Where most of a movement happened: a region or an area, with its own change."""

    name: str
    change: float


@dataclass(frozen=True)
class Movement:
    """One figure's change from last week to this week, and how unusual that is."""

    headline: Headline
    typical: float
    places: tuple[Place, ...] = ()

    @property
    def change(self) -> float:
        return float(self.headline.tile.change or 0)

    @property
    def size(self) -> float:
        """The change in multiples of the figure's usual week-on-week movement."""
        return abs(self.change) / self.typical


def _typical(series: pl.DataFrame, label: str, unit: Unit) -> float:
    """Median absolute week-on-week change over the weeks before this one."""
    values = series.filter(pl.col("label") == label).sort("week_start").get_column("value")
    steps = [
        abs(b - a)
        for a, b in zip(values.to_list()[:-2], values.to_list()[1:-1], strict=True)
        if a is not None and b is not None
    ]
    return max(median(steps) if steps else 0.0, _SMALLEST_TYPICAL[unit])


def _comparable(headline: Headline, suppress: bool) -> bool:
    """A change the viewer may see: both weeks known, and no small incident count shown."""
    if headline.tile.change is None or headline.tile.change == 0:
        return False
    if headline.respect is not None and suppress:
        return shown_tile(headline.respect, suppress=True)[1] is not None
    return True


class _Tiles:
    """Subject tiles per filters, computed once per "What changed" pass."""

    def __init__(self, snapshots: Snapshots, scope: Scope) -> None:
        self.snapshots, self.scope = snapshots, scope
        self._seen: dict[tuple[str, Filters], dict[str, Headline]] = {}

    def get(self, subject: str, filters: Filters) -> dict[str, Headline]:
        key = (subject, filters)
        if key not in self._seen:
            found = subject_headlines(subject, self.snapshots, filters, self.scope)
            self._seen[key] = {h.label: h for h in found}
        return self._seen[key]


def _places(snapshots: Snapshots, scope: Scope, filters: Filters) -> list[tuple[str, str, str]]:
    """(region, area id, area name) of every area the view covers."""
    reference = snapshots.get(REFERENCE.key)
    if reference is None:
        return []
    areas = reference.scoped(AREAS, scope.narrowed(filters.regions))
    if filters.areas:
        areas = areas.filter(pl.col(AREAS.c.area_id.name).is_in(list(filters.areas)))
    columns = (AREAS.c.region.name, AREAS.c.area_id.name, AREAS.c.area_name.name)
    return [tuple(str(v) for v in row) for row in areas.select(columns).iter_rows()]


def _biggest(
    tiles: _Tiles, movement: Movement, week_filters: Filters, options: Mapping[str, Filters]
) -> Place | None:
    """The option whose change goes furthest the same way as the whole movement."""
    label, sign = movement.headline.label, 1 if movement.change > 0 else -1
    best: Place | None = None
    for name, narrowed in options.items():
        found = tiles.get(movement.headline.subject, narrowed).get(label)
        change = found.tile.change if found else None
        if (
            change is not None
            and sign * change > 0
            and (best is None or abs(change) > abs(best.change))
        ):
            best = Place(name, float(change))
    return best


def _where(
    tiles: _Tiles, movement: Movement, filters: Filters, places: Sequence[tuple[str, str, str]]
) -> tuple[Place, ...]:
    """The region behind a movement, then the area within it (only as far as the view spans)."""
    found: list[Place] = []
    regions = sorted({region for region, _, _ in places})
    if len(regions) > 1 and not filters.areas:
        region = _biggest(
            tiles, movement, filters, {r: replace(filters, regions=(r,)) for r in regions}
        )
        if region is None:
            return ()
        found.append(region)
        places = [p for p in places if p[0] == region.name]
    if len(places) > 1:
        area = _biggest(
            tiles,
            movement,
            filters,
            {name: replace(filters, regions=(), areas=(area_id,)) for _, area_id, name in places},
        )
        if area is not None:
            found.append(area)
    return tuple(found)


def what_changed(
    snapshots: Snapshots,
    filters: Filters,
    scope: Scope,
    week: Period,
    suppress: bool,
    count: int = TOP_MOVEMENTS,
) -> list[Movement]:
    """The ``count`` largest movements from the week before ``week`` to ``week``.

    Candidates are every subject tile; each is sized against its usual weekly movement
    (the median of the 11 week-on-week steps before it), and the largest counts are
    explained by region and area. Incident figures a suppressed viewer could not see change
    on are left out, and their movements are not broken down (a region's few incidents).
    """
    week_filters = for_period(filters, week)
    tiles = _Tiles(snapshots, scope)
    weeks = weeks_ending(week, WHAT_CHANGED_WEEKS)
    movements = []
    for subject in SUBJECT_ORDER:
        series = weekly_values(subject, snapshots, filters, scope, weeks)
        for headline in tiles.get(subject, week_filters).values():
            if _comparable(headline, suppress):
                typical = _typical(series, headline.label, headline.tile.unit)
                movements.append(Movement(headline, typical))
    top = sorted(movements, key=lambda m: m.size, reverse=True)[:count]
    places = _places(snapshots, scope, filters)
    return [
        replace(m, places=_where(tiles, m, week_filters, places)) if _explained(m, suppress) else m
        for m in top
    ]


def _explained(movement: Movement, suppress: bool) -> bool:
    """Counts are broken down by place; a rate's change in a small area says little (one
    emergency repair late is -100 points there), and a region's incidents may be few."""
    if movement.headline.tile.unit != "count":
        return False
    return not (suppress and movement.headline.subject == RESPECT.key)


def shown_figures(headline: Headline, suppress: bool) -> tuple[str, str, str]:
    """(last week, this week, change) as the viewer may see them."""
    tile, item = headline.tile, headline.respect
    if item is not None and suppress:
        now, change = shown_tile(item, suppress=True)
        last = RespectTile(replace(tile, value=tile.previous), item.previous or item.current, None)
        return shown_tile(last, suppress=True)[0], now, change or ""
    return (
        shown_value(tile.previous, tile.unit),
        shown_value(tile.value, tile.unit),
        shown_change(tile.change, tile.unit) or "",
    )


def sentence(movement: Movement, suppress: bool) -> str:
    """One plain sentence with its numbers, e.g. "Overdue repairs +34 week on week
    (212 to 246), most in North (+20), within it Riverside (+12)."."""
    headline = movement.headline
    before, now, change = shown_figures(headline, suppress)
    text = f"{headline.label} {change} week on week ({before} to {now})"
    unit = headline.tile.unit
    for index, place in enumerate(movement.places):
        lead = "most in" if index == 0 else "within it"
        text += f", {lead} {place.name} ({shown_change(place.change, unit)})"
    return text + "."
