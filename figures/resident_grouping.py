"""Residents' rows put together and matched, without sorting or joining their text ids.

Ids are text; hashing them once and working on the 64-bit numbers costs a fraction of
sorting or joining the text, and comparing the texts of the rows brought together keeps
every result exact should two ids ever share a hash.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from data_access.schema import OUTREACH_CALLS

RESIDENT = OUTREACH_CALLS.c.resident_id.name
#: Each resident's number (1, 2...) within one grouped frame.
CODE = "resident_code"


def hash_join(left: pl.DataFrame, right: pl.DataFrame, on: str) -> pl.DataFrame:
    """Inner join on a text column through its 64-bit hash, exact: differing texts dropped.

    Joining integers costs a fraction of joining text; two texts sharing a hash are not
    a match, so comparing the texts of the joined rows keeps the join exact.
    """
    theirs = right.rename({on: "_theirs"}).with_columns(pl.col("_theirs").hash().alias("_key"))
    joined = left.with_columns(pl.col(on).hash().alias("_key")).join(theirs, on="_key")
    return joined.filter(pl.col(on) == pl.col("_theirs")).drop("_key", "_theirs")


def values_at(numbers: pl.Series, values: pl.Series, wanted: pl.Series) -> pl.Series:
    """``values`` at the row whose ``numbers`` equals each of ``wanted`` (null where none).

    ``numbers`` are distinct row numbers (small, non-negative: ``regions.PARENT_ROW`` and
    ``ROW_AS_READ``), so an array indexed by them answers every lookup with one scatter
    and one gather, where a join would hash both sides.
    """
    size = max(numbers.max() or 0, wanted.max() or 0) + 1  # type: ignore[operator]
    by_number = pl.repeat(None, size, dtype=values.dtype, eager=True)
    return by_number.scatter(numbers, values).gather(wanted)


def grouped_by_resident(rows: pl.DataFrame, key: pl.Expr | None = None) -> pl.DataFrame:
    """The rows with each resident's together (keeping their order), numbered 1, 2... (CODE).

    Each row is given one number: the top bits of ``key`` (a hash of the id) above its
    position. The numbers are distinct, so a plain sort of them groups the residents,
    keeps each one's rows in order and gives the new order back (the low bits): a fifth
    of a stable sort's cost. Should two ids share the top bits, their rows would
    interleave; that is checked, and the ids themselves sorted instead.
    """
    key = pl.col(RESIDENT).hash() if key is None else key
    position_bits = max(1, rows.height.bit_length())
    hashes = rows.with_columns(key.cast(pl.UInt64).alias("_key")).get_column("_key").to_numpy()
    numbers = (hashes >> np.uint64(position_bits) << np.uint64(position_bits)) | np.arange(
        rows.height, dtype=np.uint64
    )
    ordered = np.sort(numbers)
    grouped = rows.gather(pl.Series(ordered & np.uint64((1 << position_bits) - 1)))
    by_key = np.empty(rows.height, dtype=bool)  # a new top-bits run starts here
    by_key[:1] = True
    np.not_equal(
        ordered[1:] >> np.uint64(position_bits),
        ordered[:-1] >> np.uint64(position_bits),
        out=by_key[1:],
    )
    by_id = grouped.select(
        (pl.col(RESIDENT) != pl.col(RESIDENT).shift(1)).fill_null(True)
    ).to_series()
    if not np.array_equal(by_id.to_numpy(), by_key):  # two ids share the top bits
        new = (pl.col(RESIDENT) != pl.col(RESIDENT).shift(1)).fill_null(True)
        return rows.sort(RESIDENT, maintain_order=True).with_columns(new.cum_sum().alias(CODE))
    return grouped.with_columns(pl.Series(CODE, np.cumsum(by_key, dtype=np.uint32)))
