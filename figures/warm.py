"""The views every viewer shares, built on each new snapshot before it is served.

Figures aggregate once per snapshot and period for every area or resident, then each
view only slices and sums (``data_access.views.visible_aggregate``). Building those
all-area frames for the default period inside the background refresh means the first
viewer after a refresh gets a new-filter click's speed, not the refresh's cost. Views
are computed for the whole organisation, but only the shared frames matter: nothing is
shown from here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from data_access.filters import Filters
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.store import SnapshotStore
from data_access.subjects import FOOD, OUTREACH, REFERENCE, REPAIRS_SUBJECT
from figures import awaab, outreach, repairs
from figures import outreach_follow_up as follow_up
from figures import outreach_progress as progress
from figures import outreach_residents as residents
from figures import repairs_backlog as backlog
from figures.headlines import READS_ALSO, SUBJECT_ORDER, weekly_values, weeks_ending
from figures.huddle import WHAT_CHANGED_WEEKS, huddle_weeks
from figures.huddle_view import TREND_WEEKS

log = logging.getLogger(__name__)


def _warm_repairs(snapshot: Snapshot) -> None:
    args = (snapshot, Filters(), Scope.everything())
    repairs.headline_tiles(*args)
    repairs.tsm_year_to_date_rp02(*args)
    backlog.weekly_flow(*args)
    backlog.backlog_by_age(*args)
    for dimension in backlog.DIMENSIONS:
        backlog.open_and_overdue_by(*args, dimension)
    awaab.cases_by_stage(*args)
    awaab.deadline_breaches(*args)
    awaab.falling_due(*args)


def _warm_outreach(snapshot: Snapshot, store: SnapshotStore) -> None:
    """The default campaign's views, on two threads: the tiles' chain of shared frames
    and, beside it, the counts, the previous period's state and the charts.

    Shared frames are computed once whichever thread asks first (the other waits), so
    the split only decides what overlaps: about a fifth off the warm-up on two cores.
    """
    campaign = outreach.default_campaign(outreach.campaigns(store.get(REFERENCE.key)))
    if campaign is None:
        return
    filters, everyone = Filters(), Scope.everything()
    args = (snapshot, filters, everyone, campaign.campaign_id)
    previous = filters.period(snapshot.latest_day).previous()

    def beside_the_tiles() -> None:
        follow_up.call_counts(*args)
        follow_up.cohort_counts(*args)
        residents.need_counts(*args)
        outreach.period_summary(snapshot, filters, previous, everyone, campaign.campaign_id)
        progress.campaign_progress(snapshot, filters, everyone, campaign)
        progress.calls_per_day_by_outcome(*args)
        progress.needs_by_type(*args)
        for dimension in progress.REACH_DIMENSIONS:
            progress.reach_rate_by(*args, dimension)

    with ThreadPoolExecutor(1, thread_name_prefix="warm-outreach") as other_core:
        beside = other_core.submit(beside_the_tiles)
        outreach.headline_tiles(*args)
        progress.attempts_to_reach(*args)
        follow_up.follow_up_list(*args, {})
        beside.result()  # its failure is the warm-up's (logged by the store)


def warm_headlines(snapshot: Snapshot, store: SnapshotStore) -> None:
    """The Overview's 12-week lines and the Huddle's weeks, for everyone, by default.

    Food is left out: its tiles also read the outreach snapshot, which this refresh
    must not wait for.
    """
    subject = snapshot.subject.key
    if subject not in SUBJECT_ORDER or snapshot.latest_day is None or subject == FOOD.key:
        return
    snapshots = {subject: snapshot} | {key: store.get(key) for key in READS_ALSO.get(subject, ())}
    filters, everyone = Filters(), Scope.everything()
    week = huddle_weeks(snapshot.latest_day)[0]
    for weeks in (
        weeks_ending(filters.period(snapshot.latest_day)),  # the Overview
        weeks_ending(week, TREND_WEEKS),  # the Huddle's trends
        weeks_ending(week, WHAT_CHANGED_WEEKS),  # and its "What changed"
    ):
        weekly_values(subject, snapshots, filters, everyone, weeks)


def warm_default_views(
    snapshot: Snapshot, store: SnapshotStore, background: Callable[..., None] | None = None
) -> None:
    """Build the default period's shared frames for the subjects that have them.

    The weekly headline tiles (dozens of small figures) are built beside the snapshot's
    first viewers, on a thread of their own, so they never lengthen a refresh;
    ``background`` runs them (tests pass one that waits).
    """
    if snapshot.subject.key == REPAIRS_SUBJECT.key:
        _warm_repairs(snapshot)
    elif snapshot.subject.key == OUTREACH.key:
        _warm_outreach(snapshot, store)
    (background or _on_a_thread)(warm_headlines, snapshot, store)


def _on_a_thread(warm: Callable[..., None], *args: object) -> None:
    threading.Thread(target=_logged, args=(warm, *args), daemon=True, name="warm-weeks").start()


def _logged(warm: Callable[..., None], *args: object) -> None:
    try:
        warm(*args)
    except Exception:  # a viewer then computes the same frames; nothing is lost
        log.exception("warming the weekly headline figures failed")
