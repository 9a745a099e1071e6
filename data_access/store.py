"""The process-wide snapshot store: one load per subject per TTL, however many viewers.

Stale snapshots keep being served while a background thread reads the new one, so
nobody waits for a refresh after the first load; a failed refresh keeps the old
snapshot and records the error for the page to mention.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from data_access.errors import DataUnavailable
from data_access.snapshot import Snapshot, SnapshotLoader
from data_access.subjects import REFERENCE, SUBJECTS, Subject

log = logging.getLogger(__name__)
RETRY_AFTER_FAILURE_SECONDS = 10.0


@dataclass
class _Entry:
    snapshot: Snapshot | None = None
    loaded_at: float = 0.0
    refreshing: bool = False
    last_error: str | None = None
    failed_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class SnapshotStore:
    """Holds the latest snapshot of each subject and refreshes it on a TTL."""

    loader: SnapshotLoader
    ttl_override: float | None = None
    #: Run on each new snapshot before it is served (e.g. the views every viewer shares),
    #: so the first viewer after a background refresh does not pay for them.
    warm: Callable[[Snapshot, SnapshotStore], None] | None = None
    clock: Callable[[], float] = time.monotonic
    _entries: dict[str, _Entry] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)
    loads: dict[str, int] = field(default_factory=dict)

    def _entry(self, key: str) -> _Entry:
        with self._guard:
            return self._entries.setdefault(key, _Entry())

    def _ttl(self, subject: Subject) -> float:
        return self.ttl_override if self.ttl_override is not None else subject.ttl_seconds

    def _load(self, subject: Subject) -> Snapshot:
        reference = None if subject is REFERENCE else self.get(REFERENCE.key)
        snapshot = self.loader.load(subject, reference)
        self.loads[subject.key] = self.loads.get(subject.key, 0) + 1
        if self.warm is not None:
            try:
                self.warm(snapshot, self)
            except Exception:  # a figure's bug must not stop fresh data being served
                log.exception("warming the %s snapshot failed", subject.key)
        return snapshot

    def _load_into(self, subject: Subject, entry: _Entry) -> None:
        try:
            snapshot = self._load(subject)
        except DataUnavailable as error:
            entry.last_error, entry.failed_at = str(error), self.clock()
            raise
        entry.snapshot, entry.loaded_at, entry.last_error = snapshot, self.clock(), None

    def _refresh_in_background(self, subject: Subject, entry: _Entry) -> None:
        def run() -> None:
            try:
                with entry.lock:
                    self._load_into(subject, entry)
            except DataUnavailable as error:
                log.warning("refresh of %s failed: %s", subject.key, error)
                # Keep serving the old snapshot; try again shortly, not on every rerun.
                entry.loaded_at = self.clock() - self._ttl(subject) + RETRY_AFTER_FAILURE_SECONDS
            finally:
                entry.refreshing = False

        threading.Thread(target=run, name=f"refresh-{subject.key}", daemon=True).start()

    def get(self, key: str) -> Snapshot:
        """The subject's snapshot; loads it on first use, refreshes it behind the scenes."""
        subject = SUBJECTS[key]
        entry = self._entry(key)
        if entry.snapshot is None:
            with entry.lock:
                if entry.snapshot is None:
                    recent_failure = self.clock() - entry.failed_at < RETRY_AFTER_FAILURE_SECONDS
                    if entry.last_error and recent_failure:
                        raise DataUnavailable(entry.last_error)
                    self._load_into(subject, entry)
            return entry.snapshot  # type: ignore[return-value]
        if self.clock() - entry.loaded_at >= self._ttl(subject):
            with self._guard:
                already = entry.refreshing
                entry.refreshing = True
            if not already:
                self._refresh_in_background(subject, entry)
        return entry.snapshot

    def refresh_error(self, key: str) -> str | None:
        """Why the last background refresh failed, if it did (the old data is still shown)."""
        return self._entry(key).last_error

    def invalidate(self) -> None:
        """Forget every snapshot (the next ``get`` reads afresh)."""
        with self._guard:
            self._entries.clear()
