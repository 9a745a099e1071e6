"""Building small hand-written contract databases for tests, on SQLite or PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import Table, create_engine, text
from sqlalchemy.engine import make_url

from data_access.demo_load import create_contract_tables, load_frames, polars_dtype

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def frame_of(table: Table, rows: Sequence[Mapping[str, Any]]) -> pl.DataFrame:
    """Rows given by column name; unspecified columns are NULL."""
    return pl.DataFrame(
        {
            column.name: pl.Series(
                column.name, [row.get(column.name) for row in rows], dtype=polars_dtype(column)
            )
            for column in table.columns
        }
    )


def write_database(
    url: str, rows: Mapping[Table, Sequence[Mapping[str, Any]]], enforce_keys: bool = False
) -> None:
    """Create every contract table at ``url`` and insert the given rows (writable engine)."""
    engine = create_engine(url)
    try:
        create_contract_tables(engine, enforce_keys=enforce_keys)
        load_frames(
            engine, {table: frame_of(table, table_rows) for table, table_rows in rows.items()}
        )
    finally:
        engine.dispose()


def sqlite_url(directory: Path, name: str = "fixture.sqlite") -> str:
    return f"sqlite:///{directory / name}"


@contextmanager
def postgres_schema(prefix: str = "doorstep_t") -> Iterator[str]:
    """A throwaway schema; yields a URL whose sessions use it. Fails if PG is down."""
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
