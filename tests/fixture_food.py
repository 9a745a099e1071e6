"""A hand-written food-support fixture (with the outreach calls that found the needs).

Every figure test_food_figures asserts is worked out by hand below, from these rows.

Period 1 Oct - 30 Nov 2026 (61 days): from 1 Oct 00:00 up to T = 1 Dec 00:00 (an event
at exactly T is on 1 Dec, after the period). Previous period: the 61 days 1 Aug - 30 Sep.
Weeks are 7 days ending on 30 Nov; week_ending = 30 Nov - 7 x ((30 Nov - day) // 7):
  30 Nov (24-30 Nov), 23 Nov (17-23), 16 Nov (10-16), 9 Nov (3-9), 2 Nov (27 Oct-2 Nov),
  26 Oct (20-26), 19 Oct (13-19), 12 Oct (6-12), 5 Oct (29 Sep-5 Oct: partial, 1-5 Oct).

Areas: A1 Northgate and A3 Hillside are North, A2 Southfields is South.
Residents (household, area): R1 (H1, A1), R2 and R3 (both H2, A1), R4 (H4, A2),
R5 (H5, A2), R6 (H6, A3), R7 (H7, A2), R8 (H8, A3). North = R1, R2, R3, R6, R8.
Days to fulfil = fractional days from referred_at to fulfilled_at.

--- Referrals (F = referred in the period, P = before it, B = bad data) ---------------
id   res  area team partner  referred_at     status     fulfilled_at   method   a c days
F12  R8   A3   T1   LARDER   1 Oct 00:00     fulfilled  2 Oct 12:00    collected 3 2 1.5
F01  R1   A1   T1   BANK     5 Oct 10:00     fulfilled  7 Oct 10:00    collected 1 0 2.0
F02  R4   A2   T3   PANTRY   14 Oct 09:00    fulfilled  16 Oct 21:00   partner   2 2 2.5
F03  R3   A1   T1   BANK     20 Oct 08:00    declined   -              -         1 1 -
F04  R6   A3   T2   LARDER   27 Oct 12:00    fulfilled  28 Oct 12:00   NULL      1 0 1.0
F05  R5   A2   T3   PANTRY   9 Nov 10:00     fulfilled  12 Nov 16:00   staff     1 3 3.25
F10  R6   A3   T2   LARDER   10 Nov 10:00    failed     11 Nov 10:00 (*)         1 0 -
F06  R7   A2   T2   PANTRY   13 Nov 14:00    accepted   -              -         2 1 -
F07  R2   A1   T1   BANK     18 Nov 09:00    fulfilled  1 Dec 00:00 (T) staff    2 1 12.625
F08  R7   A2   T2   LARDER   20 Nov 10:00    cancelled  -              -         2 1 -
F09  R7   A2   T3   PANTRY   26 Nov 10:00    referred   -              -         2 1 -
F11  R7   A2   T2   PANTRY   2 Dec 09:00     referred   (after the period)       2 1 -
P06  R4   A2   T3   PANTRY   16 Jul 09:00    fulfilled  20 Jul 09:00   collected 2 2 (4.0)
P04  R5   A2   T3   PANTRY   1 Aug 10:00     fulfilled  5 Aug 10:00    staff     1 3 4.0
P02  R2   A1   T1   BANK     15 Sep 09:00    fulfilled  17 Sep 09:00   collected 2 1 2.0
P01  R1   A1   T1   BANK     16 Sep 12:00    fulfilled  1 Oct 00:00    collected 1 0 14.5
P03  R6   A3   T2   LARDER   28 Sep 10:00    fulfilled  30 Sep 22:00   partner   1 0 2.5
P05  R7   A2   T3   PANTRY   30 Sep 15:00    declined   -              -         2 1 -
B01  R1   A1   T1   BANK     12 Oct 10:00    fulfilled  NULL: breaks REQUIRED_WHEN
B02  R4   A2   T3   PANTRY   20 Oct 10:00    fulfilled  19 Oct 10:00: before referred_at
(*) F10 carries a fulfilled_at although it failed: no contract rule drops it, but it is
    not fulfilled, so it is in no fulfilled figure (the figures check the status too).
call_id: F01 K01, F02 K02, F04 K03, F05 K05, F11 K11, P01 K07, P03 K09; the rest NULL.

--- Tiles, current period (previous period in brackets) --------------------------------
Referrals (referred_at in period): F01-F10, F12 = 11 [P01-P05 = 5]. B01, B02 excluded.
Fulfilled (status fulfilled, fulfilled_at in period): P01 (1 Oct 00:00, the period's
  first instant), F12, F01, F02, F04, F05 = 6; not F07 (fulfilled at T), not F10 (failed)
  [P02, P03, P04 = 3; P01 belongs to the current period, P06 to neither].
Median days: 1.0, 1.5, 2.0, 2.5, 3.25, 14.5 -> even count, (2.0 + 2.5) / 2 = 2.25
  [2.0, 2.5, 4.0 -> 2.5].
People fed: P01 1 + F12 5 + F01 1 + F02 4 + F04 1 + F05 4 = 16 [P02 3 + P03 1 + P04 4 = 8].
Children fed: 0 + 2 + 0 + 2 + 0 + 3 = 7 [1 + 0 + 3 = 4].
North: referrals F01, F03, F04, F07, F10, F12 = 6 [P01, P02, P03 = 3]; fulfilled P01,
  F12, F01, F04 = 4 [P02, P03 = 2]; median 1.0, 1.5, 2.0, 14.5 -> (1.5 + 2.0) / 2 = 1.75
  [(2.0 + 2.5) / 2 = 2.25]; people 1 + 5 + 1 + 1 = 8 [3 + 1 = 4]; children 2 [1].

--- Food needs referred (outreach calls, campaign CW) ----------------------------------
call res outcome    called_at       needs              next referral of that resident
K01  R1  reached    2 Oct 10:00     food               F01 5 Oct 10:00, 72 h: yes
K02  R4  reached    6 Oct 09:00     food               F02 14 Oct 09:00, 192 h (8 days): no
K03  R6  reached    20 Oct 12:00    food               F04 27 Oct 12:00, exactly 168 h: yes
K05  R5  no_answer  8 Nov 10:00     food               (not reached: not in the denominator)
K04  R5  reached    10 Nov 15:00    food               none; F05 (9 Nov) came before: no
K06  R7  reached    12 Nov 10:00    money_debt         (no food need: not in the denominator)
K10  R3  reached    16 Nov 11:00    food               none (R2's F07 is another resident): no
K11  R7  reached    29 Nov 18:00    food, loneliness   F11 2 Dec 09:00 (after the period): yes
K07  R1  reached    15 Sep 10:00    food               P01 16 Sep 12:00: yes   (previous)
K08  R4  reached    20 Sep 09:00    food               F02 14 Oct: no          (previous)
K09  R6  reached    25 Sep 10:00    food               P03 28 Sep 10:00: yes   (previous)
All: K01, K02, K03, K04, K10, K11 -> 3 / 6 = 50% [K07, K08, K09 -> 2 / 3].
North: K01, K03, K10 -> 2 / 3 [K07, K09 -> 2 / 2 = 100%].

--- Repeat need (period; windows of 90 x 24 h ending on an in-period referral) --------
H1: P01 16 Sep, F01 5 Oct -> 2 (B01, 12 Oct, would make 3 but is excluded).
H2: P02 15 Sep (R2), F03 20 Oct (R3), F07 18 Nov (R2): window to 18 Nov from 20 Aug -> 3.
H4: P06 16 Jul 09:00, F02 14 Oct 09:00: exactly 90 days apart, both ends count -> 2.
H5: P04 1 Aug 10:00, F05 9 Nov 10:00: 100 days apart -> 1 (not repeat).
H6: P03 28 Sep, F04 27 Oct, F10 10 Nov -> 3.
H7: P05 30 Sep, F06 13 Nov, F08 20 Nov, F09 26 Nov -> 4 (F11, after, is in no window).
H8: F12 -> 1.
"1": H5, H8 = 2; "2": H1, H4 = 2; "3": H2, H6 = 2; "4+": H7 = 1. Households 7, repeat 5,
share 500 / 7 %. North (H1, H2, H6, H8): 1, 1, 2, 0; households 4, repeat 3, 75%.
"""

