"""Keep Streamlit's legacy ``pages/`` discovery from bypassing the login.

With a ``pages/`` folder beside the entry script, a fresh server runs a session's
first script through its legacy multipage runner: ``pages/<name>.py`` directly,
skipping ``dashboard.py`` and its login, or ``dashboard.py`` as one page among the
files of ``pages/``. Every session whose first run starts before the process-wide
flag is cleared takes that path, and widgets drawn inside it get other ids than in a
normal run, so a login form drawn there silently drops the first submit.

So ``dashboard.py`` and every page script call ``leave_legacy_pages_mode`` first,
before importing anything heavy: it clears the flag and, if this run came through
the legacy runner, reruns at once (no widget exists yet, so nothing is lost). The
rerun lands in ``dashboard.py`` with the same URL: page hashes come from URL paths,
so a deep link survives. The legacy runner's own page list is never shown:
``client.showSidebarNavigation = false`` hides it, and Doorstep's navigation is
drawn at the top.
"""

from __future__ import annotations

import sys

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

_LEGACY_RUNNER = "_mpa_v1"  # streamlit.runtime.scriptrunner.script_runner


def _inside_legacy_runner() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == _LEGACY_RUNNER:
            return True
        frame = frame.f_back
    return False


def leave_legacy_pages_mode() -> None:
    """If the legacy discovery started this run, turn it off and start over."""
    legacy = PagesManager.uses_pages_directory or _inside_legacy_runner()
    PagesManager.uses_pages_directory = False
    if legacy:
        st.rerun()
