"""How fast are the Overview and the Huddle, from loaded snapshots?

    python -m benchmarks.huddle_bench [--scale 20] [--repeat 5] [--sqlite PATH] [--skip-build]

Both pages only call the subject pages' own tiles, once per week for the 12-week lines,
so their cost is many small tile evaluations. Per page it prints medians (min-max) over
``--repeat`` runs of: a new filter choice (a region not seen before: nothing remembered
for it) and a rerun (the same view again), plus the huddle pack's HTML. Snapshots are
in memory once loaded, so one back end (the SQLite file of ``snapshot_bench``) suffices.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path

from benchmarks.databases import prepare_sqlite
from benchmarks.report import Samples, say, table
from data_access.filters import Filters
from data_access.reader import Reader
from data_access.scope import Scope
from data_access.snapshot import Snapshot, SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import REFERENCE
from figures.headlines import (
    SUBJECT_ORDER,
    headlines_with_trends,
    subject_period,
    weeks_ending,
)
from figures.huddle import huddle_weeks, latest_data_day
from figures.huddle_view import huddle_view
from figures.warm import warm_default_views
from reports.huddle_pack import huddle_pack_html

OUT = Path(__file__).resolve().parent / "out"
REGIONS = ("North", "South", "East", "West", "Central")


def overview_figures(snaps: dict[str, Snapshot], filters: Filters, scope: Scope) -> int:
    """Everything the Overview computes: tiles and 12-week lines for every subject."""
    shown = 0
    for subject in SUBJECT_ORDER:
        weeks = weeks_ending(subject_period(subject, snaps, filters))
        _, trends = headlines_with_trends(subject, snaps, filters, scope, weeks, suppress=True)
        shown += sum(len(line) for line in trends.values())
    return shown


def huddle_figures(snaps: dict[str, Snapshot], filters: Filters, scope: Scope) -> int:
    """Everything the Huddle computes for the latest week, suppressed (the huddle role)."""
    week = huddle_weeks(latest_data_day(snaps))[0]
    view = huddle_view(snaps, filters, scope, week, SUBJECT_ORDER, suppress=True)
    return len(view.movements)


def bench(
    page: Callable[[dict[str, Snapshot], Filters, Scope], int],
    snaps: dict[str, Snapshot],
    repeat: int,
) -> tuple[Samples, Samples]:
    """(new filter choice, rerun): each repeat picks a region no earlier repeat used."""
    new, rerun = Samples(), Samples()
    for index in range(repeat):
        region = REGIONS[index % len(REGIONS)]
        filters = Filters(regions=(region,), days=84 - 7 * (index // len(REGIONS)))
        new.time(lambda f=filters: page(snaps, f, Scope.everything()))
        rerun.time(lambda f=filters: page(snaps, f, Scope.everything()))
    return new, rerun


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sqlite", type=Path, default=OUT / "bench.sqlite")
    parser.add_argument("--skip-build", action="store_true", help="reuse the file if present")
    args = parser.parse_args(argv)
    url = prepare_sqlite(args.sqlite, args.scale, args.skip_build)
    say(f"Doorstep Overview and Huddle benchmark {datetime.now():%Y-%m-%d %H:%M}: {url}")
    # The weekly warm-up a refresh starts on a thread, finished before timing (the steady
    # state a viewer meets a few seconds after a refresh).
    warm = partial(warm_default_views, background=lambda job, *args: job(*args))
    store = SnapshotStore(SnapshotLoader(Reader(url)), warm=warm)
    snaps = {key: store.get(key) for key in (REFERENCE.key, *SUBJECT_ORDER)}
    rows = []
    for name, page in (("Overview", overview_figures), ("Huddle", huddle_figures)):
        new, rerun = bench(page, snaps, args.repeat)
        rows.append((name, new.ms(), rerun.ms()))
    pack = Samples()
    week = huddle_weeks(latest_data_day(snaps))[0]
    view = huddle_view(snaps, Filters(), Scope.everything(), week, SUBJECT_ORDER, True)
    for _ in range(args.repeat):
        size = len(pack.time(lambda: huddle_pack_html(view, "All regions", True, datetime.now())))
    say(*table(("page", "new filter choice ms", "rerun ms"), rows))
    say(f"huddle pack HTML: {pack.ms()} ms, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
