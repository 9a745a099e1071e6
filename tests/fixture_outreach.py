"""A hand-written outreach fixture: every figure test_outreach_figures asserts, worked by hand.

Period 15 Oct - 28 Oct 2026 (14 days): its end moment T is Thu 29 Oct 00:00 (a call at
T belongs to the next period). Previous period 1 Oct - 14 Oct, end moment T' = 15 Oct.

Regions: A1 Northgate and A3 Hillside are North; A2 Southfields is South.
Teams: T1 North outreach (North), T2 contact centre (no region), T3 South neighbourhood.
A call's region and area are its resident's (the team's region plays no part).

Residents (North: R01-R05, R09, R11; South: R06-R08, R10, R12, R13)
  C1 cohort: R01-R08 and R11 added 1 Oct; R12 added 20 Oct; R13 added 29 Oct (after
  the period). Not in C1's cohort: R09 (A1), R10 (A2). R99 does not exist.

Campaigns
  C1 "Winter welfare"   running since 1 Oct, target 10.
  C2 "Heat check"       5 Oct - 12 Oct (ended), target 2: started after C1, listed after it.
  C3 "Cost of living"   running since 20 Oct, target 5: no cohort rows and no calls yet.

C1 calls (K = call; p = in the period, prev = previous period, after = after T):
  R01  K01 2 Oct no_answer (prev), K02 9 Oct voicemail (prev), K03 16 Oct reached (p)
       -> first reached on the 3rd attempt; K03 records two needs (food, loneliness).
  R02  K04 5 Oct reached + follow-up (prev; need medicine), K05 20 Oct reached (p)
       -> the follow-up is outstanding at T' and satisfied by K05 at T.
  R03  K06 22 Oct reached + follow-up (p, team T2, no needs) -> outstanding at T.
  R04  K07 18 Oct reached + follow-up (p; need food), K08 2 Nov reached (after)
       -> the later reached call falls after T: still outstanding at T.
  R05  K09 3 Oct no_answer (prev), K10 16 Oct no_answer, K11 23 Oct voicemail (T2) (p)
       -> 3 calls, never reached.
  R06  K12 21 Oct 13:00 no_answer and K12b 21 Oct 13:00 INBOUND reached (p; need food)
       -> the same instant: call_id decides, so reached on the 2nd attempt.
  R07  K13 6 Oct no_answer, K14 13 Oct wrong_number (prev), K15 19 Oct refused,
       K16 26 Oct callback_requested (p) -> 4 calls, never reached.
  R08  K17 1 Oct, K18 7 Oct no_answer, K19 14 Oct 23:59:59 voicemail (prev),
       K20 15 Oct 00:00:00 no_answer (p, the period's first instant),
       K21 24 Oct reached + follow-up (p; needs food, mental_health) -> 5th attempt.
  R12  K22 27 Oct no_answer (p).
  R09  K23 17 Oct INBOUND reached + follow-up (p, T2; need housing_repair), not in cohort.
  R10  K24 27 Oct 16:00 no_answer, K25 27 Oct 16:30 reached, K26 28 Oct reached (p),
       not in cohort: reached twice, one resident.
  R11  in the cohort, never called.
C2 calls: K30 6 Oct R01 reached (need loneliness); K31 7 Oct R06 no_answer; K32 8 Oct R06
  reached + follow-up (outstanding for C2: R06's later reached call K12b is C1's).

Bad rows (excluded from every figure, counted in snapshot.excluded):
  K90 outcome "shouted" (not a contract outcome); K91 resident R99 (no such resident),
  cohort row (C1, R99). The need on K90 stays in the snapshot (K90 was read, so the need
  is not orphaned) but matches no valid call, so no figure counts it.

Food referrals (the funnel's last stage counts referred_at >= the resident's first C1
call and < T): F1 R01 17 Oct (counts); F2 R04 1 Nov (after T); F3 R06 21 Oct 16:00
(after K12 at 13:00: counts); F4 R09 (not in the cohort); F5 R05 (never reached);
F6 R08 30 Sep (before R08's first call, 1 Oct 09:00).

Hand-worked C1 figures, every region (value, previous):
  Residents in cohort  at 28 Oct: R01-R08, R11, R12 = 10; at 14 Oct: 9 (no R12).
  Residents reached    p: R01 R02 R03 R04 R06 R08 R09 R10 = 8; prev: R02 = 1.
  Cohort reached       at T: R01 R02 R03 R04 R06 R08 = 6 of 10 = 60%; at T': R02 = 1 of 9.
  Calls made           p: K03 K05 K06 K07 K10 K11 K12 K12b K15 K16 K20 K21 K22 K23 K24
                       K25 K26 = 17; prev: K01 K02 K04 K09 K13 K14 K17 K18 K19 = 9.
  Needs identified     p: K03 2 + K07 1 + K12b 1 + K21 2 + K23 1 = 7; prev: K04 1.
  Follow-ups           at T: K06, K07, K21, K23 = 4 (K04 satisfied by K05); at T': K04 = 1.
North only: cohort (6, 6) R01-R05 R11; reached (5, 1) R01 R02 R03 R04 R09 | R02;
  cohort reached 4/6 | 1/6; calls (7, 4) K03 K05 K06 K07 K10 K11 K23 | K01 K02 K04 K09;
  needs (4, 1) K03 2 + K07 + K23 | K04; follow-ups (3, 1) K06 K07 K23 | K04.

C1 charts, every region (North in brackets):
  Progress   first reached: R02 5 Oct, R01 16, R09 17, R04 18, R06 21, R03 22, R08 24,
             R10 27 -> 8 by 28 Oct [5: not R06 R08 R10]; new in 22-28 Oct: 3 [1].
             Target 10 [pro rata 10 x 6 North cohort rows / 11 valid rows = 60/11].
  Funnel     cohort 10 [6]; called 9, not R11 [5]; reached 6 [4]; with a need 5, not R03
             [3]; referred 2: R01 F1, R06 F3 [1: R01].
  Attempts   reached on call 1: R02 R03 R04; 2: R06; 3: R01; 5+: R08. Not yet after 1:
             R12; 3: R05; 4: R07. [1: R02 R03 R04; 3: R01; not yet after 3: R05.]
  Follow-up  by last call: R09 17 Oct (T2), R04 18 Oct (T1), R03 22 Oct (T2) outstanding;
  list       R05 23 Oct (T2, 3 calls) not reached; R08 24 Oct (T3) outstanding; R07 26 Oct
             (T3, 4 calls) not reached. [R09 R04 R03 R05.]
  Reach rate T1 3 of 4, T2 2 of 3, T3 4 of 10; A1 5 of 5, A2 4 of 10, A3 0 of 2.
"""

