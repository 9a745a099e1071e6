"""Read-only connections: the dashboard must never be able to write to the provider's data."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url

from data_access.errors import DataUnavailable

STATEMENT_TIMEOUT_ENV = "DOORSTEP_STATEMENT_TIMEOUT_MS"
DEFAULT_STATEMENT_TIMEOUT_MS = 60_000
CONNECT_TIMEOUT_SECONDS = 5


def _is_postgres(url: URL) -> bool:
    return url.get_backend_name() == "postgresql"


def statement_timeout_ms() -> int:
    """Per-statement limit so one slow read can never hold the provider's database."""
    return int(os.environ.get(STATEMENT_TIMEOUT_ENV, DEFAULT_STATEMENT_TIMEOUT_MS))


def _postgres_options(url: URL) -> str:
    """libpq ``options`` forcing read-only sessions, keeping any options the URL had."""
    existing = url.query.get("options", "")
    if isinstance(existing, tuple):
        existing = " ".join(existing)
    forced = f"-c default_transaction_read_only=on -c statement_timeout={statement_timeout_ms()}"
    return f"{existing} {forced}".strip()


def sqlite_path(url: URL) -> Path:
    """The file behind a SQLite URL (the demo and tests use files, never ``:memory:``)."""
    if not url.database or url.database == ":memory:":
        raise DataUnavailable("Doorstep needs a SQLite database file, not an in-memory one.")
    return Path(url.database).resolve()


def read_only_url(url: str | URL) -> URL:
    """The URL as the app must use it: read-only at the driver or session level."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(parsed)
        if not path.exists():
            raise DataUnavailable(f"The SQLite database file {path} does not exist.")
        return URL.create(
            "sqlite+pysqlite",
            database=f"file:{path}",
            query={"mode": "ro", "uri": "true"},
        )
    if backend == "postgresql":
        driver = parsed.drivername if "+" in parsed.drivername else "postgresql+psycopg"
        return parsed.set(drivername=driver).update_query_dict(
            {"options": _postgres_options(parsed)}
        )
    return parsed


def _force_read_only_mysql(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _set_read_only(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("SET SESSION TRANSACTION READ ONLY")
        cursor.execute(f"SET SESSION max_execution_time = {statement_timeout_ms()}")
        cursor.close()


def make_read_only_engine(url: str | URL) -> Engine:
    """An engine whose every connection refuses writes (tests prove an INSERT fails)."""
    ro_url = read_only_url(url)
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_SECONDS} if _is_postgres(ro_url) else {}
    engine = create_engine(ro_url, pool_pre_ping=True, connect_args=connect_args)
    if ro_url.get_backend_name() in ("mysql", "mariadb"):
        _force_read_only_mysql(engine)
    return engine


@dataclass(frozen=True)
class FastPath:
    """A columnar reader for the database, with its own read-only connection string."""

    library: str  # "connectorx" or "adbc_sqlite"
    uri: str


def fast_path(url: str | URL) -> FastPath | None:
    """The fastest columnar driver the database offers, or None for the SQLAlchemy path.

    PostgreSQL uses connectorx with the same read-only session options (its URI also
    serves ADBC's COPY, which large tables prefer: ``subjects.TableRead.prefer``);
    SQLite uses ADBC because it can open the file with ``mode=ro`` (connectorx's SQLite
    driver cannot, and would accept a write).
    """
    ro_url = read_only_url(url)
    backend = ro_url.get_backend_name()
    if backend == "postgresql":
        # Encode the query ourselves: SQLAlchemy writes spaces as "+", which connectorx
        # passes on literally, silently dropping the read-only options.
        base = ro_url.set(drivername="postgresql", query={})
        query = "&".join(
            f"{name}={quote(str(value), safe='')}" for name, value in ro_url.query.items()
        )
        return FastPath("connectorx", f"{base.render_as_string(hide_password=False)}?{query}")
    if backend == "sqlite":
        return FastPath("adbc_sqlite", f"{ro_url.database}?mode=ro")
    return None


def describe(url: str | URL) -> str:
    """The database named for messages, without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite file {parsed.database}"
    host = f"{parsed.host or 'localhost'}:{parsed.port or ''}".rstrip(":")
    return f"{parsed.get_backend_name()} database '{parsed.database}' on {host}"
