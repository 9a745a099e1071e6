"""Frames computed once for every row, narrowed per view, count what the view's rows count.

``data_access.views.visible_aggregate`` must narrow an all-rows frame exactly as
``views.visible_rows`` narrows rows: the scope, the viewer's region choice (which only
narrows it), the area choice, and rows with no region only for all-region viewers.
Checked on the outreach fixture on both back ends, and on hand-made rows with no region
or no area.
"""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest
from sqlalchemy import Table

from data_access.filters import Filters
from data_access.reader import Reader
from data_access.regions import AREA
from data_access.schema import OUTREACH_CALLS, OUTREACH_COHORT, OUTREACH_NEEDS
from data_access.scope import REGION, Scope
from data_access.snapshot import Snapshot, SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import OUTREACH
from data_access.views import visible_aggregate, visible_rows
from figures.resident_grouping import CODE, RESIDENT, grouped_by_resident
from tests import fixture_outreach as fx
from tests.dbs import write_database

NORTH = Scope.only(["North"])
# North = areas A1 and A3, South = A2 (see tests/fixture_outreach.py).
CASES = {
    "everyone": (Filters(), Scope.everything()),
    "north manager": (Filters(), NORTH),
    "two-region manager": (Filters(), Scope.only(["North", "South"])),
    "region choice": (Filters(regions=("South",)), Scope.everything()),
    "region choice outside the scope": (Filters(regions=("South",)), NORTH),
    "area choice": (Filters(areas=("A1",)), Scope.everything()),
    "region and areas": (Filters(regions=("North",), areas=("A1", "A3")), Scope.everything()),
    "area outside the scope": (Filters(areas=("A2",)), NORTH),
    "area outside the chosen region": (
        Filters(regions=("North",), areas=("A2",)),
        Scope.everything(),
    ),
    "unknown region": (Filters(regions=("Nowhere",)), Scope.everything()),
}


@pytest.fixture
def snapshot(empty_db_url):
    write_database(empty_db_url, fx.ROWS)
    store = SnapshotStore(SnapshotLoader(Reader(empty_db_url), clock=lambda: fx.READ_AT))
    return store.get("outreach")


def _counted_by_area(snapshot: Snapshot, table: Table) -> pl.DataFrame:
    """Every valid row of ``table`` counted by region and area: an all-rows frame."""
    rows = snapshot.scoped(table, Scope.everything())
    return rows.group_by(REGION, AREA).agg(pl.len().alias("rows"))


def _by_area(frame: pl.DataFrame, counted: str | None = None) -> dict[str | None, int]:
    """Counts per area: summed from an aggregate, or counted from rows."""
    area = pl.col(AREA).cast(pl.String)
    total = pl.col(counted).sum() if counted else pl.len()
    return dict(frame.group_by(area).agg(total.alias("n")).iter_rows())


@pytest.mark.parametrize("table", [OUTREACH_CALLS, OUTREACH_COHORT, OUTREACH_NEEDS], ids=str)
@pytest.mark.parametrize("case", list(CASES))
def test_aggregate_counts_match_visible_rows(snapshot, table, case):
    filters, scope = CASES[case]
    view = visible_aggregate(
        snapshot, "rows-by-area", filters, scope, lambda: _counted_by_area(snapshot, table), table
    )
    rows = visible_rows(snapshot, table, filters, scope)
    assert _by_area(view, "rows") == _by_area(rows)


def test_the_all_rows_frame_is_computed_once_for_every_view(snapshot):
    runs = []

    def compute_all() -> pl.DataFrame:
        runs.append(1)
        return _counted_by_area(snapshot, OUTREACH_CALLS)

    views = {
        case: visible_aggregate(snapshot, "calls-by-area", *CASES[case], compute_all)
        for case in CASES
    }
    assert len(runs) == 1
    # A rerun of a view is the remembered frame itself.
    filters, scope = CASES["north manager"]
    again = visible_aggregate(snapshot, "calls-by-area", filters, scope, compute_all)
    assert again is views["north manager"]
    # Other details are other frames.
    visible_aggregate(snapshot, "calls-by-area", filters, scope, compute_all, "other detail")
    assert len(runs) == 2


# --- Rows with no region or no area ---------------------------------------------------

HAND_MADE = pl.DataFrame(
    {
        "call_id": ["c1", "c2", "c3", "c4", "c5"],
        REGION: ["North", "South", None, None, "North"],
        AREA: ["A1", "A2", "A9", None, "A3"],
    },
    schema_overrides={REGION: pl.Categorical, AREA: pl.Categorical},
)
HAND_CASES = [
    (Filters(), Scope.everything(), ["c1", "c2", "c3", "c4", "c5"]),
    (Filters(), NORTH, ["c1", "c5"]),
    (Filters(areas=("A9",)), Scope.everything(), ["c3"]),
    (Filters(areas=("A9",)), NORTH, []),
    (Filters(regions=("North",), areas=("A9", "A1")), Scope.everything(), ["c1"]),
    (Filters(regions=("South", "North")), Scope.only(["South"]), ["c2"]),
]


@pytest.mark.parametrize(("filters", "scope", "expected"), HAND_CASES)
def test_rows_without_a_region_reach_only_all_region_viewers(filters, scope, expected):
    snapshot = Snapshot(
        subject=OUTREACH,
        frames={OUTREACH_CALLS.name: HAND_MADE},
        issues=(),
        excluded={},
        read_at=datetime(2026, 11, 1),
        read_seconds=0.0,
    )
    view = visible_aggregate(snapshot, "hand-made", filters, scope, lambda: HAND_MADE)
    rows = visible_rows(snapshot, OUTREACH_CALLS, filters, scope)
    assert view.get_column("call_id").to_list() == expected
    assert rows.get_column("call_id").to_list() == expected


# --- Grouping residents by a hash of their id -----------------------------------------


def test_residents_sharing_a_hash_are_still_grouped():
    calls = pl.DataFrame({RESIDENT: ["R2", "R1", "R2", "R3", "R1"], "n": [1, 2, 3, 4, 5]})
    hashed = grouped_by_resident(calls)
    # Every id hashed alike: the check finds the clash and sorts the ids instead.
    clashing = grouped_by_resident(calls, pl.lit(0, dtype=pl.UInt64))
    for grouped in (hashed, clashing):
        runs = grouped.select(RESIDENT, "n", CODE).rows()
        by_resident = {r: [n for rr, n, _ in runs if rr == r] for r in ("R1", "R2", "R3")}
        assert by_resident == {"R1": [2, 5], "R2": [1, 3], "R3": [4]}  # order kept
        # Each resident's rows are together and numbered 1, 2, 3 in order of appearance.
        codes = [code for _, _, code in runs]
        assert codes == sorted(codes) and sorted(set(codes)) == [1, 2, 3]
        assert len({(r, c) for r, _, c in runs}) == 3
    assert clashing.get_column(RESIDENT).to_list() == ["R1", "R1", "R2", "R2", "R3"]