from __future__ import annotations

from datetime import date, datetime

from data_access.schema import (
    AREAS,
    FOOD_REFERRALS,
    OUTREACH_CALLS,
    OUTREACH_CAMPAIGNS,
    OUTREACH_COHORT,
    OUTREACH_NEEDS,
    RESIDENTS,
    TEAMS,
)
from tests.fixture_areas import THREE_AREAS

PERIOD_START, PERIOD_END = date(2026, 10, 15), date(2026, 10, 28)
PREVIOUS_START, PREVIOUS_END = date(2026, 10, 1), date(2026, 10, 14)
#: The loader's "now": after every row (the latest call is K08 on 2 Nov).
READ_AT = datetime(2026, 11, 10, 12)

D = datetime
OCT = 10

AREA_OF = {
    "R01": "A1",
    "R02": "A1",
    "R03": "A1",
    "R04": "A1",
    "R05": "A3",
    "R09": "A1",
    "R11": "A3",
    "R06": "A2",
    "R07": "A2",
    "R08": "A2",
    "R10": "A2",
    "R12": "A2",
    "R13": "A2",
}


def _resident(resident_id: str) -> dict:
    return {
        "resident_id": resident_id,
        "household_ref": f"H-{resident_id}",
        "area_id": AREA_OF[resident_id],
        "vulnerable": True,
        "priority_cohort": "over_70_health",
        "adults": 1,
        "children": 0,
    }


def _call(
    call_id: str,
    campaign: str,
    resident: str,
    team: str,
    at: datetime,
    outcome: str,
    follow_up: bool = False,
    direction: str = "outbound",
) -> dict:
    return {
        "call_id": call_id,
        "campaign_id": campaign,
        "resident_id": resident,
        "team_id": team,
        "called_at": at,
        "direction": direction,
        "outcome": outcome,
        "follow_up_required": follow_up,
    }


