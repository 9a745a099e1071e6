"""What a page needs to know about this run: who is looking and what they chose.

``dashboard.py`` sets it after login; a page run without it (never through the
router) renders nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from auth.roles import Viewer
from data_access.filters import Filters
from data_access.scope import Scope

_KEY = "_doorstep_page_context"


@dataclass(frozen=True)
class PageContext:
    viewer: Viewer
    filters: Filters

    @property
    def scope(self) -> Scope:
        return self.viewer.scope


def set_context(context: PageContext) -> None:
    st.session_state[_KEY] = context


def current_context() -> PageContext | None:
    """The logged-in context, or None (the page must then render nothing)."""
    if not st.session_state.get("authentication_status"):
        return None
    return st.session_state.get(_KEY)
