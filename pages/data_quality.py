"""Data quality: rows that break the data contract, excluded from every figure."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import streamlit as st

from data_access.subjects import SUBJECTS
from figures.quality import excluded_table, issues_table
from ui.context import current_context
from ui.data import subject_snapshot


def render() -> None:
    context = current_context()
    if context is None:
        return
    st.title("Data quality")
    st.write(
        "Rows that break the data contract (unknown codes, missing required values, "
        "timestamps in the wrong order, orphaned or duplicated keys, dates in the future) "
        "are left out of every figure. They are listed here so they can be fixed at source."
    )
    snapshots = [s for s in (subject_snapshot(key) for key in SUBJECTS) if s is not None]
    issues = issues_table(snapshots)
    st.metric("Rows excluded", f"{sum(sum(s.excluded.values()) for s in snapshots):,}")
    if issues.height:
        st.dataframe(issues, hide_index=True, width="stretch")
    else:
        st.success("Every row read keeps the data contract.")
    with st.expander("Rows used and excluded, per table"):
        st.dataframe(excluded_table(snapshots), hide_index=True, width="stretch")


render()
