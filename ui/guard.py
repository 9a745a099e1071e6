"""Keep Streamlit's legacy ``pages/`` discovery from bypassing the login.

With a ``pages/`` folder beside the entry script, a fresh server runs
``pages/<name>.py`` directly for a session that has not called ``st.navigation``
yet, skipping ``dashboard.py`` and its login. So page modules render nothing when
imported, and whichever script the legacy path starts (the entry or a page) calls
``leave_legacy_pages_mode``: it switches the discovery off for the process and
reruns at once, before any widget exists, so the rerun lands in ``dashboard.py``
with the same URL (page hashes come from URL paths, so a deep link survives).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def leave_legacy_pages_mode() -> None:
    """If the legacy discovery started this run, turn it off and start over."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
