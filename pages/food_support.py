"""Food support: referrals, fulfilment, partners, how food arrived, and repeat need."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import streamlit as st

from charts import food as charts
from charts.style import ranked_bars
from data_access.subjects import FOOD, OUTREACH, REFERENCE
from figures import food
from figures.names import team_names
from ui.context import PageContext
from ui.data import area_names, subject_snapshot
from ui.drill import clickable_chart, current_drill, drill_banner
from ui.layout import subject_header
from ui.row_table import rows_with_downloads, with_names
from ui.tiles import metric_row

DRILL_PARAMS = {"area_id": "ref_area", "partner_name": "ref_partner"}
DRILL_TITLES = {"area_id": "area", "partner_name": "partner"}
_WHEN = "DD MMM YYYY HH:mm"
REFERRAL_COLUMNS = {
    "referral_id": st.column_config.TextColumn("Referral"),
    "resident_id": st.column_config.TextColumn("Resident"),
    "area_id": None,
    "area_name": st.column_config.TextColumn("Area"),
    "team_id": None,
    "team_name": st.column_config.TextColumn("Referring team"),
    "partner_name": st.column_config.TextColumn("Partner"),
    "referred_at": st.column_config.DatetimeColumn("Referred", format=_WHEN),
    "status": st.column_config.TextColumn("Status now"),
    "fulfilled_at": st.column_config.DatetimeColumn("Fulfilled", format=_WHEN),
    "fulfilment": st.column_config.TextColumn("How"),
    "days_to_fulfil": st.column_config.NumberColumn("Days to fulfil", format="%.1f"),
    "adults": st.column_config.NumberColumn("Adults"),
    "children": st.column_config.NumberColumn("Children"),
    "call_id": st.column_config.TextColumn("From call"),
}
PARTNER_COLUMNS = {
    "partner_name": st.column_config.TextColumn("Partner"),
    "referrals": st.column_config.NumberColumn("Referrals", format="localized"),
    "fulfilled": st.column_config.NumberColumn("Fulfilled", format="localized"),
    "fulfilment_rate": st.column_config.NumberColumn("Fulfilment rate", format="%.1f%%"),
    "median_days_to_fulfil": st.column_config.NumberColumn("Median days to fulfil", format="%.1f"),
}


def _flow(context: PageContext, snapshot) -> None:
    args = (snapshot, context.filters, context.scope)
    weekly, funnel = st.columns([3, 2])
    with weekly:
        st.subheader("Referrals each week")
        st.plotly_chart(charts.weekly_status_chart(food.weekly_referrals_by_status(*args)))
        st.caption("By the week referred, coloured by where each referral stands now.")
    with funnel:
        st.subheader("Referral funnel")
        stages = food.referral_funnel(*args)
        st.plotly_chart(charts.referral_funnel_chart(stages, food.FUNNEL))
        st.plotly_chart(charts.drop_out_chart(stages, food.FUNNEL))
    st.subheader("How support arrived")
    st.plotly_chart(charts.fulfilment_chart(food.fulfilment_over_time(*args)))


def _referrals(context: PageContext, snapshot, reference) -> None:
    args = (snapshot, context.filters, context.scope)
    st.subheader("Partners and areas")
    st.caption("Referrals made in the period. Click a bar to list its referrals below.")
    partners = food.partner_performance(*args)
    by_area = food.referrals_by_area(*args)
    names = {"area_id": area_names(context.scope), "team_id": team_names(reference)}
    allowed = {
        "partner_name": set(partners.get_column("partner_name").to_list()),
        "area_id": set(by_area.get_column("area_id").to_list()),
    }
    drill = current_drill(DRILL_PARAMS, allowed)
    chart, table = st.columns(2)
    with chart:
        st.markdown("**By partner**")
        figure = ranked_bars(
            partners.get_column("partner_name").to_list(),
            partners.get_column("referrals").to_list(),
            "Referrals",
            chosen=drill.get("partner_name"),
            hover="%{y}: %{x:,} referrals",
        )
        clickable_chart(figure, "referrals-by-partner", DRILL_PARAMS["partner_name"])
    with table:
        st.markdown("**Partner performance**")
        st.dataframe(partners, column_config=PARTNER_COLUMNS, hide_index=True, width="stretch")
        st.caption("Click a column heading to sort. Days to fulfil cover the fulfilled ones.")
    area_chart, _ = st.columns(2)
    with area_chart:
        st.markdown("**By area**")
        figure = ranked_bars(
            by_area.get_column("area_id").to_list(),
            by_area.get_column("referrals").to_list(),
            "Referrals",
            names=names["area_id"],
            chosen=drill.get("area_id"),
            hover="%{y}: %{x:,} referrals",
        )
        clickable_chart(figure, "referrals-by-area", DRILL_PARAMS["area_id"])
    drill_banner(drill, DRILL_TITLES, names, DRILL_PARAMS, key="ref_clear")
    rows_with_downloads(
        with_names(food.referral_rows(*args, drill), names),
        "referrals",
        REFERRAL_COLUMNS,
        default_sort="referred_at",
        context=context,
        empty_message="No referrals match this period and selection.",
    )


def _repeat_need(context: PageContext, snapshot, reference) -> None:
    summary, spread = food.repeat_need(snapshot, context.filters, context.scope, reference)
    st.subheader("Repeat need")
    left, right = st.columns([1, 2])
    share = "n/a" if summary.share is None else f"{summary.share:.1f}%"
    left.metric(
        "Households referred twice or more within 90 days",
        f"{summary.repeat_households:,}",
        help="Households with a referral in the period and at least one other referral in the"
        " 90 days up to it (earlier referrals count too).",
        border=True,
    )
    left.caption(f"{share} of the {summary.households:,} households referred in the period.")
    with right:
        figure = ranked_bars(
            spread.get_column("referrals_in_90_days").to_list(),
            spread.get_column("households").to_list(),
            "Households",
            hover="%{y} referrals in 90 days: %{x:,} households",
        )
        st.plotly_chart(figure, config={"displayModeBar": False})


def render() -> None:
    ready = subject_header("Food support", FOOD)
    if ready is None:
        return
    context, snapshot = ready
    outreach = subject_snapshot(OUTREACH.key)
    tiles = food.headline_tiles(snapshot, context.filters, context.scope, outreach=outreach)
    metric_row(tiles[:3], subject="food", context=context)
    metric_row(tiles[3:], subject="food", context=context)
    reference = subject_snapshot(REFERENCE.key)
    if reference is None:
        return
    _flow(context, snapshot)
    _referrals(context, snapshot, reference)
    _repeat_need(context, snapshot, reference)


render()
