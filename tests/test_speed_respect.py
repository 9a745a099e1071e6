"""Incidents' resident_id is checked through the residents' keyed lookup, not an is_in.

The lookup must give exactly the old rule's answer: a resident_id with no resident row
is an orphan (excluded and counted), a NULL resident_id is kept, and a forged 64-bit
hash collision never finds a wrong parent.
"""

from __future__ import annotations

import polars as pl
import pytest

from data_access import parent_rows
from data_access.quality import split_valid_rows
from data_access.reader import Reader
from data_access.regions import (
    PARENT_FOUND,
    find_parent_rows,
    mark_parent_found,
    parent_lookup,
)
from data_access.schema import INCIDENTS, RESIDENTS
from data_access.snapshot import Snapshot, SnapshotLoader
from data_access.subjects import REFERENCE, RESPECT, cutoff_for
from tests import fixture_respect as fx
from tests.dbs import write_database
from tests.hash_collisions import ORDERED, with_hash_of
from tests.hash_collisions import RESIDENTS as RESIDENT_ROWS

NAME = INCIDENTS.name
PARENTS = RESIDENT_ROWS
CHILD = pl.DataFrame(
    {"incident_id": ["I1", "I2", "I3", "I4", "I5"], "resident_id": ["R2", "R9", None, "R1", "R2"]}
)
#: By hand: R9 has no resident row; I3 has no resident at all (null, not an orphan).
FOUND = [True, None, None, True, True]
ORPHAN_RULE = "refers to a missing residents.resident_id"


def _mark(child: pl.DataFrame, lookup: pl.DataFrame) -> pl.DataFrame:
    """Look residents up as a snapshot does: find the parent rows, then mark them."""
    return mark_parent_found(child, find_parent_rows(NAME, child, lookup))


def _found(lookup: pl.DataFrame) -> list[bool | None]:
    marked = _mark(CHILD, lookup)
    assert marked.drop(PARENT_FOUND).equals(CHILD)  # rows, order and columns unchanged
    return marked.get_column(PARENT_FOUND).to_list()


@ORDERED
def test_existing_residents_are_found_and_missing_or_null_ones_are_not(ordered) -> None:
    assert _found(parent_lookup(NAME, PARENTS, ordered=ordered)) == FOUND


@ORDERED
def test_parents_sharing_a_hash_fall_back_to_the_text(ordered) -> None:
    assert _found(with_hash_of(NAME, "R1", given_to="R3", ordered=ordered)) == FOUND


@ORDERED
def test_an_orphan_whose_hash_matches_another_resident_is_still_an_orphan(ordered) -> None:
    assert _found(with_hash_of(NAME, "R9", given_to="R3", ordered=ordered)) == FOUND


@ORDERED
def test_an_empty_lookup_finds_nothing(ordered) -> None:
    empty = parent_lookup(NAME, PARENTS.clear(), ordered=ordered)
    assert _found(empty) == [None] * CHILD.height


def test_residents_in_key_order_are_found_without_hashing(monkeypatch) -> None:
    def no_hashing(*_args: object) -> None:
        raise AssertionError("sorted keys should not be hashed")

    monkeypatch.setattr(parent_rows, "_matched", no_hashing)
    child = pl.DataFrame(
        {"incident_id": ["I1", "I2", "I3", "I4"], "resident_id": ["R0", "R1", "R2", "R9"]}
    )
    marked = _mark(child, parent_lookup(NAME, PARENTS))
    assert marked.get_column(PARENT_FOUND).to_list() == [None, True, True, None]


# --- Whole snapshots, on SQLite and PostgreSQL --------------------------------------------

ORPHAN = dict(fx.INCIDENT_ROWS[0], incident_id="O01", resident_id="R9")
NO_RESIDENT = dict(fx.INCIDENT_ROWS[0], incident_id="O02", resident_id=None)
KNOWN = dict(fx.INCIDENT_ROWS[0], incident_id="O03", resident_id="R2")


@pytest.fixture
def loaded(empty_db_url) -> tuple[Reader, Snapshot, Snapshot]:
    rows = {**fx.ROWS, INCIDENTS: [*fx.INCIDENT_ROWS, ORPHAN, NO_RESIDENT, KNOWN]}
    write_database(empty_db_url, rows)
    reader = Reader(empty_db_url)
    loader = SnapshotLoader(reader, clock=lambda: fx.READ_AT)
    reference = loader.load(REFERENCE, None)
    return reader, reference, loader.load(RESPECT, reference)


def test_an_unknown_resident_is_an_orphan_and_a_null_one_is_kept(loaded) -> None:
    _, _, snap = loaded
    kept = set(snap.frames[NAME].get_column("incident_id").to_list())
    assert "O01" not in kept and {"O02", "O03"} <= kept
    assert snap.excluded_rows(INCIDENTS) == fx.BAD_INCIDENTS + 1
    orphans = [i for i in snap.issues if i.rule == ORPHAN_RULE]
    assert [(i.column, i.count, i.examples) for i in orphans] == [("resident_id", 1, ("O01",))]
    assert PARENT_FOUND not in snap.frames[NAME].columns


def test_the_lookup_gives_the_same_rows_and_issues_as_the_plain_rule(loaded) -> None:
    reader, reference, snap = loaded
    statement = RESPECT.reads[0].statement(cutoff_for(fx.READ_AT))
    frame = reader.read(statement, INCIDENTS)
    references = dict(reference.frames)
    assert RESIDENTS.name in references
    kept, issues = split_valid_rows(INCIDENTS, frame, references, fx.READ_AT.date())
    assert snap.issues == tuple(issues)
    ids = snap.frames[NAME].get_column("incident_id").to_list()
    assert ids == kept.get_column("incident_id").to_list()
