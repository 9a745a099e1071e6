"""The reads the snapshots are measured against: the raw floor and the typical way.

The floor is the fastest raw columnar read of the snapshot's own queries (no type
conversion), the least any design could spend. The typical Streamlit way is
``pandas.read_sql`` on every click, then pandas filters: what the snapshot design
replaces, so it must give the same numbers. It reads the same columns and window as
the repairs snapshot, drops the rows the contract's rules exclude (rebuilt here in
pandas from the schema metadata) and counts the tiles.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pandas as pd
import polars as pl
from sqlalchemy import Date, DateTime, Select, Table, select
from sqlalchemy.engine import Engine, make_url

from benchmarks.pushdown import REPAIRS_READ, Figures
from data_access.filters import Filters
from data_access.reader import Reader
from data_access.schema import (
    AREAS,
    FUTURE_ALLOWED,
    REPAIR_PRIORITIES,
    REPAIRS,
    REQUIRED_WHEN,
    TIMESTAMP_ORDER,
    allowed_values,
    primary_key,
)
from data_access.scope import Scope
from data_access.subjects import REPAIRS_SUBJECT, Subject, cutoff_for

_R = REPAIRS.c
TYPICAL_READ = "pandas.read_sql via SQLAlchemy (typical)"
_REGION = AREAS.c.region.name


def repairs_statement(now: datetime) -> Select:
    """Exactly the repairs snapshot's query (same columns, same window)."""
    return REPAIRS_READ.statement(cutoff_for(now))


def read_sql(engine: Engine, statement: Select) -> pd.DataFrame:
    """``pandas.read_sql`` through SQLAlchemy, as most Streamlit apps read."""
    with engine.connect() as connection:
        return pd.read_sql(statement, connection)


def _cx(uri: str, kind: str) -> Callable[[str], object]:
    import connectorx

    return lambda sql: connectorx.read_sql(uri, sql, return_type=kind)


def _adbc(module: str, uri: str, one_batch: bool) -> Callable[[str], object]:
    def read(sql: str) -> pl.DataFrame:
        dbapi = importlib.import_module(f"{module}.dbapi")
        with dbapi.connect(uri) as connection, connection.cursor() as cursor:
            if one_batch:  # as the app reads SQLite: types inferred from every row
                cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": "1000000000"})
            cursor.execute(sql)
            return pl.from_arrow(cursor.fetch_arrow_table())

    return read


def floor_paths(
    reader: Reader, subject: Subject = REPAIRS_SUBJECT, with_typical: bool = True
) -> dict[str, Callable[[], object]]:
    """Each way to read a subject's statements; raw paths skip type conversion."""
    statements = [r.statement(cutoff_for(datetime.now())) for r in subject.reads]
    sqls = [reader.sql(statement) for statement in statements]
    uri = reader.fast.uri if reader.fast else ""
    if reader.engine.dialect.name == "postgresql":
        raw = {
            "connectorx -> polars": _cx(uri, "polars"),
            "connectorx -> arrow": _cx(uri, "arrow"),
            "adbc postgresql -> arrow -> polars": _adbc("adbc_driver_postgresql", uri, False),
        }
    else:
        path = Path(make_url(reader.url).database or "").resolve()
        raw = {
            "adbc sqlite, one batch (as the app)": _adbc("adbc_driver_sqlite", uri, True),
            "adbc sqlite, default batches": _adbc("adbc_driver_sqlite", uri, False),
            "connectorx sqlite -> polars": _cx(f"sqlite://{path}", "polars"),
        }
    paths: dict[str, Callable[[], object]] = {
        name: (lambda read=read: [read(sql) for sql in sqls]) for name, read in raw.items()
    }
    if with_typical:
        paths[TYPICAL_READ] = lambda: [read_sql(reader.engine, s) for s in statements]
    return paths


