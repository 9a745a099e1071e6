"""The outreach campaign selector, kept in the URL so a link opens the same campaign."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from figures.outreach import Campaign, default_campaign

PARAM, KEY = "campaign", "o_campaign"


def campaign_label(campaign: Campaign) -> str:
    """Name and dates, so two waves of the same campaign can be told apart."""
    if campaign.ended_on is None:
        return f"{campaign.name} (running since {campaign.started_on:%d %b %Y})"
    return f"{campaign.name} ({campaign.started_on:%d %b %Y} to {campaign.ended_on:%d %b %Y})"


def _write_url() -> None:
    st.query_params[PARAM] = st.session_state[KEY]


def campaign_choice(choices: Sequence[Campaign]) -> Campaign | None:
    """The campaign in the URL, else the one chosen before, else the latest running one."""
    by_id = {c.campaign_id: c for c in choices}
    default = default_campaign(choices)
    if default is None:
        return None
    wanted = st.query_params.get(PARAM)
    if wanted in by_id:
        st.session_state[KEY] = wanted
    elif st.session_state.get(KEY) not in by_id:
        st.session_state[KEY] = default.campaign_id
    chosen = st.selectbox(
        "Campaign",
        list(by_id),
        format_func=lambda campaign_id: campaign_label(by_id[campaign_id]),
        key=KEY,
        on_change=_write_url,
        help="The latest running campaign is shown unless you choose another.",
    )
    return by_id[chosen]
