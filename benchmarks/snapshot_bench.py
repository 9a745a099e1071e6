"""How fast are Doorstep's snapshots, against the floor and the usual alternatives?

    python -m benchmarks.snapshot_bench [--scale 20] [--repeat 5] [--sqlite PATH]
        [--postgres URL] [--skip-build] [--backends sqlite,postgresql]

Per back end it prints medians over ``--repeat`` runs (min-max) of: 1. the floor, the
fastest raw read of the repairs snapshot's own queries; 2. cold snapshot loads; 3. each
page's figures per click from the snapshots; 4. the typical Streamlit way per click
(``pandas.read_sql`` + pandas); 5. SQL pushdown per click. Targets are informational
(exit 0 either way); the typical and pushdown numbers must equal the snapshot's, and a
mismatch exits 1.
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

import polars as pl
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from benchmarks.pushdown import Figures, Pushdown
from benchmarks.typical import TYPICAL_READ, floor_paths, typical_figures
from data_access.demo import build_demo, build_demo_sqlite
from data_access.engine import describe
from data_access.filters import Filters
from data_access.reader import Reader
from data_access.schema import AREAS, CONTRACT_TABLES, REPAIRS
from data_access.scope import Scope
from data_access.snapshot import Snapshot, SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import REFERENCE, REPAIRS_SUBJECT
from figures import food, outreach, repairs, respect
from figures.tiles import Tile, tile

T = TypeVar("T")
OUT = Path(__file__).resolve().parent / "out"
DEFAULT_POSTGRES = (
    "postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3Ddoorstep_bench"
)


def repairs_compared_tiles(snapshot: Snapshot, filters: Filters, scope: Scope) -> list[Tile]:
    """The three repairs figures the typical and pushdown ways also compute."""
    return [
        tile(label, measure, "", snapshot, filters, scope)
        for label, measure in (
            ("Open repairs", repairs.open_repairs),
            ("Overdue repairs", repairs.overdue_repairs),
            ("Repairs completed", repairs.repairs_completed),
        )
    ]


PAGES: dict[str, Callable[[Snapshot, Filters, Scope], list[Tile]]] = {
    "repairs": repairs_compared_tiles,
    "outreach": outreach.headline_tiles,
    "food": food.headline_tiles,
    "respect": respect.headline_tiles,
}
LOAD_ORDER = (REFERENCE.key, *PAGES)
LOAD_TARGET, CLICK_TARGET_MS, TYPICAL_TARGET = 1.3, 200.0, 20.0
Case = tuple[Filters, Scope]
Alternative = Callable[[Filters, Scope, datetime], Figures]


def say(*lines: str) -> None:
    """Print at once: a scale-20 run takes minutes and should show its progress."""
    for line in lines:
        print(line, flush=True)


@dataclass
class Samples:
    """Seconds per repeat, shown as median (min-max) milliseconds."""

    seconds: list[float] = field(default_factory=list)

    def time(self, action: Callable[[], T]) -> T:
        """Run ``action`` once, keep its duration and hand back its result for checking."""
        started = time.perf_counter()
        result = action()
        self.seconds.append(time.perf_counter() - started)
        return result

    @property
    def median(self) -> float:
        """The figure reported: robust to one run disturbed by the rest of the machine."""
        return statistics.median(self.seconds)

    def ms(self) -> str:
        """Median with the spread, so a noisy run is visible as such."""
        low, high = min(self.seconds) * 1e3, max(self.seconds) * 1e3
        return f"{self.median * 1e3:,.1f} ({low:,.1f}-{high:,.1f})"


def table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], text_last: bool = False
) -> list[str]:
    """A text table: numbers right-aligned; the first (and a last text) column left-aligned."""
    cells = [[str(c) for c in row] for row in (headers, *rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    left = {0, len(headers) - 1} if text_last else {0}
    lines = [
        "  ".join(
            c.ljust(w) if i in left else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in cells
    ]
    rule = "-" * max(len(line) for line in lines)
    return ["  " + lines[0], "  " + rule, *("  " + line for line in lines[1:])]


def as_figures(tiles: Sequence[Tile]) -> Figures:
    """Tiles as (value, previous) pairs, the shape the typical and pushdown paths return."""
    return tuple((int(t.value or 0), int(t.previous or 0)) for t in tiles)


def compare_figures(label: str, expected: Figures, got: Figures) -> list[str]:
    """A loud line per disagreement with the snapshot (none when the numbers agree)."""
    return [] if expected == got else [f"!!! MISMATCH {label}: snapshot {expected} != {got}"]


def bench_floor(reader: Reader, repeat: int) -> tuple[float, list[str]]:
    """Time every raw path (and pandas); the floor is the fastest raw one that works."""
    results: dict[str, Samples | str] = {}
    for name, read in floor_paths(reader).items():
        samples = results[name] = Samples()
        try:
            for _ in range(repeat):
                gc.collect()
                samples.time(read)
        except Exception as error:  # a driver that cannot read this database is reported
            results[name] = "failed: " + (str(error).strip().splitlines() or ["?"])[0][:60]
    floor = min(
        s.median for n, s in results.items() if isinstance(s, Samples) and n != TYPICAL_READ
    )
    rows = [
        (n, s.ms(), f"{s.median / floor:.2f}x") if isinstance(s, Samples) else (n, s, "")
        for n, s in results.items()
    ]
    tables = " + ".join(r.table.name for r in REPAIRS_SUBJECT.reads)
    return floor, [
        f"1. FLOOR: raw reads of the repairs snapshot's own queries ({tables})",
        *table(("path", "ms median (min-max)", "vs floor"), rows),
        f"  floor = {floor * 1e3:,.1f} ms (the fastest raw columnar path)",
    ]


def bench_loads(url: str, repeat: int) -> tuple[dict[str, Samples], SnapshotStore]:
    """A new store (new Reader and engine) per repeat; each subject's first ``get`` timed."""
    samples = {key: Samples() for key in LOAD_ORDER}
    store = None
    for _ in range(repeat):
        if store is not None:
            store.loader.reader.engine.dispose()
        store = None
        gc.collect()
        store = fresh = SnapshotStore(SnapshotLoader(Reader(url)))
        for key in LOAD_ORDER:
            samples[key].time(lambda key=key, fresh=fresh: fresh.get(key))
    assert store is not None
    return samples, store


