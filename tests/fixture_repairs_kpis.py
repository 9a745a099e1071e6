"""A hand-written repairs fixture for the headline KPIs and the backlog charts.

Every figure test_repairs_figures asserts is worked out by hand from the rows below.

Period 1 Sep - 30 Nov 2026 (91 days), so the period's end moment T is Tue 1 Dec 2026
00:00 (midnight after the last day; an event at exactly T belongs to 1 Dec, the next
period). Previous period: the 91 days 2 Jun - 31 Aug 2026, end moment T' = 1 Sep 00:00.
TSM year to date: 1 Apr 2026 - 30 Nov 2026. Weekly blocks end on 30 Nov: week 0 is
24-30 Nov, week 1 is 17-23 Nov, week 2 is 10-16 Nov, week 3 is 3-9 Nov.

Regions: A1 Northgate and A3 Hillside are North, A2 Southfields is South.
Priorities: EME 24 hours (emergency, RP02(2)); URG 72 hours and NOR 20 working days
(non-emergency, RP02(1)). target_at is stamped on each row as raised; figures never
recompute it. "in-house" below means contractor NULL.

Days to complete = calendar days from the reported date to the completed date counting
both ends = (completed date - reported date) + 1.
Age = whole days from the reported date to 30 Nov 2026.
"""

from __future__ import annotations

from datetime import date, datetime

from data_access.schema import AREAS, REPAIR_PRIORITIES, REPAIRS, RESIDENTS, TEAMS
from tests.fixture_repairs import ROWS as BASE_ROWS

PERIOD_START, PERIOD_END = date(2026, 9, 1), date(2026, 11, 30)
PREVIOUS_START, PREVIOUS_END = date(2026, 6, 2), date(2026, 8, 31)
TSM_YEAR_START = date(2026, 4, 1)
#: The loader's "now" (pins the read window and the future-date rule): after every
#: completion in the fixture (latest 3 Dec) but before W12's and W13's target_at, so
#: those are targets in the future, which is normal, not bad data.
READ_AT = datetime(2026, 12, 10, 12)

D = datetime
ACME, BRICK = "Acme Repairs", "Brick & Co"


def _repair(
    work_order_id: str,
    area: str,
    priority: str,
    trade: str,
    contractor: str | None,
    reported: datetime,
    target: datetime,
    **rest,
) -> dict:
    status = rest.pop("status", None)
    if status is None:
        if rest.get("cancelled_at") is not None:
            status = "cancelled"
        elif rest.get("completed_at") is not None:
            status = "completed"
        else:
            status = "open"
    return {
        "work_order_id": work_order_id,
        "property_ref": f"P-{work_order_id}",
        "area_id": area,
        "trade": trade,
        "priority_code": priority,
        "contractor": contractor,
        "reported_at": reported,
        "target_at": target,
        "status": status,
        "is_damp_mould": False,
        **rest,
    }


