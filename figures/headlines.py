"""Every subject's headline tiles through one door, for the Overview and the Huddle.

Nothing here computes a figure: each subject's own ``headline_tiles`` does, for whatever
period the filters name. A week's value is the same tile with the filters set to that
week, so the Overview, the Huddle, its pack and "What changed" can never disagree with
the subject pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

import polars as pl

from data_access.filters import Filters, Period
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.subjects import FOOD, OUTREACH, REFERENCE, REPAIRS_SUBJECT, RESPECT
from figures import food, outreach, repairs, respect
from figures.respect import RespectTile
from figures.suppression import protect_counts
from figures.tiles import Tile

Snapshots = Mapping[str, Snapshot | None]

#: Subjects in the order the Overview and the Huddle show them.
SUBJECT_ORDER = (OUTREACH.key, FOOD.key, REPAIRS_SUBJECT.key, RESPECT.key)
SUBJECT_LABELS = {s.key: s.label for s in (OUTREACH, FOOD, REPAIRS_SUBJECT, RESPECT)}
#: The tiles each subject puts on the Overview and the Huddle's headline block.
OVERVIEW_LABELS: dict[str, tuple[str, ...]] = {
    OUTREACH.key: ("Cohort reached", "Follow-ups outstanding"),
    FOOD.key: ("Referrals", "Median days to fulfil"),
    REPAIRS_SUBJECT.key: (
        "Open repairs",
        "Overdue repairs",
        "Emergency repairs within target (RP02)",
        "Non-emergency repairs within target (RP02)",
    ),
    RESPECT.key: ("Incidents", "Serious incidents"),
}
SPARKLINE_WEEKS = 12
#: Other snapshots a subject's tiles read: the campaign list; food's "needs referred" calls.
READS_ALSO: dict[str, tuple[str, ...]] = {
    OUTREACH.key: (REFERENCE.key,),
    FOOD.key: (OUTREACH.key,),
}


@dataclass(frozen=True)
class Headline:
    """A subject's tile; incident tiles also carry the counts that suppression judges."""

    subject: str
    tile: Tile
    respect: RespectTile | None = None

    @property
    def label(self) -> str:
        return self.tile.label


def _campaign_id(snapshots: Snapshots) -> str | None:
    """The campaign the outreach page opens on (the latest running one)."""
    reference = snapshots.get(REFERENCE.key)
    if reference is None:
        return None
    campaign = outreach.default_campaign(outreach.campaigns(reference))
    return campaign.campaign_id if campaign else None


def subject_headlines(
    subject: str, snapshots: Snapshots, filters: Filters, scope: Scope
) -> list[Headline]:
    """All of one subject's page tiles for the filters' period (empty without its data)."""
    snapshot = snapshots.get(subject)
    if snapshot is None:
        return []
    if subject == RESPECT.key:
        return [
            Headline(subject, item.tile, item)
            for item in respect.headline_tiles(snapshot, filters, scope)
        ]
    if subject == OUTREACH.key:
        campaign_id = _campaign_id(snapshots)
        tiles = (
            [] if campaign_id is None
            else outreach.headline_tiles(snapshot, filters, scope, campaign_id)
        )  # fmt: skip
    elif subject == FOOD.key:
        tiles = food.headline_tiles(snapshot, filters, scope, outreach=snapshots.get(OUTREACH.key))
    elif subject == REPAIRS_SUBJECT.key:
        tiles = repairs.headline_tiles(snapshot, filters, scope)
    else:
        raise ValueError(f"no headline tiles for subject {subject!r}")
    return [Headline(subject, item) for item in tiles]


def overview_headlines(
    subject: str, snapshots: Snapshots, filters: Filters, scope: Scope
) -> list[Headline]:
    """The subject's Overview tiles, in ``OVERVIEW_LABELS`` order."""
    by_label = {h.label: h for h in subject_headlines(subject, snapshots, filters, scope)}
    return [by_label[label] for label in OVERVIEW_LABELS[subject] if label in by_label]


def weeks_ending(end: Period | None, count: int = SPARKLINE_WEEKS) -> list[Period]:
    """``count`` whole 7-day weeks, oldest first, the last ending on ``end``'s last day."""
    if end is None:
        return []
    return [Period.ending(end.end - timedelta(days=7 * back), 7) for back in range(count)][::-1]


def for_period(filters: Filters, period: Period) -> Filters:
    """The same region and area choice over another period."""
    return replace(filters, start=period.start, end=period.end)


def subject_period(subject: str, snapshots: Snapshots, filters: Filters) -> Period | None:
    """The period the subject's page shows for these filters (None without its data)."""
    snapshot = snapshots.get(subject)
    return None if snapshot is None else filters.period(snapshot.latest_day)


def weekly_values(
    subject: str, snapshots: Snapshots, filters: Filters, scope: Scope, weeks: Sequence[Period]
) -> pl.DataFrame:
    """One row per (tile label, week): the tile's value for that week (sparklines, trends).

    Remembered on the subject's snapshot, so every viewer of the same view and every
    rerun share one computation (the background refresh computes the default views).
    """
    snapshot = snapshots.get(subject)
    schema = {"label": pl.String, "week_start": pl.Date, "week_end": pl.Date, "value": pl.Float64}
    if snapshot is None or not weeks:
        return pl.DataFrame(schema=schema)
    others = tuple(
        (key, found.read_at)
        for key in READS_ALSO.get(subject, ())
        if (found := snapshots.get(key)) is not None
    )  # a refresh of a subject these tiles do not read keeps them
    key = ("weekly-headlines", filters.regions, filters.areas, scope, tuple(weeks), others)

    def compute() -> pl.DataFrame:
        rows = [
            (item.label, week.start, week.end, item.tile.value)
            for week in weeks
            for item in subject_headlines(subject, snapshots, for_period(filters, week), scope)
        ]
        return pl.DataFrame(rows, schema=schema, orient="row")

    return snapshot.remembered(key, compute)


def sparkline(series: pl.DataFrame, label: str, suppress: bool = False) -> list[float | None]:
    """One tile's weekly values, oldest first; suppressed weeks (and those that would give
    them away against the others' sum) are gaps, by the one suppression rule."""
    rows = series.filter(pl.col("label") == label).sort("week_start")
    if not suppress:
        return rows.get_column("value").to_list()
    counts = rows.select(
        pl.col("week_start"), pl.col("value").fill_null(0).round().cast(pl.Int64).alias("n")
    )
    protected = protect_counts(counts, "week_start", "n", suppress=True)
    shown = protected.cells.sort("week_start").get_column("value")
    return [None if value is None else float(value) for value in shown.to_list()]


def headlines_with_trends(
    subject: str,
    snapshots: Snapshots,
    filters: Filters,
    scope: Scope,
    weeks: Sequence[Period],
    suppress: bool,
) -> tuple[list[Headline], dict[str, list[float | None]]]:
    """A subject's Overview tiles for the filters' period and each tile's weekly line.

    The one way the Overview, the Huddle and the benchmark get their tiles and lines;
    incident weeks go through suppression when ``suppress``.
    """
    headlines = overview_headlines(subject, snapshots, filters, scope)
    series = weekly_values(subject, snapshots, filters, scope, weeks)
    hidden = suppress and subject == RESPECT.key
    return headlines, {h.label: sparkline(series, h.label, suppress=hidden) for h in headlines}
