"""TV mode: the Huddle on a meeting-room screen, dark, large, no sidebar, self-refreshing.

Streamlit's theme is set per server, not per page, so TV mode restyles the page with a
few CSS rules over the elements' ``data-testid``s; the light theme stays everyone else's.
"""

from __future__ import annotations

import streamlit as st

TV_PARAM = "tv"
#: How often the TV screen reruns the Huddle (new snapshots arrive on the store's refresh).
REFRESH_SECONDS = 300

_TV_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {
  display: none !important;
}
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {
  background: #0e1117 !important; color: #f4f6fa !important;
}
[data-testid="stMainBlockContainer"] {
  max-width: 100% !important; padding: 1.2rem 2.5rem 1rem !important;
}
h1, h2, h3 { color: #f4f6fa !important; }
h1 { font-size: 2.6rem !important; padding: 0 0 0.3rem !important; }
h2, h3 { font-size: 1.9rem !important; }
[data-testid="stCaptionContainer"] p { color: #c9d1e0 !important; font-size: 1.1rem !important; }
.st-key-huddle_what_changed li, .st-key-huddle_what_changed p {
  color: #f4f6fa !important; font-size: 1.5rem !important; line-height: 1.45 !important;
}
[data-testid="stMetric"] { background: #1b1f29 !important; border-color: #39404f !important; }
[data-testid="stMetric"] [data-testid="stMetricLabel"] p {
  font-size: 1.2rem !important; color: #c9d1e0 !important; white-space: normal !important;
}
[data-testid="stMetric"] [data-testid="stMetricValue"] p {
  font-size: 3.4rem !important; line-height: 1.15 !important; color: #ffffff !important;
}
[data-testid="stMetric"] [data-testid="stMetricDelta"] p { font-size: 1.25rem !important; }
.stMarkdownBadge, .stMarkdownBadge span { font-size: 1.1rem !important; }
[data-testid="stMetricChart"], [data-testid="stMetricChart"] svg {
  background: transparent !important;
}
/* A badge's markdown hangs 16px below its tile (a paragraph margin offset by a negative
   one), so the headline block scrolled by that much: no margins there. */
.st-key-huddle_headlines [data-testid="stMarkdownContainer"],
.st-key-huddle_headlines [data-testid="stMarkdownContainer"] p {
  margin-bottom: 0 !important;
}
</style>
"""


def tv_mode() -> bool:
    """True when the URL asks for TV mode (``?tv=1``): a bookmark on the room's screen."""
    return st.query_params.get(TV_PARAM) == "1"


def tv_styles() -> None:
    """Dark, large type and no sidebar, for reading from across a room at 1920x1080."""
    st.html(_TV_CSS)
