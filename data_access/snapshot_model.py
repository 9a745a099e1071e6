"""A snapshot: one subject's valid rows, read once per refresh and shared by every session.

Built by ``data_access.snapshot.SnapshotLoader``; every other module reads it only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import polars as pl
from sqlalchemy import Table

from data_access.frame_memo import FrameMemo
from data_access.quality import RowIssue
from data_access.scope import REGION, Scope
from data_access.subjects import Subject


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
    #: Tables whose primary key in the database is the contract's key, so no duplicate
    #: can arrive: asked of the catalog with the reference, whose answer every subject
    #: load uses until the reference is refreshed.
    keys_kept_unique: frozenset[str] = frozenset()
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