# fmt: off
CALLS = [
    # R01: reached on the third attempt.
    _call("K01", "C1", "R01", "T1", D(2026, OCT, 2, 10), "no_answer"),
    _call("K02", "C1", "R01", "T1", D(2026, OCT, 9, 11), "voicemail"),
    _call("K03", "C1", "R01", "T1", D(2026, OCT, 16, 10), "reached"),
    # R02: a follow-up (K04, previous period) satisfied by a later reached call (K05).
    _call("K04", "C1", "R02", "T1", D(2026, OCT, 5, 14), "reached", follow_up=True),
    _call("K05", "C1", "R02", "T1", D(2026, OCT, 20, 15), "reached"),
    # R03: a follow-up still outstanding; the latest call's team is T2.
    _call("K06", "C1", "R03", "T2", D(2026, OCT, 22, 10), "reached", follow_up=True),
    # R04: the later reached call (K08, 2 Nov) is after T: outstanding at the period end.
    _call("K07", "C1", "R04", "T1", D(2026, OCT, 18, 9, 30), "reached", follow_up=True),
    _call("K08", "C1", "R04", "T1", D(2026, 11, 2, 10), "reached"),
    # R05: three calls, never reached; latest by T2.
    _call("K09", "C1", "R05", "T1", D(2026, OCT, 3, 10), "no_answer"),
    _call("K10", "C1", "R05", "T1", D(2026, OCT, 16, 10), "no_answer"),
    _call("K11", "C1", "R05", "T2", D(2026, OCT, 23, 10), "voicemail"),
    # R06: an unanswered outbound call and an inbound call that reached the resident,
    # logged at the same instant: call_id orders them, K12 before K12b, so R06 was
    # reached on the 2nd attempt.
    _call("K12", "C1", "R06", "T3", D(2026, OCT, 21, 13), "no_answer"),
    _call("K12b", "C1", "R06", "T3", D(2026, OCT, 21, 13), "reached", direction="inbound"),
    # R07: four calls, never reached.
    _call("K13", "C1", "R07", "T3", D(2026, OCT, 6, 10), "no_answer"),
    _call("K14", "C1", "R07", "T3", D(2026, OCT, 13, 10), "wrong_number"),
    _call("K15", "C1", "R07", "T3", D(2026, OCT, 19, 10), "refused"),
    _call("K16", "C1", "R07", "T3", D(2026, OCT, 26, 10), "callback_requested"),
    # R08: reached on the fifth attempt, straddling the period's first instant.
    _call("K17", "C1", "R08", "T3", D(2026, OCT, 1, 9), "no_answer"),
    _call("K18", "C1", "R08", "T3", D(2026, OCT, 7, 9), "no_answer"),
    _call("K19", "C1", "R08", "T3", D(2026, OCT, 14, 23, 59, 59), "voicemail"),
    _call("K20", "C1", "R08", "T3", D(2026, OCT, 15), "no_answer"),
    _call("K21", "C1", "R08", "T3", D(2026, OCT, 24, 12), "reached", follow_up=True),
    # R12 (added to the cohort 20 Oct): one unanswered call.
    _call("K22", "C1", "R12", "T3", D(2026, OCT, 27, 10), "no_answer"),
    # R09 and R10 are not in the cohort.
    _call("K23", "C1", "R09", "T2", D(2026, OCT, 17, 11), "reached", follow_up=True,
          direction="inbound"),
    _call("K24", "C1", "R10", "T3", D(2026, OCT, 27, 16), "no_answer"),
    _call("K25", "C1", "R10", "T3", D(2026, OCT, 27, 16, 30), "reached"),
    _call("K26", "C1", "R10", "T3", D(2026, OCT, 28, 11), "reached"),
    # C2, the ended campaign.
    _call("K30", "C2", "R01", "T1", D(2026, OCT, 6, 10), "reached"),
    _call("K31", "C2", "R06", "T3", D(2026, OCT, 7, 10), "no_answer"),
    _call("K32", "C2", "R06", "T3", D(2026, OCT, 8, 10), "reached", follow_up=True),
    # Bad rows: an outcome outside the contract, and an unknown resident. Both would
    # otherwise be reached calls in the period.
    _call("K90", "C1", "R01", "T1", D(2026, OCT, 20, 12), "shouted"),
    _call("K91", "C1", "R99", "T1", D(2026, OCT, 21, 12), "reached"),
]
# fmt: on
BAD_CALLS = {"K90", "K91"}