from __future__ import annotations

from datetime import date, datetime

from data_access.schema import (
    AREAS,
    FOOD_REFERRALS,
    OUTREACH_CALLS,
    OUTREACH_CAMPAIGNS,
    OUTREACH_NEEDS,
    RESIDENTS,
    TEAMS,
)
from tests.fixture_areas import THREE_AREAS

PERIOD_START, PERIOD_END = date(2026, 10, 1), date(2026, 11, 30)
PREVIOUS_START, PREVIOUS_END = date(2026, 8, 1), date(2026, 9, 30)
#: The loader's "now": after every timestamp (latest 2 Dec), so none is in the future.
READ_AT = datetime(2026, 12, 10, 12)

D = datetime
BANK, PANTRY, LARDER = "Northgate Food Bank", "Southfields Pantry", "Community Larder"
BAD_REFERRALS = {"B01", "B02"}


def _referral(
    referral_id: str,
    resident: str,
    team: str,
    partner: str,
    referred: datetime,
    status: str,
    fulfilled: datetime | None = None,
    method: str | None = None,
    adults: int = 1,
    children: int = 0,
    call: str | None = None,
) -> dict:
    return {
        "referral_id": referral_id,
        "resident_id": resident,
        "call_id": call,
        "team_id": team,
        "partner_name": partner,
        "referred_at": referred,
        "status": status,
        "fulfilled_at": fulfilled,
        "fulfilment": method,
        "adults": adults,
        "children": children,
    }


