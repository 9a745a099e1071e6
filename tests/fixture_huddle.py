"""A hand-written thirteen-week fixture for the Huddle's "What changed" (issue 6).

Every figure test_huddle_figures asserts is worked out by hand below, from these rows.

Weeks are Monday to Sunday. Week k (k = 0..12) starts Mon d_k = 17 Aug 2026 + 7k and ends
Sun d_k + 6 (a week's stocks are taken at T_k = the next Monday 00:00). k = 12 is 9-15 Nov
(this week, W0), k = 11 is 2-8 Nov (last week), k = 0 is 17-23 Aug. The latest data day is
Tue 17 Nov (incident X1), so the partial week 16-22 Nov is skipped: huddle_weeks(17 Nov)
starts 9-15 Nov, then 2-8 Nov, ... down to 24-30 Aug (k = 1; 12 weeks). "What changed" reads the
13 weeks k = 0..12; "typical" = median of the 11 steps |v(k+1) - v(k)|, k = 0..10, floored
at 1 (count), 1 point (percent), 0.5 day (days). Areas: A1 Northgate and A3 Hillside are
North, A2 Southfields is South. Outreach: no campaign and no rows (no outreach tiles;
"Food needs referred" has no calls, so n/a).

--- Repairs (open at T: reported before T, neither completed nor cancelled before T) -------
V1 (A1), V2 (A2): URG, reported 1 Jul, target 4 Jul, never closed: open and overdue at every
  T_k. Nk (A3) and Sk (A2), k = 0..12: PLN reported Tue d_k + 1 10:00, target 126 days
  later (after 16 Nov), never closed: open from week k on, never overdue here.
Ck (A2), k = 0..12: NOR reported Mon d_k 09:00, target 28 days later, completed Wed d_k + 2
  15:00 (k < 12; days 3) or Sat 14 Nov 15:00 (k = 12; 9 -> 14 Nov = 6 days), on time: closed
  within its week, so never open at a T_k. The only completions.
E1-E9: EME reported Tue 10 Nov 08:00-16:00, target 24 h later, never closed: open and
  overdue at T_12 only. E1-E6 in A1, E7-E8 in A3, E9 in A2.
Open at T_k, k <= 11: V1 V2 + N0..Nk + S0..Sk = 2k + 4 (4, 6, ..., 26): steps all 2, typical
  2. T_12: 2 + 13 + 13 + 9 = 37: +11 (26 to 37), size 11 / 2 = 5.5.
  North k <= 11: V1 + N0..Nk = k + 2 (2..13), typical 1; T_12: 1 + 13 + 6 + 2 = 22: +9.
  Northgate: 1 -> 7 (+6). Hillside: 12 -> 15 (+3). South: 13 -> 15 (+2).
Overdue at T_k, k <= 11: V1 V2 = 2 (steps 0, typical floored 1). T_12: 2 + 9 = 11: +9, size 9.
  North 1 -> 9 (+8), Northgate 1 -> 7 (+6), Hillside 0 -> 2 (+2), South 1 -> 2 (+1).
Average days to complete: Ck alone each week: 3.0 (typical floored 0.5); k = 12: 6.0, +3.0,
  size 6. (South only: none in North, so a North manager has no such movement.)
Non-emergency RP02: 1 of 1 on time every week, 100% -> 100%, no change. Emergency RP02,
  first-visit fix, appointments kept: nothing qualifies, n/a, no change.

--- Food referrals (status "referred": fulfilled, people, children 0; median n/a) ---------
Referred Wed d_k + 2 from 12:00, one per resident listed: R1 Northgate, R2 Southfields,
R3 Hillside. Even k <= 10: R1, R3, R2 x 2 = 4 (North 2). Odd k <= 11: R1 x 2, R3, R2 x 3 = 6
(North 3). k = 12: R3 only = 1.
Referrals 4, 6, 4, ..., 6 (k = 11): steps 2, typical 2; k = 12: 1, -5 (6 to 1), size 2.5.
  North 3 -> 1 (-2), South 3 -> 0 (-3): most in South (-3), one area there: no area part.
  North alone: 2, 3, ... (typical 1), -2, size 2; Northgate 2 -> 0 (-2), Hillside 1 -> 1.

--- Incidents (occurred Thu d_k + 3 from 10:00; severity 2 unless said; none from home,
    none RIDDOR, no action) -------------------------------------------------------------
k <= 11 except k = 5: 3 in A1 (team T1), 2 in A2 (team T3) = 5. k = 5 (21-27 Sep): 1 in A1,
1 in A2 = 2.
k = 12: 3 in A1, 2 in A2 of severity 4, 4 in A3 (one of severity 4) = 9. X1: Tue 17 Nov, A1.
Incidents 5 x 5, 2, 5 x 6, then 9: steps 0 0 0 0 3 3 0 0 0 0 0, median 0, typical 1; +4 (5 to
  9), size 4. North 3 -> 7 (+4) (South 2 -> 2): most in North (+4); Northgate 3 -> 3,
  Hillside 0 -> 4: within it Hillside (+4). North alone: 3 .. 1 .. 3 (typical 1), +4.
Serious incidents (severity >= 4): 0 every week; k = 12: 3, +3 (0 to 3), size 3. South 0 -> 2,
  North 0 -> 1: most in South (+2), no area part. North alone: +1, Hillside (+1).
While working from home 0% -> 0%, RIDDOR 0 -> 0, median days to action n/a: no change.
Suppressed viewer: Serious rests on 3 (1-4): its change is hidden, so it is left out.
  Incidents 5 and 9 are safe: kept, with no places.

--- "What changed" for 9-15 Nov, sizes = |change| / typical ---------------------------------
Director (all regions): Overdue 9, Average days 6, Open 5.5, Incidents 4, Serious 3 (top
  five); Referrals 2.5 is sixth, left out.
  Overdue repairs +9 week on week (2 to 11), most in North (+8), within it Northgate (+6).
  Average days to complete +3.0 days week on week (3.0 days to 6.0 days).
  Open repairs +11 week on week (26 to 37), most in North (+9), within it Northgate (+6).
  Incidents +4 week on week (5 to 9), most in North (+4), within it Hillside (+4).
  Serious incidents +3 week on week (0 to 3), most in South (+2).
Suppressed (all regions): Overdue 9, Average days 6, Open 5.5, Incidents 4, Referrals 2.5.
  Incidents +4 week on week (5 to 9).
  Referrals -5 week on week (6 to 1), most in South (-3).
North manager: Open 9/1 = 9, Overdue 8/1 = 8, Incidents 4/1 = 4, Referrals 2/1 = 2, Serious
  1/1 = 1 (the only five); one region, so the first place is an area:
  Open repairs +9 week on week (13 to 22), most in Northgate (+6).
  Overdue repairs +8 week on week (1 to 9), most in Northgate (+6).
  Incidents +4 week on week (3 to 7), most in Hillside (+4).
  Referrals -2 week on week (3 to 1), most in Northgate (-2).
  Serious incidents +1 week on week (0 to 1), most in Hillside (+1).

--- Sparklines: the 12 weeks k = 1..12 ------------------------------------------------------
Open repairs: 6, 8, ..., 26 (2k + 4), 37. Incidents: 5, 5, 5, 5, 2, 5, 5, 5, 5, 5, 5, 9.
Suppressed Incidents: k = 5 (2) is "<5", a gap; its total (57) is public, so the smallest
other week is hidden too (the first of the 5s, k = 1): None 5 5 5 None 5 5 5 5 5 5 9.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from data_access.schema import (
    AREAS,
    FOOD_REFERRALS,
    INCIDENTS,
    REPAIR_PRIORITIES,
    REPAIRS,
    RESIDENTS,
    TEAMS,
)
from data_access.subjects import FOOD, OUTREACH, REPAIRS_SUBJECT, RESPECT
from tests.fixture_areas import THREE_AREAS, resident_row
from tests.fixture_repairs import repair_row

FIRST_MONDAY = date(2026, 8, 17)  # d_0
WEEKS = 13
THIS_WEEK = (date(2026, 11, 9), date(2026, 11, 15))
LATEST_DAY = date(2026, 11, 17)
#: The loader's "now": after every timestamp (latest 17 Nov), so none is in the future.
READ_AT = datetime(2026, 11, 18, 12)
SUBJECTS = (OUTREACH, FOOD, REPAIRS_SUBJECT, RESPECT)
D = datetime


def monday(k: int) -> datetime:
    """d_k at midnight."""
    return datetime.combine(FIRST_MONDAY + timedelta(weeks=k), datetime.min.time())


def _repair(work_order_id, area, priority, reported, target, completed=None) -> dict:
    status = "completed" if completed else "open"
    return repair_row(
        work_order_id, area, priority, reported, target_at=target, completed_at=completed,
        status=status,
    )  # fmt: skip


def _repairs() -> list[dict]:
    rows = [
        _repair("V1", "A1", "URG", D(2026, 7, 1, 9), D(2026, 7, 4, 9)),
        _repair("V2", "A2", "URG", D(2026, 7, 1, 9), D(2026, 7, 4, 9)),
    ]
    for k in range(WEEKS):
        day, pln = monday(k), timedelta(days=126)
        done = day + (timedelta(days=5, hours=15) if k == 12 else timedelta(days=2, hours=15))
        reported = day + timedelta(hours=9)
        rows.append(_repair(f"C{k}", "A2", "NOR", reported, reported + timedelta(28), done))
        tuesday = day + timedelta(days=1, hours=10)
        rows.append(_repair(f"N{k}", "A3", "PLN", tuesday, tuesday + pln))
        rows.append(_repair(f"S{k}", "A2", "PLN", tuesday, tuesday + pln))
    for i, area in enumerate(["A1"] * 6 + ["A3"] * 2 + ["A2"], start=1):
        reported = D(2026, 11, 10, 7 + i)
        rows.append(_repair(f"E{i}", area, "EME", reported, reported + timedelta(hours=24)))
    return rows


def _referral(referral_id: str, resident: str, referred: datetime) -> dict:
    return {
        "referral_id": referral_id,
        "resident_id": resident,
        "team_id": "T3" if resident == "R2" else "T1",
        "partner_name": "Northgate Food Bank",
        "referred_at": referred,
        "status": "referred",
        "adults": 1,
        "children": 0,
    }


def _referrals() -> list[dict]:
    rows = []
    for k in range(WEEKS):
        if k == 12:
            residents = ["R3"]
        elif k % 2 == 0:
            residents = ["R1", "R3", "R2", "R2"]
        else:
            residents = ["R1", "R1", "R3", "R2", "R2", "R2"]
        wednesday = monday(k) + timedelta(days=2, hours=12)
        for i, resident in enumerate(residents):
            rows.append(_referral(f"F{k}-{i}", resident, wednesday + timedelta(hours=i)))
    return rows


def _incident(incident_id: str, area: str, occurred: datetime, severity: int = 2) -> dict:
    return {
        "incident_id": incident_id,
        "occurred_at": occurred,
        "reported_at": occurred + timedelta(hours=1),
        "team_id": "T3" if area == "A2" else "T1",
        "area_id": area,
        "channel": "phone",
        "incident_type": "threat" if severity == 4 else "verbal_abuse",
        "severity": severity,
        "staff_working_from_home": False,
        "injury": False,
        "riddor_reportable": False,
        "action_taken": "none",
    }


def _incidents() -> list[dict]:
    rows = [_incident("X1", "A1", D(2026, 11, 17, 10))]
    for k in range(WEEKS):
        if k == 5:
            week = [("A1", 2), ("A2", 2)]
        elif k == 12:
            week = [("A1", 2)] * 3 + [("A2", 4)] * 2 + [("A3", 4)] + [("A3", 2)] * 3
        else:
            week = [("A1", 2)] * 3 + [("A2", 2)] * 2
        thursday = monday(k) + timedelta(days=3, hours=10)
        for i, (area, severity) in enumerate(week):
            rows.append(_incident(f"I{k}-{i}", area, thursday + timedelta(hours=i), severity))
    return rows


def _priority(code: str, value: int, unit: str, emergency: bool) -> dict:
    return {
        "priority_code": code,
        "description": code,
        "target_value": value,
        "target_unit": unit,
        "is_emergency": emergency,
    }


def _team(team_id: str, region: str) -> dict:
    return {"team_id": team_id, "team_name": team_id, "function": "neighbourhood", "region": region}


ROWS = {
    AREAS: THREE_AREAS,
    TEAMS: [_team("T1", "North"), _team("T3", "South")],
    RESIDENTS: [resident_row("R1", "A1"), resident_row("R2", "A2"), resident_row("R3", "A3")],
    REPAIR_PRIORITIES: [
        _priority("EME", 24, "hours", True),
        _priority("URG", 72, "hours", False),
        _priority("NOR", 20, "working_days", False),
        _priority("PLN", 90, "working_days", False),
    ],
    REPAIRS: _repairs(),
    FOOD_REFERRALS: _referrals(),
    INCIDENTS: _incidents(),
}
