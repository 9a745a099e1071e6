"""Demo outreach: welfare-call campaigns, their cohorts, calls, needs and food referrals.

Shaped like a lockdown welfare-call programme: calls surge in the first weeks, most
residents take several attempts to reach, some are never reached, food is the most
common need and most food referrals come straight out of a call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl
from sqlalchemy import Table

from data_access.demo_load import table_frame
from data_access.demo_people import (
    COHORT,
    DAY,
    SECOND,
    People,
    Timeline,
    at_time,
    labels_at,
    later,
    make_ids,
    office_hours,
    pick,
    scaled,
    weekday_times,
)
from data_access.schema import (
    CALL_DIRECTIONS,
    CALL_OUTCOMES,
    FOOD_REFERRALS,
    FULFILMENTS,
    NEEDS,
    OUTREACH_CALLS,
    OUTREACH_CAMPAIGNS,
    OUTREACH_COHORT,
    OUTREACH_NEEDS,
    REFERRAL_STATUSES,
    RESIDENTS,
)
from data_access.working_days import is_working_day

OUTCOME = {name: code for code, name in enumerate(CALL_OUTCOMES)}
REACHED = OUTCOME["reached"]
DIRECTION = CALL_DIRECTIONS.index("inbound"), CALL_DIRECTIONS.index("outbound")
UNANSWERED = {"no_answer": 0.55, "voicemail": 0.33, "callback_requested": 0.12}
#: How referrals end up; ones not resolved by end_date are still referred or accepted.
REFERRAL_ENDS = {"fulfilled": 0.8, "failed": 0.05, "declined": 0.06, "cancelled": 0.05}
REFERRAL_ENDS |= {"accepted": 0.02, "referred": 0.02}
FULFILMENT_MIX = {"collected": 0.5, "delivered_by_partner": 0.35, "delivered_by_staff": 0.15}
# Chance of each need (NEEDS order) on a reached call, by PRIORITY_COHORTS code; last = none.
NEED_PROBS = np.array(
    [
        [0.30, 0.35, 0.05, 0.08, 0.30, 0.20, 0.08, 0.06, 0.02, 0.03],  # over_70_health
        [0.28, 0.20, 0.08, 0.08, 0.22, 0.12, 0.10, 0.06, 0.02, 0.03],  # over_60
        [0.45, 0.05, 0.50, 0.12, 0.05, 0.04, 0.05, 0.05, 0.02, 0.04],  # rent_arrears
        [0.75, 0.06, 0.30, 0.10, 0.06, 0.05, 0.06, 0.05, 0.03, 0.04],  # food_poverty
        [0.40, 0.05, 0.15, 0.30, 0.10, 0.05, 0.05, 0.05, 0.30, 0.05],  # domestic_abuse
        [0.38, 0.40, 0.05, 0.12, 0.20, 0.25, 0.10, 0.04, 0.02, 0.03],  # shielding
        [0.30, 0.10, 0.12, 0.12, 0.12, 0.08, 0.06, 0.08, 0.03, 0.08],  # other
        [0.25, 0.08, 0.10, 0.08, 0.08, 0.06, 0.05, 0.08, 0.02, 0.05],  # no cohort
    ]
)
#: One local food bank per region (REGIONS order), then two serving everywhere.
FOOD_BANKS = ("Northfield Foodbank", "Southmead Community Pantry", "Fenside Food Bank")
FOOD_BANKS += ("Severn Vale Foodbank", "Mercia Community Larder")
FOOD_BANKS += ("FareShare Hub", "Salvation Army Food Support")
FOOD_BANK_DAYS = np.array([2.0, 3.5, 2.5, 4.5, 3.0, 1.5, 5.0])  # mean days to fulfil
REFERRALS_WITHOUT_CALL = 1_200
STRAY_CALL_SHARE = 0.04  # calls to residents outside the cohort


@dataclass(frozen=True)
class Campaign:
    """How one campaign runs: who it targets and how hard it tries."""

    name: str
    started_on: dt.date
    ended_on: dt.date | None
    cohorts: tuple[str, ...]  # PRIORITY_COHORTS names; () = every vulnerable resident
    first_call_days: tuple[float, float]  # gamma shape, scale: the surge at the start
    max_attempts: int
    food_factor: float
    weekend_calls: bool


def plan_campaigns(timeline: Timeline) -> list[Campaign]:
    """An old lockdown campaign, a cost-of-living one if it fits, and a running one."""
    start, recent = timeline.lockdown_start, timeline.recent_start
    end = start + dt.timedelta(weeks=16)
    plans = [Campaign("Lockdown welfare calls", start, end, (), (1.5, 9.0), 5, 1.0, True)]
    mid = end + (recent - end) / 2
    mid -= dt.timedelta(days=mid.weekday())
    if (recent - end).days >= 16 * 7:
        name, over = f"Cost-of-living check-in {mid.year}", mid + dt.timedelta(weeks=6)
        plans.append(
            Campaign(name, mid, over, ("rent_arrears", "food_poverty"), (1.2, 7.0), 4, 1.2, False)
        )
    season = ("Winter", "Spring", "Summer", "Autumn")[recent.month % 12 // 3]
    name = f"{season} welfare check-in {recent.year}"
    older = ("over_70_health", "over_60", "shielding")
    plans.append(Campaign(name, recent, None, older, (1.3, 14.0), 4, 0.8, False))
    return plans


def _attempts(
    rng: np.random.Generator, plan: Campaign, members: np.ndarray, added: np.ndarray
) -> dict:
    """Attempts per cohort member until reached (or refused), a wrong number, or giving up."""
    n = len(members)
    reach_on = rng.geometric(0.5, n)
    wrong = rng.random(n) < 0.04
    reached = (reach_on <= plan.max_attempts) & ~wrong
    count = np.where(wrong, 1, np.minimum(reach_on, plan.max_attempts))
    first = np.cumsum(count) - count
    owner = np.repeat(np.arange(n), count)
    attempt = np.arange(len(owner)) - first[owner]
    gaps = np.cumsum(np.where(attempt > 0, 1 + rng.gamma(2.0, 1.2, len(owner)), 0.0))
    offsets = added[owner] + rng.gamma(*plan.first_call_days, n)[owner] + gaps - gaps[first][owner]
    success = (attempt == count[owner] - 1) & reached[owner]
    outcome = pick(rng, [UNANSWERED.get(o, 0) for o in CALL_OUTCOMES], len(owner))
    outcome = np.where(
        success, np.where(rng.random(len(owner)) < 0.03, OUTCOME["refused"], REACHED), outcome
    )
    return {
        "resident": members[owner],
        "called_at": weekday_times(rng, plan.started_on, offsets, plan.weekend_calls),
        "outcome": np.where(wrong[owner], OUTCOME["wrong_number"], outcome),
        "inbound": success & (attempt > 0) & (rng.random(len(owner)) < 0.12),
    }


def _campaign(
    rng: np.random.Generator, people: People, timeline: Timeline, plan: Campaign, code: int
) -> tuple:
    """Cohort members, their added_on dates and calls, cut off at the campaign's end."""
    if plan.cohorts:
        codes = [COHORT[name] for name in plan.cohorts]
        members = np.flatnonzero(np.isin(people.resident_cohort, codes))
    else:
        members = np.flatnonzero(people.resident_vulnerable)
    limit = timeline.end_ts
    if plan.ended_on is not None:
        limit = min(limit, np.datetime64(plan.ended_on, "D") + DAY - SECOND)
    days = int((limit.astype("M8[D]") - np.datetime64(plan.started_on, "D")) // DAY) + 1
    added = np.where(
        rng.random(len(members)) < 0.15, np.floor(rng.random(len(members)) * min(21, days)), 0.0
    )
    calls = _attempts(rng, plan, members, added)
    outsiders = np.setdiff1d(np.arange(len(people.resident_area)), members)
    n = round(len(members) * STRAY_CALL_SHARE) if outsiders.size else 0
    stray = {
        "resident": rng.choice(outsiders if n else members, n),
        "called_at": weekday_times(rng, plan.started_on, rng.random(n) * days, True),
        "outcome": np.where(rng.random(n) < 0.85, REACHED, OUTCOME["no_answer"]),
        "inbound": rng.random(n) < 0.6,
    }
    calls = {k: np.concatenate([calls[k], stray[k]]) for k in calls}
    calls |= {"campaign": np.full(len(calls["resident"]), code)}
    calls |= {"food_factor": np.full(len(calls["resident"]), plan.food_factor)}
    keep = calls["called_at"] <= limit
    added_on = np.datetime64(plan.started_on, "D") + added.astype(np.int64) * DAY
    cohort = {"campaign": np.full(len(members), code), "resident": members, "added_on": added_on}
    return cohort, {k: v[keep] for k, v in calls.items()}


def _call_teams(
    rng: np.random.Generator, people: People, resident: np.ndarray, inbound: np.ndarray
) -> np.ndarray:
    """Inbound calls land in the contact centre; outbound come from the hub or local teams."""
    centre, hub = people.central_teams("contact_centre")[:2]
    local = people.local_team(rng, people.resident_region(resident), 0.5)
    return np.where(inbound, centre, np.where(rng.random(len(resident)) < 0.55, hub, local))


def _needs(rng: np.random.Generator, people: People, calls: dict) -> np.ndarray:
    """A (calls x NEEDS) boolean matrix; only reached calls identify needs."""
    cohort = people.resident_cohort[calls["resident"]]
    probs = NEED_PROBS[np.where(cohort < 0, len(NEED_PROBS) - 1, cohort)]
    probs[:, 0] = np.minimum(probs[:, 0] * calls["food_factor"], 0.95)
    return (rng.random(probs.shape) < probs) & (calls["outcome"] == REACHED)[:, None]


def _referral_sources(
    rng: np.random.Generator,
    people: People,
    timeline: Timeline,
    calls: dict,
    food: np.ndarray,
    scale: float,
) -> dict:
    """Referrals made on food-need calls, plus some raised by local teams without a call."""
    from_call = np.flatnonzero(food & (rng.random(len(food)) < 0.75))
    n = scaled(REFERRALS_WITHOUT_CALL, scale)
    cohort = people.resident_cohort
    poor, arrears = cohort == COHORT["food_poverty"], cohort == COHORT["rent_arrears"]
    weights = np.select([poor, arrears], [6.0, 3.0], 1.0)
    resident = rng.choice(len(cohort), n, p=weights / weights.sum())
    days = timeline.days()
    when = at_time(rng.choice(days[is_working_day(days)], n), office_hours(rng, n))
    local = people.regional_team("tenancy_sustainment", people.resident_region(resident))
    delay = rng.exponential(7_200, len(from_call))
    return {
        "resident": np.concatenate([calls["resident"][from_call], resident]),
        "call": np.concatenate([from_call, np.full(n, -1)]),
        "team": np.concatenate([calls["team"][from_call], local]),
        "referred_at": np.concatenate([later(calls["called_at"][from_call], delay), when]),
    }


def _referrals(
    rng: np.random.Generator, people: People, timeline: Timeline, source: dict, call_ids: pl.Series
) -> pl.DataFrame:
    """Statuses, partners and fulfilment; anything not yet resolved by end_date is pending."""
    keep = source["referred_at"] <= timeline.end_ts
    source = {k: v[keep] for k, v in source.items()}
    order = np.argsort(source["referred_at"], kind="stable")
    resident, at = source["resident"][order], source["referred_at"][order]
    n = len(order)
    u = rng.random(n)
    partner = np.where(u < 0.65, people.resident_region(resident), np.where(u < 0.85, 5, 6))
    done_at = later(at, 3_600 + rng.gamma(2.0, FOOD_BANK_DAYS[partner] / 2) * 86_400)
    status = pick(rng, [REFERRAL_ENDS[s] for s in REFERRAL_STATUSES], n)
    accepted, referred = REFERRAL_STATUSES.index("accepted"), REFERRAL_STATUSES.index("referred")
    waiting = np.where(at <= timeline.end_ts - DAY, accepted, referred)
    status = np.where(done_at > timeline.end_ts, waiting, status)
    fulfilled = status == REFERRAL_STATUSES.index("fulfilled")
    lockdown = timeline.working_from_home(at)
    fulfilment = pick(rng, [FULFILMENT_MIX[f] for f in FULFILMENTS], n)
    delivered = FULFILMENTS.index("delivered_by_partner"), FULFILMENTS.index("delivered_by_staff")
    lockdown_mode = np.where(rng.random(n) < 0.45, delivered[1], delivered[0])
    fulfilment = np.where(lockdown & (rng.random(n) < 0.6), lockdown_mode, fulfilment)
    residents = people.frames[RESIDENTS]  # people fed: the resident's household
    return table_frame(
        FOOD_REFERRALS,
        {
            FOOD_REFERRALS.c.referral_id: make_ids("FR", n, 7),
            FOOD_REFERRALS.c.resident_id: people.resident_ids().gather(resident),
            FOOD_REFERRALS.c.call_id: labels_at(call_ids, source["call"][order]),
            FOOD_REFERRALS.c.team_id: people.team_ids().gather(source["team"][order]),
            FOOD_REFERRALS.c.partner_name: labels_at(FOOD_BANKS, partner),
            FOOD_REFERRALS.c.referred_at: at,
            FOOD_REFERRALS.c.status: labels_at(REFERRAL_STATUSES, status),
            FOOD_REFERRALS.c.fulfilled_at: np.where(fulfilled, done_at, np.datetime64("NaT")),
            FOOD_REFERRALS.c.fulfilment: labels_at(
                FULFILMENTS, np.where(fulfilled, fulfilment, -1)
            ),
            FOOD_REFERRALS.c.adults: residents[RESIDENTS.c.adults.name].gather(resident),
            FOOD_REFERRALS.c.children: residents[RESIDENTS.c.children.name].gather(resident),
        },
    )


def build_outreach(
    rng: np.random.Generator, people: People, timeline: Timeline, scale: float
) -> dict[Table, pl.DataFrame]:
    """Campaigns, cohorts, calls (in time order), needs and food referrals."""
    plans = plan_campaigns(timeline)
    campaign_ids = make_ids("OC", len(plans), 2)
    parts = [_campaign(rng, people, timeline, plan, code) for code, plan in enumerate(plans)]
    cohort = {k: np.concatenate([p[0][k] for p in parts]) for k in parts[0][0]}
    calls = {k: np.concatenate([p[1][k] for p in parts]) for k in parts[0][1]}
    order = np.argsort(calls["called_at"], kind="stable")
    calls = {k: v[order] for k, v in calls.items()}
    calls["team"] = _call_teams(rng, people, calls["resident"], calls["inbound"])
    needs = _needs(rng, people, calls)
    follow = np.where(needs.any(axis=1), 0.35, np.where(calls["outcome"] == REACHED, 0.06, 0.0))
    follow = np.where(calls["outcome"] == OUTCOME["callback_requested"], 0.5, follow)
    call_ids = make_ids("CL", len(order), 8)
    resident_ids = people.resident_ids()
    rows, need = np.nonzero(needs)
    sources = _referral_sources(rng, people, timeline, calls, needs[:, 0], scale)
    c, k, f = OUTREACH_CAMPAIGNS.c, OUTREACH_COHORT.c, OUTREACH_CALLS.c
    return {
        OUTREACH_CAMPAIGNS: table_frame(
            OUTREACH_CAMPAIGNS,
            {
                c.campaign_id: campaign_ids,
                c.campaign_name: [p.name for p in plans],
                c.started_on: [p.started_on for p in plans],
                c.ended_on: [p.ended_on for p in plans],
                c.target_contacts: np.bincount(cohort["campaign"], minlength=len(plans)),
            },
        ),
        OUTREACH_COHORT: table_frame(
            OUTREACH_COHORT,
            {
                k.campaign_id: campaign_ids.gather(cohort["campaign"]),
                k.resident_id: resident_ids.gather(cohort["resident"]),
                k.added_on: cohort["added_on"],
            },
        ),
        OUTREACH_CALLS: table_frame(
            OUTREACH_CALLS,
            {
                f.call_id: call_ids,
                f.campaign_id: campaign_ids.gather(calls["campaign"]),
                f.resident_id: resident_ids.gather(calls["resident"]),
                f.team_id: people.team_ids().gather(calls["team"]),
                f.called_at: calls["called_at"],
                f.direction: labels_at(CALL_DIRECTIONS, np.where(calls["inbound"], *DIRECTION)),
                f.outcome: labels_at(CALL_OUTCOMES, calls["outcome"]),
                f.follow_up_required: rng.random(len(order)) < follow,
            },
        ),
        OUTREACH_NEEDS: table_frame(
            OUTREACH_NEEDS,
            {
                OUTREACH_NEEDS.c.call_id: call_ids.gather(rows),
                OUTREACH_NEEDS.c.need: labels_at(NEEDS, need),
            },
        ),
        FOOD_REFERRALS: _referrals(rng, people, timeline, sources, call_ids),
    }
