"""The top of every subject page: title, data freshness, period."""

from __future__ import annotations

import streamlit as st

from data_access.snapshot import Snapshot
from data_access.subjects import Subject
from ui.context import PageContext, current_context
from ui.data import data_as_at, subject_snapshot


def subject_header(title: str, subject: Subject) -> tuple[PageContext, Snapshot] | None:
    """Title, "Data as at" and period; None when the page must show nothing more."""
    context = current_context()
    if context is None:
        return None
    st.title(title)
    snapshot = subject_snapshot(subject.key)
    if snapshot is None:
        return None
    data_as_at(snapshot)
    st.caption(f"Period: {context.filters.period(snapshot.latest_day).label()}")
    return context, snapshot
