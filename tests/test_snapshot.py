"""Snapshots on SQLite and PostgreSQL: figures match the hand-computed fixture."""

from __future__ import annotations

import polars as pl
import pytest

from data_access.filters import Filters
from data_access.reader import Reader
from data_access.schema import REPAIRS
from data_access.scope import Scope
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import REFERENCE, REPAIRS_SUBJECT
from figures import repairs
from tests import fixture_repairs as fx
from tests.dbs import write_database

FILTERS = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END)


@pytest.fixture
def repairs_snapshot(empty_db_url):
    write_database(empty_db_url, fx.ROWS)
    store = SnapshotStore(SnapshotLoader(Reader(empty_db_url)))
    return store.get(REPAIRS_SUBJECT.key)


def _figures(snapshot, scope):
    period = FILTERS.period(snapshot.latest_day)
    return {
        "open": repairs.open_repairs(snapshot, FILTERS, period, scope),
        "overdue": repairs.overdue_repairs(snapshot, FILTERS, period, scope),
        "completed": repairs.repairs_completed(snapshot, FILTERS, period, scope),
    }


def test_director_figures_match_hand_computed(repairs_snapshot):
    assert _figures(repairs_snapshot, Scope.everything()) == fx.EXPECTED_ALL


def test_manager_sees_only_their_regions(repairs_snapshot):
    assert _figures(repairs_snapshot, Scope.only(["North"])) == fx.EXPECTED_NORTH


def test_region_filter_cannot_widen_a_managers_scope(repairs_snapshot):
    south = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END, regions=("South",))
    period = south.period(None)
    assert repairs.open_repairs(repairs_snapshot, south, period, Scope.only(["North"])) == 0


def test_bad_rows_are_excluded_and_counted(repairs_snapshot):
    kept = set(repairs_snapshot.frames[REPAIRS.name]["work_order_id"].to_list())
    assert kept.isdisjoint(fx.EXPECTED_EXCLUDED)
    assert repairs_snapshot.excluded_rows(REPAIRS) == len(fx.EXPECTED_EXCLUDED)
    examples = {e for issue in repairs_snapshot.issues for e in issue.examples}
    assert examples == fx.EXPECTED_EXCLUDED


def test_rows_carry_their_region(repairs_snapshot):
    regions = dict(
        repairs_snapshot.frames[REPAIRS.name]
        .select("work_order_id", pl.col("region").cast(pl.String))
        .iter_rows()
    )
    assert regions["W1"] == "North" and regions["W2"] == "South"


def test_snapshot_records_when_it_was_read(repairs_snapshot):
    assert repairs_snapshot.read_at is not None
    assert repairs_snapshot.latest_day.isoformat() == "2026-11-21"
    assert repairs_snapshot.estimated_bytes > 0


def test_fast_path_and_sqlalchemy_give_identical_frames(empty_db_url):
    write_database(empty_db_url, fx.ROWS)
    reader = Reader(empty_db_url)
    for read in (*REFERENCE.reads, *REPAIRS_SUBJECT.reads):
        statement = read.statement(cutoff=fx.PERIOD_START.replace(year=2020))
        fast = reader.read(statement, read.table, method="fast")
        slow = reader.read(statement, read.table, method="sqlalchemy")
        assert fast.schema == slow.schema, read.table.name
        assert fast.equals(slow), read.table.name


def test_sqlite_and_postgres_snapshots_are_identical(tmp_path):
    from tests.dbs import postgres_schema, sqlite_url

    lite = sqlite_url(tmp_path)
    write_database(lite, fx.ROWS)
    with postgres_schema() as pg:
        write_database(pg, fx.ROWS)
        from_pg = SnapshotStore(SnapshotLoader(Reader(pg))).get(REPAIRS_SUBJECT.key)
    from_lite = SnapshotStore(SnapshotLoader(Reader(lite))).get(REPAIRS_SUBJECT.key)
    for name, frame in from_lite.frames.items():
        assert frame.sort("work_order_id").equals(from_pg.frames[name].sort("work_order_id"))
