"""The incident access log: appends, reads back latest first, and refuses changes."""

from __future__ import annotations

import sqlite3

import pytest

from audit.access_log import APPEND_ONLY, TABLE, AccessLog, access_log, access_log_path


@pytest.fixture
def log(tmp_path) -> AccessLog:
    return AccessLog(tmp_path / "log.sqlite")


def test_views_are_read_back_latest_first(log: AccessLog) -> None:
    log.record("director", "director", {"period": "P1", "cell": None}, 12)
    log.record("safety", "safety_lead", {"period": "P2", "cell": "when:1:14"}, 3)
    entries = log.entries()
    assert entries.get_column("username").to_list() == ["safety", "director"]
    assert entries.get_column("rows_shown").to_list() == [3, 12]
    assert entries.get_column("filters").to_list()[0] == '{"cell": "when:1:14", "period": "P2"}'
    assert entries.get_column("viewed_at").null_count() == 0


def test_an_empty_log_reads_as_no_views(log: AccessLog) -> None:
    assert log.entries().is_empty()
    assert not log.path.exists()  # reading never creates it


@pytest.mark.parametrize(
    "statement", [f"UPDATE {TABLE} SET username = 'someone else'", f"DELETE FROM {TABLE}"]
)
def test_the_log_refuses_changes_and_deletions(log: AccessLog, statement: str) -> None:
    log.record("director", "director", {"period": "P1"}, 12)
    connection = sqlite3.connect(log.path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match=APPEND_ONLY):
            connection.execute(statement)
    finally:
        connection.close()
    assert log.entries().get_column("username").to_list() == ["director"]


def test_the_log_path_comes_from_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DOORSTEP_ACCESS_LOG", str(tmp_path / "elsewhere.sqlite"))
    assert access_log_path() == tmp_path / "elsewhere.sqlite"
    assert access_log().path == tmp_path / "elsewhere.sqlite"


def test_an_unwritable_log_raises(tmp_path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(sqlite3.Error):
        AccessLog(folder).record("director", "director", {}, 1)
