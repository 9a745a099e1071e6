"""The Huddle's parts: the week picker, what the view covers, the headline block, the pack."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

import streamlit as st

from data_access.filters import Filters, Period
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from figures.headlines import SUBJECT_LABELS, for_period
from figures.huddle import sentence
from figures.huddle_view import HuddleView
from reports.huddle_pack import huddle_pack_html
from ui.data import stale_notes
from ui.tiles import headline_tiles

WEEK_PARAM = "week"
_WEEK_KEY = "huddle_week"


def week_label(week: Period) -> str:
    return f"{week.start:%a %d %b} to {week.end:%a %d %b %Y}"


def _week_from_url(weeks: Sequence[Period]) -> Period:
    try:
        wanted = date.fromisoformat(st.query_params.get(WEEK_PARAM, ""))
    except ValueError:
        return weeks[0]
    return next((w for w in weeks if w.start == wanted), weeks[0])


def chosen_week(weeks: Sequence[Period], tv: bool) -> Period:
    """The week to show: a picker (kept in the URL) or, on the TV, the URL's or latest."""
    if tv:
        return _week_from_url(weeks)
    if _WEEK_KEY not in st.session_state or st.session_state[_WEEK_KEY] not in weeks:
        st.session_state[_WEEK_KEY] = _week_from_url(weeks)
    week = st.selectbox("Week (Monday to Sunday)", weeks, key=_WEEK_KEY, format_func=week_label)
    if week == weeks[0]:
        st.query_params.pop(WEEK_PARAM, None)
    else:
        st.query_params[WEEK_PARAM] = week.start.isoformat()
    return week


def coverage(filters: Filters, scope: Scope, area_names: Mapping[str, str]) -> str:
    """What the figures cover, in words: "All regions", "North, East", "Areas: Northgate"."""
    if filters.areas:
        return "Areas: " + ", ".join(area_names.get(a, a) for a in filters.areas)
    regions = scope.narrowed(filters.regions).regions
    return "All regions" if regions is None else "Regions: " + ", ".join(sorted(regions))


def stale_warnings(snapshots: Mapping[str, Snapshot | None]) -> None:
    """One line naming every stale subject (on the TV a box per subject would push the
    tiles off the screen)."""
    shown = [s for key, s in snapshots.items() if s is not None and key in SUBJECT_LABELS]
    notes = stale_notes(shown)
    if notes:
        st.warning("Out of date: " + "; ".join(notes) + ".", icon=":material/schedule:")


def headline_block(view: HuddleView, filters: Filters, scope: Scope, suppress: bool) -> None:
    """Every subject's headline figures, this week against last, in one grid."""
    headlines = [h for found in view.headlines.values() for h in found]
    trends = {label: t for found in view.trends.values() for label, t in found.items()}
    week_filters = for_period(filters, view.week)
    with st.container(key="huddle_headlines"):
        headline_tiles(
            headlines, trends, week_filters, scope, suppress, per_row=5, compared_with="last week"
        )


def what_changed_list(view: HuddleView, suppress: bool) -> None:
    st.subheader("What changed")
    if not view.movements:
        st.info("No figure moved between last week and this week.")
        return
    lines = [f"{n}. {sentence(m, suppress)}" for n, m in enumerate(view.movements, start=1)]
    with st.container(key="huddle_what_changed"):
        st.markdown("\n".join(lines))


def pack_button(view: HuddleView, covered: str, suppress: bool) -> None:
    """The pack is built only when clicked (it carries Plotly's whole library)."""
    st.download_button(
        "Download huddle pack",
        data=lambda: huddle_pack_html(view, covered, suppress, datetime.now()),
        file_name=f"huddle-pack-{view.week.start.isoformat()}.html",
        mime="text/html",
        icon=":material/download:",
        help="One HTML file with this week's figures, What changed and the charts;"
        " it opens in any browser with no network.",
        on_click="ignore",
    )
