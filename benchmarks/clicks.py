"""Section 3 of the benchmark: each page's figures per rerun, from the loaded snapshots.

Three situations per viewer case and page, each on copies of the snapshots with empty
view memos: (a) the first view after a refresh (whatever a snapshot computes once for
all viewers is paid here), (b) a new filter choice once another viewer has looked (what
a click that changes the region, area or viewer costs), (c) a rerun with the same filters.
Then each page figure by figure in situation (a), to show what dominates.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import partial

import polars as pl

from benchmarks.page_figures import PAGE_STEPS, PAGE_SUBJECTS, Snapshots, run_page
from benchmarks.report import Samples, table
from data_access.filters import Filters
from data_access.schema import AREAS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.store import SnapshotStore
from figures.tiles import Tile

REPAIRS_PAGE = "repairs"
CLICK_TARGET_MS = 200.0
SITUATIONS = ("first view", "new filter", "rerun")
Case = tuple[Filters, Scope]
#: situation -> case -> page -> samples
Clicks = dict[str, dict[str, dict[str, Samples]]]


def click_cases(reference: Snapshot) -> dict[str, Case]:
    """Director defaults, a two-region manager, and a region + area filter."""
    region_name, area_name = AREAS.c.region.name, AREAS.c.area_id.name
    areas = reference.frames[AREAS.name].with_columns(pl.col(region_name).cast(pl.String))
    region = "North" if "North" in areas[region_name].to_list() else areas[region_name][0]
    chosen = tuple(sorted(areas.filter(pl.col(region_name) == region)[area_name])[:2])
    return {
        "director, defaults": (Filters(), Scope.everything()),
        "manager North+East": (Filters(), Scope.only(["North", "East"])),
        f"filter {region} + {len(chosen)} areas": (
            Filters(regions=(region,), areas=chosen),
            Scope.everything(),
        ),
    }


def fresh_copy(snapshot: Snapshot) -> Snapshot:
    """The same immutable data with empty caches (fields not compared, such as view memos)."""
    kept = {f.name: getattr(snapshot, f.name) for f in fields(snapshot) if f.init and f.compare}
    return type(snapshot)(**kept)


def fresh_snapshots(store: SnapshotStore, page: str) -> Snapshots:
    """Copies of every snapshot the page reads, as just after a refresh."""
    return {key: fresh_copy(store.get(key)) for key in PAGE_SUBJECTS[page]}


@dataclass
class ClickResults:
    """Timings per situation, the tiles each case showed, and the pages figure by figure."""

    clicks: Clicks
    tiles: dict[str, dict[str, list[Tile]]] = field(default_factory=dict)
    by_figure: dict[str, dict[str, dict[str, Samples]]] = field(default_factory=dict)


def bench_clicks(store: SnapshotStore, cases: dict[str, Case], repeat: int) -> ClickResults:
    """Every page in the three situations for every case."""
    clicks: Clicks = {s: {c: {p: Samples() for p in PAGE_STEPS} for c in cases} for s in SITUATIONS}
    results = ClickResults(clicks)
    names = list(cases)
    for _ in range(repeat):
        gc.collect()
        for index, (case, (filters, scope)) in enumerate(cases.items()):
            other = cases[names[(index + 1) % len(names)]]  # someone else looked first
            for page in PAGE_STEPS:
                view = partial(run_page, page, filters=filters, scope=scope)
                first = fresh_snapshots(store, page)
                shown = clicks["first view"][case][page].time(partial(view, first))
                results.tiles.setdefault(case, {})[page] = shown
                warm = fresh_snapshots(store, page)
                run_page(page, warm, *other)
                clicks["new filter"][case][page].time(partial(view, warm))
                clicks["rerun"][case][page].time(partial(view, warm))
    for _ in range(repeat):
        for case, (filters, scope) in cases.items():
            for page, steps in PAGE_STEPS.items():
                snaps = fresh_snapshots(store, page)
                for name, compute in steps(snaps, filters, scope).items():
                    figure = results.by_figure.setdefault(page, {}).setdefault(name, {})
                    figure.setdefault(case, Samples()).time(compute)
    return results


def click_lines(results: ClickResults) -> list[str]:
    """A table per situation, each page figure by figure, and the repairs tiles."""
    lines = [
        "3. PER RERUN from the snapshots: each page's figures (the whole page; respect with"
        " suppression on for every case), ms median (min-max)"
    ]
    notes = {
        "first view": "a) first view after a refresh, nothing warmed (the shared work the"
        " background refresh does for the default period; a viewer choosing another period"
        " pays this once):",
        "new filter": "b) new filter choice or viewer, once someone else has looked:",
        "rerun": "c) rerun with the same filters:",
    }
    for situation, by_case in results.clicks.items():
        rows = [(c, *(s.ms() for s in pages.values())) for c, pages in by_case.items()]
        lines += [f"  {notes[situation]}", *table(("case", *PAGE_STEPS), rows)]
    lines.append(f"  target <= {CLICK_TARGET_MS:.0f} ms per page and rerun")
    for page, figures in results.by_figure.items():
        cases = list(next(iter(figures.values())))
        rows = [(name, *(s.ms() for s in per_case.values())) for name, per_case in figures.items()]
        lines += [f"  {page} figure by figure, first view:", *table(("figure", *cases), rows)]
    lines.append("  repairs tiles compared below, value/previous period:")
    lines += [
        f"    {case}: " + "; ".join(f"{t.label} {t.value:,}/{t.previous:,}" for t in tiles)
        for case, pages in results.tiles.items()
        for tiles in [pages[REPAIRS_PAGE]]
    ]
    return lines


def slowest_ms(by_case: Mapping[str, Mapping[str, Samples]], pages: Sequence[str]) -> float:
    """The slowest median over every case of the given pages, in milliseconds."""
    return max((by_case[c][p].median * 1e3 for c in by_case for p in pages), default=0.0)
