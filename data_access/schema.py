"""The operational data contract (v1) as SQLAlchemy Core metadata.

This module is the single source of table names, column names, types, nullability,
keys and allowed values. Every other module refers to columns through these objects
(``REPAIRS.c.reported_at``), never by spelling a name as a string, so a renamed
column breaks at import time rather than on a director's screen.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    Table,
    Text,
)

from data_access.vocabulary import (  # re-exported: the contract's allowed values
    ACTIONS,
    CALL_DIRECTIONS,
    CALL_OUTCOMES,
    CHANNELS,
    FULFILMENTS,
    HAZARD_LEVELS,
    INCIDENT_TYPES,
    NEEDS,
    PRIORITY_COHORTS,
    REFERRAL_STATUSES,
    REGIONS,
    REPAIR_STATUSES,
    SEVERITIES,
    TARGET_UNITS,
    TEAM_FUNCTIONS,
)

metadata = MetaData()


def _enum(*values: str) -> dict[str, tuple[str, ...]]:
    """Column ``info`` carrying the contract's allowed values for a text column."""
    return {"allowed": values}


# --- Reference -----------------------------------------------------------------

AREAS = Table(
    "areas",
    metadata,
    Column("area_id", Text, primary_key=True),
    Column("area_name", Text, nullable=False),
    Column("region", Text, nullable=False, info=_enum(*REGIONS) | {"open_set": True}),
    comment="Neighbourhoods / patches; region is the unit of row-level access.",
)

TEAMS = Table(
    "teams",
    metadata,
    Column("team_id", Text, primary_key=True),
    Column("team_name", Text, nullable=False),
    Column("function", Text, nullable=False, info=_enum(*TEAM_FUNCTIONS)),
    Column("region", Text, nullable=True, info={"open_set": True}),
)

RESIDENTS = Table(
    "residents",
    metadata,
    Column("resident_id", Text, primary_key=True),
    Column("household_ref", Text, nullable=False),
    Column("area_id", Text, ForeignKey("areas.area_id"), nullable=False),
    Column("vulnerable", Boolean, nullable=False),
    Column("priority_cohort", Text, nullable=True, info=_enum(*PRIORITY_COHORTS)),
    Column("adults", Integer, nullable=False),
    Column("children", Integer, nullable=False),
)

# --- Outreach -------------------------------------------------------------------

OUTREACH_CAMPAIGNS = Table(
    "outreach_campaigns",
    metadata,
    Column("campaign_id", Text, primary_key=True),
    Column("campaign_name", Text, nullable=False),
    Column("started_on", Date, nullable=False),
    Column("ended_on", Date, nullable=True),
    Column("target_contacts", Integer, nullable=False),
)

OUTREACH_COHORT = Table(
    "outreach_cohort",
    metadata,
    Column(
        "campaign_id",
        Text,
        ForeignKey("outreach_campaigns.campaign_id"),
        primary_key=True,
    ),
    Column("resident_id", Text, ForeignKey("residents.resident_id"), primary_key=True),
    Column("added_on", Date, nullable=False),
)

OUTREACH_CALLS = Table(
    "outreach_calls",
    metadata,
    Column("call_id", Text, primary_key=True),
    Column("campaign_id", Text, ForeignKey("outreach_campaigns.campaign_id"), nullable=False),
    Column("resident_id", Text, ForeignKey("residents.resident_id"), nullable=False),
    Column("team_id", Text, ForeignKey("teams.team_id"), nullable=False),
    Column("called_at", DateTime, nullable=False),
    Column("direction", Text, nullable=False, info=_enum(*CALL_DIRECTIONS)),
    Column("outcome", Text, nullable=False, info=_enum(*CALL_OUTCOMES)),
    Column("follow_up_required", Boolean, nullable=False),
)

OUTREACH_NEEDS = Table(
    "outreach_needs",
    metadata,
    Column("call_id", Text, ForeignKey("outreach_calls.call_id"), primary_key=True),
    Column("need", Text, primary_key=True, info=_enum(*NEEDS)),
)

# --- Food support ---------------------------------------------------------------

