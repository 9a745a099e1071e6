"""Data quality: what breaks the data contract, so the DBA can fix it at source."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import streamlit as st

from data_access.shared import current_structure_problems
from data_access.subjects import SUBJECTS
from figures.quality import excluded_table, issues_table, structure_table
from ui.context import current_context
from ui.data import subject_snapshot


def render() -> None:
    if current_context() is None:
        return
    st.title("Data quality")
    st.write(
        "Doorstep checks the database against the data contract. Rows that break it "
        "(unknown codes, missing required values, timestamps in the wrong order, orphaned "
        "or duplicated keys, dates in the future) are left out of every figure and listed "
        "here with a few example ids, so they can be fixed at source."
    )
    st.subheader("Tables and columns")
    structure = structure_table(current_structure_problems())
    if structure.height:
        st.error(f"{structure.height} problem(s) with the tables Doorstep reads.")
        st.dataframe(structure, hide_index=True, width="stretch")
    else:
        st.success("Every table and column of the contract is present with a usable type.")

    st.subheader("Rows")
    snapshots = [s for s in (subject_snapshot(key) for key in SUBJECTS) if s is not None]
    issues = issues_table(snapshots)
    total = sum(sum(s.excluded.values()) for s in snapshots)
    st.metric("Rows excluded", f"{total:,}", help="Rows left out of every figure.", border=True)
    if issues.height:
        st.dataframe(issues, hide_index=True, width="stretch")
    else:
        st.success("Every row read keeps the data contract.")
    with st.expander("Rows used and excluded, per table"):
        st.dataframe(excluded_table(snapshots), hide_index=True, width="stretch")


render()