def _call(call_id: str, resident: str, team: str, called: datetime, outcome: str) -> dict:
    return {
        "call_id": call_id,
        "campaign_id": "CW",
        "resident_id": resident,
        "team_id": team,
        "called_at": called,
        "direction": "outbound",
        "outcome": outcome,
        "follow_up_required": False,
    }


def _resident(resident_id: str, household: str, area: str) -> dict:
    return {
        "resident_id": resident_id,
        "household_ref": household,
        "area_id": area,
        "vulnerable": True,
        "adults": 1,
        "children": 0,
    }


STAFF, PARTNER_DELIVERY = "delivered_by_staff", "delivered_by_partner"

# fmt: off
REFERRALS = [
    # In the period (see the table in the module docstring).
    _referral("F12", "R8", "T1", LARDER, D(2026, 10, 1), "fulfilled",
              D(2026, 10, 2, 12), "collected", 3, 2),
    _referral("F01", "R1", "T1", BANK, D(2026, 10, 5, 10), "fulfilled",
              D(2026, 10, 7, 10), "collected", 1, 0, call="K01"),
    _referral("F02", "R4", "T3", PANTRY, D(2026, 10, 14, 9), "fulfilled",
              D(2026, 10, 16, 21), PARTNER_DELIVERY, 2, 2, call="K02"),
    _referral("F03", "R3", "T1", BANK, D(2026, 10, 20, 8), "declined", adults=1, children=1),
    # Fulfilled with no fulfilment method recorded: "not recorded" in the weekly chart.
    _referral("F04", "R6", "T2", LARDER, D(2026, 10, 27, 12), "fulfilled",
              D(2026, 10, 28, 12), None, 1, 0, call="K03"),
    _referral("F05", "R5", "T3", PANTRY, D(2026, 11, 9, 10), "fulfilled",
              D(2026, 11, 12, 16), STAFF, 1, 3, call="K05"),
    # Failed, yet carrying a fulfilled_at: kept by the data layer, never "fulfilled".
    _referral("F10", "R6", "T2", LARDER, D(2026, 11, 10, 10), "failed",
              D(2026, 11, 11, 10), None, 1, 0),
    _referral("F06", "R7", "T2", PANTRY, D(2026, 11, 13, 14), "accepted", adults=2, children=1),
    # Fulfilled at exactly T: fulfilled on 1 Dec, after the period.
    _referral("F07", "R2", "T1", BANK, D(2026, 11, 18, 9), "fulfilled",
              D(2026, 12, 1), STAFF, 2, 1),
    _referral("F08", "R7", "T2", LARDER, D(2026, 11, 20, 10), "cancelled", adults=2, children=1),
    _referral("F09", "R7", "T3", PANTRY, D(2026, 11, 26, 10), "referred", adults=2, children=1),
    # After the period: only follows K11 within 7 days.
    _referral("F11", "R7", "T2", PANTRY, D(2026, 12, 2, 9), "referred", adults=2, children=1,
              call="K11"),
    # Before the period.
    _referral("P06", "R4", "T3", PANTRY, D(2026, 7, 16, 9), "fulfilled",
              D(2026, 7, 20, 9), "collected", 2, 2),
    _referral("P04", "R5", "T3", PANTRY, D(2026, 8, 1, 10), "fulfilled",
              D(2026, 8, 5, 10), STAFF, 1, 3),
    _referral("P02", "R2", "T1", BANK, D(2026, 9, 15, 9), "fulfilled",
              D(2026, 9, 17, 9), "collected", 2, 1),
    _referral("P01", "R1", "T1", BANK, D(2026, 9, 16, 12), "fulfilled",
              D(2026, 10, 1), "collected", 1, 0, call="K07"),
    _referral("P03", "R6", "T2", LARDER, D(2026, 9, 28, 10), "fulfilled",
              D(2026, 9, 30, 22), PARTNER_DELIVERY, 1, 0, call="K09"),
    _referral("P05", "R7", "T3", PANTRY, D(2026, 9, 30, 15), "declined", adults=2, children=1),
    # Bad data: excluded from every figure, counted in snapshot.excluded.
    _referral("B01", "R1", "T1", BANK, D(2026, 10, 12, 10), "fulfilled", None, "collected"),
    _referral("B02", "R4", "T3", PANTRY, D(2026, 10, 20, 10), "fulfilled",
              D(2026, 10, 19, 10), "collected", 2, 2),
]

