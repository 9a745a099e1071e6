"""Children found through the reference's hash slots get exactly a text join's answer.

The slots are an index built once per reference snapshot; a child's key proposes a
parent row through them and the key's text confirms it. These tests force that path
(the hash merge is patched to fail) and compare with a plain join, including slots
holding several parents, orphans, null keys and forged 64-bit collisions.
"""

from __future__ import annotations

import polars as pl
import pytest

from data_access import parent_rows, regions
from data_access.frames import aligned_to
from data_access.parent_rows import KEY_HASH, SLOT_START, hash_slots
from data_access.regions import (
    PARENT_FOUND,
    find_parent_rows,
    mark_parent_found,
    parent_lookup,
)
from data_access.schema import INCIDENTS, OUTREACH_CALLS
from tests.hash_collisions import RESIDENTS, tag_calls, with_hash_of

CALLS, INCIDENT = OUTREACH_CALLS.name, INCIDENTS.name
PARENTS = pl.DataFrame(
    {
        "resident_id": [f"R{i}" for i in range(700)],
        "area_id": [f"A{i % 7}" for i in range(700)],
        "region": [f"G{i % 3}" for i in range(700)],
    }
)
#: Unsorted, with orphans (R700-R899) and a null id.
KEYS = [f"R{(i * 7919) % 900}" for i in range(3000)] + [None]


@pytest.fixture
def no_hash_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> None:
        raise AssertionError("a lookup with hash slots should not merge hashes")

    monkeypatch.setattr(parent_rows, "_matched", fail)


def _lookup_and_slots(parents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    lookup = parent_lookup(CALLS, parents, ordered=True)
    return lookup, hash_slots(lookup)


def test_slots_say_where_each_slot_starts_in_the_sorted_hashes() -> None:
    lookup, slots = _lookup_and_slots(PARENTS)
    starts = slots.get_column(SLOT_START)
    assert starts.is_sorted() and starts[0] == 0 and starts[-1] == PARENTS.height
    assert starts.len() - 1 >= 2 * PARENTS.height  # about two slots per parent
    bits = (starts.len() - 1).bit_length() - 1
    slot_of = (lookup.get_column(KEY_HASH) // 2 ** (64 - bits)).cast(pl.Int64)
    for row, slot in enumerate(slot_of.to_list()):
        assert starts[slot] <= row < starts[slot + 1]


def test_the_fixture_has_slots_holding_several_parents() -> None:
    starts = hash_slots(parent_lookup(CALLS, PARENTS, ordered=True)).get_column(SLOT_START)
    assert (starts.diff().drop_nulls() >= 2).any()  # so walking a slot is exercised


def test_children_tagged_through_slots_match_a_plain_text_join(no_hash_merge: None) -> None:
    child = pl.DataFrame({"call_id": [f"C{i}" for i in range(len(KEYS))], "resident_id": KEYS})
    tagged = tag_calls(child, *_lookup_and_slots(PARENTS))
    found = PARENTS.with_columns(pl.lit(True).alias(PARENT_FOUND))
    want = child.join(found, on="resident_id", how="left", maintain_order="left")
    got = tagged.with_columns(pl.col("region", "area_id").cast(pl.String))
    assert got.select(want.columns).equals(want)
    orphans = sum(k is None or int(k[1:]) >= 700 for k in KEYS)
    assert tagged.get_column(PARENT_FOUND).null_count() == orphans


def test_a_looked_up_child_through_slots_finds_exactly_its_parents(no_hash_merge: None) -> None:
    child = pl.DataFrame({"incident_id": [f"I{i}" for i in range(len(KEYS))], "resident_id": KEYS})
    lookup = parent_lookup(INCIDENT, PARENTS, ordered=True)
    rows = find_parent_rows(INCIDENT, child, lookup, hash_slots(lookup))
    marked = mark_parent_found(child, rows)
    want = [True if k is not None and int(k[1:]) < 700 else None for k in KEYS]
    assert marked.get_column(PARENT_FOUND).to_list() == want


def test_a_child_carrying_a_parents_hash_through_slots_is_still_an_orphan(
    no_hash_merge: None,
) -> None:
    # R3 (no calls here) carries the hash of R9, which has no resident row.
    lookup = with_hash_of(CALLS, "R9", given_to="R3", ordered=True)
    slots = hash_slots(lookup)
    assert slots.height  # R3 alone has that hash: slots are usable
    child = pl.DataFrame({"call_id": ["C1", "C2", "C3"], "resident_id": ["R9", "R2", "R1"]})
    tagged = tag_calls(child, lookup, slots)
    assert tagged.get_column(PARENT_FOUND).to_list() == [None, True, True]
    assert tagged.get_column("region").cast(pl.String).to_list() == [None, "South", "North"]


def test_parents_sharing_a_hash_get_no_slots_and_the_text_decides() -> None:
    lookup = with_hash_of(CALLS, "R1", given_to="R3", ordered=True)
    slots = hash_slots(lookup)
    assert slots.height == 0
    child = pl.DataFrame({"call_id": ["C1", "C2", "C3"], "resident_id": ["R3", "R1", "R9"]})
    tagged = tag_calls(child, lookup, slots)
    assert tagged.get_column(PARENT_FOUND).to_list() == [True, True, None]
    assert tagged.get_column("area_id").cast(pl.String).to_list() == ["A1", "A1", None]


def test_unsorted_or_empty_lookups_get_no_slots() -> None:
    assert hash_slots(parent_lookup(CALLS, RESIDENTS, ordered=False).reverse()).height == 0
    assert hash_slots(parent_lookup(CALLS, RESIDENTS.clear(), ordered=True)).height == 0


def test_new_columns_are_cut_into_the_frames_chunks() -> None:
    frame = pl.concat([pl.DataFrame({"a": [1, 2]}), pl.DataFrame({"a": [3, 4, 5]})], rechunk=False)
    column = pl.DataFrame({"b": ["x", "y", "z", "v", "w"]})
    aligned = aligned_to(column, frame)
    assert aligned.equals(column)
    assert [c.len() for c in aligned.to_series().get_chunks()] == [2, 3]
    assert aligned_to(column.head(4), frame).n_chunks() == 1  # other lengths left alone


def test_a_duplicated_lookup_key_still_adds_rows_as_a_join_does() -> None:
    frame = pl.DataFrame({"area_id": ["A1", "A2"], "n": [1, 2]})
    lookup = pl.DataFrame({"area_id": ["A1", "A1"], "region": ["North", "South"]})
    joined = regions._join(frame, INCIDENTS.c.area_id, lookup)
    assert joined.sort("region", nulls_last=True).rows() == [
        ("A1", 1, "North"),
        ("A1", 1, "South"),
        ("A2", 2, None),
    ]
