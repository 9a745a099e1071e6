"""A view cut from an all-area aggregate sums to what the viewer's own rows sum to.

``visible_aggregate`` must narrow an aggregate exactly as ``visible_rows`` narrows rows
(scope, the viewer's own region choice, chosen areas, rows with no region), or a figure
built once for every area would show a viewer more, or less, than their rows. Checked
on a hand-built snapshot with a row whose area has no region, and on the repairs fixture
read from SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest

from data_access.filters import Filters
from data_access.reader import Reader
from data_access.regions import AREA
from data_access.schema import REPAIRS
from data_access.scope import REGION, Scope
from data_access.snapshot import Snapshot, SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import REPAIRS_SUBJECT
from data_access.views import every_area, visible_aggregate, visible_rows
from tests import fixture_repairs_kpis as fx
from tests.dbs import write_database

#: (filters, scope) pairs covering every way a view narrows: none, scope, own region
#: choice inside and outside the scope, chosen areas, and both together.
VIEWS = {
    "everything": (Filters(), Scope.everything()),
    "north manager": (Filters(), Scope.only(["North"])),
    "two regions": (Filters(), Scope.only(["North", "South"])),
    "chose south": (Filters(regions=("South",)), Scope.everything()),
    "north manager chose south": (Filters(regions=("South",)), Scope.only(["North"])),
    "chose areas": (Filters(areas=("A1", "A2")), Scope.everything()),
    "north manager chose areas": (Filters(areas=("A1", "A2")), Scope.only(["North"])),
    "region and area": (Filters(regions=("North",), areas=("A3",)), Scope.everything()),
    "unknown area": (Filters(areas=("nowhere",)), Scope.everything()),
}


def _per_area(rows: pl.DataFrame) -> pl.DataFrame:
    """What a figure remembers for every area: a row count and a sum per area."""
    return rows.group_by(AREA, REGION).agg(pl.len().alias("rows"), pl.col("cost").sum())


def _sums(frame: pl.DataFrame, rows_column: str | None) -> tuple[int, float]:
    rows = frame.height if rows_column is None else int(frame.get_column(rows_column).sum())
    return rows, round(float(frame.get_column("cost").sum()), 6)


def _hand_built() -> Snapshot:
    """Five repairs in three areas, one of which (Z9) has no region."""
    frame = pl.DataFrame(
        {
            "work_order_id": ["W1", "W2", "W3", "W4", "W5"],
            AREA: ["A1", "A1", "A2", "A3", "Z9"],
            REGION: ["North", "North", "South", "North", None],
            "cost": [10.0, 20.0, 40.0, 80.0, 160.0],
        },
        schema_overrides={AREA: pl.Categorical, REGION: pl.Categorical},
    )
    return Snapshot(
        subject=REPAIRS_SUBJECT,
        frames={REPAIRS.name: frame},
        issues=(),
        excluded={},
        read_at=datetime(2026, 12, 10),
        read_seconds=0.0,
    )


@pytest.fixture
def fixture_snapshot(empty_db_url) -> Snapshot:
    write_database(empty_db_url, fx.ROWS)
    loader = SnapshotLoader(Reader(empty_db_url), clock=lambda: fx.READ_AT)
    return SnapshotStore(loader).get(REPAIRS_SUBJECT.key)


def _assert_views_agree(snapshot: Snapshot) -> None:
    every_row = snapshot.scoped(REPAIRS, Scope.everything())
    for name, (filters, scope) in VIEWS.items():
        rows = visible_rows(snapshot, REPAIRS, filters, scope)
        aggregate = visible_aggregate(
            snapshot, "test-per-area", filters, scope, lambda: _per_area(every_row)
        )
        assert _sums(aggregate, "rows") == _sums(rows, None), name
        assert set(aggregate.get_column(AREA).to_list()) == set(rows.get_column(AREA)), name


def test_hand_built_views_agree_with_their_rows() -> None:
    _assert_views_agree(_hand_built())


def test_a_row_with_no_region_reaches_only_all_region_viewers() -> None:
    snapshot = _hand_built()
    every_row = snapshot.scoped(REPAIRS, Scope.everything())

    def areas(filters: Filters, scope: Scope) -> set[str]:
        frame = visible_aggregate(
            snapshot, "test-per-area", filters, scope, lambda: _per_area(every_row)
        )
        return set(frame.get_column(AREA).to_list())

    assert areas(Filters(), Scope.everything()) == {"A1", "A2", "A3", "Z9"}
    assert areas(Filters(), Scope.only(["North", "South"])) == {"A1", "A2", "A3"}
    assert areas(Filters(regions=("North",)), Scope.everything()) == {"A1", "A3"}


def test_fixture_views_agree_with_their_rows(fixture_snapshot: Snapshot) -> None:
    _assert_views_agree(fixture_snapshot)


def test_the_all_area_frame_is_computed_once_for_every_view() -> None:
    snapshot = _hand_built()
    every_row = snapshot.scoped(REPAIRS, Scope.everything())
    calls: list[int] = []

    def compute() -> pl.DataFrame:
        calls.append(1)
        return _per_area(every_row)

    for filters, scope in VIEWS.values():
        visible_aggregate(snapshot, "test-per-area", filters, scope, compute)
    assert len(calls) == 1
    visible_aggregate(snapshot, "test-per-area", Filters(), Scope.everything(), compute, "other")
    assert len(calls) == 2  # another detail (a period, say) is another frame


def test_summarise_turns_the_slice_into_the_figure_per_view() -> None:
    snapshot = _hand_built()
    every_row = snapshot.scoped(REPAIRS, Scope.everything())
    summed: list[int] = []

    def total(frame: pl.DataFrame) -> pl.DataFrame:
        summed.append(1)
        return frame.select(pl.col("rows", "cost").sum())

    def figure(filters: Filters, scope: Scope) -> tuple:
        return visible_aggregate(
            snapshot,
            "test-total",
            filters,
            scope,
            lambda: _per_area(every_row),
            summarise=total,
        ).row(0)

    assert figure(Filters(), Scope.only(["North"])) == (3, 110.0)
    assert figure(Filters(), Scope.only(["North"])) == (3, 110.0)
    assert figure(Filters(areas=("A2",)), Scope.everything()) == (1, 40.0)
    assert len(summed) == 2  # remembered per view: the rerun did not sum again


def test_an_all_area_frame_must_keep_region_and_area() -> None:
    snapshot = _hand_built()
    without_region = snapshot.scoped(REPAIRS, Scope.everything()).drop(REGION)
    with pytest.raises(ValueError, match="region"):
        every_area(snapshot, "test-no-region", lambda: without_region)
    with pytest.raises(ValueError, match="area_id"):
        visible_aggregate(
            snapshot,
            "test-no-area",
            Filters(),
            Scope.only(["North"]),
            lambda: without_region.drop(AREA).with_columns(pl.lit("North").alias(REGION)),
        )
