"""Overview: one row of headline figures per subject, for the viewer's scope."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import streamlit as st

from data_access.subjects import FOOD, OUTREACH, REPAIRS_SUBJECT, RESPECT
from figures import food, outreach, repairs, respect
from ui.context import current_context
from ui.data import data_as_at, subject_snapshot
from ui.tiles import metric_row

_ROWS = (
    ("Outreach", OUTREACH, outreach.headline_tiles),
    ("Food support", FOOD, food.headline_tiles),
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
            metric_row(tiles(snapshot, context.filters, context.scope))
    if context.viewer.sees_incident_counts:
        st.subheader("Service with Respect")
        snapshot = subject_snapshot(RESPECT.key)
        if snapshot is not None:
            data_as_at(snapshot)
            metric_row(
                respect.headline_tiles(snapshot, context.filters, context.scope),
                suppress_small_counts=not context.viewer.sees_incident_detail,
            )


render()
