"""Everything the Huddle shows for one week, gathered once for the page and its pack."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from data_access.filters import Filters, Period
from data_access.scope import Scope
from figures.headlines import Headline, Snapshots, for_period, headlines_with_trends, weeks_ending
from figures.huddle import Movement, what_changed

TREND_WEEKS = 12


@dataclass(frozen=True)
class HuddleView:
    """This week against last for each subject, the 12-week trends and "What changed"."""

    week: Period
    headlines: dict[str, list[Headline]]
    trends: dict[str, dict[str, list[float | None]]]
    week_ends: list[date]
    movements: list[Movement]

    @property
    def empty(self) -> bool:
        return not any(self.headlines.values())


def huddle_view(
    snapshots: Snapshots,
    filters: Filters,
    scope: Scope,
    week: Period,
    subjects: Sequence[str],
    suppress: bool,
) -> HuddleView:
    """The week's view for these subjects; incident figures suppressed when ``suppress``.

    ``snapshots`` holds only what the viewer may see: "What changed" looks at all of it.
    """
    weeks = weeks_ending(week, TREND_WEEKS)
    headlines, trends = {}, {}
    for subject in subjects:
        if snapshots.get(subject) is not None:
            headlines[subject], trends[subject] = headlines_with_trends(
                subject, snapshots, for_period(filters, week), scope, weeks, suppress
            )
    movements = what_changed(snapshots, filters, scope, week, suppress)
    return HuddleView(week, headlines, trends, [w.end for w in weeks], movements)
