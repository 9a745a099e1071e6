"""Overview: each subject's headline tiles with target state, change and 12-week trend."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import streamlit as st

from data_access.subjects import REFERENCE
from figures.headlines import SUBJECT_LABELS, headlines_with_trends, subject_period, weeks_ending
from ui.context import current_context
from ui.data import all_snapshots, data_as_at
from ui.navigation import headline_subjects, subject_page
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
    shown = headline_subjects(viewer)
    snapshots = all_snapshots([REFERENCE.key, *shown])
    for subject in shown:
        subject_heading(SUBJECT_LABELS[subject], subject_page(subject, viewer))
        snapshot = snapshots[subject]
        if snapshot is None:
            continue  # subject_snapshot has said why
        data_as_at(snapshot)
        weeks = weeks_ending(subject_period(subject, snapshots, filters))
        headlines, trends = headlines_with_trends(
            subject, snapshots, filters, scope, weeks, suppress
        )
        if not headlines:
            st.info(f"No {SUBJECT_LABELS[subject].lower()} figures to show yet.")
            continue
        headline_tiles(headlines, trends, filters, scope, suppress, per_row=TILES_PER_ROW)


render()
