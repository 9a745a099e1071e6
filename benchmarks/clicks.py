"""Section 3 of the benchmark: each page's figures per click, from the loaded snapshots.

Three viewer cases per page: a new filter choice on a copy of the snapshot with empty
view memos (what a click that changes a filter costs), then a rerun with the same filters
(views remembered), and the repairs page figure by figure to show what dominates.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import fields
from functools import partial

import polars as pl

from benchmarks.page_figures import PAGE_FIGURES, repairs_steps
from benchmarks.report import Samples, table
from data_access.filters import Filters
from data_access.schema import AREAS
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.store import SnapshotStore
from data_access.subjects import REPAIRS_SUBJECT
from figures.tiles import Tile

REPAIRS_PAGE = REPAIRS_SUBJECT.key
CLICK_TARGET_MS = 200.0
Case = tuple[Filters, Scope]
Clicks = dict[str, dict[str, Samples]]


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
    """The same immutable data with empty caches (fields not compared, such as view memos).

    A click that changes a filter asks for views nobody has computed yet; timing only
    repeats of one filter choice would measure dictionary lookups.
    """
    kept = {f.name: getattr(snapshot, f.name) for f in fields(snapshot) if f.init and f.compare}
    return type(snapshot)(**kept)


def bench_clicks(
    store: SnapshotStore, cases: dict[str, Case], repeat: int
) -> tuple[Clicks, Clicks, dict[str, list[Tile]]]:
    """Each page's figures per case: first with new filters (views computed), then a rerun."""
    new = {case: {page: Samples() for page in PAGE_FIGURES} for case in cases}
    rerun = {case: {page: Samples() for page in PAGE_FIGURES} for case in cases}
    repairs_tiles: dict[str, list[Tile]] = {}
    for _ in range(repeat):
        gc.collect()
        for case, (filters, scope) in cases.items():
            for page, figures in PAGE_FIGURES.items():
                snap = fresh_copy(store.get(page))
                click = partial(figures, snap, filters, scope)
                result = new[case][page].time(click)
                rerun[case][page].time(click)
                if page == REPAIRS_PAGE:
                    repairs_tiles[case] = result
    return new, rerun, repairs_tiles


def bench_repairs_figures(store: SnapshotStore, cases: dict[str, Case], repeat: int) -> Clicks:
    """The repairs page one figure at a time (new filter choice), to show what dominates."""
    by_figure: Clicks = {}
    for _ in range(repeat):
        gc.collect()
        for case, (filters, scope) in cases.items():
            snap = fresh_copy(store.get(REPAIRS_PAGE))
            for name, compute in repairs_steps(snap, filters, scope).items():
                by_figure.setdefault(name, {}).setdefault(case, Samples()).time(compute)
    return by_figure


def click_lines(
    new: Clicks, rerun: Clicks, tiles: dict[str, list[Tile]], by_figure: Clicks
) -> list[str]:
    """Both click tables, the repairs page figure by figure, and its tiles to sanity-check."""
    return [
        "3. PER CLICK from the snapshots: each page's figures (whole page for repairs; "
        "headline tiles for the others until their pages are built), ms median (min-max)",
        "  a) new filter choice (scoped views computed; these are the per-click figures):",
        *table(("case", *PAGE_FIGURES), [(c, *(s.ms() for s in new[c].values())) for c in new]),
        "  b) rerun with the same filters (views memoised on the snapshot):",
        *table(("case", *PAGE_FIGURES), [(c, *(s.ms() for s in rerun[c].values())) for c in rerun]),
        f"  target <= {CLICK_TARGET_MS:.0f} ms per page and rerun",
        "  c) the repairs page figure by figure, new filter choice (in the page's order; a"
        " view several figures share is paid for by the first):",
        *table(
            ("figure", *new),
            [(name, *(s.ms() for s in cases.values())) for name, cases in by_figure.items()],
        ),
        "  repairs tiles, value/previous period:",
        *(
            f"    {case}: " + "; ".join(f"{t.label} {t.value:,}/{t.previous:,}" for t in found)
            for case, found in tiles.items()
        ),
    ]


def slowest_ms(clicks: Clicks, pages: Sequence[str]) -> float:
    """The slowest median over every case of the given pages, in milliseconds."""
    return max((clicks[c][p].median * 1e3 for c in clicks for p in pages), default=0.0)
