"""A database that is down or a missing table gives a sentence naming it, not a traceback."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from data_access.errors import DataUnavailable
from data_access.reader import Reader
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import REPAIRS_SUBJECT, RESPECT
from tests import fixture_repairs as fx
from tests import fixture_respect as fx_respect
from tests.dbs import write_database


def test_missing_sqlite_file_is_named(tmp_path):
    missing = tmp_path / "nowhere.sqlite"
    with pytest.raises(DataUnavailable, match=r"nowhere\.sqlite"):
        Reader(f"sqlite:///{missing}")


def test_postgres_down_names_the_server():
    store = SnapshotStore(SnapshotLoader(Reader("postgresql+psycopg://postgres@127.0.0.1:1/test")))
    with pytest.raises(DataUnavailable, match=r"cannot connect.*127\.0\.0\.1:1"):
        store.get(REPAIRS_SUBJECT.key)


def test_missing_table_is_named(empty_db_url):
    write_database(empty_db_url, fx.ROWS)
    engine = create_engine(empty_db_url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE repairs"))
    store = SnapshotStore(SnapshotLoader(Reader(empty_db_url)))
    with pytest.raises(DataUnavailable, match="table 'repairs' is missing"):
        store.get(REPAIRS_SUBJECT.key)


def test_a_missing_table_of_a_one_table_subject_is_named(empty_db_url):
    """Respect's one table is read where it is loaded, not on a reader thread."""
    write_database(empty_db_url, fx_respect.ROWS)
    with create_engine(empty_db_url).begin() as connection:
        connection.execute(text("DROP TABLE incidents"))
    store = SnapshotStore(SnapshotLoader(Reader(empty_db_url)))
    with pytest.raises(DataUnavailable, match="table 'incidents' is missing"):
        store.get(RESPECT.key)


def test_missing_column_is_named(empty_db_url):
    write_database(empty_db_url, fx.ROWS)
    engine = create_engine(empty_db_url)
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE repairs DROP COLUMN target_at"))
    store = SnapshotStore(SnapshotLoader(Reader(empty_db_url)))
    with pytest.raises(DataUnavailable, match="lacks columns: target_at"):
        store.get(REPAIRS_SUBJECT.key)


def test_a_server_that_is_down_is_named_before_any_read_starts(monkeypatch):
    """The columnar drivers retry a dead server for 30 s, on threads the process waits for."""
    reads = []

    def retrying_read(self, *args, **kwargs):
        reads.append(args)
        raise DataUnavailable("the read gave up")

    monkeypatch.setattr(Reader, "read_untyped", retrying_read)
    store = SnapshotStore(SnapshotLoader(Reader("postgresql+psycopg://postgres@127.0.0.1:1/test")))
    with pytest.raises(DataUnavailable, match=r"cannot connect.*127\.0\.0\.1:1"):
        store.get(REPAIRS_SUBJECT.key)
    assert reads == []
