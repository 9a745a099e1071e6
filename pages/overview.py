"""Overview: one row of headline figures per subject, for the viewer's scope."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import streamlit as st

from data_access.filters import Filters
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.subjects import FOOD, OUTREACH, REFERENCE, REPAIRS_SUBJECT, RESPECT
from figures import food, outreach, repairs, respect
from figures.tiles import Tile
from ui.context import current_context
from ui.data import data_as_at, subject_snapshot
from ui.tiles import metric_row, respect_metric_row


def _outreach_tiles(snapshot: Snapshot, filters: Filters, scope: Scope) -> list[Tile]:
    """The latest running campaign's tiles, as the outreach page opens on it."""
    reference = subject_snapshot(REFERENCE.key)
    campaign = outreach.default_campaign(outreach.campaigns(reference)) if reference else None
    if campaign is None:
        return []
    return outreach.headline_tiles(snapshot, filters, scope, campaign.campaign_id)


def _food_tiles(snapshot: Snapshot, filters: Filters, scope: Scope) -> list[Tile]:
    return food.headline_tiles(snapshot, filters, scope, outreach=subject_snapshot(OUTREACH.key))


_ROWS = (
    ("Outreach", OUTREACH, _outreach_tiles),
    ("Food support", FOOD, _food_tiles),
    ("Repairs", REPAIRS_SUBJECT, repairs.headline_tiles),
)


def render() -> None:
    context = current_context()
    if context is None:
        return
    st.title("Overview")
    for heading, subject, tiles in _ROWS:
        st.subheader(heading)
        snapshot = subject_snapshot(subject.key)
        if snapshot is not None:
            data_as_at(snapshot)
            shown = tiles(snapshot, context.filters, context.scope)
            if shown:
                metric_row(shown)
    if context.viewer.sees_incident_counts:
        st.subheader("Service with Respect")
        snapshot = subject_snapshot(RESPECT.key)
        if snapshot is not None:
            data_as_at(snapshot)
            respect_metric_row(
                respect.headline_tiles(snapshot, context.filters, context.scope)[:2],
                suppress=not context.viewer.sees_incident_detail,
            )


render()
