"""The page registry: titles, icons and URLs; the role decides which are registered."""

from __future__ import annotations

import streamlit as st

from auth.roles import PageId, Viewer
from data_access.subjects import FOOD, OUTREACH, REPAIRS_SUBJECT, RESPECT
from figures.headlines import SUBJECT_ORDER

#: page → (title, icon, script relative to dashboard.py)
PAGES: dict[PageId, tuple[str, str, str]] = {
    PageId.OVERVIEW: ("Overview", ":material/dashboard:", "pages/overview.py"),
    PageId.HUDDLE: ("Huddle", ":material/groups:", "pages/huddle.py"),
    PageId.OUTREACH: ("Outreach", ":material/call:", "pages/outreach.py"),
    PageId.FOOD: ("Food support", ":material/restaurant:", "pages/food_support.py"),
    PageId.REPAIRS: ("Repairs", ":material/construction:", "pages/repairs.py"),
    PageId.RESPECT: ("Respect (incidents)", ":material/shield_person:", "pages/respect.py"),
    PageId.DATA_QUALITY: ("Data quality", ":material/rule:", "pages/data_quality.py"),
    PageId.ACCESS_LOG: ("Incident access log", ":material/history:", "pages/access_log.py"),
}


def pages_for(viewer: Viewer) -> list[st.Page]:
    """Only the pages the viewer's role allows, each at its own URL, and a hidden root
    page that opens the first of them (the role's landing page).

    Streamlit serves its default page at "/" only, so a landing page registered as the
    default would answer "/huddle" with "Page not found": a bookmarked TV-mode URL on the
    huddle role's screen must open as it is.
    """
    pages = [
        st.Page(PAGES[page][2], title=PAGES[page][0], icon=PAGES[page][1], url_path=str(page))
        for page in viewer.pages
    ]

    def landing() -> None:
        st.switch_page(
            pages[0], query_params={k: st.query_params.get_all(k) for k in st.query_params}
        )

    root = st.Page(landing, title=pages[0].title, default=True, visibility="hidden")
    return [root, *pages]


def _nothing() -> None:
    """A page body for visitors who are not logged in: the login form is all they see."""


def _sign_in() -> None:
    """The site root before login: its own page, so after login the role's landing page
    opens (the Huddle for the huddle role) rather than whatever page the root stood for."""


def placeholder_pages() -> list[st.Page]:
    """Every page URL, rendering nothing, so the URL a visitor asked for is kept."""
    return [
        st.Page(_sign_in, title="Sign in", default=True),
        *(
            st.Page(_nothing, title=title, url_path=str(page))
            for page, (title, _icon, _script) in PAGES.items()
        ),
    ]


#: Each subject's own page, where its Overview and Huddle figures are drilled into.
_SUBJECT_PAGES = {
    OUTREACH.key: PageId.OUTREACH,
    FOOD.key: PageId.FOOD,
    REPAIRS_SUBJECT.key: PageId.REPAIRS,
    RESPECT.key: PageId.RESPECT,
}


def subject_page(subject: str, viewer: Viewer) -> tuple[str, str] | None:
    """(script, title) of the subject's page, if the viewer may open it."""
    page = _SUBJECT_PAGES.get(subject)
    if page is None or not viewer.may_see(page):
        return None
    title, _icon, script = PAGES[page]
    return script, title


def headline_subjects(viewer: Viewer) -> list[str]:
    """The subjects whose headline figures the Overview and the Huddle show this viewer."""
    return [s for s in SUBJECT_ORDER if s != RESPECT.key or viewer.sees_incident_counts]
