"""A columnar driver's Arrow table into Polars: text timestamps parsed, keys handed on first.

SQLite hands timestamps over as text; Arrow parses the clean ones (the rest stay text
for ``frames.to_contract_types``, whose rules count the odd values). A snapshot load
looks each row's parent up by its key while the other columns are still converting,
so the key columns are converted first and handed over before the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import DateTime, Table

_TEXT_TIMESTAMP_LENGTH = 19  # "%Y-%m-%d %H:%M:%S", the one ISO form Arrow takes here
#: Arrow parses without the GIL, so timestamps parse here while the caller converts the
#: other columns; the caller then parses those not yet begun (one thread for every load).
_PARSER = ThreadPoolExecutor(1, thread_name_prefix="parse-timestamps")


def _arrow_timestamps(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """The text column as timestamps when every value is a whole-second ISO timestamp,
    else the text as it came.

    Arrow's ISO-8601 cast is 2.4x faster than Polars' strptime, and the text is then
    never copied into Polars. One odd value fails the cast (it is strict) and leaves the
    column as text, for ``to_contract_types`` to parse and its rules to count the odd
    ones, exactly as before: the length check sends a date alone, or a fraction, that
    way too, so Arrow only ever decides values both parsers read alike.
    """
    lengths = pc.min_max(pc.binary_length(column))
    if {lengths["min"].as_py(), lengths["max"].as_py()} != {_TEXT_TIMESTAMP_LENGTH}:
        return column  # also when every value is null
    try:
        return pc.cast(column, pa.timestamp("us"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return column


def _text_timestamps(arrow: pa.Table, table: Table) -> list[str]:
    """``table``'s timestamp columns that arrived as text (SQLite's way)."""
    found = []
    for column in table.columns:
        index = arrow.schema.get_field_index(column.name)
        if index < 0 or not isinstance(column.type, DateTime):
            continue
        kind = arrow.schema.field(index).type
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            found.append(column.name)
    return found


def _without_extensions(arrow: pa.Table) -> pa.Table:
    """Driver-specific extension columns as their plain storage (ADBC hands PostgreSQL's
    ``numeric`` over as opaque text, which Polars cannot cast; the text converts)."""
    for index, kind in enumerate(arrow.schema.types):
        if isinstance(kind, pa.BaseExtensionType):
            column = arrow.column(index)
            plain = pa.chunked_array([chunk.storage for chunk in column.chunks], kind.storage_type)
            arrow = arrow.set_column(index, arrow.field(index).name, plain)
    return arrow


def _to_polars(arrow: pa.Table, names: Sequence[str]) -> list[pl.Series]:
    return pl.from_arrow(arrow.select(list(names))).get_columns() if names else []  # type: ignore[union-attr]


def from_driver_arrow(
    arrow: pa.Table,
    table: Table | None = None,
    keys: Sequence[str] = (),
    keys_ready: Callable[[pl.DataFrame], None] | None = None,
) -> pl.DataFrame:
    """The driver's rows in Polars, with ``table``'s clean text timestamps parsed.

    With ``keys_ready``, the ``keys`` columns are converted first and handed to it
    (a frame of those columns alone) before the rest, so a parent lookup can start.
    """
    arrow = _without_extensions(arrow)
    texts = [] if table is None else _text_timestamps(arrow, table)
    parsing: dict[str, Future[pa.ChunkedArray]] = {
        name: _PARSER.submit(_arrow_timestamps, arrow.column(name)) for name in texts
    }
    first = [n for n in keys if n in arrow.column_names and n not in parsing]
    columns = dict(zip(first, _to_polars(arrow, first), strict=True))
    if keys_ready is not None and columns:
        keys_ready(pl.DataFrame(list(columns.values())))
    rest = [n for n in arrow.column_names if n not in columns and n not in parsing]
    columns.update(zip(rest, _to_polars(arrow, rest), strict=True))
    for name in reversed(parsing):  # the parsing thread takes them first to last
        job = parsing[name]
        parsed = _arrow_timestamps(arrow.column(name)) if job.cancel() else job.result()
        columns[name] = pl.from_arrow(parsed).alias(name)  # type: ignore[union-attr]
    return pl.DataFrame([columns[name] for name in arrow.column_names])
