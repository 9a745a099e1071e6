"""The benchmark's demo databases: a SQLite file and a PostgreSQL schema of its own."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from benchmarks.report import say
from data_access.demo import build_demo, build_demo_sqlite
from data_access.schema import CONTRACT_TABLES, REPAIRS


def prepare_sqlite(path: Path, scale: float, skip_build: bool) -> str:
    """The benchmark's SQLite demo file, built unless reusing one that is there."""
    if skip_build and path.exists():
        say(f"Reusing {path}")
    else:
        started = time.perf_counter()
        counts = build_demo_sqlite(path, scale=scale, overwrite=True, progress=sys.stderr.isatty())
        took = time.perf_counter() - started
        say(f"Built {path}: {counts[REPAIRS.name]:,} repairs in {took:.0f}s")
    return f"sqlite:///{path.resolve()}"


def _schema_of(url: str) -> str:
    options = make_url(url).query.get("options", "")
    found = re.search(r"search_path\s*=\s*([A-Za-z_][A-Za-z0-9_]*)", str(options))
    if not found:
        raise SystemExit(
            "--postgres needs ?options=-csearch_path%3D<schema>: the benchmark replaces the "
            "contract tables in that schema and must never touch public."
        )
    return found.group(1)


def prepare_postgres(url: str, scale: float, skip_build: bool) -> str:
    """Create the URL's own schema if needed, build the demo into it, VACUUM and ANALYZE it."""
    schema = _schema_of(url)
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        if skip_build and inspect(engine).has_table(REPAIRS.name, schema=schema):
            say(f"Reusing PostgreSQL schema {schema}")
            return url
        started = time.perf_counter()
        counts = build_demo(url, scale=scale, progress=sys.stderr.isatty())
        quote = engine.dialect.identifier_preparer.quote
        # VACUUM FREEZE as well as ANALYZE: otherwise the first timed reads also write
        # every page's hint bits, and the floor moves between the first runs and later.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for contract_table in CONTRACT_TABLES:
                connection.execute(text(f"VACUUM (FREEZE, ANALYZE) {quote(contract_table.name)}"))
        took = time.perf_counter() - started
        say(f"Built PostgreSQL schema {schema}: {counts[REPAIRS.name]:,} repairs in {took:.0f}s")
    finally:
        engine.dispose()
    return url
