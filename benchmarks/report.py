"""The benchmark's output: timed samples shown as medians and plain-text tables."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


def say(*lines: str) -> None:
    """Print at once: a scale-20 run takes minutes and should show its progress."""
    for line in lines:
        print(line, flush=True)


@dataclass
class Samples:
    """Seconds per repeat, shown as median (min-max) milliseconds."""

    seconds: list[float] = field(default_factory=list)

    def time(self, action: Callable[[], T]) -> T:
        """Run ``action`` once, keep its duration and hand back its result for checking."""
        started = time.perf_counter()
        result = action()
        self.seconds.append(time.perf_counter() - started)
        return result

    @property
    def median(self) -> float:
        """The figure reported: robust to one run disturbed by the rest of the machine."""
        return statistics.median(self.seconds)

    def ms(self) -> str:
        """Median with the spread, so a noisy run is visible as such."""
        low, high = min(self.seconds) * 1e3, max(self.seconds) * 1e3
        return f"{self.median * 1e3:,.1f} ({low:,.1f}-{high:,.1f})"


def table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], text_last: bool = False
) -> list[str]:
    """A text table: numbers right-aligned; the first (and a last text) column left-aligned."""
    cells = [[str(c) for c in row] for row in (headers, *rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    left = {0, len(headers) - 1} if text_last else {0}
    lines = [
        "  ".join(
            c.ljust(w) if i in left else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in cells
    ]
    rule = "-" * max(len(line) for line in lines)
    return ["  " + lines[0], "  " + rule, *("  " + line for line in lines[1:])]


def mark(ok: bool) -> str:
    """A target's verdict in the summary (informational: the exit code ignores it)."""
    return "PASS" if ok else "MISS"
