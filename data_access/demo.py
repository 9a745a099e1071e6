"""Build Doorstep's demo database: realistic synthetic data in the contract's tables.

The dashboard has to be demonstrable (and testable) without a provider's real data, so
this generates two years of residents, welfare calls, food referrals, repairs, damp and
mould cases and staff-abuse incidents ending on a chosen date, plus a few deliberate
bad rows for the data-quality view. Same seed, end date and scale give the same data.

    python -m data_access.demo [--url URL | --path PATH] [--seed 7]
        [--end-date YYYY-MM-DD] [--scale 1] [--clean] [--force]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import polars as pl
from sqlalchemy import Column, Table, create_engine
from sqlalchemy.engine import URL
from tqdm import tqdm

from data_access.config import demo_database_path
from data_access.demo_incidents import build_incidents
from data_access.demo_load import create_contract_tables, create_indexes, load_frames
from data_access.demo_outreach import build_outreach
from data_access.demo_people import build_people, make_timeline
from data_access.demo_repairs import build_repairs
from data_access.schema import CONTRACT_TABLES, FOOD_REFERRALS, INCIDENTS, REPAIRS
from data_access.working_days import real_local

DEFAULT_SEED = 7
#: Deliberate contract breaches the data-quality view must find (``bad_rows=True``).
BAD_ROWS: dict[str, int] = {
    "repairs_completed_before_reported": 12,
    "repairs_unknown_priority": 3,
    "referrals_fulfilled_without_time": 4,
    "incidents_reported_before_occurred": 3,
    "incidents_unknown_channel": 2,
}
UNKNOWN_PRIORITY = "XXX"
UNKNOWN_CHANNEL = "sms"
GENERATION_STEPS = ("residents", "outreach", "repairs", "incidents", "bad rows")

Step = Callable[[str], None]


def default_demo_path() -> Path:
    """Where the app looks for the demo: ``data/doorstep-demo.sqlite`` unless overridden."""
    return demo_database_path()


def _scatter(frame: pl.DataFrame, column: Column, rows: np.ndarray, values: object) -> pl.DataFrame:
    series = frame[column.name].clone()
    series.scatter(rows, values)
    return frame.with_columns(series)


def _seconds(values: np.ndarray) -> pl.Series:
    return pl.Series(values * 1_000_000).cast(pl.Duration("us"))


def _spoil(frames: dict[Table, pl.DataFrame], rng: np.random.Generator) -> None:
    """Write the ``BAD_ROWS`` breaches into distinct, otherwise valid rows."""
    repairs = frames[REPAIRS]
    done = np.flatnonzero(repairs[REPAIRS.c.completed_at.name].is_not_null().to_numpy())
    n_time, n_code = (
        BAD_ROWS["repairs_completed_before_reported"],
        BAD_ROWS["repairs_unknown_priority"],
    )
    rows = rng.choice(done, n_time + n_code, replace=False)
    before = repairs[REPAIRS.c.reported_at.name].gather(rows[:n_time])
    early = before - _seconds(rng.integers(3_600, 30 * 86_400, n_time))
    repairs = _scatter(repairs, REPAIRS.c.completed_at, rows[:n_time], early)
    frames[REPAIRS] = _scatter(repairs, REPAIRS.c.priority_code, rows[n_time:], UNKNOWN_PRIORITY)

    referrals = frames[FOOD_REFERRALS]
    fulfilled = np.flatnonzero(
        referrals[FOOD_REFERRALS.c.fulfilled_at.name].is_not_null().to_numpy()
    )
    rows = rng.choice(fulfilled, BAD_ROWS["referrals_fulfilled_without_time"], replace=False)
    frames[FOOD_REFERRALS] = _scatter(referrals, FOOD_REFERRALS.c.fulfilled_at, rows, None)

    incidents = frames[INCIDENTS]
    n_time, n_channel = (
        BAD_ROWS["incidents_reported_before_occurred"],
        BAD_ROWS["incidents_unknown_channel"],
    )
    rows = rng.choice(incidents.height, n_time + n_channel, replace=False)
    occurred = incidents[INCIDENTS.c.occurred_at.name].gather(rows[:n_time])
    early = occurred - _seconds(rng.integers(600, 2 * 86_400, n_time))
    incidents = _scatter(incidents, INCIDENTS.c.reported_at, rows[:n_time], early)
    frames[INCIDENTS] = _scatter(incidents, INCIDENTS.c.channel, rows[n_time:], UNKNOWN_CHANNEL)


def _real_local_times(frame: pl.DataFrame) -> pl.DataFrame:
    """Every timestamp a real Europe/London time (see ``real_local``)."""
    return frame.with_columns(
        pl.Series(name, real_local(frame[name].to_numpy()))
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.Datetime)
    )


def _generate(
    seed: int, end_date: dt.date, scale: float, bad_rows: bool, step: Step
) -> dict[Table, pl.DataFrame]:
    if not scale > 0:
        raise ValueError("scale must be positive")
    people_rng, outreach_rng, repairs_rng, incidents_rng, bad_rng = (
        np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(5)
    )
    timeline = make_timeline(end_date)
    people = build_people(people_rng, scale)
    frames = dict(people.frames)
    step(GENERATION_STEPS[0])
    frames |= build_outreach(outreach_rng, people, timeline, scale)
    step(GENERATION_STEPS[1])
    frames |= build_repairs(repairs_rng, people, timeline, scale)
    step(GENERATION_STEPS[2])
    frames |= build_incidents(incidents_rng, people, timeline, scale)
    step(GENERATION_STEPS[3])
    frames = {table: _real_local_times(frame) for table, frame in frames.items()}
    if bad_rows:
        _spoil(frames, bad_rng)
    step(GENERATION_STEPS[4])
    return {table: frames[table] for table in CONTRACT_TABLES}


def generate(
    seed: int, end_date: dt.date, scale: float = 1.0, bad_rows: bool = True
) -> dict[Table, pl.DataFrame]:
    """Every contract table as a frame (columns in table order, contract dtypes).

    Independent random streams per subject area mean the clean and messy variants
    differ only in the ``BAD_ROWS`` rows.
    """
    return _generate(seed, end_date, scale, bad_rows, lambda _name: None)


def build_demo(
    url: str | URL,
    *,
    seed: int = DEFAULT_SEED,
    end_date: dt.date | None = None,
    scale: float = 1.0,
    bad_rows: bool = True,
    progress: bool = True,
) -> dict[str, int]:
    """Generate the demo data and load it into ``url`` (contract tables are recreated)."""
    end = end_date or dt.date.today()
    total = len(GENERATION_STEPS) + len(CONTRACT_TABLES) + 2
    with tqdm(total=total, desc="demo database", file=sys.stderr, disable=not progress) as bar:

        def step(name: str) -> None:
            bar.set_postfix_str(name)
            bar.update(1)

        frames = _generate(seed, end, scale, bad_rows, step)
        engine = create_engine(url)
        try:
            create_contract_tables(engine, indexes=False)
            step("tables")
            load_frames(engine, frames, on_table=lambda table: step(table.name))
            create_indexes(engine)
            step("indexes")
        finally:
            engine.dispose()
    return {table.name: frame.height for table, frame in frames.items()}


def build_demo_sqlite(
    path: str | Path,
    *,
    seed: int = DEFAULT_SEED,
    end_date: dt.date | None = None,
    scale: float = 1.0,
    bad_rows: bool = True,
    progress: bool = True,
    overwrite: bool = False,
) -> dict[str, int]:
    """Build a SQLite demo file beside ``path`` and move it into place only when complete.

    The app may be reading ``path``; a half-built database must never appear there.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists")
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.stem}.building-{os.getpid()}{target.suffix}")
    scratch.unlink(missing_ok=True)
    try:
        counts = build_demo(
            URL.create("sqlite", database=str(scratch)),
            seed=seed,
            end_date=end_date,
            scale=scale,
            bad_rows=bad_rows,
            progress=progress,
        )
        os.replace(scratch, target)
    finally:
        scratch.unlink(missing_ok=True)
    return counts


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m data_access.demo", description=__doc__.split("\n\n")[0]
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--url", help="SQLAlchemy URL to load into (its contract tables are replaced)"
    )
    target.add_argument("--path", type=Path, help=f"SQLite file (default {default_demo_path()})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--end-date", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default today)"
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="volume multiplier (20 gives 1.2M repairs)"
    )
    parser.add_argument("--clean", action="store_true", help="leave out the deliberate bad rows")
    parser.add_argument("--force", action="store_true", help="replace an existing SQLite file")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    args = _arguments(argv)
    options = {
        "seed": args.seed,
        "end_date": args.end_date,
        "scale": args.scale,
        "bad_rows": not args.clean,
    }
    started = time.perf_counter()
    if args.url:
        counts = build_demo(args.url, **options)
        where = "the database"
    else:
        path = args.path or default_demo_path()
        if path.exists() and not args.force:
            print(f"{path} already exists; pass --force to rebuild it.")
            return 1 if args.path else 0
        counts = build_demo_sqlite(path, overwrite=True, **options)
        where = str(path)
    for name, rows in counts.items():
        print(f"{name:<22}{rows:>12,}")
    print(
        f"Loaded {sum(counts.values()):,} rows into {where} in {time.perf_counter() - started:.1f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