FOOD_REFERRALS = Table(
    "food_referrals",
    metadata,
    Column("referral_id", Text, primary_key=True),
    Column("resident_id", Text, ForeignKey("residents.resident_id"), nullable=False),
    Column("call_id", Text, ForeignKey("outreach_calls.call_id"), nullable=True),
    Column("team_id", Text, ForeignKey("teams.team_id"), nullable=False),
    Column("partner_name", Text, nullable=False),
    Column("referred_at", DateTime, nullable=False),
    Column("status", Text, nullable=False, info=_enum(*REFERRAL_STATUSES)),
    Column("fulfilled_at", DateTime, nullable=True),
    Column("fulfilment", Text, nullable=True, info=_enum(*FULFILMENTS)),
    Column("adults", Integer, nullable=False),
    Column("children", Integer, nullable=False),
)

# --- Repairs --------------------------------------------------------------------

REPAIR_PRIORITIES = Table(
    "repair_priorities",
    metadata,
    Column("priority_code", Text, primary_key=True),
    Column("description", Text, nullable=False),
    Column("target_value", Integer, nullable=False),
    Column("target_unit", Text, nullable=False, info=_enum(*TARGET_UNITS)),
    Column("is_emergency", Boolean, nullable=False),
)

REPAIRS = Table(
    "repairs",
    metadata,
    Column("work_order_id", Text, primary_key=True, info={"hact": "work_order"}),
    Column("property_ref", Text, nullable=False),
    Column("area_id", Text, ForeignKey("areas.area_id"), nullable=False),
    Column("trade", Text, nullable=False),
    Column(
        "priority_code",
        Text,
        ForeignKey("repair_priorities.priority_code"),
        nullable=False,
        info={"hact": "work_priority"},
    ),
    Column("contractor", Text, nullable=True),
    Column("reported_at", DateTime, nullable=False, info={"hact": "date_raised"}),
    Column(
        "target_at",
        DateTime,
        nullable=False,
        info={"hact": "required_completion_date_time"},
    ),
    Column(
        "completed_at",
        DateTime,
        nullable=True,
        info={"hact": "actual_completion_date_time"},
    ),
    Column("cancelled_at", DateTime, nullable=True),
    Column("status", Text, nullable=False, info=_enum(*REPAIR_STATUSES)),
    Column("first_visit_fix", Boolean, nullable=True),
    Column("appointment_made", Boolean, nullable=True),
    Column("appointment_kept", Boolean, nullable=True),
    Column("is_damp_mould", Boolean, nullable=False),
    Column("cost", Numeric(12, 2), nullable=True),
)

DAMP_MOULD_CASES = Table(
    "damp_mould_cases",
    metadata,
    Column("case_id", Text, primary_key=True),
    Column("work_order_id", Text, ForeignKey("repairs.work_order_id"), nullable=True),
    Column("property_ref", Text, nullable=False),
    Column("area_id", Text, ForeignKey("areas.area_id"), nullable=False),
    Column("hazard_level", Text, nullable=False, info=_enum(*HAZARD_LEVELS)),
    Column("aware_at", DateTime, nullable=False),
    Column("investigated_at", DateTime, nullable=True),
    Column("summary_sent_at", DateTime, nullable=True),
    Column("safety_work_done_at", DateTime, nullable=True),
    Column("prevent_work_started_at", DateTime, nullable=True),
)

# --- Service with Respect -------------------------------------------------------

INCIDENTS = Table(
    "incidents",
    metadata,
    Column("incident_id", Text, primary_key=True),
    Column("occurred_at", DateTime, nullable=False),
    Column("reported_at", DateTime, nullable=False),
    Column("team_id", Text, ForeignKey("teams.team_id"), nullable=False),
    Column("area_id", Text, ForeignKey("areas.area_id"), nullable=True),
    Column("channel", Text, nullable=False, info=_enum(*CHANNELS)),
    Column("incident_type", Text, nullable=False, info=_enum(*INCIDENT_TYPES)),
    Column("severity", Integer, nullable=False, info={"allowed": SEVERITIES}),
    Column("staff_working_from_home", Boolean, nullable=False),
    Column("injury", Boolean, nullable=False),
    Column("riddor_reportable", Boolean, nullable=False),
    Column("days_incapacitated", Integer, nullable=True),
    Column("action_taken", Text, nullable=False, info=_enum(*ACTIONS)),
    Column("action_at", DateTime, nullable=True),
    Column("resident_id", Text, ForeignKey("residents.resident_id"), nullable=True),
)

