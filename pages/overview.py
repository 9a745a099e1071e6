"""Overview: each subject's headline tiles with target state, change and 12-week trend."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import streamlit as st

from data_access.subjects import REFERENCE, RESPECT
from figures.headlines import (
    SUBJECT_LABELS,
    SUBJECT_ORDER,
    overview_headlines,
    sparkline,
    subject_period,
    weekly_values,
    weeks_ending,
)
from ui.context import current_context
from ui.data import all_snapshots, data_as_at
from ui.navigation import subject_page
from ui.tiles import headline_tiles, subject_heading

#: The most tiles a subject has (repairs), so every subject's tiles line up.
TILES_PER_ROW = 4


def render() -> None:
    context = current_context()
    if context is None:
        return
    st.title("Overview")
    viewer, filters, scope = context.viewer, context.filters, context.scope
    suppress = not viewer.sees_incident_detail
    shown = [s for s in SUBJECT_ORDER if s != RESPECT.key or viewer.sees_incident_counts]
    snapshots = all_snapshots([REFERENCE.key, *shown])
    for subject in shown:
        subject_heading(SUBJECT_LABELS[subject], subject_page(subject, viewer))
        snapshot = snapshots[subject]
        if snapshot is None:
            continue  # subject_snapshot has said why
        data_as_at(snapshot)
        headlines = overview_headlines(subject, snapshots, filters, scope)
        if not headlines:
            st.info(f"No {SUBJECT_LABELS[subject].lower()} figures to show yet.")
            continue
        weeks = weeks_ending(subject_period(subject, snapshots, filters))
        series = weekly_values(subject, snapshots, filters, scope, weeks)
        hidden = suppress and subject == RESPECT.key
        trends = {h.label: sparkline(series, h.label, suppress=hidden) for h in headlines}
        headline_tiles(headlines, trends, filters, scope, hidden, per_row=TILES_PER_ROW)


render()