def load_lines(loads: dict[str, Samples], store: SnapshotStore, floor: float) -> list[str]:
    """Load times with each snapshot's memory and rows, so a slow load can be explained."""
    rows = []
    for key in LOAD_ORDER:
        snap = store.get(key)
        ratio = f"{loads[key].median / floor:.2f}x" if key == REPAIRS_SUBJECT.key else ""
        sizes = ", ".join(f"{name} {frame.height:,}" for name, frame in snap.frames.items())
        memory, excluded = snap.estimated_bytes / 1e6, sum(snap.excluded.values())
        methods = "/".join(sorted(set(snap.methods)))
        rows.append((key, loads[key].ms(), ratio, f"{memory:,.1f}", excluded, methods, sizes))
    headers = ("subject", "ms median (min-max)", "vs floor", "MB", "excluded", "via", "rows")
    ratio = loads[REPAIRS_SUBJECT.key].median / floor
    return [
        "2. SNAPSHOT LOAD, COLD: new SnapshotStore(SnapshotLoader(Reader(url))).get(subject)",
        *table(headers, rows, text_last=True),
        f"  repairs load / floor = {ratio:.2f}x (target <= {LOAD_TARGET}x)",
    ]


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


Clicks = dict[str, dict[str, Samples]]


def bench_clicks(
    store: SnapshotStore, cases: dict[str, Case], repeat: int
) -> tuple[Clicks, Clicks, dict[str, list[Tile]]]:
    """Each page's tiles per case: first with new filters (views computed), then a rerun."""
    new = {case: {page: Samples() for page in PAGES} for case in cases}
    rerun = {case: {page: Samples() for page in PAGES} for case in cases}
    repairs_tiles: dict[str, list[Tile]] = {}
    for _ in range(repeat):
        gc.collect()
        for case, (filters, scope) in cases.items():
            for page, tiles in PAGES.items():
                snap = fresh_copy(store.get(page))
                click = partial(tiles, snap, filters, scope)
                result = new[case][page].time(click)
                rerun[case][page].time(click)
                if page == REPAIRS_SUBJECT.key:
                    repairs_tiles[case] = result
    return new, rerun, repairs_tiles