# fmt: off
WORK_ORDERS = [
    # --- Completed in the period (1 Sep - 30 Nov) ---------------------------------------
    # W01 North A1, EME. Completed at exactly target_at: on time (RP02(2) "on or before").
    # Days 5 Oct -> 6 Oct = 1 + 1 = 2. FVF true; appointment made and kept.
    _repair("W01", "A1", "EME", "plumbing", None, D(2026, 10, 5, 10), D(2026, 10, 6, 10),
            completed_at=D(2026, 10, 6, 10), first_visit_fix=True,
            appointment_made=True, appointment_kept=True),
    # W02 South A2, EME. Completed one second after target_at: late.
    # Days 12 Oct -> 13 Oct = 2. FVF false; appointment made, not kept.
    _repair("W02", "A2", "EME", "electrical", ACME, D(2026, 10, 12, 14), D(2026, 10, 13, 14),
            completed_at=D(2026, 10, 13, 14, 0, 1), first_visit_fix=False,
            appointment_made=True, appointment_kept=False),
    # W03 North A1, URG (72 h). Completed at exactly target_at: on time (RP02(1)).
    # Days 14 Sep -> 17 Sep = 3 + 1 = 4. FVF true; appointment made, kept NULL (not kept).
    _repair("W03", "A1", "URG", "carpentry", ACME, D(2026, 9, 14, 9), D(2026, 9, 17, 9),
            completed_at=D(2026, 9, 17, 9), first_visit_fix=True,
            appointment_made=True, appointment_kept=None),
    # W04 North A3, NOR (20 working days from Mon 21 Sep: 22 Sep ... 19 Oct -> due 19 Oct
    # 23:59:59). Completed 20 Oct 00:00:00, one second late (RP02(1)).
    # Days 21 Sep -> 20 Oct = 29 + 1 = 30. FVF NULL (left out of the FVF denominator);
    # no appointment made.
    _repair("W04", "A3", "NOR", "plumbing", None, D(2026, 9, 21, 8, 30),
            D(2026, 10, 19, 23, 59, 59), completed_at=D(2026, 10, 20), first_visit_fix=None,
            appointment_made=False),
    # W05 South A2, NOR. Reported before the period (Fri 28 Aug 23:00), completed in it
    # (2 Sep 01:00): counts in the period's completed figures; on time (due 28 Sep).
    # Days 28 Aug -> 2 Sep = 5 + 1 = 6. FVF true; appointment made and kept.
    # Open (not overdue) at T' = 1 Sep 00:00.
    _repair("W05", "A2", "NOR", "plumbing", BRICK, D(2026, 8, 28, 23),
            D(2026, 9, 28, 23, 59, 59), completed_at=D(2026, 9, 2, 1), first_visit_fix=True,
            appointment_made=True, appointment_kept=True),
    # W06 North A1, EME. Reported Sat 28 Nov 22:00 (week 0), completed Sun 29 Nov 09:00
    # (week 0), before target: on time. Days 2. FVF true; appointment_made NULL (not in
    # the appointments denominator).
    _repair("W06", "A1", "EME", "electrical", None, D(2026, 11, 28, 22), D(2026, 11, 29, 22),
            completed_at=D(2026, 11, 29, 9), first_visit_fix=True, appointment_made=None),
    # W07 North A3, URG. Reported 18 Nov (week 1), completed 21 Nov 09:00:01 (week 1), one
    # second after target: late (RP02(1)). Days 18 -> 21 Nov = 4. FVF false; made and kept.
    _repair("W07", "A3", "URG", "roofing", ACME, D(2026, 11, 18, 9), D(2026, 11, 21, 9),
            completed_at=D(2026, 11, 21, 9, 0, 1), first_visit_fix=False,
            appointment_made=True, appointment_kept=True),
    # W08 South A2, NOR. Completed 12 Nov (week 2) before its 20 Nov target: on time.
    # Days 26 Oct -> 12 Nov = 17 + 1 = 18. FVF true; appointment made, not kept.
    _repair("W08", "A2", "NOR", "carpentry", BRICK, D(2026, 10, 26, 9),
            D(2026, 11, 20, 23, 59, 59), completed_at=D(2026, 11, 12, 14), first_visit_fix=True,
            appointment_made=True, appointment_kept=False),
    # --- Cancelled -----------------------------------------------------------------------
    # W09 North A1, NOR. Reported 1 Oct, cancelled 2 Oct: reported in the period, never
    # completed nor open at T. Its kept appointment must not reach "Appointments kept".
    _repair("W09", "A1", "NOR", "plumbing", None, D(2026, 10, 1, 9),
            D(2026, 10, 29, 23, 59, 59), cancelled_at=D(2026, 10, 2, 9),
            appointment_made=True, appointment_kept=True),
    # W10 South A2, EME. Reported Wed 25 Nov 08:00 (week 0), a completion stamped 10:00 and
    # then cancelled 12:00: a cancelled job, so in no completed figure (it would have been
    # an on-time emergency with a first-visit fix and a kept appointment), not open at T.
    # Closed in week 0 (earliest of completed/cancelled), not counted as completed.
    _repair("W10", "A2", "EME", "electrical", None, D(2026, 11, 25, 8), D(2026, 11, 26, 8),
            completed_at=D(2026, 11, 25, 10), cancelled_at=D(2026, 11, 25, 12),
            first_visit_fix=True, appointment_made=True, appointment_kept=True),
    # W11 North A3, URG. Reported 20 Aug (previous period), target 23 Aug, cancelled 10 Sep:
    # open and overdue at T', not open at T.
    _repair("W11", "A3", "URG", "plumbing", ACME, D(2026, 8, 20, 10), D(2026, 8, 23, 10),
            cancelled_at=D(2026, 9, 10, 10)),
    # --- Open at T (never in RP02) -------------------------------------------------------
    # W12 North A1, NOR. Reported Mon 23 Nov (week 1): age 7 -> 0-7. Target 21 Dec is after
    # the read (future target: normal, not bad data): not overdue.
    _repair("W12", "A1", "NOR", "plumbing", None, D(2026, 11, 23, 10),
            D(2026, 12, 21, 23, 59, 59), status="scheduled"),
    # W13 South A2, NOR. Reported Sun 22 Nov (week 1): age 8 -> 8-28. Target 18 Dec (after
    # the read): not overdue.
    _repair("W13", "A2", "NOR", "electrical", BRICK, D(2026, 11, 22, 15),
            D(2026, 12, 18, 23, 59, 59), status="awaiting_materials"),
    # W14 North A3, URG. Reported 2 Nov: age 28 -> 8-28. Target 5 Nov < T: overdue.
    _repair("W14", "A3", "URG", "carpentry", ACME, D(2026, 11, 2, 9), D(2026, 11, 5, 9),
            status="in_progress"),
    # W15 North A1, EME. Reported 1 Nov: age 29 -> 29-90. Target 2 Nov < T: overdue.
    _repair("W15", "A1", "EME", "electrical", None, D(2026, 11, 1, 7), D(2026, 11, 2, 7),
            status="no_access"),
    # W16 South A2, NOR. Reported 1 Sep 00:00:00, the first instant of the period: reported
    # in the period, age 90 -> 29-90, and not yet reported at T' (an event at T' is on
    # 1 Sep, not by the end of 31 Aug). Target 29 Sep < T: overdue.
    _repair("W16", "A2", "NOR", "plumbing", None, D(2026, 9, 1), D(2026, 9, 29, 23, 59, 59)),
    # W17 North A1, NOR. Reported 31 Aug 16:00 (previous period): age 91 -> 91+.
    # Target 28 Sep: overdue at T; open but not overdue at T'.
    _repair("W17", "A1", "NOR", "roofing", ACME, D(2026, 8, 31, 16),
            D(2026, 9, 28, 23, 59, 59), status="no_access"),
    # W18 North A3, URG. Reported 28 Nov 00:00 (week 0): age 2 -> 0-7. Target exactly T
    # (1 Dec 00:00): target_at < T is false, so not overdue.
    _repair("W18", "A3", "URG", "plumbing", None, D(2026, 11, 28), D(2026, 12, 1)),
    # W19 South A2, URG. Reported 27 Nov 23:59:59 (week 0): age 3 -> 0-7. Target 30 Nov
    # 23:59:59, one second before T: overdue.
    _repair("W19", "A2", "URG", "electrical", ACME, D(2026, 11, 27, 23, 59, 59),
            D(2026, 11, 30, 23, 59, 59)),
    # W20 North A1, EME. Reported 30 Nov 20:00 (week 0): age 0 -> 0-7. Completed at exactly
    # T = 1 Dec 00:00, i.e. on 1 Dec, after the period: open at T (current status
    # "completed" is ignored), not completed in the period. Target 1 Dec 20:00: not overdue.
    _repair("W20", "A1", "EME", "plumbing", None, D(2026, 11, 30, 20), D(2026, 12, 1, 20),
            completed_at=D(2026, 12, 1), first_visit_fix=True, appointment_made=True,
            appointment_kept=True),
    # W21 South A2, NOR. Reported 20 Oct: age 41 -> 29-90. Completed 3 Dec, after the
    # period: open at T. Target 17 Nov < T: overdue.
    _repair("W21", "A2", "NOR", "carpentry", BRICK, D(2026, 10, 20, 10),
            D(2026, 11, 17, 23, 59, 59), completed_at=D(2026, 12, 3, 12), first_visit_fix=True),
    # W22 North A3, NOR. Reported 20 Mar 2026, never closed: age 255 -> 91+ (20 Mar -> 20 Nov
    # is 245 days, + 10). Target 17 Apr: overdue at T and at T'.
    _repair("W22", "A3", "NOR", "plumbing", None, D(2026, 3, 20, 9),
            D(2026, 4, 17, 23, 59, 59)),
    # --- Completed in the previous period (2 Jun - 31 Aug) -------------------------------
    # W23 North A1, EME. On time. Days 10 -> 11 Jul = 2. FVF true; made and kept.
    _repair("W23", "A1", "EME", "plumbing", None, D(2026, 7, 10, 10), D(2026, 7, 11, 10),
            completed_at=D(2026, 7, 11, 9), first_visit_fix=True,
            appointment_made=True, appointment_kept=True),
    # W24 South A2, EME. Completed 31 Aug 23:59:59 (the previous period's last second),
    # after its 31 Aug 20:00 target: late. Days 30 -> 31 Aug = 2. FVF false; made, not kept.
    _repair("W24", "A2", "EME", "electrical", ACME, D(2026, 8, 30, 20), D(2026, 8, 31, 20),
            completed_at=D(2026, 8, 31, 23, 59, 59), first_visit_fix=False,
            appointment_made=True, appointment_kept=False),
    # W25 North A3, NOR. Reported 1 Jun (before the previous period), completed 2 Jun 00:00
    # (its first instant): on time. Days 1 -> 2 Jun = 2. FVF NULL; no appointment.
    _repair("W25", "A3", "NOR", "plumbing", None, D(2026, 6, 1, 9),
            D(2026, 6, 29, 23, 59, 59), completed_at=D(2026, 6, 2), first_visit_fix=None,
            appointment_made=False),
    # W26 South A2, URG. Completed 20 Aug after its 13 Aug target: late.
    # Days 10 -> 20 Aug = 11. FVF true; made, kept NULL.
    _repair("W26", "A2", "URG", "roofing", BRICK, D(2026, 8, 10, 9), D(2026, 8, 13, 9),
            completed_at=D(2026, 8, 20, 15), first_visit_fix=True,
            appointment_made=True, appointment_kept=None),
    # --- TSM year to date (from 1 Apr 2026), before the previous period -----------------
    # W27 North A1, EME. Completed 1 Apr 06:00 (the TSM year's first day): on time.
    _repair("W27", "A1", "EME", "electrical", None, D(2026, 4, 1, 0, 30), D(2026, 4, 2, 0, 30),
            completed_at=D(2026, 4, 1, 6), first_visit_fix=True),
    # W28 South A2, NOR. Reported in March, completed 10 Apr after its 30 Mar target: late.
    _repair("W28", "A2", "NOR", "plumbing", ACME, D(2026, 3, 2, 9),
            D(2026, 3, 30, 23, 59, 59), completed_at=D(2026, 4, 10, 10), first_visit_fix=True),
    # W29 North A3, URG. Completed 7 May before its 8 May target: on time.
    _repair("W29", "A3", "URG", "carpentry", None, D(2026, 5, 5, 9), D(2026, 5, 8, 9),
            completed_at=D(2026, 5, 7, 15), first_visit_fix=False),
    # W30 South A2, EME. Completed 22 May after its 21 May target: late.
    _repair("W30", "A2", "EME", "plumbing", None, D(2026, 5, 20, 18), D(2026, 5, 21, 18),
            completed_at=D(2026, 5, 22, 10), first_visit_fix=True),
    # W31 North A1, URG. Completed 31 Mar 23:59:59, late, in the previous TSM year: not in
    # the year to date.
    _repair("W31", "A1", "URG", "carpentry", None, D(2026, 3, 25, 9), D(2026, 3, 28, 9),
            completed_at=D(2026, 3, 31, 23, 59, 59), first_visit_fix=True),
    # --- Bad data: excluded from every figure, counted in the data-quality view ---------
    # W32 North A1: priority XXX is not in repair_priorities (orphaned key). Would
    # otherwise be open and overdue at T and reported in the period.
    _repair("W32", "A1", "XXX", "plumbing", None, D(2026, 10, 10, 9), D(2026, 10, 13, 9)),
    # W33 South A2, URG: completed_at (9 Nov) before reported_at (10 Nov). Would otherwise
    # be reported in week 2, completed in the period (week 3), on time.
    _repair("W33", "A2", "URG", "plumbing", None, D(2026, 11, 10, 9), D(2026, 11, 13, 9),
            completed_at=D(2026, 11, 9, 9), first_visit_fix=True),
]
# fmt: on

BAD_WORK_ORDERS = {"W32", "W33"}

PRIORITIES = [
    {
        "priority_code": "EME",
        "description": "Emergency",
        "target_value": 24,
        "target_unit": "hours",
        "is_emergency": True,
    },
    {
        "priority_code": "URG",
        "description": "Urgent",
        "target_value": 72,
        "target_unit": "hours",
        "is_emergency": False,
    },
    {
        "priority_code": "NOR",
        "description": "Routine",
        "target_value": 20,
        "target_unit": "working_days",
        "is_emergency": False,
    },
]

ROWS = {
    AREAS: [
        {"area_id": "A1", "area_name": "Northgate", "region": "North"},
        {"area_id": "A2", "area_name": "Southfields", "region": "South"},
        {"area_id": "A3", "area_name": "Hillside", "region": "North"},
    ],
    TEAMS: BASE_ROWS[TEAMS],
    RESIDENTS: BASE_ROWS[RESIDENTS],
    REPAIR_PRIORITIES: PRIORITIES,
    REPAIRS: WORK_ORDERS,
}
