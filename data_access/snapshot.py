"""In-memory snapshots: each subject's facts, read once per refresh, shared by every session.

A snapshot holds only the rows that keep the contract (the rest are counted in its
``issues``), each table already carrying its row's region so scoping is one filter.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime

import polars as pl
from sqlalchemy import Table

from data_access.quality import RowIssue, split_valid_rows
from data_access.reader import Reader
from data_access.regions import add_regions
from data_access.repair_classes import add_repair_class
from data_access.scope import REGION, Scope
from data_access.subjects import Subject, cutoff_for


class FrameMemo:
    """A small LRU of frames derived from one snapshot (scoped views, figure results).

    Every tile of a page asks for the same scoped rows; keeping recent views turns each
    later ask into a dictionary lookup, and the snapshot never changes. Bounded by
    entries and by bytes, so many tiny figure results never push out one big view.
    """

    def __init__(self, size: int = 64, budget_bytes: int = 512 * 1024 * 1024) -> None:
        self._size = size
        self._budget = budget_bytes
        self._frames: OrderedDict[Hashable, tuple[pl.DataFrame, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        with self._lock:
            if key in self._frames:
                self._frames.move_to_end(key)
                return self._frames[key][0]
        frame = compute()
        size = frame.estimated_size()
        with self._lock:
            if key not in self._frames:
                self._frames[key] = (frame, size)
                self._bytes += size
            while len(self._frames) > 1 and (
                len(self._frames) > self._size or self._bytes > self._budget
            ):
                _, (_, dropped) = self._frames.popitem(last=False)
                self._bytes -= dropped
        return frame


@dataclass(frozen=True)
class Snapshot:
    """One subject's valid rows as at ``read_at``; never mutated once built."""

    subject: Subject
    frames: Mapping[str, pl.DataFrame]
    issues: tuple[RowIssue, ...]
    excluded: Mapping[str, int]
    read_at: datetime
    read_seconds: float
    methods: tuple[str, ...] = ()
    latest_day: date | None = None
    _memo: FrameMemo = field(default_factory=lambda: FrameMemo(), compare=False, repr=False)

    def remembered(self, key: Hashable, compute: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        """A frame derived from this (immutable) snapshot, computed once for all sessions."""
        return self._memo.get(key, compute)

    def scoped(self, table: Table, scope: Scope) -> pl.DataFrame:
        """The table's valid rows the viewer may see: the only way rows leave a snapshot."""
        return scope.apply(self.frames[table.name])

    def listing(self, table: Table) -> pl.DataFrame:
        """A reference list that is not row-level data (priorities, campaigns)."""
        frame = self.frames[table.name]
        if REGION in frame.columns:
            raise ValueError(f"{table.name} holds row-level data: use scoped()")
        return frame

    def has(self, table: Table) -> bool:
        return table.name in self.frames

    def excluded_rows(self, table: Table) -> int:
        return self.excluded.get(table.name, 0)

    @property
    def estimated_bytes(self) -> int:
        return sum(frame.estimated_size() for frame in self.frames.values())


READ_THREADS = 2  # the machine's cores; more only queue behind them


@dataclass
class SnapshotLoader:
    """Reads subjects from one database; the reference snapshot supplies regions and keys."""

    reader: Reader
    clock: object = field(default=datetime.now)

    def read_raw(self, subject: Subject, now: datetime) -> tuple[dict[str, pl.DataFrame], list]:
        cutoff = cutoff_for(now)
        self.reader.ping()
        # The subject's tables are read side by side: the drivers release the GIL, so
        # one table's transfer overlaps the other's type conversion.
        with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
            results = list(
                pool.map(
                    lambda read: self.reader.read_with_method(read.statement(cutoff), read.table),
                    subject.reads,
                )
            )
        frames = {
            read.table.name: frame for read, (frame, _) in zip(subject.reads, results, strict=True)
        }
        return frames, [method for _, method in results]

    def load(self, subject: Subject, reference: Snapshot | None) -> Snapshot:
        """Read, validate and region-tag one subject (the reference subject has none)."""
        started = time.perf_counter()
        now = self.clock()
        raw, methods = self.read_raw(subject, now)
        # Orphaned keys are judged only against complete tables: a parent read through a
        # time window (repairs) would make older children look orphaned.
        complete = {r.table.name: raw[r.table.name] for r in subject.reads if r.window is None}
        keys = {**(reference.frames if reference is not None else {}), **complete}
        valid, issues, excluded = {}, [], {}
        for name, frame in raw.items():
            table = _table(subject, name)
            kept, table_issues = split_valid_rows(table, frame, keys, now.date())
            valid[name] = kept
            issues.extend(table_issues)
            excluded[name] = frame.height - kept.height
        lookups = reference.frames if reference is not None else valid
        tagged = add_repair_class(add_regions(valid, lookups), lookups)
        return Snapshot(
            subject=subject,
            frames=tagged,
            issues=tuple(issues),
            excluded=excluded,
            read_at=now,
            read_seconds=time.perf_counter() - started,
            methods=tuple(methods),
            latest_day=_latest_day(subject, tagged),
        )


def _table(subject: Subject, name: str) -> Table:
    return next(read.table for read in subject.reads if read.table.name == name)


def _latest_day(subject: Subject, frames: Mapping[str, pl.DataFrame]) -> date | None:
    latest = [
        frames[column.table.name].get_column(column.name).max()
        for column in subject.event_columns
        if column.table.name in frames and frames[column.table.name].height
    ]
    latest = [value for value in latest if value is not None]
    return max(latest).date() if latest else None
