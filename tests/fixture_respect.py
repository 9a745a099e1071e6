"""A hand-written Service-with-Respect fixture: incidents against staff.

Every figure test_respect_figures asserts is worked out by hand below, from these rows.

Period 1 Oct - 30 Nov 2026 (61 days): from 1 Oct 00:00 up to T = 1 Dec 00:00 (an incident
at exactly T is on 1 Dec, after the period). Previous period: the 61 days 1 Aug - 30 Sep.
Weekdays: 1 Oct is a Thursday; 25 Oct, 1 Nov, 8 Nov are Sundays; 1 Aug is a Saturday.
Weeks end on 30 Nov; week_ending = 30 Nov - 7 x ((30 Nov - day) // 7): 5 Oct (29 Sep - 5 Oct,
partial), 12 Oct, 19 Oct, 26 Oct, 2 Nov, 9 Nov, 16 Nov, 23 Nov, 30 Nov. Months 2026-10/-11.
Areas: A1 Northgate and A3 Hillside are North, A2 Southfields is South. Teams: T1 North
neighbourhood (North), T2 Contact centre (organisation-wide: region NULL), T3 South
sustainment (South). Region = the area's, else the team's; T2 with no area has none and is
seen only by all-region scopes. Days = fractional days reported_at -> action_at (naive).

--- Incidents (C = in the period, P = previous period, B = bad, X/Q = in neither) ----------
id  occurred (local)   wd hr  week   team area region chan  type   sev home riddor action days
C01 Thu 1 Oct 00:00     4  0  5 Oct  T1  A1   North  phone verbal  2   y    -    verbal 1.0
C02 Mon 5 Oct 14:30     1 14  5 Oct  T3  A2   South  f2f   threat  4   -    -    written 1.5
C03 Wed 14 Oct 10:15    3 10  19 Oct T1  -    North* phone harass  3   y    -    none    -
C04 Tue 20 Oct 16:00    2 16  26 Oct T2  -    (none) email online  1   y    -    none    -
C05 Sun 25 Oct 01:30 +  7  1  26 Oct T1  A3   North  visit assault 6   -    y    police  4.0
C06 Mon 26 Oct 09:00    1  9  26 Oct T2  A2   South  phone verbal  2   y    -    marker  3.5
C07 Sat 31 Oct 20:45    6 20  2 Nov  T3  A2   South  social online 3   y    -    none    -
C08 Sun 8 Nov 23:59     7 23  9 Nov  T1  A1   North  phone threat  4   y    -    written 2.25
C09 Mon 9 Nov 00:00     1  0  9 Nov  T2  A3   North  chat  harass  2   y    -    none    -
C10 Thu 12 Nov 11:00    4 11  16 Nov T3  A2   South  contr assault 6   -    y    restrict 0.25
C11 Wed 18 Nov 14:10    3 14  23 Nov T1  A1   North  f2f   discrim 3   -    -    verbal  5.0
C12 Mon 23 Nov 14:05    1 14  23 Nov T3  -    South* phone verbal  2   y    -    none    -
C13 Fri 27 Nov 17:00    5 17  30 Nov T2  -    (none) phone threat  4   y    -    injunct 2.5
C14 Mon 30 Nov 23:30    1 23  30 Nov T1  A3   North  visit damage  4   -    -    restrict 3.0
C15 Mon 16 Nov 14:59    1 14  16 Nov T2  A1   North  phone verbal  2   y    -    verbal  0.5
P01 Wed 30 Sep 23:59    3 23         T1  A1   North  phone verbal  2   y    -    verbal  2.0
P02 Tue 15 Sep 10:00    2 10         T3  A2   South  f2f   assault 6   -    y    police  0.5
P03 Mon 7 Sep 13:00     1 13         T2  -    (none) email threat  4   y    -    none    -
P04 Sat 1 Aug 00:00     6  0         T1  A3   North  visit harass  3   -    -    written 4.0
P06 Mon 14 Sep 14:20    1 14         T2  A1   North  phone verbal  1   y    -    verbal  0.75
P05 Fri 31 Jul 23:59 (before the previous period)  X01 Tue 1 Dec 00:00 (T: after the period)
B01 occurred 10 Oct 10:00, reported 9 Oct 10:00 (reported before it occurred)
B02 occurred 20 Nov 10:00, reported 11:00, action_at 10:30 (action before report)
B03 occurred 3 Nov 10:00, channel "fax" (not in the contract)
B04 occurred 10 Sep 10:00, reported 09:00 (previous period; reported before it occurred)
Q01-Q03 Sun 29 Mar 2026 00:59, 02:00, 03:00 (spring clock change: see below).
* region from the team (no area). + 25 Oct: BST ends at 02:00, so 01:00-01:59 happens twice;
stored naive, 01:30 is hour 1 on Sunday. Action days: C05 25 Oct 08:00 -> 29 Oct 08:00 = 4.0,
C08 9 Nov 08:00 -> 11 Nov 14:00 = 2.25, C10 12:00 -> 18:00 = 0.25, C13 27 Nov 18:00 -> 30 Nov
06:00 = 2.5, C14 1 Dec 08:00 -> 4 Dec 08:00 = 3.0, C15 16 Nov 15:00 -> 17 Nov 03:00 = 0.5,
P01 1 Oct 08:00 -> 3 Oct 08:00 = 2.0, P06 14 Sep 15:00 -> 15 Sep 09:00 = 0.75.
Excluded rows: B01-B04 = 4 (B01-B03 would be in the period, B04 in the previous one).

--- Tiles: current [previous] ---------------------------------------------------------------
Everyone: Incidents C01-C15 = 15 [P01, P02, P03, P04, P06 = 5].
  Serious (sev >= 4): C02, C05, C08, C10, C13, C14 = 6 [P02, P03 = 2].
  From home: C01 C03 C04 C06 C07 C08 C09 C12 C13 C15 = 10 / 15 = 66.67% [P01 P03 P06: 60%].
  Days: 0.25 0.5 1.0 1.5 2.25 | 2.5 3.0 3.5 4.0 5.0 -> (2.25 + 2.5) / 2 = 2.375
    [0.5 0.75 | 2.0 4.0 -> 1.375].  RIDDOR: C05, C10 = 2 [P02 = 1].
North: Incidents C01 C03 C05 C08 C09 C11 C14 C15 = 8 [P01 P04 P06 = 3]; serious C05 C08
  C14 = 3 [0]; home C01 C03 C08 C09 C15 = 5 / 8 = 62.5% [P01 P06 = 2 / 3]; days 0.5 1.0 2.25
  | 3.0 4.0 5.0 -> 2.625 [0.75 2.0 4.0 -> 2.0]; RIDDOR C05 = 1 [0]. (C04, C13, P03: no
  region, so not North; C06 is South by its area although T2 has no region.)
"""

