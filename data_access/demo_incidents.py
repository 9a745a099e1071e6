"""Demo Service-with-Respect incidents (abuse of staff).

Clustered the way real logs are: Monday and Tuesday, mid-morning and just after lunch,
mostly by phone and face to face, rising while staff worked from home; severity is
skewed low and injury, RIDDOR and the action ladder follow from it.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from sqlalchemy import Table

from data_access.demo_load import table_frame
from data_access.demo_people import (
    People,
    Timeline,
    at_time,
    labels_at,
    later,
    make_ids,
    pick,
    pick_rows,
    scaled,
)
from data_access.schema import ACTIONS, CHANNELS, INCIDENT_TYPES, INCIDENTS

INCIDENTS_AT_SCALE_1 = 1_500
WEEKDAY_WEIGHT = np.array([1.5, 1.35, 1.0, 0.95, 0.8, 0.12, 0.08])  # Monday first
WFH_RISE = 1.7
# Channel mix (CHANNELS order): usual, and while most staff worked from home.
CHANNEL_MIX = np.array(
    [
        [38, 27, 10, 8, 3, 5, 5, 4],
        [52, 8, 6, 11, 3, 9, 8, 3],
    ],
    dtype=float,
)
IN_PERSON = np.array([c in ("face_to_face", "home_visit", "contractor_visit") for c in CHANNELS])
ONLINE = np.array([c in ("email", "webchat", "social_media") for c in CHANNELS])
# Severity 1..6 by whether the channel is in person (row 1) or remote (row 0).
SEVERITY_MIX = np.array([[40, 33, 13, 14, 0, 0], [25, 30, 12, 17, 10, 6]], dtype=float)
# Action ladder (ACTIONS order) by severity 1..6.
ACTION_LADDER = np.array(
    [
        [50, 40, 10, 0, 0, 0, 0, 0],
        [15, 40, 35, 0, 10, 0, 0, 0],
        [0, 0, 40, 20, 30, 10, 0, 0],
        [0, 0, 15, 30, 30, 25, 0, 0],
        [0, 0, 0, 20, 0, 50, 20, 10],
        [0, 0, 0, 0, 0, 60, 25, 15],
    ],
    dtype=float,
)
ACTION_DAYS = np.array([2, 2, 6, 10, 3, 1, 35, 45], dtype=float)  # mean days to act


def _occurred(
    rng: np.random.Generator, timeline: Timeline, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Occurrence times and whether each fell in the work-from-home period."""
    days = timeline.days()
    wfh_days = timeline.working_from_home(days)
    weight = WEEKDAY_WEIGHT[(days.astype(np.int64) + 3) % 7] * np.where(wfh_days, WFH_RISE, 1.0)
    weight *= np.linspace(0.9, 1.1, len(days))  # a gentle rise in reporting
    chosen = rng.choice(len(days), n, p=weight / weight.sum())
    peak = np.where(rng.random(n) < 0.55, 10.5, 14.25) + rng.normal(0, 1.0, n)
    hours = np.where(rng.random(n) < 0.2, 8 + rng.random(n) * 11, peak)
    at = at_time(days[chosen], np.clip(hours, 0, 23.99))
    return at, wfh_days[chosen]


def _types(rng: np.random.Generator, severity: np.ndarray, channel: np.ndarray) -> np.ndarray:
    """Incident type consistent with severity (and online abuse only online)."""
    n = len(severity)
    kind = {name: INCIDENT_TYPES.index(name) for name in INCIDENT_TYPES}
    u = rng.random(n)
    sev2 = np.where(ONLINE[channel] & (u < 0.6), kind["online_abuse"], kind["verbal_abuse"])
    sev2 = np.where(u > 0.82, kind["harassment"], sev2)
    damage = IN_PERSON[channel] & (u < 0.15)
    sev4 = np.where(
        damage, kind["property_damage"], np.where(u > 0.8, kind["harassment"], kind["threat"])
    )
    return np.select(
        [severity == 1, severity == 2, severity == 3, severity == 4],
        [kind["unreasonable_behaviour"], sev2, kind["discriminatory_abuse"], sev4],
        default=kind["physical_assault"],
    )


