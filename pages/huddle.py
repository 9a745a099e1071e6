"""Huddle: this week against last for the weekly team meeting, with a TV mode and a pack."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import streamlit as st

from charts.huddle import weekly_trends
from data_access.subjects import REFERENCE
from figures.headlines import SUBJECT_LABELS
from figures.huddle import huddle_weeks, latest_data_day
from figures.huddle_view import huddle_view
from ui.context import PageContext, current_context
from ui.data import all_snapshots, area_names
from ui.huddle import (
    chosen_week,
    coverage,
    headline_block,
    pack_button,
    stale_warnings,
    week_label,
    what_changed_list,
)
from ui.navigation import headline_subjects
from ui.tv import REFRESH_SECONDS, TV_PARAM, tv_mode


def _current_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _body(context: PageContext, tv: bool) -> None:
    """Everything that changes with the data; on the TV it reruns on its own."""
    subjects = headline_subjects(context.viewer)
    suppress = not context.viewer.sees_incident_detail
    snapshots = all_snapshots([REFERENCE.key, *subjects])
    weeks = huddle_weeks(latest_data_day(snapshots))
    if not weeks:
        st.info("There is no data to hold a huddle on yet.")
        return
    controls = None if tv else st.columns([2, 1, 1], vertical_alignment="bottom")
    with controls[0] if controls else st.container():
        week = chosen_week(weeks, tv)
    filters, scope = context.filters, context.scope
    view = huddle_view(snapshots, filters, scope, week, subjects, suppress)
    covered = coverage(filters, scope, area_names(scope))
    st.caption(f"Week {week_label(week)} against the week before · {covered}")
    if controls:
        with controls[1]:
            st.page_link(
                "pages/huddle.py",
                label="TV mode",
                icon=":material/tv:",
                query_params={**_current_params(), TV_PARAM: "1"},
                help="Dark, large and refreshing every few minutes, for the meeting room.",
            )
        with controls[2]:
            pack_button(view, covered, suppress)
    stale_warnings(snapshots)
    headline_block(view, filters, scope, suppress)
    what_changed_list(view, suppress)
    st.subheader("Trends, last 12 weeks")
    for subject, headlines in view.headlines.items():
        if headlines:
            units = {h.label: h.tile.unit for h in headlines}
            figure = weekly_trends(
                SUBJECT_LABELS[subject], view.trends[subject], units, view.week_ends, dark=tv
            )
            st.plotly_chart(figure, key=f"huddle_trend_{subject}", config={"displaylogo": False})


def render() -> None:
    context = current_context()
    if context is None:
        return
    tv = tv_mode()
    st.title("Huddle")
    if tv:
        st.fragment(run_every=REFRESH_SECONDS)(_body)(context, tv)
        params = {k: v for k, v in _current_params().items() if k != TV_PARAM}
        st.page_link("pages/huddle.py", label="Exit TV mode", query_params=params)
    else:
        _body(context, tv)


render()
