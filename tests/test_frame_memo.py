"""A snapshot's memo computes each frame once, however many threads ask at the same time."""

from __future__ import annotations

import threading
from collections.abc import Callable

import polars as pl
import pytest

from data_access.frame_memo import FrameMemo

FRAME = pl.DataFrame({"residents": [3]})


class _Stopped(BaseException):
    """Stands for a rerun or interrupt stopping the thread that was computing."""


def _held(release: threading.Event, started: threading.Event, outcome: Callable[[], pl.DataFrame]):
    def compute() -> pl.DataFrame:
        started.set()
        assert release.wait(10)
        return outcome()

    return compute


def _ask(memo: FrameMemo, compute: Callable[[], pl.DataFrame], answers: list) -> threading.Thread:
    def run() -> None:
        try:
            answers.append(memo.get("tiles", compute))
        except BaseException as error:  # recorded for the test to inspect
            answers.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _second_asker_waits(memo: FrameMemo, outcome: Callable[[], pl.DataFrame]) -> tuple:
    """The first thread computes (held), a second asks meanwhile; both answers."""
    release, started = threading.Event(), threading.Event()
    first_answer, second_answer, calls = [], [], []

    def second_compute() -> pl.DataFrame:
        calls.append("second")
        return FRAME.with_columns(pl.lit("second").alias("by"))

    first = _ask(memo, _held(release, started, outcome), first_answer)
    assert started.wait(10)
    second = _ask(memo, second_compute, second_answer)
    second.join(0.2)
    waited = second.is_alive()  # it computed nothing of its own while the first ran
    release.set()
    first.join(10)
    second.join(10)
    return waited, first_answer[0], second_answer[0], calls


def test_a_second_thread_waits_for_the_frame_being_computed_and_shares_it():
    memo = FrameMemo()
    waited, first, second, calls = _second_asker_waits(memo, lambda: FRAME)
    assert waited
    assert calls == []
    assert first is FRAME and second is FRAME
    assert memo.get("tiles", lambda: pytest.fail("remembered")) is FRAME


def test_a_failed_computation_fails_its_waiters_and_is_not_remembered():
    memo = FrameMemo()

    def fail() -> pl.DataFrame:
        raise ValueError("bad figure")

    waited, first, second, calls = _second_asker_waits(memo, fail)
    assert waited and calls == []
    assert isinstance(first, ValueError) and isinstance(second, ValueError)
    assert memo.get("tiles", lambda: FRAME) is FRAME  # computed afresh


def test_a_stopped_computation_leaves_its_waiter_to_compute_the_frame_itself():
    memo = FrameMemo()

    def stopped() -> pl.DataFrame:
        raise _Stopped

    waited, first, second, calls = _second_asker_waits(memo, stopped)
    assert waited
    assert isinstance(first, _Stopped)
    assert calls == ["second"]
    assert second.get_column("by").to_list() == ["second"]
    assert memo.get("tiles", lambda: pytest.fail("remembered")) is second
