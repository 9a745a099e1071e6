"""The repairs tiles as aggregate SQL run on every click: the "push it down" alternative.

Each click asks the database for the latest day and then for the six counts (three
tiles, this period and the previous one) in one scan. To give the snapshot's numbers
the query keeps only the rows the snapshot keeps, so the contract's row rules are
rebuilt here as SQL from the same schema metadata (never from spelled-out names).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import (
    Column,
    ColumnElement,
    Date,
    DateTime,
    Select,
    and_,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Engine

from data_access.filters import Filters
from data_access.reader import tables_keeping_keys_unique
from data_access.schema import (
    AREAS,
    FUTURE_ALLOWED,
    REPAIRS,
    REQUIRED_WHEN,
    TIMESTAMP_ORDER,
    allowed_values,
    primary_key,
)
from data_access.scope import Scope
from data_access.subjects import REPAIRS_SUBJECT, TableRead

#: (value, previous) for open, overdue and completed, in ``headline_tiles`` order.
Figures = tuple[tuple[int, int], ...]

REPAIRS_READ: TableRead = next(r for r in REPAIRS_SUBJECT.reads if r.table is REPAIRS)
_R = REPAIRS.c
# The demo stores whole-second SQLite timestamps without a fraction ("... 00:00:00"),
# while SQLAlchemy binds "... 00:00:00.000000", which sorts after it as text. Binding
# whole-second moments the way they are stored keeps "at midnight" on the right side.
_SQLITE_SECONDS = sqlite.DATETIME(
    storage_format="%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d"
)


def moment(value: datetime) -> ColumnElement[datetime]:
    """A timestamp bound so text-stored SQLite timestamps compare as the snapshot does."""
    kind = DateTime() if value.microsecond else DateTime().with_variant(_SQLITE_SECONDS, "sqlite")
    return literal(value, kind)


def _read_columns() -> tuple[Column, ...]:
    return REPAIRS_READ.columns or tuple(REPAIRS.columns)


def valid_rows(today: date, check_keys: bool) -> ColumnElement[bool]:
    """SQL for the contract's row rules on the columns the repairs snapshot reads.

    ``check_keys=False`` leaves out the duplicate-key rule when the database's own
    primary key already guarantees it (a GROUP BY over every row on each click otherwise).
    """
    columns = set(_read_columns())
    conditions: list[ColumnElement[bool]] = []
    for column in REPAIRS.columns:
        if column not in columns:
            continue
        allowed = allowed_values(column)
        if allowed is not None:
            conditions.append(or_(column.is_(None), column.in_(allowed)))
        if not column.nullable:
            conditions.append(column.is_not(None))
        if column not in FUTURE_ALLOWED and isinstance(column.type, DateTime):
            tomorrow = moment(datetime.combine(today + timedelta(days=1), time()))
            conditions.append(or_(column.is_(None), column < tomorrow))
        elif column not in FUTURE_ALLOWED and isinstance(column.type, Date):
            conditions.append(or_(column.is_(None), column <= today))
    for fk in REPAIRS.foreign_keys:
        if fk.parent in columns:
            parents = select(fk.column).where(fk.column.is_not(None))
            conditions.append(or_(fk.parent.is_(None), fk.parent.in_(parents)))
    for owner, earlier, later in TIMESTAMP_ORDER:
        if owner is REPAIRS and {earlier, later} <= columns:
            conditions.append(or_(earlier.is_(None), later.is_(None), later >= earlier))
    for required, condition, value in REQUIRED_WHEN:
        if required.table is REPAIRS and {required, condition} <= columns:
            conditions.append(or_(condition.is_(None), condition != value, required.is_not(None)))
    (key,) = primary_key(REPAIRS)
    if check_keys and key in columns:
        conditions.append(key.not_in(select(key).group_by(key).having(func.count() > 1)))
    return and_(*conditions)


def visible(filters: Filters, scope: Scope) -> ColumnElement[bool]:
    """The viewer's scope narrowed by their region/area filters, as the snapshot applies it."""
    narrowed = scope.narrowed(filters.regions)
    conditions: list[ColumnElement[bool]] = []
    if narrowed.regions is not None:
        in_regions = select(AREAS.c.area_id).where(AREAS.c.region.in_(sorted(narrowed.regions)))
        conditions.append(_R.area_id.in_(in_regions))
    if filters.areas:
        conditions.append(_R.area_id.in_(list(filters.areas)))
    return and_(true(), *conditions)


def _open_at(at: datetime) -> ColumnElement[bool]:
    when = moment(at)
    return and_(
        _R.reported_at < when,
        or_(_R.completed_at.is_(None), _R.completed_at >= when),
        or_(_R.cancelled_at.is_(None), _R.cancelled_at >= when),
    )


def latest_statement(today: date, check_keys: bool) -> Select:
    """The snapshot's "latest day": newest reported/completed time among valid rows."""
    valid = valid_rows(today, check_keys)
    return select(func.max(_R.reported_at), func.max(_R.completed_at)).where(valid)


def counts_statement(
    filters: Filters, scope: Scope, latest_day: date | None, today: date, check_keys: bool
) -> Select:
    """One scan counting open, overdue and completed for the period and the one before."""
    period = filters.period(latest_day)
    counts = []
    for span in (period, period.previous()):
        end = span.ends_before
        completed = and_(_R.completed_at >= moment(span.starts_at), _R.completed_at < moment(end))
        counts.append(func.count().filter(_open_at(end)))
        counts.append(func.count().filter(and_(_open_at(end), _R.target_at < moment(end))))
        counts.append(func.count().filter(completed))
    where = and_(valid_rows(today, check_keys), visible(filters, scope))
    return select(*counts).select_from(REPAIRS).where(where)


@dataclass
class Pushdown:
    """Aggregate queries against one database through its (read-only) SQLAlchemy engine."""

    engine: Engine
    check_keys: bool = field(init=False)

    def __post_init__(self) -> None:
        self.check_keys = REPAIRS.name not in tables_keeping_keys_unique(self.engine, (REPAIRS,))

    def figures(self, filters: Filters, scope: Scope, now: datetime) -> Figures:
        """The repairs tiles' (value, previous) pairs, computed by the database."""
        today = now.date()
        with self.engine.connect() as connection:
            newest = connection.execute(latest_statement(today, self.check_keys)).one()
            stamps = [value for value in newest if value is not None]
            latest_day = max(stamps).date() if stamps else None
            statement = counts_statement(filters, scope, latest_day, today, self.check_keys)
            row = connection.execute(statement).one()
        now_counts, before = row[:3], row[3:]
        return tuple((int(a), int(b)) for a, b in zip(now_counts, before, strict=True))