NEEDS = [
    {"call_id": "K03", "need": "food"},
    {"call_id": "K03", "need": "loneliness"},
    {"call_id": "K04", "need": "medicine"},
    {"call_id": "K07", "need": "food"},
    {"call_id": "K12b", "need": "food"},
    {"call_id": "K21", "need": "food"},
    {"call_id": "K21", "need": "mental_health"},
    {"call_id": "K23", "need": "housing_repair"},
    {"call_id": "K30", "need": "loneliness"},
    {"call_id": "K90", "need": "food"},  # on a bad call: never counted
]

COHORT = [
    *(
        {"campaign_id": "C1", "resident_id": r, "added_on": date(2026, OCT, 1)}
        for r in ("R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R11")
    ),
    {"campaign_id": "C1", "resident_id": "R12", "added_on": date(2026, OCT, 20)},
    {"campaign_id": "C1", "resident_id": "R13", "added_on": date(2026, OCT, 29)},
    {"campaign_id": "C1", "resident_id": "R99", "added_on": date(2026, OCT, 1)},  # bad
    {"campaign_id": "C2", "resident_id": "R01", "added_on": date(2026, OCT, 5)},
    {"campaign_id": "C2", "resident_id": "R06", "added_on": date(2026, OCT, 5)},
]

CAMPAIGNS = [
    {
        "campaign_id": "C1",
        "campaign_name": "Winter welfare",
        "started_on": date(2026, OCT, 1),
        "target_contacts": 10,
    },
    {
        "campaign_id": "C2",
        "campaign_name": "Heat check",
        "started_on": date(2026, OCT, 5),
        "ended_on": date(2026, OCT, 12),
        "target_contacts": 2,
    },
    {
        "campaign_id": "C3",
        "campaign_name": "Cost of living",
        "started_on": date(2026, OCT, 20),
        "target_contacts": 5,
    },
]

NORTH_BANK, SOUTH_PANTRY = "Northgate Food Bank", "Southfields Pantry"


def _referral(
    referral_id: str, resident: str, call: str | None, team: str, at: datetime, **rest
) -> dict:
    return {
        "referral_id": referral_id,
        "resident_id": resident,
        "call_id": call,
        "team_id": team,
        "partner_name": NORTH_BANK if AREA_OF[resident] != "A2" else SOUTH_PANTRY,
        "referred_at": at,
        "status": rest.pop("status", "referred"),
        "adults": 1,
        "children": 0,
        **rest,
    }


REFERRALS = [
    _referral(
        "F1",
        "R01",
        "K03",
        "T1",
        D(2026, OCT, 17, 9),
        status="fulfilled",
        fulfilled_at=D(2026, OCT, 18, 10),
        fulfilment="collected",
    ),
    _referral("F2", "R04", "K07", "T1", D(2026, 11, 1, 10)),
    _referral("F3", "R06", "K12b", "T3", D(2026, OCT, 21, 16), status="accepted"),
    _referral("F4", "R09", "K23", "T2", D(2026, OCT, 18, 10)),
    _referral("F5", "R05", None, "T1", D(2026, OCT, 20, 10)),
    _referral(
        "F6",
        "R08",
        None,
        "T3",
        D(2026, 9, 30, 12),
        status="fulfilled",
        fulfilled_at=D(2026, OCT, 1, 12),
        fulfilment="delivered_by_partner",
    ),
]

ROWS = {
    AREAS: THREE_AREAS,
    TEAMS: [
        {
            "team_id": "T1",
            "team_name": "North outreach",
            "function": "tenancy_sustainment",
            "region": "North",
        },
        {"team_id": "T2", "team_name": "Contact centre", "function": "contact_centre"},
        {
            "team_id": "T3",
            "team_name": "South neighbourhood",
            "function": "neighbourhood",
            "region": "South",
        },
    ],
    RESIDENTS: [_resident(r) for r in AREA_OF],
    OUTREACH_CAMPAIGNS: CAMPAIGNS,
    OUTREACH_COHORT: COHORT,
    # Newest first, so the figures cannot lean on the order rows are stored in.
    OUTREACH_CALLS: CALLS[::-1],
    OUTREACH_NEEDS: NEEDS,
    FOOD_REFERRALS: REFERRALS,
}
