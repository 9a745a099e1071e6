"""Outreach: welfare-call campaign progress, outcomes, needs, reach and who to call next."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import polars as pl
import streamlit as st

from charts import outreach as charts
from data_access.subjects import FOOD, OUTREACH, REFERENCE
from figures import outreach
from figures.names import team_names
from figures.outreach import Campaign
from figures.outreach_follow_up import follow_up_list
from figures.outreach_progress import (
    REACH_DIMENSIONS,
    Progress,
    attempts_to_reach,
    calls_per_day_by_outcome,
    campaign_funnel,
    campaign_progress,
    needs_by_type,
    reach_rate_by,
)
from ui.campaign import campaign_choice, campaign_label
from ui.context import PageContext
from ui.data import area_names, subject_snapshot
from ui.drill import clickable_chart, current_drill, drill_banner
from ui.layout import subject_header
from ui.row_table import rows_with_downloads, with_names
from ui.tiles import metric_row

DRILL_PARAMS = {"team_id": "fu_team", "area_id": "fu_area"}
DRILL_TITLES = {"team_id": "team", "area_id": "area"}
_WHEN = "DD MMM YYYY HH:mm"
FOLLOW_UP_COLUMNS = {
    "resident_id": st.column_config.TextColumn("Resident"),
    "area_id": None,
    "area_name": st.column_config.TextColumn("Area"),
    "team_id": None,
    "team_name": st.column_config.TextColumn("Team (latest call)"),
    "reason": st.column_config.TextColumn("Why listed"),
    "attempts": st.column_config.NumberColumn("Calls so far"),
    "last_outcome": st.column_config.TextColumn("Last outcome"),
    "last_called_at": st.column_config.DatetimeColumn("Last call", format=_WHEN),
}


def _progress(days: pl.DataFrame, progress: Progress, campaign: Campaign) -> None:
    st.subheader("Campaign progress")
    st.plotly_chart(
        charts.campaign_progress_chart(
            days, progress.target, progress.pro_rata, progress.projected_on, progress.pace_per_day
        )
    )
    share = f" ({progress.reached / progress.target:.0%})" if progress.target else ""
    line = f"{progress.reached:,} residents reached of a target of {progress.target:,.0f}{share}."
    if progress.met_on is not None:
        line += f" The target was met on {progress.met_on:%d %b %Y}."
    elif progress.projected_on is not None:
        line += (
            f" At the last 7 days' pace ({progress.pace_per_day:,.1f} a day) it will be met"
            f" by **{progress.projected_on:%d %b %Y}**."
        )
    elif campaign.ended_on is not None and days.height and campaign.ended_on <= days["day"][-1]:
        line += f" The campaign ended on {campaign.ended_on:%d %b %Y} short of its target."
    else:
        line += " Nobody new was reached in the last 7 days, so no completion date is projected."
    if progress.pro_rata:
        line += " The target is pro rata to the share of the cohort in your view."
    st.markdown(line)


def _activity(context: PageContext, snapshot, food, campaign_id: str) -> None:
    args = (snapshot, context.filters, context.scope, campaign_id)
    calls, funnel = st.columns([3, 2])
    with calls:
        st.subheader("Calls per day by outcome")
        per_day = calls_per_day_by_outcome(*args)
        if per_day.is_empty():
            st.info("No calls in this period for this campaign.", icon=":material/call:")
        else:
            st.plotly_chart(charts.calls_by_outcome_chart(per_day))
    with funnel:
        st.subheader("From cohort to food support")
        st.plotly_chart(charts.funnel_chart(campaign_funnel(*args, food), "residents"))
        st.caption("Cohort residents at the end of the period; each stage is within the last.")
    needs, attempts = st.columns(2)
    with needs:
        st.subheader("Needs identified")
        by_type = needs_by_type(*args)
        if by_type.is_empty():
            st.info("No needs recorded on this period's calls.", icon=":material/checklist:")
        else:
            st.plotly_chart(charts.needs_chart(by_type))
    with attempts:
        st.subheader("Calls it takes to reach people")
        st.plotly_chart(charts.attempts_chart(attempts_to_reach(*args)))


def _follow_up(context: PageContext, snapshot, reference, campaign_id: str) -> None:
    args = (snapshot, context.filters, context.scope, campaign_id)
    st.subheader("Who to call next")
    st.caption("Reach rate on the period's calls. Click a bar to narrow the follow-up list.")
    names = {"team_id": team_names(reference), "area_id": area_names(context.scope)}
    rates = {d: reach_rate_by(*args, d) for d in REACH_DIMENSIONS}
    allowed = {d: set(frame.get_column(d).to_list()) for d, frame in rates.items()}
    drill = current_drill(DRILL_PARAMS, allowed)
    for column, dimension in zip(st.columns(2), REACH_DIMENSIONS, strict=True):
        with column:
            st.markdown(f"**By {DRILL_TITLES[dimension]}**")
            if rates[dimension].is_empty():
                st.info("No calls in this period.", icon=":material/call:")
                continue
            figure = charts.reach_rate_chart(
                rates[dimension], dimension, names[dimension], drill.get(dimension)
            )
            clickable_chart(figure, f"reach-by-{dimension}", DRILL_PARAMS[dimension])
    drill_banner(drill, DRILL_TITLES, names, DRILL_PARAMS, key="fu_clear")
    rows = with_names(follow_up_list(*args, drill), names)
    rows_with_downloads(
        rows,
        "follow-ups",
        FOLLOW_UP_COLUMNS,
        default_sort="last_called_at",
        context=context,
        empty_message="Nobody is waiting for a follow-up in this selection.",
        descending=False,
    )


def render() -> None:
    ready = subject_header("Outreach", OUTREACH)
    if ready is None:
        return
    context, snapshot = ready
    reference = subject_snapshot(REFERENCE.key)
    if reference is None:
        return
    campaign = campaign_choice(outreach.campaigns(reference))
    if campaign is None:
        st.info("No outreach campaigns are recorded yet.", icon=":material/campaign:")
        return
    tiles = outreach.headline_tiles(snapshot, context.filters, context.scope, campaign.campaign_id)
    metric_row(tiles[:3], subject="outreach", context=context)
    metric_row(tiles[3:], subject="outreach", context=context)
    days, progress = campaign_progress(snapshot, context.filters, context.scope, campaign)
    if progress.reached == 0 and not any(t.value for t in tiles if t.label == "Calls made"):
        st.info(
            f"No residents have been reached in {campaign_label(campaign)} yet: the figures"
            " below fill in as calls are logged.",
            icon=":material/hourglass_empty:",
        )
    _progress(days, progress, campaign)
    _activity(context, snapshot, subject_snapshot(FOOD.key), campaign.campaign_id)
    _follow_up(context, snapshot, reference, campaign.campaign_id)


render()
