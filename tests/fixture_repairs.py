"""A hand-written repairs fixture whose figures are known by hand (see test_snapshot)."""

from __future__ import annotations

from datetime import date, datetime

from data_access.schema import AREAS, REPAIR_PRIORITIES, REPAIRS, RESIDENTS, TEAMS

PERIOD_START, PERIOD_END = date(2026, 9, 1), date(2026, 11, 20)


def repair_row(work_order_id: str, area: str, priority: str, reported: datetime, **rest) -> dict:
    return {
        "work_order_id": work_order_id,
        "property_ref": f"P-{work_order_id}",
        "area_id": area,
        "trade": "plumbing",
        "priority_code": priority,
        "reported_at": reported,
        "target_at": rest.pop("target_at", datetime(2026, 12, 31)),
        "status": rest.pop("status", "open"),
        "is_damp_mould": False,
        **rest,
    }


ROWS = {
    AREAS: [
        {"area_id": "A1", "area_name": "Northgate", "region": "North"},
        {"area_id": "A2", "area_name": "Southfields", "region": "South"},
    ],
    TEAMS: [
        {"team_id": "T1", "team_name": "North team", "function": "repairs", "region": "North"},
        {"team_id": "T2", "team_name": "Contact centre", "function": "contact_centre"},
    ],
    RESIDENTS: [
        {
            "resident_id": "R1",
            "household_ref": "H1",
            "area_id": "A1",
            "vulnerable": True,
            "adults": 1,
            "children": 0,
        },
        {
            "resident_id": "R2",
            "household_ref": "H2",
            "area_id": "A2",
            "vulnerable": False,
            "adults": 2,
            "children": 2,
        },
    ],
    REPAIR_PRIORITIES: [
        {
            "priority_code": "EME",
            "description": "Emergency",
            "target_value": 24,
            "target_unit": "hours",
            "is_emergency": True,
        },
        {
            "priority_code": "NOR",
            "description": "Routine",
            "target_value": 21,
            "target_unit": "working_days",
            "is_emergency": False,
        },
    ],
    REPAIRS: [
        # open at the end of the period, not overdue until 30 Oct: overdue by 20 Nov
        repair_row("W1", "A1", "NOR", datetime(2026, 10, 1, 9), target_at=datetime(2026, 10, 30)),
        # open and overdue, in the South
        repair_row("W2", "A2", "NOR", datetime(2026, 10, 5, 9), target_at=datetime(2026, 10, 6)),
        # completed in the period (a flow), so not open
        repair_row(
            "W3",
            "A1",
            "EME",
            datetime(2026, 11, 1, 10),
            target_at=datetime(2026, 11, 2, 10),
            completed_at=datetime(2026, 11, 1, 20),
            status="completed",
        ),
        # completed before it was reported: bad data, excluded and counted
        repair_row(
            "W4",
            "A1",
            "NOR",
            datetime(2026, 11, 2, 9),
            completed_at=datetime(2026, 11, 1, 9),
            status="completed",
        ),
        # a priority code missing from repair_priorities: excluded and counted
        repair_row("W5", "A2", "XXX", datetime(2026, 11, 3, 9)),
        # cancelled in the period: neither open nor completed
        repair_row(
            "W6",
            "A1",
            "NOR",
            datetime(2026, 11, 4, 9),
            cancelled_at=datetime(2026, 11, 5, 9),
            status="cancelled",
        ),
        # open at the end of the period but completed after it: still open as at 20 Nov
        repair_row(
            "W7",
            "A2",
            "NOR",
            datetime(2026, 11, 10, 9),
            target_at=datetime(2026, 12, 9),
            completed_at=datetime(2026, 11, 21, 9),
            status="completed",
        ),
    ],
}

# Hand-computed: open at 20 Nov 23:59:59 = W1, W2, W7; overdue = W1, W2; completed = W3.
EXPECTED_ALL = {"open": 3, "overdue": 2, "completed": 1}
EXPECTED_NORTH = {"open": 1, "overdue": 1, "completed": 1}
EXPECTED_EXCLUDED = {"W4", "W5"}