def _bad_rows(
    table: Table, frame: pd.DataFrame, parents: Mapping[str, pd.DataFrame], today: date
) -> pd.Series:
    """Rows breaking any contract rule on the columns present (as ``split_valid_rows``)."""
    bad = pd.Series(False, index=frame.index)
    tomorrow = datetime.combine(today + timedelta(days=1), time())
    for column in table.columns:
        if column.name not in frame.columns:
            continue
        values = frame[column.name]
        allowed = allowed_values(column)
        if allowed is not None:
            bad |= values.notna() & ~values.astype(str).isin([str(v) for v in allowed])
        if not column.nullable:
            bad |= values.isna()
        if column not in FUTURE_ALLOWED and isinstance(column.type, DateTime):
            bad |= values >= tomorrow
        elif column not in FUTURE_ALLOWED and isinstance(column.type, Date):
            bad |= values > today
    names = [c.name for c in primary_key(table)]
    if set(names) <= set(frame.columns):
        bad |= frame.duplicated(subset=names, keep=False)
    for fk in table.foreign_keys:
        parent = parents.get(fk.column.table.name)
        if parent is None or fk.parent.name not in frame.columns:
            continue
        known = parent[fk.column.name].dropna().astype(str).unique()
        values = frame[fk.parent.name]
        bad |= values.notna() & ~values.astype(str).isin(known)
    for owner, earlier, later in TIMESTAMP_ORDER:
        if owner is table and {earlier.name, later.name} <= set(frame.columns):
            bad |= frame[later.name] < frame[earlier.name]
    for required, condition, value in REQUIRED_WHEN:
        if required.table is table and {required.name, condition.name} <= set(frame.columns):
            bad |= (frame[condition.name].astype(str) == value) & frame[required.name].isna()
    return bad.fillna(False).astype(bool)


def _open_at(frame: pd.DataFrame, moment: datetime) -> pd.Series:
    completed, cancelled = frame[_R.completed_at.name], frame[_R.cancelled_at.name]
    return (
        (frame[_R.reported_at.name] < moment)
        & (completed.isna() | (completed >= moment))
        & (cancelled.isna() | (cancelled >= moment))
    )


def tiles_from_frames(
    repairs: pd.DataFrame,
    areas: pd.DataFrame,
    priorities: pd.DataFrame,
    filters: Filters,
    scope: Scope,
    now: datetime,
) -> Figures:
    """The repairs tiles from raw pandas frames: validate, tag regions, filter, count."""
    parents = {AREAS.name: areas, REPAIR_PRIORITIES.name: priorities}
    valid = repairs[~_bad_rows(REPAIRS, repairs, parents, now.date())]
    stamps = [valid[c.name].max() for c in REPAIRS_SUBJECT.event_columns]
    stamps = [s for s in stamps if pd.notna(s)]
    period = filters.period(max(stamps).date() if stamps else None)

    regions = areas[[AREAS.c.area_id.name, _REGION]].drop_duplicates(AREAS.c.area_id.name)
    rows = valid.merge(regions, how="left", on=_R.area_id.name)
    narrowed = scope.narrowed(filters.regions)
    if narrowed.regions is not None:
        rows = rows[rows[_REGION].isin(sorted(narrowed.regions))]
    if filters.areas:
        rows = rows[rows[_R.area_id.name].isin(list(filters.areas))]

    def counts(end: datetime, start: datetime) -> tuple[int, int, int]:
        open_rows = _open_at(rows, end)
        overdue = open_rows & (rows[_R.target_at.name] < end)
        completed = rows[_R.completed_at.name]
        done = (completed >= start) & (completed < end)
        return int(open_rows.sum()), int(overdue.sum()), int(done.sum())

    current = counts(period.ends_before, period.starts_at)
    previous = counts(period.previous().ends_before, period.previous().starts_at)
    return tuple((a, b) for a, b in zip(current, previous, strict=True))


def typical_figures(engine: Engine, filters: Filters, scope: Scope, now: datetime) -> Figures:
    """One click the typical way: read everything needed afresh, then compute in pandas."""
    repairs = read_sql(engine, repairs_statement(now))
    areas = read_sql(engine, select(AREAS.c.area_id, AREAS.c.region))
    priorities = read_sql(engine, select(REPAIR_PRIORITIES.c.priority_code))
    return tiles_from_frames(repairs, areas, priorities, filters, scope, now)