CALLS = [
    _call("K01", "R1", "T1", D(2026, 10, 2, 10), "reached"),
    _call("K02", "R4", "T3", D(2026, 10, 6, 9), "reached"),
    _call("K03", "R6", "T2", D(2026, 10, 20, 12), "reached"),
    _call("K04", "R5", "T3", D(2026, 11, 10, 15), "reached"),
    _call("K05", "R5", "T3", D(2026, 11, 8, 10), "no_answer"),
    _call("K06", "R7", "T2", D(2026, 11, 12, 10), "reached"),
    _call("K10", "R3", "T1", D(2026, 11, 16, 11), "reached"),
    _call("K11", "R7", "T2", D(2026, 11, 29, 18), "reached"),
    _call("K07", "R1", "T1", D(2026, 9, 15, 10), "reached"),
    _call("K08", "R4", "T3", D(2026, 9, 20, 9), "reached"),
    _call("K09", "R6", "T2", D(2026, 9, 25, 10), "reached"),
]
# fmt: on

NEEDS = [
    {"call_id": call_id, "need": need}
    for call_id, need in [
        ("K01", "food"),
        ("K02", "food"),
        ("K03", "food"),
        ("K04", "food"),
        ("K05", "food"),
        ("K06", "money_debt"),
        ("K10", "food"),
        ("K11", "food"),
        ("K11", "loneliness"),
        ("K07", "food"),
        ("K08", "food"),
        ("K09", "food"),
    ]
]

ROWS = {
    AREAS: THREE_AREAS,
    TEAMS: [
        {
            "team_id": "T1",
            "team_name": "North neighbourhood",
            "function": "neighbourhood",
            "region": "North",
        },
        {"team_id": "T2", "team_name": "Contact centre", "function": "contact_centre"},
        {
            "team_id": "T3",
            "team_name": "South sustainment",
            "function": "tenancy_sustainment",
            "region": "South",
        },
    ],
    RESIDENTS: [
        _resident("R1", "H1", "A1"),
        _resident("R2", "H2", "A1"),
        _resident("R3", "H2", "A1"),
        _resident("R4", "H4", "A2"),
        _resident("R5", "H5", "A2"),
        _resident("R6", "H6", "A3"),
        _resident("R7", "H7", "A2"),
        _resident("R8", "H8", "A3"),
    ],
    OUTREACH_CAMPAIGNS: [
        {
            "campaign_id": "CW",
            "campaign_name": "Winter welfare",
            "started_on": date(2026, 7, 1),
            "target_contacts": 50,
        },
    ],
    OUTREACH_CALLS: CALLS,
    OUTREACH_NEEDS: NEEDS,
    FOOD_REFERRALS: REFERRALS,
}
