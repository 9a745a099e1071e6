"""Read a SQLAlchemy ``select`` into Polars by the fastest read-only path the database offers.

The query is built once with SQLAlchemy Core (so names come from the contract) and
compiled to the database's SQL; connectorx (PostgreSQL) or ADBC (SQLite) then stream
it as Arrow. If the fast path is missing or fails (an odd type in a SQLite column, a
driver that is not installed) the same query runs through the read-only SQLAlchemy
engine, so a page still gets identical data, only slower.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import polars as pl
import pyarrow as pa
from sqlalchemy import Select, Table, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from data_access.driver_arrow import from_driver_arrow
from data_access.engine import FastPath, describe, fast_path, make_read_only_engine
from data_access.errors import DataUnavailable
from data_access.frames import to_contract_types

log = logging.getLogger(__name__)
READ_LOG_ENV = "DOORSTEP_READ_LOG"


def _record_read(table: Table, method: str, rows: int) -> None:
    """Append one line per bulk read to ``$DOORSTEP_READ_LOG`` (ops and tests use it)."""
    path = os.environ.get(READ_LOG_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{time.time():.3f}\t{table.name}\t{method}\t{rows}\n")


METHODS = ("auto", "fast", "sqlalchemy")
#: Each statement's SQL per dialect (statements are the same objects all day: subjects.py).
_COMPILED: dict[tuple[str, Select], str] = {}
_COMPILED_KEPT = 64


def _read_connectorx(path: FastPath, sql: str) -> pa.Table:
    import connectorx

    # Arrow then Polars is faster than connectorx's own "polars" return (measured).
    return connectorx.read_sql(path.uri, sql, return_type="arrow")


def _read_adbc_sqlite(path: FastPath, sql: str) -> pa.Table:
    import adbc_driver_sqlite.dbapi

    with (
        adbc_driver_sqlite.dbapi.connect(path.uri) as connection,
        connection.cursor() as cursor,
    ):
        # Infer each column's type from all rows, not the first batch: a column that
        # is NULL for the first thousand rows is otherwise typed as an integer.
        cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": "1000000000"})
        cursor.execute(sql)
        return cursor.fetch_arrow_table()


def _read_adbc_postgresql(path: FastPath, sql: str) -> pa.Table:
    import adbc_driver_postgresql.dbapi

    # The same libpq URI as connectorx's, so the same read-only session options apply.
    with (
        adbc_driver_postgresql.dbapi.connect(path.uri) as connection,
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
        return cursor.fetch_arrow_table()


_FAST_READERS = {
    "connectorx": _read_connectorx,
    "adbc_sqlite": _read_adbc_sqlite,
    "adbc_postgresql": _read_adbc_postgresql,
}
#: Other drivers that can read through a fast path's URI (PostgreSQL: both take libpq's).
_ALTERNATIVES = {"connectorx": ("adbc_postgresql",)}


def tables_keeping_keys_unique(engine: Engine, tables: Sequence[Table]) -> frozenset[str]:
    """The tables whose primary key in the database is the contract's key.

    Such a table cannot hold a duplicated key, so nothing need look for one (a snapshot
    load sorts or hashes every key otherwise: 6 ms for 187,000 referrals, tens of ms of
    an outreach load; the pushdown benchmark, a GROUP BY on every click). Any doubt (no
    key, another key, a catalog that cannot be read) leaves a table out, to be checked.
    """
    try:
        inspector = inspect(engine)
        declared = {t.name: inspector.get_pk_constraint(t.name) for t in tables}
    except SQLAlchemyError:
        return frozenset()
    return frozenset(
        table.name
        for table in tables
        if table.primary_key.columns
        and set(declared[table.name].get("constrained_columns") or ())
        == {column.name for column in table.primary_key.columns}
    )


@dataclass
class Reader:
    """One database's read-only engine plus its fast path; shared per process."""

    url: str
    engine: Engine = field(init=False)
    fast: FastPath | None = field(init=False)

    def __post_init__(self) -> None:
        self.engine = make_read_only_engine(self.url)
        self.fast = fast_path(self.url)

    def ping(self) -> None:
        """Fail fast with a clear message if the database is unreachable.

        The columnar drivers retry a dead server for up to 30 s; one cheap round trip on
        the pooled engine first turns that into an immediate, named error.
        """
        try:
            # Checking a connection out is that round trip: a pooled one is pinged
            # (``pool_pre_ping``), a new one connects. A query of its own would add two
            # more on PostgreSQL (the query, and the rollback as it is handed back).
            with self.engine.connect():
                pass
        except SQLAlchemyError as error:
            where = describe(self.url)
            raise DataUnavailable(
                f"Doorstep cannot connect to the {where}. Is it running and reachable?"
            ) from error

    def sql(self, statement: Select) -> str:
        """The statement as this database's SQL with literal values (for columnar drivers).

        Kept per statement and dialect: compiling costs about 0.7 ms a statement, and a
        snapshot's statements change once a day (``TableRead.statement``).
        """
        dialect = self.engine.dialect
        key = (dialect.name, statement)
        sql = _COMPILED.get(key)
        if sql is None:
            compiled = statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
            if len(_COMPILED) >= _COMPILED_KEPT:
                _COMPILED.clear()
            sql = _COMPILED[key] = str(compiled)
        return sql

    def _read_sqlalchemy(self, statement: Select) -> pl.DataFrame:
        # Raw driver values (no SQLAlchemy type processing): a malformed timestamp in a
        # SQLite text column then becomes a counted bad value, not an exception.
        with self.engine.connect() as connection:
            result = connection.exec_driver_sql(self.sql(statement))
            names = list(result.keys())
            rows = result.fetchall()
        columns = list(zip(*rows, strict=True)) if rows else [[] for _ in names]
        return pl.DataFrame(
            {
                name: pl.Series(name, values, strict=False)
                for name, values in zip(names, columns, strict=True)
            }
        )

    def read_raw(
        self,
        statement: Select,
        method: str = "auto",
        prefer: str | None = None,
        table: Table | None = None,
        keys: Sequence[str] = (),
        keys_ready: Callable[[pl.DataFrame], None] | None = None,
    ) -> tuple[pl.DataFrame, str]:
        """The query's rows as the driver typed them, and which path read them.

        With ``table``, a fast path's clean text timestamps are parsed on the way into
        Polars (``driver_arrow.from_driver_arrow``, which also hands ``keys`` to
        ``keys_ready`` first); anything else stays as the driver typed it.
        ``prefer`` names another driver for this database's fast path (e.g. ADBC's COPY
        on PostgreSQL, faster than connectorx for narrow text-heavy tables); it is used
        only where it can read through the same read-only URI.
        """
        if method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}")
        if method in ("auto", "fast") and self.fast is not None:
            library = self.fast.library
            if prefer in _ALTERNATIVES.get(library, ()):
                library = prefer
            handed = False  # keys handed on belong to this read: no fallback after them

            def hand(rows: pl.DataFrame) -> None:
                nonlocal handed
                handed = True
                keys_ready(rows)  # type: ignore[misc]

            try:
                arrow = _FAST_READERS[library](self.fast, self.sql(statement))
                handing = None if keys_ready is None else hand
                return from_driver_arrow(arrow, table, keys, handing), library
            except Exception as error:  # any driver failure falls back
                if method == "fast" or handed:
                    raise
                log.warning("fast read failed (%s); using SQLAlchemy", error)
        return self._read_sqlalchemy(statement), "sqlalchemy"

    def read_untyped(
        self,
        statement: Select,
        table: Table,
        method: str = "auto",
        prefer: str | None = None,
        keys: Sequence[str] = (),
        keys_ready: Callable[[pl.DataFrame], None] | None = None,
    ) -> tuple[pl.DataFrame, str]:
        """The rows as the driver typed them and the path used; a clear error if unreadable.

        Snapshots look keys up in these while ``to_contract_types`` converts them; on
        a fast path, ``keys_ready`` has the ``keys`` columns before the rest convert.
        """
        try:
            raw, used = self.read_raw(statement, method, prefer, table, keys, keys_ready)
        except SQLAlchemyError as error:
            raise DataUnavailable(self.explain_failure(table, error)) from error
        _record_read(table, used, raw.height)
        return raw, used

    def read_with_method(
        self, statement: Select, table: Table, method: str = "auto", prefer: str | None = None
    ) -> tuple[pl.DataFrame, str]:
        """The rows in the contract's dtypes and the path used (safe across threads)."""
        raw, used = self.read_untyped(statement, table, method, prefer)
        return to_contract_types(raw, table), used

    def read(self, statement: Select, table: Table, method: str = "auto") -> pl.DataFrame:
        """The query's rows in the contract's Polars dtypes; a clear error if unreadable."""
        return self.read_with_method(statement, table, method)[0]

    def explain_failure(self, table: Table, error: Exception) -> str:
        """Name what is wrong: database down, table missing, or columns missing."""
        where = describe(self.url)
        try:
            inspector = inspect(self.engine)
            if not inspector.has_table(table.name):
                return f"The table '{table.name}' is missing from the {where}."
            present = {column["name"] for column in inspector.get_columns(table.name)}
        except SQLAlchemyError:
            return f"Doorstep cannot connect to the {where}. Is it running and reachable?"
        missing = [c.name for c in table.columns if c.name not in present]
        if missing:
            return f"The table '{table.name}' in the {where} lacks columns: {', '.join(missing)}."
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        return f"Reading '{table.name}' from the {where} failed: {first_line}"
