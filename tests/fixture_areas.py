"""The areas the hand-written fixtures share: two North, one South."""

from __future__ import annotations

THREE_AREAS = [
    {"area_id": "A1", "area_name": "Northgate", "region": "North"},
    {"area_id": "A2", "area_name": "Southfields", "region": "South"},
    {"area_id": "A3", "area_name": "Hillside", "region": "North"},
]