from __future__ import annotations

from datetime import date, datetime

from data_access.schema import AREAS, INCIDENTS, RESIDENTS, TEAMS
from tests.fixture_areas import THREE_AREAS, resident_row

HEATMAPS = """Hand-worked figures, current period (everyone unless said).

when (weekday, hour): (1,14) C02 C12 C15 = 3; one each: (1,0) C09, (1,9) C06, (1,23) C14,
  (2,16) C04, (3,10) C03, (3,14) C11, (4,0) C01, (4,11) C10, (5,17) C13, (6,20) C07,
  (7,1) C05, (7,23) C08. 13 cells, 15 incidents.
  North: (1,0) (1,14) (1,23) (3,10) (3,14) (4,0) (7,1) (7,23), one each.
team (team, month): T1 C01 C03 C05 | C08 C11 C14 -> 10: 3, 11: 3; T2 C04 C06 | C09 C13 C15
  -> 2, 3; T3 C02 C07 | C10 C12 -> 2, 2. Rows by total: T1 6, T2 5, T3 4.
  North: T1 3, 3; T2 (C09, C15) 11: 2 -> rows T1, T2.
channel (channel, type): phone/verbal_abuse C01 C06 C12 C15 = 4; phone/threat C08 C13 = 2;
  one each: phone/harassment, face_to_face/threat, face_to_face/discriminatory_abuse,
  email/online_abuse, home_visit/physical_assault, home_visit/property_damage,
  social_media/online_abuse, webchat/harassment, contractor_visit/physical_assault.
  North: phone/verbal_abuse C01 C15 = 2; one each: phone/harassment, phone/threat,
  home_visit/physical_assault, home_visit/property_damage, webchat/harassment,
  face_to_face/discriminatory_abuse.
severity by week: 5 Oct s2 C01, s4 C02; 19 Oct s3 C03; 26 Oct s1 C04, s6 C05, s2 C06;
  2 Nov s3 C07; 9 Nov s4 C08, s2 C09; 16 Nov s6 C10, s2 C15; 23 Nov s3 C11, s2 C12;
  30 Nov s4 C13 C14 = 2. Week 12 Oct: none.
home or on site: phone From home C01 C03 C06 C08 C12 C13 C15 = 7; email, social_media,
  webchat From home 1 each; face_to_face on site C02 C11 = 2, home_visit on site C05 C14 = 2,
  contractor_visit on site C10 = 1.
actions (count, with action_at, median days): none C03 C04 C07 C09 C12 (5, 0, -);
  verbal_warning C01 C11 C15 (3, 3, 1.0); written_warning C02 C08 (2, 2, 1.875);
  contact_restriction C10 C14 (2, 2, 1.625); warning_marker C06 (1, 1, 3.5);
  police_referral C05 (1, 1, 4.0); injunction C13 (1, 1, 2.5); tenancy_enforcement (0, 0, -).

Cell when:1:14 = C02 C12 C15 (previous: P06). Tiles 3 [1]; serious C02 1 [0]; home C12
  C15 2/3 [1/1 = 100%]; days C02 1.5, C15 0.5 -> 1.0 [0.75]; RIDDOR 0 [0]. Narrowed: team
  (T3,10) C02, (T3,11) C12, (T2,11) C15 (rows T3, T2); channel phone/verbal_abuse 2,
  face_to_face/threat 1; weeks (5 Oct,4), (16 Nov,2), (23 Nov,2); place phone From home 2,
  face_to_face on site 1; actions written 1 (1.5), none 1, verbal 1 (0.5). List C12 C15 C02.
  North: C15 only.
Cell team:T1:2026-10 = C01 C03 C05: tiles 3, serious 1, home 2/3, days 1.0 4.0 -> 2.5,
  RIDDOR 1; no previous. when narrowed: (4,0), (3,10), (7,1).
Cell channel:phone:verbal_abuse = C01 C06 C12 C15 [P01 P06]: tiles 4 [2], serious 0 [0],
  home 100% [100%], days 1.0 3.5 0.5 -> 1.0 [2.0 0.75 -> 1.375], RIDDOR 0 [0].
  when narrowed: (4,0) 1, (1,9) 1, (1,14) 2.
Cell when:1:3 (no incidents): tiles 0, share None, median None [0, None, None].
chosen_cell: None for "when:1", "when:1:14:0", "", None, "where:1:14", "when:1:24",
  "when:8:1", "team:T1:2026-09", "team:T1:2026-12", "team:T9:2026-10", "channel:fax:threat";
  North: "team:T3:2026-10" is None (T3 has no North incident), "team:T2:2026-11" is a cell.

Incident list, latest first: C14 C13 C12 C11 C15 C10 C09 C08 C07 C06 C05 C04 C03 C02 C01.
  North: C14 C11 C15 C09 C08 C05 C03 C01.

Clock changes: 29 Mar 2026, BST starts at 01:00 GMT, clocks jump to 02:00 (in London,
  01:00-01:59 never happens that day). Period 29 Mar - 29 Mar: Q01 00:59 (7,0), Q02 02:00
  (7,2), Q03 03:00 (7,3). Stored naive these are the hours; as timestamptz read back in
  Europe/London they are the same (each is a real local time). 25 Oct 01:30 (C05) is
  ambiguous (it happens twice) but reads back as 01:30 whichever instant is chosen.
"""

