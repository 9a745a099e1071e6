"""The dashboard cannot write to the operational database, on either back end or path."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import DBAPIError

from data_access.engine import make_read_only_engine
from data_access.reader import Reader
from data_access.schema import AREAS
from tests.dbs import write_database

ROWS = {AREAS: [{"area_id": "A1", "area_name": "Northgate", "region": "North"}]}


def test_insert_through_the_apps_engine_fails(empty_db_url):
    write_database(empty_db_url, ROWS)
    engine = make_read_only_engine(empty_db_url)
    with pytest.raises(DBAPIError, match=r"(?i)read-only|readonly"), engine.begin() as connection:
        connection.execute(insert(AREAS).values(area_id="A2", area_name="X", region="South"))
    with engine.connect() as connection:
        assert connection.execute(select(AREAS.c.area_id)).scalars().all() == ["A1"]


def test_fast_path_connections_are_read_only(empty_db_url):
    write_database(empty_db_url, ROWS)
    reader = Reader(empty_db_url)
    if reader.fast.library == "connectorx":
        import connectorx

        setting = "select current_setting('default_transaction_read_only') as ro"
        assert connectorx.read_sql(reader.fast.uri, setting, return_type="polars")["ro"][0] == "on"
    else:
        import adbc_driver_sqlite.dbapi

        with adbc_driver_sqlite.dbapi.connect(reader.fast.uri) as connection:
            cursor = connection.cursor()
            with pytest.raises(Exception, match="readonly"):
                cursor.execute("INSERT INTO areas VALUES ('A9', 'X', 'South')")
                connection.commit()


def test_postgres_sessions_have_a_statement_timeout(tmp_path):
    from tests.dbs import postgres_schema

    with postgres_schema() as url, make_read_only_engine(url).connect() as connection:
        timeout = connection.execute(text("show statement_timeout")).scalar()
        assert timeout not in ("0", None)


def test_adbc_postgresql_path_is_read_only():
    import adbc_driver_postgresql.dbapi

    from tests.dbs import postgres_schema

    with postgres_schema() as url:
        write_database(url, ROWS)
        reader = Reader(url)
        with adbc_driver_postgresql.dbapi.connect(reader.fast.uri) as connection:
            cursor = connection.cursor()
            with pytest.raises(Exception, match="read-only transaction"):
                cursor.execute("INSERT INTO areas VALUES ('A9', 'X', 'South')")
