"""Create the contract tables and bulk-load generated frames into any database.

Demo and test databases are built from ``schema.metadata`` so they match the contract
exactly, but without foreign-key constraints: the deliberate bad rows (orphans, unknown
codes) must be loadable so the data-quality view has something to find. Loading uses
each driver's fastest path (``executemany`` on raw SQLite, ``COPY`` on PostgreSQL)
because a million-row repairs table has to load in seconds, not minutes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import numpy as np
import polars as pl
from sqlalchemy import (
    Column,
    Index,
    MetaData,
    Table,
    insert,
)
from sqlalchemy.engine import Engine
from sqlalchemy.schema import CreateIndex, CreateTable, DropTable

from data_access.frames import polars_dtype
from data_access.schema import (
    CONTRACT_TABLES,
    DAMP_MOULD_CASES,
    FOOD_REFERRALS,
    INCIDENTS,
    OUTREACH_CALLS,
    REPAIRS,
    RESIDENTS,
)

CHUNK_ROWS = 50_000
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S"
SQLITE_DATE = "%Y-%m-%d"

#: Indexes the dashboard's period filters and joins lean on (created after loading).
DEMO_INDEXES: tuple[tuple[Column, ...], ...] = (
    (REPAIRS.c.reported_at,),
    (REPAIRS.c.completed_at,),
    (REPAIRS.c.area_id,),
    (OUTREACH_CALLS.c.called_at,),
    (OUTREACH_CALLS.c.resident_id,),
    (FOOD_REFERRALS.c.referred_at,),
    (DAMP_MOULD_CASES.c.aware_at,),
    (INCIDENTS.c.occurred_at,),
    (RESIDENTS.c.area_id,),
)


def _series(column: Column, values: Any, height: int | None) -> pl.Series:
    dtype = polars_dtype(column)
    if isinstance(values, pl.Series):
        return values.alias(column.name).cast(dtype)
    if isinstance(values, np.ndarray) and np.issubdtype(values.dtype, np.datetime64):
        unit = "datetime64[D]" if dtype == pl.Date else "datetime64[us]"
        return pl.Series(column.name, values.astype(unit)).cast(dtype)
    if np.isscalar(values) or values is None:
        return pl.repeat(values, height or 0, dtype=dtype, eager=True).alias(column.name)
    return pl.Series(column.name, values, dtype=dtype, strict=False)


def table_frame(table: Table, values: Mapping[Column, Any]) -> pl.DataFrame:
    """A frame with exactly ``table``'s columns, in order, in the contract's dtypes.

    Scalars (including ``None``) are broadcast; keys must be the table's own columns.
    """
    unknown = [c for c in values if c.table is not table]
    missing = [c.name for c in table.columns if c not in values]
    if unknown or missing:
        raise ValueError(f"{table.name}: missing {missing}, foreign {unknown}")
    height = next((len(v) for v in values.values() if not np.isscalar(v) and v is not None), 0)
    return pl.DataFrame([_series(c, values[c], height) for c in table.columns])


def _copy(table: Table, target: MetaData, *, enforce_keys: bool) -> Table:
    """The table as it is created here: keys kept, or every column nullable and unkeyed."""
    if enforce_keys:
        return table.to_metadata(target)
    columns = [Column(c.name, c.type, nullable=True) for c in table.columns]
    return Table(table.name, target, *columns)


def _indexes(tables: Mapping[Table, Table]) -> list[Index]:
    indexes = []
    for columns in DEMO_INDEXES:
        copy = tables[columns[0].table]
        name = "ix_" + "_".join([copy.name, *(c.name for c in columns)])
        indexes.append(Index(name, *(copy.c[c.name] for c in columns)))
    return indexes


def drop_contract_tables(engine: Engine) -> None:
    """Drop every contract table that exists (children first)."""
    scratch = MetaData()
    with engine.begin() as conn:
        for table in reversed(CONTRACT_TABLES):
            conn.execute(DropTable(_copy(table, scratch, enforce_keys=False), if_exists=True))


def create_contract_tables(
    engine: Engine, *, enforce_keys: bool = True, indexes: bool = True
) -> None:
    """(Re)create the contract tables, without foreign keys, dropping any old ones first.

    ``enforce_keys=False`` makes every column nullable and drops the primary keys so
    tests can insert exactly the broken rows a provider's views might return.
    """
    drop_contract_tables(engine)
    scratch = MetaData()
    copies = {t: _copy(t, scratch, enforce_keys=enforce_keys) for t in CONTRACT_TABLES}
    with engine.begin() as conn:
        for copy in copies.values():
            conn.execute(CreateTable(copy, include_foreign_key_constraints=[]))
    if indexes:
        create_indexes(engine)


def create_indexes(engine: Engine) -> None:
    """Add the dashboard's indexes (after a bulk load, which is faster without them)."""
    scratch = MetaData()
    copies = {t: _copy(t, scratch, enforce_keys=False) for t in CONTRACT_TABLES}
    with engine.begin() as conn:
        for index in _indexes(copies):
            conn.execute(CreateIndex(index, if_not_exists=True))


