"""Service with Respect: abuse of staff (heatmaps and privacy rules: a later issue)."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import streamlit as st

from data_access.subjects import RESPECT
from figures import respect
from ui.layout import subject_header
from ui.tiles import metric_row


def render() -> None:
    ready = subject_header("Service with Respect", RESPECT)
    if ready is None:
        return
    context, snapshot = ready
    suppress = not context.viewer.sees_incident_detail
    if suppress:
        st.caption("Counts from 1 to 4 are shown as <5 to protect the staff involved.")
    tiles = respect.headline_tiles(snapshot, context.filters, context.scope)
    metric_row(tiles, suppress_small_counts=suppress)


render()
