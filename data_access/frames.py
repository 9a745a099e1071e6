"""Turn whatever a driver returned into the contract's Polars types.

Drivers disagree (SQLite hands back text timestamps and 0/1 booleans, PostgreSQL may
hand back timezone-aware timestamps), so every read goes through ``to_contract_types``
and figures see one set of dtypes whichever database the snapshot came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import polars as pl
from sqlalchemy import Boolean, Column, Date, DateTime, Integer, Numeric, Table

from data_access.schema import LOW_CARDINALITY, allowed_values

LOCAL_TIME_ZONE = "Europe/London"
TIMESTAMP = pl.Datetime("us")
_TRUE_TEXT = ("1", "t", "true", "y", "yes")


#: How SQLite (and most text exports) write a timestamp; parsed 3x faster than by inference.
TEXT_TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"


def polars_dtype(column: Column) -> pl.DataType:
    """The contract type's plain Polars dtype (text stays text; see ``_text`` for enums)."""
    kind = column.type
    if isinstance(kind, DateTime):
        return TIMESTAMP
    if isinstance(kind, Date):
        return pl.Date()
    if isinstance(kind, Boolean):
        return pl.Boolean()
    if isinstance(kind, Integer):
        return pl.Int64()
    if isinstance(kind, Numeric):
        return pl.Float64()
    return pl.String()


