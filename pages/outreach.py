"""Outreach: welfare-call campaign progress (full content: a later issue)."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

from data_access.subjects import OUTREACH
from figures import outreach
from ui.layout import subject_header
from ui.tiles import metric_row


def render() -> None:
    ready = subject_header("Outreach", OUTREACH)
    if ready is None:
        return
    context, snapshot = ready
    metric_row(outreach.headline_tiles(snapshot, context.filters, context.scope))


render()
