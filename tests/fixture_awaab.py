"""A hand-written Awaab's Law fixture whose clocks are worked out by hand (see test_awaab).

Period 1 Dec 2025 - 31 Jan 2026, so T (as at) = Sun 1 Feb 2026 00:00 and the period
starts at Mon 1 Dec 2025 00:00. Bank holidays in reach: Thu 25 Dec, Fri 26 Dec 2025,
Thu 1 Jan 2026; Easter 2026 is Fri 3 Apr and Mon 6 Apr. Falling-due horizon: 5 working
days after Sat 31 Jan = Mon 2, Tue 3, Wed 4, Thu 5, Fri 6 Feb -> Fri 6 Feb 23:59:59.
Working-day deadlines are the end (23:59:59) of the N-th working day after the event's
date; emergency ones are 24 hours of real time after aware_at.
"""

from __future__ import annotations

from datetime import date, datetime

from data_access.schema import AREAS, DAMP_MOULD_CASES, REPAIR_PRIORITIES, RESIDENTS, TEAMS
from tests.fixture_repairs import ROWS as REPAIRS_ROWS

PERIOD_START, PERIOD_END = date(2025, 12, 1), date(2026, 1, 31)
#: A second period ending the day before the spring clock change.
SPRING_START, SPRING_END = date(2026, 3, 1), date(2026, 3, 28)
#: The loader's "now": pins the read window and the future-date rule for this fixture.
READ_AT = datetime(2026, 4, 30, 12)

D = datetime


def _case(case_id: str, area: str, hazard: str, aware: datetime, *steps: datetime | None) -> dict:
    """Steps in order: investigated, summary sent, safety work done, preventative started."""
    names = ("investigated_at", "summary_sent_at", "safety_work_done_at", "prevent_work_started_at")
    return {
        "case_id": case_id,
        "property_ref": f"P-{case_id}",
        "area_id": area,  # A1 Northgate is North, A2 Southfields is South
        "hazard_level": hazard,
        "aware_at": aware,
        **dict(zip(names, steps, strict=False)),
    }


