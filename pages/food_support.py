"""Food support: referrals to food banks and partners (full content: a later issue)."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

from data_access.subjects import FOOD
from figures import food
from ui.layout import subject_header
from ui.tiles import metric_row


def render() -> None:
    ready = subject_header("Food support", FOOD)
    if ready is None:
        return
    context, snapshot = ready
    metric_row(food.headline_tiles(snapshot, context.filters, context.scope))


render()
