"""The areas the hand-written fixtures share (two North, one South), and a plain resident."""

from __future__ import annotations

THREE_AREAS = [
    {"area_id": "A1", "area_name": "Northgate", "region": "North"},
    {"area_id": "A2", "area_name": "Southfields", "region": "South"},
    {"area_id": "A3", "area_name": "Hillside", "region": "North"},
]


def resident_row(resident_id: str, area: str) -> dict:
    """A one-adult, no-children, not-vulnerable resident in ``area``."""
    return {
        "resident_id": resident_id,
        "household_ref": f"H{resident_id}",
        "area_id": area,
        "vulnerable": False,
        "adults": 1,
        "children": 0,
    }