def _sqlite_ready(frame: pl.DataFrame) -> pl.DataFrame:
    """Values as SQLite stores them: ISO text timestamps and dates, 0/1 booleans."""
    exprs = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.Datetime):
            whole = col.dt.strftime(SQLITE_DATETIME)
            fraction = col.dt.strftime(SQLITE_DATETIME + ".%6f")
            col = pl.when(col.dt.microsecond() == 0).then(whole).otherwise(fraction)
        elif dtype == pl.Date:
            col = col.dt.strftime(SQLITE_DATE)
        elif dtype == pl.Boolean:
            col = col.cast(pl.Int64)
        exprs.append(col.alias(name))
    return frame.select(exprs)


def _rows(chunk: pl.DataFrame) -> Iterator[tuple]:
    """Row tuples, built column-wise (much faster than ``iter_rows`` for wide frames)."""
    return zip(*(series.to_list() for series in chunk.iter_columns()), strict=True)


def _insert_sql(engine: Engine, table: Table, marker: str) -> str:
    quote = engine.dialect.identifier_preparer.quote
    names = ", ".join(quote(c.name) for c in table.columns)
    markers = ", ".join([marker] * len(table.columns))
    return f"INSERT INTO {quote(table.name)} ({names}) VALUES ({markers})"


TableDone = Callable[[Table], None]


def _load_sqlite(engine: Engine, frames: Mapping[Table, pl.DataFrame], done: TableDone) -> None:
    raw = engine.raw_connection()
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived row tuples: collection passes only cost time
    try:
        con = raw.driver_connection
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        for table, frame in frames.items():
            sql = _insert_sql(engine, table, "?")
            for chunk in _sqlite_ready(frame).iter_slices(CHUNK_ROWS):
                con.executemany(sql, _rows(chunk))
            con.commit()
            done(table)
    finally:
        raw.close()
        if collecting:
            gc.enable()


def _load_postgres(engine: Engine, frames: Mapping[Table, pl.DataFrame], done: TableDone) -> None:
    quote = engine.dialect.identifier_preparer.quote
    raw = engine.raw_connection()
    try:
        con = raw.driver_connection
        with con.cursor() as cursor:
            for table, frame in frames.items():
                names = ", ".join(quote(c.name) for c in table.columns)
                sql = f"COPY {quote(table.name)} ({names}) FROM STDIN (FORMAT csv)"
                with cursor.copy(sql) as copy:
                    for chunk in frame.iter_slices(CHUNK_ROWS):
                        text = chunk.write_csv(
                            include_header=False,
                            datetime_format=SQLITE_DATETIME + "%.f",
                            date_format=SQLITE_DATE,
                        )
                        copy.write(text.encode())
                con.commit()
                done(table)
    finally:
        raw.close()


def _load_generic(engine: Engine, frames: Mapping[Table, pl.DataFrame], done: TableDone) -> None:
    for table, frame in frames.items():
        with engine.begin() as conn:
            for chunk in frame.iter_slices(CHUNK_ROWS):
                conn.execute(insert(table), chunk.to_dicts())
        done(table)


def load_frames(
    engine: Engine,
    frames: Mapping[Table, pl.DataFrame],
    on_table: TableDone | None = None,
) -> None:
    """Append each frame to its (already created) table using the driver's bulk path."""
    done = on_table or (lambda _table: None)
    frames = {t: f.select([c.name for c in t.columns]) for t, f in frames.items()}
    backend = engine.dialect.name
    if backend == "sqlite":
        _load_sqlite(engine, frames, done)
    elif backend == "postgresql" and engine.dialect.driver == "psycopg":
        _load_postgres(engine, frames, done)
    else:
        _load_generic(engine, frames, done)