def click_lines(
    new: Clicks, rerun: Clicks, tiles: dict[str, list[Tile]], slowest: float
) -> list[str]:
    """Both click tables plus the repairs figures, so a reader can sanity-check them."""
    return [
        "3. PER CLICK from the snapshots: each page's headline_tiles, ms median (min-max)",
        "  a) new filter choice (scoped views computed; these are the per-click figures):",
        *table(("case", *PAGES), [(c, *(s.ms() for s in new[c].values())) for c in new]),
        "  b) rerun with the same filters (views memoised on the snapshot):",
        *table(("case", *PAGES), [(c, *(s.ms() for s in rerun[c].values())) for c in rerun]),
        f"  slowest page (a): {slowest:,.1f} ms (target <= {CLICK_TARGET_MS:.0f} ms per page)",
        "  repairs tiles, value/previous period:",
        *(
            f"    {case}: " + "; ".join(f"{t.label} {t.value:,}/{t.previous:,}" for t in found)
            for case, found in tiles.items()
        ),
    ]


def bench_alternative(
    label: str,
    figures: Alternative,
    cases: dict[str, Case],
    repeat: int,
    snapshot: dict[str, tuple[Samples, list[Tile]]],
) -> tuple[list[float], list[str], list[str]]:
    """Time another way of getting the repairs tiles per click and check its numbers."""
    rows, ratios, mismatches = [], [], []
    for case, (filters, scope) in cases.items():
        samples, wrong = Samples(), []
        for _ in range(repeat):
            gc.collect()
            found = samples.time(lambda f=filters, s=scope: figures(f, s, datetime.now()))
            wrong += compare_figures(f"{label}, {case}", as_figures(snapshot[case][1]), found)
        ratios.append(samples.median / snapshot[case][0].median)
        mismatches += wrong
        verdict = "MISMATCH" if wrong else "same"
        rows.append((case, snapshot[case][0].ms(), samples.ms(), f"{ratios[-1]:,.1f}x", verdict))
    headers = ("case", "snapshot ms", f"{label} ms", f"{label}/snapshot", "numbers")
    return ratios, [*table(headers, rows), *mismatches], mismatches


@dataclass
class BackendResult:
    """What the summary needs from one back end."""

    name: str
    load_ratio: float
    slowest_click_ms: float
    typical_ratio: float
    pushdown_ratios: tuple[float, float]
    mismatches: list[str]


def run_backend(name: str, url: str, repeat: int) -> BackendResult:
    """All five sections on one database, each printed as it finishes."""
    reader = Reader(url)
    reader.ping()
    with reader.engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(REPAIRS)).scalar_one()
    say("", f"=== {name}: {describe(url)}, {total:,} repairs rows ===")
    floor, lines = bench_floor(reader, repeat)
    say(*lines, "")
    loads, store = bench_loads(url, repeat)
    say(*load_lines(loads, store, floor), "")

    cases = click_cases(store.get(REFERENCE.key))
    clicks, reruns, tiles = bench_clicks(store, cases, repeat)
    slowest = max(s.median * 1e3 for by_page in clicks.values() for s in by_page.values())
    say(*click_lines(clicks, reruns, tiles, slowest), "")
    snapshot = {case: (clicks[case][REPAIRS_SUBJECT.key], tiles[case]) for case in cases}
    typical_ratios, lines, wrong = bench_alternative(
        "typical",
        lambda f, s, now: typical_figures(reader.engine, f, s, now),
        cases,
        repeat,
        snapshot,
    )
    say("4. TYPICAL per click: pandas.read_sql of the repairs query + pandas filters", *lines)
    say(f"  target: typical/snapshot >= {TYPICAL_TARGET:.0f}x", "")
    pushdown = Pushdown(reader.engine)
    push_ratios, lines, push_wrong = bench_alternative(
        "pushdown", pushdown.figures, cases, repeat, snapshot
    )
    keys = "checked in SQL" if pushdown.check_keys else "guaranteed by the table's primary key"
    say("5. SQL PUSHDOWN per click: aggregate SQLAlchemy Core queries on every rerun", *lines)
    say(f"  (latest day + six counts in two queries; unique work orders {keys})")
    store.loader.reader.engine.dispose()
    reader.engine.dispose()
    return BackendResult(
        name,
        loads[REPAIRS_SUBJECT.key].median / floor,
        slowest,
        min(typical_ratios),
        (min(push_ratios), max(push_ratios)),
        wrong + push_wrong,
    )


