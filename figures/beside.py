"""Work a second core can do while a figure's own thread builds something else.

A first view of a campaign builds several shared frames, some independent of the
others; handing those to another thread uses the second core. The results only ever
reach the snapshot's memo, which computes each frame once: a frame asked for before
the other thread starts it is built by the asker, and a failure there is met again,
and raised, by whoever asks for the frame.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

_OTHER_CORE = ThreadPoolExecutor(1, thread_name_prefix="figures-beside")


def build_beside(build: Callable[..., object], *args: object) -> Future:
    """Start ``build(*args)`` on the other thread; callers leave its result to the memo."""
    return _OTHER_CORE.submit(build, *args)
