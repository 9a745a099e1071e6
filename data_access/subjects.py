"""What each subject's snapshot reads: tables, only the columns needed, and the window.

This is the one place a page's source queries live (as in Evidence.dev's sources):
figures never query the database, they work on what these reads bring back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import Column, ColumnElement, Date, Select, Table, literal, or_, select

from data_access.schema import (
    AREAS,
    DAMP_MOULD_CASES,
    FOOD_REFERRALS,
    INCIDENTS,
    OUTREACH_CALLS,
    OUTREACH_CAMPAIGNS,
    OUTREACH_COHORT,
    OUTREACH_NEEDS,
    REPAIR_PRIORITIES,
    REPAIRS,
    RESIDENTS,
    TEAMS,
)

HISTORY_DAYS_ENV = "DOORSTEP_HISTORY_DAYS"
DEFAULT_HISTORY_DAYS = 800  # two TSM years plus a comparison period


def history_days() -> int:
    """How far back the snapshots read: enough for year-on-year and TSM year to date."""
    return int(os.environ.get(HISTORY_DAYS_ENV, DEFAULT_HISTORY_DAYS))


Window = Callable[[ColumnElement], ColumnElement[bool]]


@dataclass(frozen=True)
class TableRead:
    """One bulk read: a table, the columns pages need, and an optional time window."""

    table: Table
    columns: tuple[Column, ...] | None = None  # None = every contract column
    window: Window | None = None
    #: A faster driver for this table where the database offers it (see Reader.read_raw).
    prefer: str | None = None

    def statement(self, cutoff: date) -> Select:
        """The read's query; the same object all day, so its compiled SQL is kept."""
        day = cutoff.date() if isinstance(cutoff, datetime) else cutoff
        return _statement(self, day if self.window is not None else None)


@lru_cache(maxsize=64)
def _statement(table_read: TableRead, day: date | None) -> Select:
    columns = table_read.columns or tuple(table_read.table.columns)
    statement = select(*columns)
    if table_read.window is not None and day is not None:
        # A date literal: SQLite compares timestamps as text, and '2024-01-01' sorts
        # before '2024-01-01 00:00:00' where a rendered datetime would sort after it.
        statement = statement.where(table_read.window(literal(day, Date())))
    return statement


@dataclass(frozen=True)
class Subject:
    """A page's data: what to read and how long a snapshot stays fresh."""

    key: str
    label: str
    reads: tuple[TableRead, ...]
    event_columns: tuple[Column, ...] = ()  # their latest value is the subject's "latest day"
    ttl_seconds: int = 300


def _repairs_window(cutoff: ColumnElement) -> ColumnElement[bool]:
    # Everything reported in the window, plus older jobs still open or closed in it,
    # so the backlog as at any day in the window is complete.
    return or_(
        REPAIRS.c.reported_at >= cutoff,
        REPAIRS.c.completed_at >= cutoff,
        REPAIRS.c.cancelled_at >= cutoff,
        (REPAIRS.c.completed_at.is_(None) & REPAIRS.c.cancelled_at.is_(None)),
    )


def _cases_window(cutoff: ColumnElement) -> ColumnElement[bool]:
    return or_(
        DAMP_MOULD_CASES.c.aware_at >= cutoff,
        DAMP_MOULD_CASES.c.prevent_work_started_at.is_(None),
    )


#: On PostgreSQL, ADBC's binary COPY reads large tables faster than connectorx (on the
#: machine of 7 Dec 2026, per table: residents 239 against 453 ms, repairs 1,252 against
#: 1,619, calls 472 against 943, referrals 139 against 204), but opens a connection about
#: 22 ms slower, so connectorx keeps the small ones (30,000 incidents: 48 against 56 ms).
#: ``python -m benchmarks.snapshot_bench`` section 1 shows both paths for each subject.
_COPY = "adbc_postgresql"

REFERENCE = Subject(
    key="reference",
    label="Reference data",
    reads=(
        TableRead(AREAS),
        TableRead(TEAMS),
        TableRead(RESIDENTS, prefer=_COPY),
        TableRead(REPAIR_PRIORITIES),
        TableRead(OUTREACH_CAMPAIGNS),
    ),
    ttl_seconds=3600,
)

OUTREACH = Subject(
    key="outreach",
    label="Outreach",
    reads=(
        TableRead(OUTREACH_COHORT, prefer=_COPY),
        TableRead(OUTREACH_CALLS, prefer=_COPY),
        TableRead(OUTREACH_NEEDS, prefer=_COPY),
    ),
    event_columns=(OUTREACH_CALLS.c.called_at,),
)

FOOD = Subject(
    key="food",
    label="Food support",
    reads=(
        TableRead(
            FOOD_REFERRALS,
            window=lambda cutoff: FOOD_REFERRALS.c.referred_at >= cutoff,
            prefer=_COPY,
        ),
    ),
    event_columns=(FOOD_REFERRALS.c.referred_at, FOOD_REFERRALS.c.fulfilled_at),
)

REPAIRS_SUBJECT = Subject(
    key="repairs",
    label="Repairs",
    reads=(
        TableRead(
            REPAIRS,
            columns=tuple(c for c in REPAIRS.columns if c is not REPAIRS.c.property_ref),
            window=_repairs_window,
            prefer=_COPY,
        ),
        TableRead(DAMP_MOULD_CASES, window=_cases_window, prefer=_COPY),
    ),
    event_columns=(REPAIRS.c.reported_at, REPAIRS.c.completed_at),
)

RESPECT = Subject(
    key="respect",
    label="Service with Respect",
    reads=(TableRead(INCIDENTS, window=lambda cutoff: INCIDENTS.c.occurred_at >= cutoff),),
    event_columns=(INCIDENTS.c.occurred_at,),
)

SUBJECTS: dict[str, Subject] = {
    s.key: s for s in (REFERENCE, OUTREACH, FOOD, REPAIRS_SUBJECT, RESPECT)
}


def cutoff_for(now: datetime) -> datetime:
    """Start of the read window for a snapshot taken at ``now``."""
    return datetime.combine((now - timedelta(days=history_days())).date(), datetime.min.time())
