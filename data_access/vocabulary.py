"""The contract's allowed values for enumerated columns (its "notes" column)."""

from __future__ import annotations

REGIONS = ("North", "South", "East", "West", "Central")
TEAM_FUNCTIONS = (
    "contact_centre",
    "neighbourhood",
    "repairs",
    "tenancy_sustainment",
    "income",
    "customer_resolution",
)
PRIORITY_COHORTS = (
    "over_70_health",
    "over_60",
    "rent_arrears",
    "food_poverty",
    "domestic_abuse",
    "shielding",
    "other",
)
CALL_DIRECTIONS = ("outbound", "inbound")
CALL_OUTCOMES = (
    "reached",
    "no_answer",
    "voicemail",
    "wrong_number",
    "refused",
    "callback_requested",
)
NEEDS = (
    "food",
    "medicine",
    "money_debt",
    "mental_health",
    "loneliness",
    "health",
    "digital_access",
    "housing_repair",
    "safeguarding",
    "other",
)
REFERRAL_STATUSES = ("referred", "accepted", "fulfilled", "failed", "declined", "cancelled")
FULFILMENTS = ("collected", "delivered_by_partner", "delivered_by_staff")
TARGET_UNITS = ("hours", "working_days")
REPAIR_STATUSES = (
    "open",
    "scheduled",
    "in_progress",
    "awaiting_materials",
    "no_access",
    "completed",
    "cancelled",
)
HAZARD_LEVELS = ("emergency", "significant")
CHANNELS = (
    "phone",
    "face_to_face",
    "home_visit",
    "email",
    "letter",
    "webchat",
    "social_media",
    "contractor_visit",
)
INCIDENT_TYPES = (
    "verbal_abuse",
    "threat",
    "physical_assault",
    "harassment",
    "discriminatory_abuse",
    "online_abuse",
    "property_damage",
    "unreasonable_behaviour",
)
ACTIONS = (
    "none",
    "verbal_warning",
    "written_warning",
    "contact_restriction",
    "warning_marker",
    "police_referral",
    "injunction",
    "tenancy_enforcement",
)
SEVERITIES = (1, 2, 3, 4, 5, 6)
