"""Tagging a child table through its parent's hashed keys stays exact, collisions included."""

from __future__ import annotations

import polars as pl

from data_access import parent_rows
from data_access.parent_rows import KEY_HASH
from data_access.regions import (
    PARENT_FOUND,
    parent_lookup,
)
from data_access.schema import OUTREACH_CALLS
from figures.resident_grouping import values_at
from tests.hash_collisions import ORDERED, RESIDENTS, tag_calls, with_hash_of

CALLS = OUTREACH_CALLS.name
CHILD = pl.DataFrame({"call_id": ["C1", "C2", "C3", "C4"], "resident_id": ["R2", "R9", "R1", "R2"]})
#: By hand: R9 has no resident row (orphan); the others take their resident's region and area.
EXPECTED = {
    "region": ["South", None, "North", "South"],
    "area_id": ["A2", None, "A1", "A2"],
    PARENT_FOUND: [True, None, True, True],
}


def _tagged(lookup: pl.DataFrame) -> dict[str, list]:
    tagged = tag_calls(CHILD, lookup)
    assert tagged.get_column("call_id").to_list() == CHILD.get_column("call_id").to_list()
    return {
        c: tagged.get_column(c).cast(pl.String if c != PARENT_FOUND else pl.Boolean).to_list()
        for c in EXPECTED
    }


@ORDERED
def test_children_take_their_parents_region_and_area_and_orphans_are_marked(ordered) -> None:
    assert _tagged(parent_lookup(CALLS, RESIDENTS, ordered=ordered)) == EXPECTED


def test_an_ordered_lookup_is_flagged_sorted_so_children_merge_with_it() -> None:
    assert parent_lookup(CALLS, RESIDENTS, ordered=True).get_column(KEY_HASH).flags["SORTED_ASC"]


@ORDERED
def test_parents_sharing_a_hash_fall_back_to_joining_the_text(ordered) -> None:
    assert _tagged(with_hash_of(CALLS, "R1", given_to="R3", ordered=ordered)) == EXPECTED


@ORDERED
def test_a_child_whose_hash_matches_another_parent_is_still_an_orphan(ordered) -> None:
    # R3 has no calls; it carries the orphan R9's hash.
    assert _tagged(with_hash_of(CALLS, "R9", given_to="R3", ordered=ordered)) == EXPECTED


@ORDERED
def test_many_children_in_any_order_match_a_plain_text_join(ordered) -> None:
    parents = pl.DataFrame(
        {
            "resident_id": [f"R{i}" for i in range(500)],
            "area_id": [f"A{i % 7}" for i in range(500)],
            "region": [f"G{i % 3}" for i in range(500)],
        }
    )
    keys = [f"R{(i * 7919) % 650}" for i in range(2000)]  # R500-R649: orphans
    child = pl.DataFrame({"call_id": [f"C{i}" for i in range(2000)], "resident_id": keys})
    tagged = tag_calls(child, parent_lookup(CALLS, parents, ordered=ordered))
    found = parents.with_columns(pl.lit(True).alias(PARENT_FOUND))
    want = child.join(found, on="resident_id", how="left", maintain_order="left")
    got = tagged.with_columns(pl.col("region", "area_id").cast(pl.String))
    assert got.select(want.columns).equals(want)
    assert tagged.get_column(PARENT_FOUND).null_count() == sum(int(k[1:]) >= 500 for k in keys)


def test_children_and_parents_both_in_key_order_merge_on_the_text(monkeypatch) -> None:
    # Ids usually arrive in order (needs in call order): one merge, no hashing at all.
    def no_hashing(*_args: object) -> None:
        raise AssertionError("sorted keys should not be hashed")

    monkeypatch.setattr(parent_rows, "_matched", no_hashing)
    parents = pl.DataFrame(
        {
            "resident_id": [f"R{i:03d}" for i in range(0, 500, 2)],  # even ids only
            "area_id": [f"A{i % 7}" for i in range(0, 500, 2)],
            "region": [f"G{i % 3}" for i in range(0, 500, 2)],
        }
    )
    keys = ["Q999", *sorted(f"R{i % 520:03d}" for i in range(1500)), "S000"]  # odd: orphans
    child = pl.DataFrame({"call_id": [f"C{i}" for i in range(len(keys))], "resident_id": keys})
    tagged = tag_calls(child, parent_lookup(CALLS, parents))
    found = parents.with_columns(pl.lit(True).alias(PARENT_FOUND))
    want = child.join(found, on="resident_id", how="left", maintain_order="left")
    got = tagged.with_columns(pl.col("region", "area_id").cast(pl.String))
    assert got.select(want.columns).equals(want)
    orphans = [k for k in keys if not k.startswith("R") or int(k[1:]) % 2 or int(k[1:]) >= 500]
    assert tagged.get_column(PARENT_FOUND).null_count() == len(orphans)


def test_values_at_finds_each_wanted_row_number_and_null_where_there_is_none():
    numbers = pl.Series([3, 0, 5], dtype=pl.UInt32)
    values = pl.Series(["c3", "c0", "c5"])
    wanted = pl.Series([5, 1, 0, None, 3, 9], dtype=pl.UInt32)
    found = values_at(numbers, values, wanted)
    assert found.to_list() == ["c5", None, "c0", None, "c3", None]