CASES = [
    # C01 significant. Aware Fri 19 Dec 2025: working days 22, 23, 24 Dec, (25, 26 bank
    # holidays, weekend) 29, 30, 31 Dec, (1 Jan bank holiday) 2 Jan, (weekend) 5, 6, 7 Jan ->
    # investigation due Wed 7 Jan 2026 23:59:59; investigated at exactly that second: met.
    # Summary: 8, 9, 12 Jan -> due Mon 12 Jan 23:59:59, sent 9 Jan: met.
    # Safety: 8, 9, 12, 13, 14 Jan -> due Wed 14 Jan 23:59:59, done 14 Jan 16:00: met.
    # Preventative: 7 Jan + 84 days (24 to 31 Jan, 28 Feb, 31 Mar, 1) -> due Wed 1 Apr
    # 23:59:59, not started: Awaiting preventative work.
    _case(
        "C01",
        "A1",
        "significant",
        D(2025, 12, 19, 10),
        D(2026, 1, 7, 23, 59, 59),
        D(2026, 1, 9, 12),
        D(2026, 1, 14, 16),
    ),
    # C02 significant. Aware Mon 1 Dec: 2, 3, 4, 5, 8, 9, 10, 11, 12, 15 Dec -> due Mon 15 Dec
    # 23:59:59; investigated Tue 16 Dec 00:00:00, one second late: breached late.
    # Summary: 17, 18, 19 Dec -> due Fri 19 Dec 23:59:59, sent 19 Dec 09:00: met.
    # Safety: 17, 18, 19, 22, 23 Dec -> due Tue 23 Dec 23:59:59, done 29 Dec: late.
    # Preventative: 16 Dec + 84 (15 to 31 Dec, 31 Jan, 28 Feb, 10) -> Tue 10 Mar 2026, started
    # 20 Jan: done, not due in the period. Complete.
    _case(
        "C02",
        "A1",
        "significant",
        D(2025, 12, 1, 9),
        D(2025, 12, 16),
        D(2025, 12, 19, 9),
        D(2025, 12, 29, 10),
        D(2026, 1, 20, 10),
    ),
    # C03 emergency. Aware Wed 10 Dec 14:00 -> investigation and safety due Thu 11 Dec 14:00;
    # investigated 10 Dec 18:00, made safe 11 Dec 13:00: both met. The summary it was sent
    # is not timed for emergencies. Complete.
    _case(
        "C03",
        "A1",
        "emergency",
        D(2025, 12, 10, 14),
        D(2025, 12, 10, 18),
        D(2025, 12, 12, 9),
        D(2025, 12, 11, 13),
    ),
    # C04 emergency. Aware Sat 31 Jan 20:00 -> due Sun 1 Feb 20:00 (after T: not due in the
    # period). Investigated 31 Jan 22:00; made safe Sun 1 Feb 10:00, after T, so not done as
    # at T: Awaiting safety work, and safety work falls due 1 Feb 20:00.
    _case(
        "C04",
        "A1",
        "emergency",
        D(2026, 1, 31, 20),
        D(2026, 1, 31, 22),
        None,
        D(2026, 2, 1, 10),
    ),
    # C05 emergency. Aware Mon 26 Jan 08:00 -> both due Tue 27 Jan 08:00; nothing done:
    # investigation and safety breached outstanding and overdue. Awaiting investigation.
    _case("C05", "A1", "emergency", D(2026, 1, 26, 8)),
    # C06 significant. Aware Mon 5 Jan: 6, 7, 8, 9, 12, 13, 14, 15, 16, 19 Jan -> due Mon 19 Jan
    # 23:59:59; investigated Wed 28 Jan: late. Summary: 29, 30 Jan, 2 Feb -> due Mon 2 Feb
    # 23:59:59; safety: 29, 30 Jan, 2, 3, 4 Feb -> due Wed 4 Feb 23:59:59: both falling due.
    # Preventative: 28 Jan + 84 (3 to 31 Jan, 28 Feb, 31 Mar, 22) -> Wed 22 Apr. Awaiting summary.
    _case("C06", "A1", "significant", D(2026, 1, 5, 10), D(2026, 1, 28, 11)),
    # C07 significant. Aware Mon 15 Dec: 16, 17, 18, 19, 22, 23, 24, 29, 30, 31 Dec (skipping
    # 25, 26 Dec and the weekend) -> due Wed 31 Dec 23:59:59; investigated Mon 29 Dec: met.
    # Summary: 30, 31 Dec, (1 Jan holiday) 2 Jan -> due Fri 2 Jan 23:59:59, sent 2 Jan: met.
    # Safety: 30, 31 Dec, 2, 5, 6 Jan -> due Tue 6 Jan 23:59:59; done Tue 3 Feb, after T: not
    # done as at T, breached outstanding and overdue. Preventative: 29 Dec + 84 (2 to 31 Dec,
    # 31 Jan, 28 Feb, 23) -> Mon 23 Mar. Awaiting safety work.
    _case(
        "C07",
        "A1",
        "significant",
        D(2025, 12, 15, 9),
        D(2025, 12, 29, 10),
        D(2026, 1, 2, 15),
        D(2026, 2, 3, 10),
    ),
    # C08 significant. Aware Mon 26 Jan: 27, 28, 29, 30 Jan, 2, 3, 4, 5, 6, 9 Feb -> due Mon 9 Feb
    # 23:59:59, just beyond the falling-due horizon. Awaiting investigation.
    _case("C08", "A1", "significant", D(2026, 1, 26, 15)),
    # C09 significant. Aware Fri 23 Jan: 26, 27, 28, 29, 30 Jan, 2, 3, 4, 5, 6 Feb -> due Fri 6 Feb
    # 23:59:59, exactly the horizon: falling due. Awaiting investigation.
    _case("C09", "A1", "significant", D(2026, 1, 23, 11)),
    # C10 significant, every step on time. Aware Mon 3 Nov: investigation due Mon 17 Nov,
    # investigated Thu 6 Nov; summary due Tue 11 Nov (7, 10, 11), sent 7 Nov; safety due Thu
    # 13 Nov (7, 10, 11, 12, 13), done 12 Nov: all due before the period. Preventative:
    # 6 Nov + 84 (24 to 30 Nov, 31 Dec, 29) -> Thu 29 Jan 2026 23:59:59, in the period;
    # started 15 Jan: met. Complete.
    _case(
        "C10",
        "A1",
        "significant",
        D(2025, 11, 3, 9),
        D(2025, 11, 6, 10),
        D(2025, 11, 7, 10),
        D(2025, 11, 12, 10),
        D(2026, 1, 15, 9),
    ),
    # C11 significant, South. Aware Tue 2 Dec: 3, 4, 5, 8, 9, 10, 11, 12, 15, 16 Dec -> due Tue
    # 16 Dec; investigated Wed 10 Dec: met. Summary: 11, 12, 15 Dec -> due Mon 15 Dec; sent
    # 18 Dec: late. Safety: 11, 12, 15, 16, 17 Dec -> due Wed 17 Dec; done 17 Dec 12:00: met.
    # Preventative: 10 Dec + 84 (21 to 31 Dec, 31 Jan, 28 Feb, 4) -> Wed 4 Mar.
    # Awaiting preventative work.
    _case(
        "C11",
        "A2",
        "significant",
        D(2025, 12, 2, 10),
        D(2025, 12, 10, 10),
        D(2025, 12, 18, 10),
        D(2025, 12, 17, 12),
    ),
    # C12 emergency, South. Aware Sat 31 Jan 09:00 -> both due Sun 1 Feb 09:00, after T:
    # investigation and safety work falling due. Awaiting investigation.
    _case("C12", "A2", "emergency", D(2026, 1, 31, 9)),
    # C14 significant. Aware Mon 10 Nov: 11, 12, 13, 14, 17, 18, 19, 20, 21, 24 Nov -> due Mon
    # 24 Nov 23:59:59, before the period; never investigated: overdue stock, not due in the
    # period. Awaiting investigation.
    _case("C14", "A1", "significant", D(2025, 11, 10, 9)),
    # C15 emergency. Aware Sat 28 Mar 2026 10:00 GMT, after the main period: not present there.
    # Clocks go forward at 01:00 on Sun 29 Mar, so 24 real hours later is 11:00 BST.
    _case("C15", "A1", "emergency", D(2026, 3, 28, 10)),
]

