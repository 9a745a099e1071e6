"""Frames handed to the other core reach the memo once, and a failure there breaks nothing."""

from __future__ import annotations

import threading

import polars as pl

from data_access.frame_memo import FrameMemo
from figures.beside import build_beside

FRAME = pl.DataFrame({"calls": [4]})


def test_a_frame_built_beside_is_computed_once_on_another_thread_and_remembered():
    memo, built_on = FrameMemo(), []

    def compute() -> pl.DataFrame:
        built_on.append(threading.current_thread().name)
        return FRAME

    build_beside(memo.get, "counts", compute).result(10)
    assert memo.get("counts", compute) is FRAME
    assert len(built_on) == 1 and built_on[0] != threading.current_thread().name


def test_a_build_that_fails_beside_leaves_the_frame_to_its_asker():
    memo = FrameMemo()

    def broken() -> pl.DataFrame:
        raise ValueError("bad figure")

    beside = build_beside(memo.get, "counts", broken)
    assert isinstance(beside.exception(10), ValueError)
    assert memo.get("counts", lambda: FRAME) is FRAME


def test_an_urgent_build_goes_before_builds_queued_earlier():
    started, gate, ran = threading.Event(), threading.Event(), []

    def hold() -> None:  # keeps the other thread busy while the queue fills
        started.set()
        gate.wait(10)

    build_beside(hold)
    assert started.wait(10)
    later = [build_beside(ran.append, f"later {i}") for i in range(2)]
    urgent = build_beside(ran.append, "urgent", urgent=True)
    gate.set()
    for future in (*later, urgent):
        future.result(10)
    assert ran == ["urgent", "later 0", "later 1"]
