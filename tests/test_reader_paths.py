"""A table read through a preferred driver gives the same frame as the default path."""

from __future__ import annotations

from datetime import datetime

import pytest
from polars.testing import assert_frame_equal

from data_access.reader import Reader
from data_access.subjects import FOOD, OUTREACH
from tests import fixture_food, fixture_outreach
from tests.dbs import postgres_schema, write_database


@pytest.mark.parametrize(
    ("rows", "subject"), [(fixture_outreach.ROWS, OUTREACH), (fixture_food.ROWS, FOOD)]
)
def test_adbc_and_connectorx_read_the_same_frames_on_postgresql(rows, subject):
    with postgres_schema() as url:
        write_database(url, rows)
        reader = Reader(url)
        for table_read in subject.reads:
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