def summary(results: Sequence[BackendResult]) -> list[str]:
    """Targets with PASS/MISS per back end (informational) and the correctness check."""

    def mark(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    rows = [
        [f"repairs snapshot load <= {LOAD_TARGET}x floor"]
        + [f"{r.load_ratio:.2f}x {mark(r.load_ratio <= LOAD_TARGET)}" for r in results],
        [f"figures per click <= {CLICK_TARGET_MS:.0f} ms per page (slowest)"]
        + [
            f"{r.slowest_click_ms:,.1f} ms {mark(r.slowest_click_ms <= CLICK_TARGET_MS)}"
            for r in results
        ],
        [f"typical per click >= {TYPICAL_TARGET:.0f}x snapshot (worst case)"]
        + [f"{r.typical_ratio:,.1f}x {mark(r.typical_ratio >= TYPICAL_TARGET)}" for r in results],
        ["pushdown per click / snapshot (informational)"]
        + [f"{r.pushdown_ratios[0]:,.1f}x-{r.pushdown_ratios[1]:,.1f}x" for r in results],
        ["typical and pushdown numbers = snapshot"]
        + ["MISMATCH" if r.mismatches else "PASS" for r in results],
    ]
    lines = ["", "=== SUMMARY ===", *table(("target", *(r.name for r in results)), rows)]
    return lines + [m for r in results for m in r.mismatches]


def prepare_sqlite(path: Path, scale: float, skip_build: bool) -> str:
    """The benchmark's SQLite demo file, built unless reusing one that is there."""
    if skip_build and path.exists():
        say(f"Reusing {path}")
    else:
        started = time.perf_counter()
        counts = build_demo_sqlite(path, scale=scale, overwrite=True, progress=sys.stderr.isatty())
        took = time.perf_counter() - started
        say(f"Built {path}: {counts[REPAIRS.name]:,} repairs in {took:.0f}s")
    return f"sqlite:///{path.resolve()}"


def _schema_of(url: str) -> str:
    options = make_url(url).query.get("options", "")
    found = re.search(r"search_path\s*=\s*([A-Za-z_][A-Za-z0-9_]*)", str(options))
    if not found:
        raise SystemExit(
            "--postgres needs ?options=-csearch_path%3D<schema>: the benchmark replaces the "
            "contract tables in that schema and must never touch public."
        )
    return found.group(1)


def prepare_postgres(url: str, scale: float, skip_build: bool) -> str:
    """Create the URL's own schema if needed, build the demo into it and ANALYZE it."""
    schema = _schema_of(url)
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        if skip_build and inspect(engine).has_table(REPAIRS.name, schema=schema):
            say(f"Reusing PostgreSQL schema {schema}")
            return url
        started = time.perf_counter()
        counts = build_demo(url, scale=scale, progress=sys.stderr.isatty())
        quote = engine.dialect.identifier_preparer.quote
        with engine.begin() as connection:
            for contract_table in CONTRACT_TABLES:
                connection.execute(text(f"ANALYZE {quote(contract_table.name)}"))
        took = time.perf_counter() - started
        say(f"Built PostgreSQL schema {schema}: {counts[REPAIRS.name]:,} repairs in {took:.0f}s")
    finally:
        engine.dispose()
    return url


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line, checked before minutes of building start."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.snapshot_bench")
    parser.add_argument("--scale", type=float, default=20.0, help="demo scale (20: 1.2M repairs)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measurement")
    parser.add_argument("--sqlite", type=Path, default=OUT / "bench.sqlite")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="URL with a search_path")
    parser.add_argument("--skip-build", action="store_true", help="reuse databases present")
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args(argv)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if set(args.backends) - {"sqlite", "postgresql"} or not args.backends:
        parser.error("--backends takes sqlite and/or postgresql")
    if args.repeat < 1 or args.scale <= 0:
        parser.error("--repeat and --scale must be positive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit 1 only if another way's numbers differ from the snapshot's."""
    args = arguments(argv)
    say(
        f"Doorstep snapshot benchmark {datetime.now():%Y-%m-%d %H:%M}: scale {args.scale:g}, "
        f"repeat {args.repeat}, times are median (min-max); polars {pl.__version__}"
    )
    urls = {}
    for backend in args.backends:  # build everything first: timings then run back to back
        if backend == "sqlite":
            urls[backend] = prepare_sqlite(args.sqlite, args.scale, args.skip_build)
        else:
            urls[backend] = prepare_postgres(args.postgres, args.scale, args.skip_build)
    results = [run_backend(backend, url, args.repeat) for backend, url in urls.items()]
    say(*summary(results))
    return 1 if any(r.mismatches for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
