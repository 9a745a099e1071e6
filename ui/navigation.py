"""The page registry: titles, icons and URLs; the role decides which are registered."""

from __future__ import annotations

import streamlit as st

from auth.roles import PageId, Viewer

#: page → (title, icon, script relative to dashboard.py)
PAGES: dict[PageId, tuple[str, str, str]] = {
    PageId.OVERVIEW: ("Overview", ":material/dashboard:", "pages/overview.py"),
    PageId.OUTREACH: ("Outreach", ":material/call:", "pages/outreach.py"),
    PageId.FOOD: ("Food support", ":material/restaurant:", "pages/food_support.py"),
    PageId.REPAIRS: ("Repairs", ":material/construction:", "pages/repairs.py"),
    PageId.RESPECT: ("Respect (incidents)", ":material/shield_person:", "pages/respect.py"),
    PageId.DATA_QUALITY: ("Data quality", ":material/rule:", "pages/data_quality.py"),
    PageId.ACCESS_LOG: ("Incident access log", ":material/history:", "pages/access_log.py"),
}


def pages_for(viewer: Viewer) -> list[st.Page]:
    """Only the pages the viewer's role allows; the first is the landing page."""
    return [
        st.Page(
            PAGES[page][2],
            title=PAGES[page][0],
            icon=PAGES[page][1],
            url_path=str(page),
            default=index == 0,
        )
        for index, page in enumerate(viewer.pages)
    ]


def _nothing() -> None:
    """A page body for visitors who are not logged in: the login form is all they see."""


def placeholder_pages() -> list[st.Page]:
    """Every page URL, rendering nothing, so the URL a visitor asked for is kept."""
    return [
        st.Page(_nothing, title=title, url_path=str(page), default=index == 0)
        for index, (page, (title, _icon, _script)) in enumerate(PAGES.items())
    ]
