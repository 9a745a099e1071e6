"""Who viewed the incident list, when, and with which filters (directors only)."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import streamlit as st

from audit.access_log import access_log
from ui.context import current_context

COLUMNS = {
    "viewed_at": st.column_config.DatetimeColumn("Viewed at", format="DD MMM YYYY HH:mm:ss"),
    "username": st.column_config.TextColumn("User"),
    "role": st.column_config.TextColumn("Role"),
    "filters": st.column_config.TextColumn("Period, regions, areas and cell"),
    "rows_shown": st.column_config.NumberColumn("Incidents listed"),
}


def render() -> None:
    if current_context() is None:
        return
    st.title("Incident access log")
    log = access_log()
    st.caption(
        f"Every view of the incident list, latest first. Kept apart from the operational"
        f" database, in {log.path.name}, which refuses changes and deletions."
    )
    try:
        entries = log.entries()
    except Exception as error:  # an unreadable log is reported, not a traceback
        st.error(f"The access log at {log.path} could not be read: {error}")
        return
    st.metric("Views of the incident list", f"{entries.height:,}", border=True)
    if entries.is_empty():
        st.info("Nobody has viewed the incident list yet.", icon=":material/inbox:")
        return
    st.dataframe(entries, column_config=COLUMNS, hide_index=True, width="stretch")


render()
