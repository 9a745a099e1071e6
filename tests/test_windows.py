"""The snapshot's time window: the cutoff day is included in full, on both back ends."""

from __future__ import annotations

from datetime import datetime, timedelta

from data_access.reader import Reader
from data_access.schema import DAMP_MOULD_CASES, REPAIRS
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import REPAIRS_SUBJECT, cutoff_for
from tests import fixture_repairs as fx
from tests.dbs import write_database

NOW = datetime.now()
CUTOFF = cutoff_for(NOW)


def _closed_repair(work_order_id: str, reported: datetime) -> dict:
    return fx.repair_row(
        work_order_id,
        "A1",
        "NOR",
        reported,
        completed_at=reported + timedelta(hours=2),
        target_at=reported + timedelta(days=20),
        status="completed",
    )


def test_cutoff_midnight_is_inside_and_the_second_before_is_outside(empty_db_url):
    rows = dict(fx.ROWS)
    rows[REPAIRS] = [
        _closed_repair("AT-MIDNIGHT", CUTOFF),
        _closed_repair("BEFORE", CUTOFF - timedelta(days=1, seconds=1)),
    ]
    write_database(empty_db_url, rows)
    snapshot = SnapshotStore(SnapshotLoader(Reader(empty_db_url))).get(REPAIRS_SUBJECT.key)
    ids = snapshot.frames[REPAIRS.name]["work_order_id"].to_list()
    assert "AT-MIDNIGHT" in ids and "BEFORE" not in ids


def test_a_case_whose_repair_is_outside_the_window_is_not_called_orphaned(empty_db_url):
    old = CUTOFF - timedelta(days=30)
    rows = dict(fx.ROWS)
    rows[REPAIRS] = [_closed_repair("OLD", old)]
    rows[DAMP_MOULD_CASES] = [
        {
            "case_id": "DM1",
            "work_order_id": "OLD",
            "property_ref": "P-OLD",
            "area_id": "A1",
            "hazard_level": "significant",
            "aware_at": old,
            "investigated_at": old + timedelta(days=2),
        }
    ]
    write_database(empty_db_url, rows)
    snapshot = SnapshotStore(SnapshotLoader(Reader(empty_db_url))).get(REPAIRS_SUBJECT.key)
    assert snapshot.frames[DAMP_MOULD_CASES.name]["case_id"].to_list() == ["DM1"]
    assert snapshot.excluded_rows(DAMP_MOULD_CASES) == 0
