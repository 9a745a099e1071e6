"""Work a second core can do while a figure's own thread builds something else.

A first view of a campaign builds several shared frames, some independent of the
others; handing those to another thread uses the second core. The results only ever
reach the snapshot's memo, which computes each frame once: a frame asked for before
the other thread starts it is built by the asker, and a failure there is met again,
and raised, by whoever asks for the frame.

One thread, one queue, two priorities: a frame the asker's next step waits for
(``urgent``) goes before frames wanted only at the end (the tiles' counts), which
would otherwise hold it up on a first view.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from concurrent.futures import Future
from queue import PriorityQueue

_queue: PriorityQueue[tuple[int, int, Future, Callable[..., object], tuple]] = PriorityQueue()
_order = itertools.count()  # first come, first served within a priority
_start = threading.Lock()
_worker: list[threading.Thread] = []


def build_beside(build: Callable[..., object], *args: object, urgent: bool = False) -> Future:
    """Start ``build(*args)`` on the other thread; callers leave its result to the memo."""
    future: Future = Future()
    _queue.put((0 if urgent else 1, next(_order), future, build, args))
    with _start:
        if not _worker:
            _worker.append(threading.Thread(target=_work, name="figures-beside", daemon=True))
            _worker[0].start()
    return future


def _work() -> None:
    while True:
        _, _, future, build, args = _queue.get()
        if not future.set_running_or_notify_cancel():
            continue
        try:
            future.set_result(build(*args))
        except BaseException as error:  # handed to the caller's future, as an executor does
            future.set_exception(error)