#: Tables in load order (parents before children).
CONTRACT_TABLES: tuple[Table, ...] = (
    AREAS,
    TEAMS,
    RESIDENTS,
    OUTREACH_CAMPAIGNS,
    OUTREACH_COHORT,
    OUTREACH_CALLS,
    OUTREACH_NEEDS,
    FOOD_REFERRALS,
    REPAIR_PRIORITIES,
    REPAIRS,
    DAMP_MOULD_CASES,
    INCIDENTS,
)

#: Pairs of timestamps that must not run backwards: (table, earlier, later).
TIMESTAMP_ORDER: tuple[tuple[Table, Column, Column], ...] = (
    (REPAIRS, REPAIRS.c.reported_at, REPAIRS.c.completed_at),
    (REPAIRS, REPAIRS.c.reported_at, REPAIRS.c.cancelled_at),
    (FOOD_REFERRALS, FOOD_REFERRALS.c.referred_at, FOOD_REFERRALS.c.fulfilled_at),
    (INCIDENTS, INCIDENTS.c.occurred_at, INCIDENTS.c.reported_at),
    (INCIDENTS, INCIDENTS.c.reported_at, INCIDENTS.c.action_at),
    (DAMP_MOULD_CASES, DAMP_MOULD_CASES.c.aware_at, DAMP_MOULD_CASES.c.investigated_at),
    (DAMP_MOULD_CASES, DAMP_MOULD_CASES.c.investigated_at, DAMP_MOULD_CASES.c.summary_sent_at),
    (
        DAMP_MOULD_CASES,
        DAMP_MOULD_CASES.c.investigated_at,
        DAMP_MOULD_CASES.c.safety_work_done_at,
    ),
    (
        DAMP_MOULD_CASES,
        DAMP_MOULD_CASES.c.investigated_at,
        DAMP_MOULD_CASES.c.prevent_work_started_at,
    ),
)

#: Columns whose value may legitimately lie in the future (targets and planned ends).
FUTURE_ALLOWED: frozenset[Column] = frozenset({REPAIRS.c.target_at, OUTREACH_CAMPAIGNS.c.ended_on})

#: Columns required when another column holds a value: (required, condition column, value).
REQUIRED_WHEN: tuple[tuple[Column, Column, str], ...] = (
    (FOOD_REFERRALS.c.fulfilled_at, FOOD_REFERRALS.c.status, "fulfilled"),
    (REPAIRS.c.completed_at, REPAIRS.c.status, "completed"),
    (REPAIRS.c.cancelled_at, REPAIRS.c.status, "cancelled"),
)


def primary_key(table: Table) -> tuple[Column, ...]:
    """The table's key columns, in declared order."""
    return tuple(table.primary_key.columns)


def id_column(table: Table) -> Column:
    """The column used to name a row in data-quality examples (first key column)."""
    return primary_key(table)[0]


def allowed_values(column: Column) -> tuple[object, ...] | None:
    """The contract's allowed values for an enumerated column, else None.

    Columns marked ``open_set`` (such as ``areas.region``) list typical values for
    the documentation and demo data but accept any text.
    """
    if column.info.get("open_set"):
        return None
    return column.info.get("allowed")


def table_named(name: str) -> Table:
    """Look a contract table up by its name (for command-line arguments)."""
    return metadata.tables[name]


#: Free-text columns with few distinct values: held as Polars categoricals in memory.
LOW_CARDINALITY: frozenset[Column] = frozenset(
    {
        AREAS.c.region,
        TEAMS.c.region,
        RESIDENTS.c.area_id,
        OUTREACH_CALLS.c.campaign_id,
        OUTREACH_CALLS.c.team_id,
        OUTREACH_COHORT.c.campaign_id,
        FOOD_REFERRALS.c.team_id,
        FOOD_REFERRALS.c.partner_name,
        REPAIRS.c.area_id,
        REPAIRS.c.trade,
        REPAIRS.c.priority_code,
        REPAIRS.c.contractor,
        DAMP_MOULD_CASES.c.area_id,
        INCIDENTS.c.team_id,
        INCIDENTS.c.area_id,
    }
)