def _timestamp(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    if dtype == pl.String:
        # Fast path; ``to_contract_types`` re-parses by inference if any value differs.
        # cache=False: timestamps are nearly all distinct, so the cache only costs (2x).
        return expr.str.to_datetime(
            TEXT_TIMESTAMP_FORMAT, time_unit="us", strict=False, cache=False
        )
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone is not None:
            expr = expr.dt.convert_time_zone(LOCAL_TIME_ZONE).dt.replace_time_zone(None)
        return expr.cast(TIMESTAMP)
    if dtype == pl.Date:
        return expr.cast(TIMESTAMP)
    return expr.cast(TIMESTAMP, strict=False)


def _date(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    if dtype == pl.String:
        return expr.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
    if isinstance(dtype, pl.Datetime):
        return _timestamp(expr, dtype).dt.date()
    return expr.cast(pl.Date, strict=False)


def _boolean(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    if dtype == pl.String:
        lowered = expr.str.strip_chars().str.to_lowercase()
        return pl.when(expr.is_null()).then(None).otherwise(lowered.is_in(_TRUE_TEXT))
    return expr.cast(pl.Boolean, strict=False)


def _text_enum_values(column: Column) -> list[str] | None:
    """The allowed codes of a text column with a closed set of values, else None."""
    allowed = allowed_values(column)
    if allowed is not None and all(isinstance(v, str) for v in allowed):
        return list(allowed)
    return None


def _text(expr: pl.Expr, column: Column) -> pl.Expr:
    as_text = expr.cast(pl.String)
    allowed = _text_enum_values(column)
    if allowed is not None:
        # One hash pass; an unknown code becomes null here and ``_keep_unknown_codes``
        # puts it back (as bad data to count), so clean data pays for nothing more.
        return as_text.cast(pl.Enum(allowed), strict=False)
    if column in LOW_CARDINALITY:
        return as_text.cast(pl.Categorical)
    return as_text


def contract_dtype_expr(column: Column, dtype: pl.DataType) -> pl.Expr:
    """The expression converting ``column``, arrived as ``dtype``, to the contract's dtype."""
    name = column.name
    expr = pl.col(name)
    if isinstance(column.type, DateTime):
        converted = _timestamp(expr, dtype)
    elif isinstance(column.type, Date):
        converted = _date(expr, dtype)
    elif isinstance(column.type, Boolean):
        converted = _boolean(expr, dtype)
    elif isinstance(column.type, Integer | Numeric):
        converted = expr.cast(polars_dtype(column), strict=False)
    else:
        converted = _text(expr, column)
    return converted.alias(name)


def _reparse_odd_timestamps(raw: pl.DataFrame, typed: pl.DataFrame, table: Table) -> pl.DataFrame:
    """Text timestamps in another layout (fractions, a "T") are parsed by inference."""
    odd = [
        column.name
        for column in table.columns
        if isinstance(column.type, DateTime)
        and column.name in raw.columns
        and raw.schema[column.name] == pl.String
        and typed.get_column(column.name).null_count() > raw.get_column(column.name).null_count()
    ]
    if not odd:
        return typed
    return typed.with_columns(_inferred_timestamp(raw.get_column(name)) for name in odd)


def _inferred_timestamp(text: pl.Series) -> pl.Series:
    """Text timestamps parsed by inference; a zone (``...Z``) is read as local time, as
    PostgreSQL's zoned values are, and never reaches the rules zoned (they would fail)."""
    parsed = text.str.to_datetime(time_unit="us", strict=False, cache=False)
    if isinstance(parsed.dtype, pl.Datetime) and parsed.dtype.time_zone is not None:
        parsed = parsed.dt.convert_time_zone(LOCAL_TIME_ZONE).dt.replace_time_zone(None)
    return parsed.cast(TIMESTAMP)


def aligned_to(columns: pl.DataFrame, frame: pl.DataFrame) -> pl.DataFrame:
    """``columns`` cut into ``frame``'s chunks, so adding them to it copies nothing.

    Columnar drivers hand a table over in batches; a new one-piece column beside them
    makes Polars copy every column of the frame into one piece (5 to 8 ms for 1.1M calls).
    """
    if not frame.width or columns.height != frame.height:
        return columns
    lengths = [chunk.len() for chunk in frame.to_series().get_chunks()]
    if len(lengths) < 2 or columns.n_chunks() > 1:
        return columns
    pieces, offset = [], 0
    for length in lengths:
        pieces.append(columns.slice(offset, length))
        offset += length
    return pl.concat(pieces, rechunk=False)


def _keep_unknown_codes(raw: pl.DataFrame, typed: pl.DataFrame, table: Table) -> pl.DataFrame:
    """Unknown codes that the enum cast turned into nulls, put back after the allowed ones.

    Only the few odd rows are cast again: their codes are scattered into the column's
    physical values (the allowed codes keep their positions), so bad data costs little.
    """
    fixed = []
    for column in table.columns:
        allowed = _text_enum_values(column)
        if allowed is None or column.name not in raw.columns:
            continue
        values, source = typed.get_column(column.name), raw.get_column(column.name)
        if values.null_count() == source.null_count():
            continue
        unknown = values.is_null() & source.is_not_null()
        odd = source.filter(unknown).cast(pl.String)
        full = pl.Enum(allowed + sorted(set(odd.unique()) - set(allowed)))
        physical = pl.Series(dtype=full).to_physical().dtype
        codes = values.to_physical().cast(physical)
        codes = codes.scatter(unknown.arg_true(), odd.cast(full).to_physical().cast(physical))
        fixed.append(codes.to_frame(column.name).select(pl.col(column.name).cat.to(full)))
    if not fixed:
        return typed
    return typed.with_columns(aligned_to(pl.concat(fixed, how="horizontal"), typed).get_columns())


@lru_cache(maxsize=64)
def _conversion(table: Table, layout: tuple[tuple[str, pl.DataType], ...]) -> tuple[pl.Expr, ...]:
    """Each table's conversion, built once per layout a driver hands over (a few a day):
    building the expressions took 0.7 ms of 30,000 incidents' load."""
    arrived = dict(layout)
    return tuple(
        contract_dtype_expr(c, arrived[c.name]) for c in table.columns if c.name in arrived
    )


def to_contract_types(
    frame: pl.DataFrame, table: Table, also: Sequence[pl.Expr] = ()
) -> pl.DataFrame:
    """Cast each contract column present in ``frame``; other columns pass through.

    ``also`` adds columns computed from the rows as read in the same pass (a row's
    region from its area's text: ``regions.region_expression``).
    """
    exprs = [*_conversion(table, tuple(frame.schema.items())), *also]
    if not exprs:
        return frame
    typed = _keep_unknown_codes(frame, frame.with_columns(exprs), table)
    return _reparse_odd_timestamps(frame, typed, table)
