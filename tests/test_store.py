"""The snapshot store: one load per TTL however many readers, stale served while refreshing."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime

import pytest

from data_access.errors import DataUnavailable
from data_access.snapshot import Snapshot
from data_access.store import SnapshotStore
from data_access.subjects import REPAIRS_SUBJECT, SUBJECTS


@dataclass
class FakeLoader:
    """Counts loads; each load takes ``delay`` seconds and can be made to fail."""

    delay: float = 0.0
    fail: bool = False
    calls: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def load(self, subject, reference) -> Snapshot:
        self.calls.append(subject.key)
        time.sleep(self.delay)
        if self.fail:
            raise DataUnavailable("database down")
        return Snapshot(subject, {}, (), {}, datetime.now(), self.delay, latest_day=None)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_concurrent_first_requests_load_once():
    loader = FakeLoader(delay=0.2)
    store = SnapshotStore(loader)
    threads = [threading.Thread(target=store.get, args=(REPAIRS_SUBJECT.key,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loader.calls.count(REPAIRS_SUBJECT.key) == 1
    assert loader.calls.count("reference") == 1


def test_fresh_snapshot_is_reused_without_reading():
    loader, clock = FakeLoader(), Clock()
    store = SnapshotStore(loader, clock=clock)
    first = store.get(REPAIRS_SUBJECT.key)
    clock.now = SUBJECTS[REPAIRS_SUBJECT.key].ttl_seconds - 1
    assert store.get(REPAIRS_SUBJECT.key) is first
    assert loader.calls.count(REPAIRS_SUBJECT.key) == 1


def test_stale_snapshot_is_served_while_the_new_one_loads():
    loader, clock = FakeLoader(), Clock()
    store = SnapshotStore(loader, clock=clock)
    first = store.get(REPAIRS_SUBJECT.key)
    loader.delay = 0.3
    clock.now = REPAIRS_SUBJECT.ttl_seconds + 1
    started = time.perf_counter()
    assert store.get(REPAIRS_SUBJECT.key) is first  # old data, no waiting
    assert time.perf_counter() - started < loader.delay
    deadline = time.monotonic() + 5
    while store.get(REPAIRS_SUBJECT.key) is first and time.monotonic() < deadline:
        time.sleep(0.02)
    assert store.get(REPAIRS_SUBJECT.key) is not first
    assert loader.calls.count(REPAIRS_SUBJECT.key) == 2


def test_failed_refresh_keeps_old_data_and_says_why():
    loader, clock = FakeLoader(), Clock()
    store = SnapshotStore(loader, clock=clock)
    first = store.get(REPAIRS_SUBJECT.key)
    loader.fail = True
    clock.now = REPAIRS_SUBJECT.ttl_seconds + 1
    assert store.get(REPAIRS_SUBJECT.key) is first
    deadline = time.monotonic() + 5
    while store.refresh_error(REPAIRS_SUBJECT.key) is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert store.refresh_error(REPAIRS_SUBJECT.key) == "database down"
    assert store.get(REPAIRS_SUBJECT.key) is first


def test_first_load_failure_is_raised_then_retried_later():
    loader, clock = FakeLoader(fail=True), Clock()
    store = SnapshotStore(loader, clock=clock)
    with pytest.raises(DataUnavailable):
        store.get("reference")
    with pytest.raises(DataUnavailable):
        store.get("reference")
    assert loader.calls.count("reference") == 1  # not hammered on every rerun
    loader.fail = False
    clock.now = 60
    assert store.get("reference").subject.key == "reference"


def test_each_new_snapshot_is_warmed_before_it_is_served():
    warmed = []
    store = SnapshotStore(FakeLoader(), warm=lambda snapshot, _: warmed.append(snapshot))
    snapshot = store.get(REPAIRS_SUBJECT.key)
    assert warmed[-1] is snapshot


def test_a_failing_warm_up_still_serves_the_snapshot():
    def broken(snapshot, store):
        raise RuntimeError("a figure's bug")

    store = SnapshotStore(FakeLoader(), warm=broken)
    assert store.get(REPAIRS_SUBJECT.key).subject is REPAIRS_SUBJECT
