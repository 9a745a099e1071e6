"""A snapshot's memo: frames derived from it, computed once whoever asks first.

Snapshots never change, so anything computed from one (a scoped view, a figure's
all-area frame) can be kept for every session until the next refresh replaces it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future

import polars as pl


class _Abandoned(Exception):
    """A remembered frame's computation was stopped (a rerun, an interrupt), not failed."""


class FrameMemo:
    """A small LRU of frames derived from one snapshot (scoped views, figure results).

    Every tile of a page asks for the same scoped rows; keeping recent views turns each
    later ask into a dictionary lookup, and the snapshot never changes. Bounded by
    entries and by bytes, so many tiny figure results never push out one big view. The
    Overview's and Huddle's 12-week lines keep a few hundred small per-week frames, so
    the entry bound is generous and the byte budget is what really limits it.
    """

    def __init__(self, size: int = 1024, budget_bytes: int = 512 * 1024 * 1024) -> None:
        self._size = size
        self._budget = budget_bytes
        self._frames: OrderedDict[Hashable, tuple[pl.DataFrame, int]] = OrderedDict()
        self._bytes = 0
        self._pending: dict[Hashable, Future] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        """The remembered frame, computed by the first caller; the others wait for it.

        Viewers (and the warm-up's threads) asking for a frame being computed wait for
        that one computation instead of repeating it on the same cores.
        """
        with self._lock:
            if key in self._frames:
                self._frames.move_to_end(key)
                return self._frames[key][0]
            pending = self._pending.get(key)
            first = pending is None
            if first:
                pending = self._pending[key] = Future()
        if not first:
            try:
                return pending.result()
            except _Abandoned:  # the first caller was stopped, not failed: compute here
                return self.get(key, compute)
        try:
            frame = compute()
        except BaseException as error:
            with self._lock:
                del self._pending[key]
            pending.set_exception(error if isinstance(error, Exception) else _Abandoned())
            raise
        size = frame.estimated_size()
        with self._lock:
            del self._pending[key]
            if key not in self._frames:
                self._frames[key] = (frame, size)
                self._bytes += size
            while len(self._frames) > 1 and (
                len(self._frames) > self._size or self._bytes > self._budget
            ):
                _, (_, dropped) = self._frames.popitem(last=False)
                self._bytes -= dropped
        pending.set_result(frame)
        return frame
