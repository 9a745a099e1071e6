"""A table read through a preferred driver gives the same frame as the default path."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from sqlalchemy import literal, select

from data_access import reader as reader_module
from data_access.reader import Reader
from data_access.schema import INCIDENTS, REPAIRS
from data_access.subjects import FOOD, OUTREACH, REFERENCE, REPAIRS_SUBJECT, RESPECT
from tests import fixture_awaab, fixture_food, fixture_outreach, fixture_repairs
from tests.dbs import POSTGRES_URL, postgres_schema, write_database

_COSTS = (125.5, None, 0.1, 99999.99)  # numeric: ADBC hands it over as opaque text
_REPAIRS_AND_CASES = {
    **fixture_repairs.ROWS,
    **fixture_awaab.ROWS,
    REPAIRS: [
        {**row, "cost": _COSTS[i % len(_COSTS)]}
        for i, row in enumerate(fixture_repairs.ROWS[REPAIRS])
    ],
}


@pytest.mark.parametrize(
    ("rows", "subject"),
    [
        (fixture_outreach.ROWS, OUTREACH),
        (fixture_food.ROWS, FOOD),
        (_REPAIRS_AND_CASES, REPAIRS_SUBJECT),
        (fixture_repairs.ROWS, REFERENCE),
    ],
)
def test_adbc_and_connectorx_read_the_same_frames_on_postgresql(rows, subject):
    with postgres_schema() as url:
        write_database(url, rows)
        reader = Reader(url)
        preferring = [r for r in subject.reads if r.prefer is not None]
        assert preferring
        for table_read in preferring:
            statement = table_read.statement(datetime(2000, 1, 1))
            default, via = reader.read_with_method(statement, table_read.table)
            preferred, used = reader.read_with_method(
                statement, table_read.table, prefer=table_read.prefer
            )
            assert (via, used) == ("connectorx", "adbc_postgresql")
            assert_frame_equal(preferred, default)


def test_a_preference_the_database_cannot_honour_is_ignored(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    write_database(url, fixture_food.ROWS)
    read = FOOD.reads[0]
    _, used = Reader(url).read_with_method(
        read.statement(datetime(2000, 1, 1)), read.table, prefer=read.prefer
    )
    assert used == "adbc_sqlite"


def test_a_reads_sql_is_compiled_once_a_day_for_each_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    write_database(url, fixture_food.ROWS)
    sqlite, postgres = Reader(url), Reader(POSTGRES_URL)
    read = RESPECT.reads[0]  # windowed: the day is in the SQL
    monday = read.statement(datetime(2026, 11, 23, 6))
    assert read.statement(datetime(2026, 11, 23, 18)) is monday
    tuesday = read.statement(datetime(2026, 11, 24, 6))
    assert tuesday is not monday
    assert "'2026-11-23'" in sqlite.sql(monday) and "'2026-11-24'" in sqlite.sql(tuesday)
    assert sqlite.sql(monday) is sqlite.sql(monday)
    # A statement is compiled for each database's dialect, never reused across them.
    injured = select(INCIDENTS.c.incident_id).where(INCIDENTS.c.injury == literal(True))
    assert sqlite.sql(injured).endswith("incidents.injury = 1")
    assert postgres.sql(injured).endswith("incidents.injury = true")


def _failing_after_keys(arrow, table=None, keys=(), keys_ready=None):
    """A conversion that hands the keys over, then fails on the other columns."""
    if keys_ready is not None:
        keys_ready(pl.from_arrow(arrow.select(list(keys))))
    raise ValueError("a column Polars cannot take")


def test_a_fast_read_that_fails_after_handing_keys_over_is_not_read_again(tmp_path, monkeypatch):
    # Read again, the rows could come in another order than the keys already handed on.
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    write_database(url, fixture_food.ROWS)
    read = FOOD.reads[0]
    statement = read.statement(datetime(2000, 1, 1))
    monkeypatch.setattr(reader_module, "from_driver_arrow", _failing_after_keys)
    handed: list[pl.DataFrame] = []
    with pytest.raises(ValueError, match="cannot take"):
        Reader(url).read_raw(
            statement, table=read.table, keys=["resident_id"], keys_ready=handed.append
        )
    assert len(handed) == 1
    # Without keys handed over, the same failure falls back to SQLAlchemy, as before.
    frame, used = Reader(url).read_raw(statement, table=read.table)
    assert used == "sqlalchemy" and frame.height == len(fixture_food.ROWS[read.table])
