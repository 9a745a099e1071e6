"""Three residents and a forged 64-bit hash collision, for the keyed-parent join tests."""

from __future__ import annotations

import polars as pl
import pytest

from data_access.parent_rows import KEY_HASH
from data_access.regions import find_parent_rows, parent_lookup, tag_through_parent
from data_access.schema import OUTREACH_CALLS

RESIDENTS = pl.DataFrame(
    {
        "resident_id": ["R1", "R2", "R3"],
        "area_id": ["A1", "A2", "A1"],
        "region": ["North", "South", "North"],
    }
)
#: Each test runs against a plain lookup and one sorted by hash (as the reference keeps it).
ORDERED = pytest.mark.parametrize("ordered", [False, True], ids=["hashed", "sorted"])


def with_hash_of(child: str, key: str, given_to: str, ordered: bool) -> pl.DataFrame:
    """``child``'s residents lookup with ``given_to`` carrying ``key``'s hash: a collision.

    ``ordered``: sorted by hash as the reference's lookups are (children merge with it).
    """
    forged = pl.lit(pl.Series([key]).hash().item(), pl.UInt64)
    lookup = parent_lookup(child, RESIDENTS).with_columns(
        pl.when(pl.col("resident_id") == given_to)
        .then(forged)
        .otherwise(pl.col(KEY_HASH))
        .alias(KEY_HASH)
    )
    return lookup.sort(KEY_HASH) if ordered else lookup


def tag_calls(
    child: pl.DataFrame, lookup: pl.DataFrame, slots: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Tag calls as a snapshot does: find each one's resident row, then carry its region."""
    rows = find_parent_rows(OUTREACH_CALLS.name, child, lookup, slots)
    return tag_through_parent(child, lookup, rows)