PERIOD_START, PERIOD_END = date(2026, 10, 1), date(2026, 11, 30)
SPRING_DAY = date(2026, 3, 29)
#: The loader's "now": after every timestamp (latest 4 Dec), so none is in the future.
READ_AT = datetime(2026, 12, 10, 12)
BAD_INCIDENTS = 4
D = datetime


def _incident(
    incident_id: str,
    occurred: datetime,
    reported: datetime,
    team: str,
    area: str | None,
    channel: str,
    kind: str,
    severity: int,
    home: bool,
    action: str = "none",
    action_at: datetime | None = None,
    riddor: bool = False,
    resident: str | None = None,
) -> dict:
    injured = severity == 6
    return {
        "incident_id": incident_id,
        "occurred_at": occurred,
        "reported_at": reported,
        "team_id": team,
        "area_id": area,
        "channel": channel,
        "incident_type": kind,
        "severity": severity,
        "staff_working_from_home": home,
        "injury": injured,
        "riddor_reportable": riddor,
        "days_incapacitated": 10 if injured else None,
        "action_taken": action,
        "action_at": action_at,
        "resident_id": resident,
    }


VERBAL, THREAT, HARASS, ONLINE = "verbal_abuse", "threat", "harassment", "online_abuse"
ASSAULT, F2F, VISIT = "physical_assault", "face_to_face", "home_visit"

