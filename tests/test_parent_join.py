"""Tagging a child table through its parent's hashed keys stays exact, collisions included."""

from __future__ import annotations

import polars as pl

from data_access.regions import KEY_HASH, PARENT_FOUND, parent_lookup, tag_through_parent
from data_access.schema import OUTREACH_CALLS

CALLS = OUTREACH_CALLS.name
RESIDENTS = pl.DataFrame(
    {
        "resident_id": ["R1", "R2", "R3"],
        "area_id": ["A1", "A2", "A1"],
        "region": ["North", "South", "North"],
    }
)
CHILD = pl.DataFrame({"call_id": ["C1", "C2", "C3", "C4"], "resident_id": ["R2", "R9", "R1", "R2"]})
#: By hand: R9 has no resident row (orphan); the others take their resident's region and area.
EXPECTED = {
    "region": ["South", None, "North", "South"],
    "area_id": ["A2", None, "A1", "A2"],
    PARENT_FOUND: [True, None, True, True],
}


def _tagged(lookup: pl.DataFrame) -> dict[str, list]:
    tagged = tag_through_parent(CALLS, CHILD, lookup)
    assert tagged.get_column("call_id").to_list() == CHILD.get_column("call_id").to_list()
    return {
        c: tagged.get_column(c).cast(pl.String if c != PARENT_FOUND else pl.Boolean).to_list()
        for c in EXPECTED
    }


def test_children_take_their_parents_region_and_area_and_orphans_are_marked() -> None:
    assert _tagged(parent_lookup(CALLS, RESIDENTS)) == EXPECTED


def _with_hash_of(key: str, given_to: str) -> pl.DataFrame:
    """The residents' lookup with ``given_to`` carrying ``key``'s hash: a 64-bit collision."""
    forged = pl.lit(pl.Series([key]).hash().item(), pl.UInt64)
    return parent_lookup(CALLS, RESIDENTS).with_columns(
        pl.when(pl.col("resident_id") == given_to)
        .then(forged)
        .otherwise(pl.col(KEY_HASH))
        .alias(KEY_HASH)
    )


def test_parents_sharing_a_hash_fall_back_to_joining_the_text() -> None:
    assert _tagged(_with_hash_of("R1", given_to="R3")) == EXPECTED


def test_a_child_whose_hash_matches_another_parent_is_still_an_orphan() -> None:
    # R3 has no calls; it carries the orphan R9's hash.
    assert _tagged(_with_hash_of("R9", given_to="R3")) == EXPECTED
