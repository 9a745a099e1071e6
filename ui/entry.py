"""The run every request goes through: login first, then only the role's pages."""

from __future__ import annotations

import streamlit as st

from auth.cookies import flush_cookie_writes
from auth.login import current_viewer, log_out
from data_access.errors import ConfigurationError
from data_access.subjects import REFERENCE
from ui.context import PageContext, set_context
from ui.data import subject_snapshot
from ui.filters import shared_filters
from ui.navigation import pages_for, placeholder_pages
from ui.tv import tv_mode, tv_styles


def main() -> None:
    """Log in, register the viewer's pages with ``st.navigation`` and run the chosen one."""
    tv = tv_mode()
    st.set_page_config(
        page_title="Doorstep",
        page_icon=":material/home_work:",
        layout="wide",
        initial_sidebar_state="collapsed" if tv else "auto",
    )
    try:
        viewer = current_viewer()
    except ConfigurationError as error:
        st.error(str(error))
        return
    if viewer is None:
        # Register every URL as an empty, hidden page so a deep link survives the login
        # form (the page it names is resolved again after login, against the role).
        st.navigation(placeholder_pages(), position="hidden")
        return
    page = st.navigation(pages_for(viewer), position="hidden" if tv else "top")
    if tv:
        tv_styles()
    with st.sidebar:
        st.caption(f"Signed in as {viewer.name} · {viewer.role}")
        st.button("Log out", on_click=log_out, key="doorstep_logout", icon=":material/logout:")
        reference = subject_snapshot(REFERENCE.key)
    set_context(PageContext(viewer, shared_filters(viewer, reference)))
    page.run()
    flush_cookie_writes()