ROWS = {
    **{table: REPAIRS_ROWS[table] for table in (AREAS, TEAMS, RESIDENTS, REPAIR_PRIORITIES)},
    DAMP_MOULD_CASES: CASES,
}

PRESENT = 13  # C15 is the only case aware after 31 Jan

# Stage as at T: (stage, hazard) -> cases. North leaves out C11 and C12.
_E, _S = "emergency", "significant"
STAGES_ALL = {
    ("Awaiting investigation", _E): 2,  # C05, C12
    ("Awaiting investigation", _S): 3,  # C08, C09, C14
    ("Awaiting summary", _E): 0,
    ("Awaiting summary", _S): 1,  # C06
    ("Awaiting safety work", _E): 1,  # C04
    ("Awaiting safety work", _S): 1,  # C07
    ("Awaiting preventative work", _E): 0,
    ("Awaiting preventative work", _S): 2,  # C01, C11
    ("Complete", _E): 1,  # C03
    ("Complete", _S): 2,  # C02, C10
}
STAGES_NORTH = STAGES_ALL | {
    ("Awaiting investigation", _E): 1,
    ("Awaiting preventative work", _S): 1,
}

# deadline: (due in period, met, breached late, breached outstanding, overdue at period end)
BREACHES_ALL = {
    # due in period: C01 met, C02 late, C03 met, C05 outstanding, C06 late, C07 met, C11 met;
    # overdue: C05 and C14 (due 24 Nov, before the period)
    "Investigation": (7, 4, 2, 1, 2),
    # due in period: C01 met, C02 met, C07 met, C11 late (C06 due 2 Feb, C10 due in Nov)
    "Written summary": (4, 3, 1, 0, 0),
    # due in period: C01 met, C02 late, C03 met, C05 outstanding, C07 outstanding, C11 met
    "Safety work": (6, 3, 1, 2, 2),
    # due in period: C10 met (29 Jan)
    "Preventative work": (1, 1, 0, 0, 0),
}
BREACHES_NORTH = {  # without C11 (investigation met, summary late, safety met)
    "Investigation": (6, 3, 2, 1, 2),
    "Written summary": (3, 3, 0, 0, 0),
    "Safety work": (5, 2, 1, 2, 2),
    "Preventative work": (1, 1, 0, 0, 0),
}

# (case, area, hazard, step, due at, aware at), by due time then case then step order.
FALLING_DUE_ALL = [
    ("C12", "A2", _E, "Investigation", D(2026, 2, 1, 9), D(2026, 1, 31, 9)),
    ("C12", "A2", _E, "Safety work", D(2026, 2, 1, 9), D(2026, 1, 31, 9)),
    ("C04", "A1", _E, "Safety work", D(2026, 2, 1, 20), D(2026, 1, 31, 20)),
    ("C06", "A1", _S, "Written summary", D(2026, 2, 2, 23, 59, 59), D(2026, 1, 5, 10)),
    ("C06", "A1", _S, "Safety work", D(2026, 2, 4, 23, 59, 59), D(2026, 1, 5, 10)),
    ("C09", "A1", _S, "Investigation", D(2026, 2, 6, 23, 59, 59), D(2026, 1, 23, 11)),
]
FALLING_DUE_NORTH = [row for row in FALLING_DUE_ALL if row[0] != "C12"]

# As at Sun 29 Mar 2026 00:00 the horizon is 5 working days after Sat 28 Mar: Mon 30,
# Tue 31 Mar, Wed 1, Thu 2 Apr, (Good Friday 3 Apr, weekend, Easter Monday 6 Apr) Tue 7 Apr.
# Due in that window and not done: C15's two emergency steps (29 Mar 11:00) and C01's
# preventative work (1 Apr 23:59:59). Everything else is done or already overdue.
FALLING_DUE_SPRING = [
    ("C15", "A1", _E, "Investigation", D(2026, 3, 29, 11), D(2026, 3, 28, 10)),
    ("C15", "A1", _E, "Safety work", D(2026, 3, 29, 11), D(2026, 3, 28, 10)),
    ("C01", "A1", _S, "Preventative work", D(2026, 4, 1, 23, 59, 59), D(2025, 12, 19, 10)),
]