def _teams(
    rng: np.random.Generator, people: People, channel: np.ndarray, region: np.ndarray
) -> np.ndarray:
    """Remote contacts hit central teams; visits hit the local team for the area."""
    n = len(channel)
    remote = pick(rng, [65, 15, 20], n)
    central = np.array(
        [people.central_teams(f)[0] for f in ("contact_centre", "customer_resolution", "income")]
    )[remote]
    local = people.local_team(rng, region, 0.6)
    visit = np.where(
        channel == CHANNELS.index("contractor_visit"),
        people.regional_team("repairs", region),
        local,
    )
    return np.where(IN_PERSON[channel], visit, central)


def _actions(
    rng: np.random.Generator, timeline: Timeline, severity: np.ndarray, reported: np.ndarray
) -> tuple:
    """The action ladder step and when it was taken (NULL if not yet, or not recorded)."""
    n = len(severity)
    action = pick_rows(rng, ACTION_LADDER, severity - 1)
    wait = rng.gamma(2.0, ACTION_DAYS[action] / 2) * 86_400 + 1_800
    at = later(reported, wait)
    unrecorded = (action == ACTIONS.index("none")) & (rng.random(n) < 0.7)
    at = np.where(unrecorded | (at > timeline.end_ts), np.datetime64("NaT"), at)
    return action, at


def build_incidents(
    rng: np.random.Generator, people: People, timeline: Timeline, scale: float
) -> dict[Table, pl.DataFrame]:
    """About 1,500 incidents over the two years (at scale 1), in time order."""
    n = scaled(INCIDENTS_AT_SCALE_1, scale)
    occurred, wfh = _occurred(rng, timeline, n)
    order = np.argsort(occurred, kind="stable")
    occurred, wfh = occurred[order], wfh[order]
    channel = pick_rows(rng, CHANNEL_MIX, wfh.astype(np.int64))
    severity = 1 + pick_rows(rng, SEVERITY_MIX, IN_PERSON[channel].astype(np.int64))
    resident = np.where(rng.random(n) < 0.75, rng.integers(0, len(people.resident_area), n), -1)
    area = np.where(
        resident >= 0,
        people.resident_area[np.maximum(resident, 0)],
        np.where(rng.random(n) < 0.6, rng.integers(0, len(people.area_region), n), -1),
    )
    region = np.where(area >= 0, people.area_region[area], rng.integers(0, 5, n))
    delay = np.minimum(rng.lognormal(np.log(5_400), 1.2, n), 10 * 86_400).astype(np.int64)
    reported = np.minimum(later(occurred, delay), timeline.end_ts)
    injury = severity == 6
    days_off = np.where(injury, rng.geometric(0.15, n) - 1, -1)
    action, action_at = _actions(rng, timeline, severity, reported)
    home = ~IN_PERSON[channel] & (rng.random(n) < np.where(wfh, 0.8, 0.25))
    c = INCIDENTS.c
    return {
        INCIDENTS: table_frame(
            INCIDENTS,
            {
                c.incident_id: make_ids("SWR", n, 6),
                c.occurred_at: occurred,
                c.reported_at: reported,
                c.team_id: people.team_ids().gather(_teams(rng, people, channel, region)),
                c.area_id: labels_at(people.area_ids(), area),
                c.channel: labels_at(CHANNELS, channel),
                c.incident_type: labels_at(INCIDENT_TYPES, _types(rng, severity, channel)),
                c.severity: severity,
                c.staff_working_from_home: home,
                c.injury: injury,
                c.riddor_reportable: injury & (days_off > 7),
                c.days_incapacitated: pl.Series(days_off).replace(-1, None),
                c.action_taken: labels_at(ACTIONS, action),
                c.action_at: action_at,
                c.resident_id: labels_at(people.resident_ids(), resident),
            },
        )
    }