# fmt: off
INCIDENT_ROWS = [
    _incident("C01", D(2026, 10, 1), D(2026, 10, 1, 9), "T1", "A1", "phone", VERBAL, 2, True,
              "verbal_warning", D(2026, 10, 2, 9)),
    _incident("C02", D(2026, 10, 5, 14, 30), D(2026, 10, 5, 15), "T3", "A2", F2F, THREAT, 4,
              False, "written_warning", D(2026, 10, 7, 3), resident="R2"),
    _incident("C03", D(2026, 10, 14, 10, 15), D(2026, 10, 14, 11), "T1", None, "phone", HARASS,
              3, True),
    _incident("C04", D(2026, 10, 20, 16), D(2026, 10, 20, 17), "T2", None, "email", ONLINE, 1,
              True),
    _incident("C05", D(2026, 10, 25, 1, 30), D(2026, 10, 25, 8), "T1", "A3", VISIT, ASSAULT, 6,
              False, "police_referral", D(2026, 10, 29, 8), riddor=True),
    _incident("C06", D(2026, 10, 26, 9), D(2026, 10, 26, 9, 30), "T2", "A2", "phone", VERBAL, 2,
              True, "warning_marker", D(2026, 10, 29, 21, 30)),
    _incident("C07", D(2026, 10, 31, 20, 45), D(2026, 11, 2, 10), "T3", "A2", "social_media",
              ONLINE, 3, True),
    _incident("C08", D(2026, 11, 8, 23, 59), D(2026, 11, 9, 8), "T1", "A1", "phone", THREAT, 4,
              True, "written_warning", D(2026, 11, 11, 14), resident="R1"),
    _incident("C09", D(2026, 11, 9), D(2026, 11, 9, 9), "T2", "A3", "webchat", HARASS, 2, True),
    _incident("C10", D(2026, 11, 12, 11), D(2026, 11, 12, 12), "T3", "A2", "contractor_visit",
              ASSAULT, 6, False, "contact_restriction", D(2026, 11, 12, 18), riddor=True),
    _incident("C11", D(2026, 11, 18, 14, 10), D(2026, 11, 18, 15), "T1", "A1", F2F,
              "discriminatory_abuse", 3, False, "verbal_warning", D(2026, 11, 23, 15),
              resident="R1"),
    _incident("C12", D(2026, 11, 23, 14, 5), D(2026, 11, 23, 14, 30), "T3", None, "phone",
              VERBAL, 2, True),
    _incident("C13", D(2026, 11, 27, 17), D(2026, 11, 27, 18), "T2", None, "phone", THREAT, 4,
              True, "injunction", D(2026, 11, 30, 6)),
    _incident("C14", D(2026, 11, 30, 23, 30), D(2026, 12, 1, 8), "T1", "A3", VISIT,
              "property_damage", 4, False, "contact_restriction", D(2026, 12, 4, 8)),
    _incident("C15", D(2026, 11, 16, 14, 59), D(2026, 11, 16, 15), "T2", "A1", "phone", VERBAL,
              2, True, "verbal_warning", D(2026, 11, 17, 3)),
    # The previous period, and one just before it.
    _incident("P01", D(2026, 9, 30, 23, 59), D(2026, 10, 1, 8), "T1", "A1", "phone", VERBAL, 2,
              True, "verbal_warning", D(2026, 10, 3, 8)),
    _incident("P02", D(2026, 9, 15, 10), D(2026, 9, 15, 12), "T3", "A2", F2F, ASSAULT, 6, False,
              "police_referral", D(2026, 9, 16), riddor=True),
    _incident("P03", D(2026, 9, 7, 13), D(2026, 9, 7, 14), "T2", None, "email", THREAT, 4, True),
    _incident("P04", D(2026, 8, 1), D(2026, 8, 1, 10), "T1", "A3", VISIT, HARASS, 3, False,
              "written_warning", D(2026, 8, 5, 10)),
    _incident("P06", D(2026, 9, 14, 14, 20), D(2026, 9, 14, 15), "T2", "A1", "phone", VERBAL, 1,
              True, "verbal_warning", D(2026, 9, 15, 9)),
    _incident("P05", D(2026, 7, 31, 23, 59), D(2026, 8, 1, 9), "T1", "A1", "phone", VERBAL, 2,
              True),
    # At T, the first instant after the period.
    _incident("X01", D(2026, 12, 1), D(2026, 12, 1, 9), "T1", "A1", "phone", VERBAL, 2, True),
    # Bad data: excluded from every figure, counted in snapshot.excluded.
    _incident("B01", D(2026, 10, 10, 10), D(2026, 10, 9, 10), "T1", "A1", "phone", VERBAL, 2,
              True),
    _incident("B02", D(2026, 11, 20, 10), D(2026, 11, 20, 11), "T3", "A2", "phone", THREAT, 4,
              True, "written_warning", D(2026, 11, 20, 10, 30)),
    _incident("B03", D(2026, 11, 3, 10), D(2026, 11, 3, 11), "T1", "A1", "fax", VERBAL, 2, True),
    _incident("B04", D(2026, 9, 10, 10), D(2026, 9, 10, 9), "T1", "A1", "phone", VERBAL, 2,
              True),
    # The spring clock change (29 Mar 2026): in neither period.
    _incident("Q01", D(2026, 3, 29, 0, 59), D(2026, 3, 29, 9), "T1", "A1", "phone", VERBAL, 2,
              True),
    _incident("Q02", D(2026, 3, 29, 2), D(2026, 3, 29, 9), "T3", "A2", "phone", VERBAL, 2, True),
    _incident("Q03", D(2026, 3, 29, 3), D(2026, 3, 29, 9), "T2", None, "phone", VERBAL, 2, True),
]
# fmt: on


def _team(team_id: str, name: str, function: str, region: str | None) -> dict:
    return {"team_id": team_id, "team_name": name, "function": function, "region": region}


ROWS = {
    AREAS: THREE_AREAS,
    TEAMS: [
        _team("T1", "North neighbourhood", "neighbourhood", "North"),
        _team("T2", "Contact centre", "contact_centre", None),
        _team("T3", "South sustainment", "tenancy_sustainment", "South"),
    ],
    RESIDENTS: [resident_row("R1", "A1"), resident_row("R2", "A2")],
    INCIDENTS: INCIDENT_ROWS,
}
