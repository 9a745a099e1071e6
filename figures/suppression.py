"""Small-number suppression: counts of 1 to 4 are shown as "<5" to protect staff.

One function, used wherever an incident count is displayed. The respect page issue
extends this with secondary suppression for tables and heatmaps.
"""

from __future__ import annotations

SUPPRESSED = "<5"
SMALLEST_SHOWN = 5


def shown_count(count: int | None, suppress: bool) -> str:
    """The count as displayed: zero stays 0; 1-4 become "<5" when suppressing."""
    if count is None:
        return "n/a"
    if suppress and 0 < count < SMALLEST_SHOWN:
        return SUPPRESSED
    return f"{count:,}"
