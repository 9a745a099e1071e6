"""The append-only log of who viewed the incident list, when, and with which filters.

Incident rows are the product's most sensitive data (health, protected characteristics,
alleged offences), so every view of the list is written down before the list is shown,
and directors can read the log. It lives in its own SQLite file, never in the
operational database (which Doorstep only reads). Append-only is enforced by the file
itself: triggers abort any UPDATE or DELETE, whoever runs it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import polars as pl

from data_access.config import PROJECT_ROOT, read_secrets

ACCESS_LOG_ENV = "DOORSTEP_ACCESS_LOG"
DEFAULT_PATH = PROJECT_ROOT / "data" / "incident-access-log.sqlite"
TABLE = "incident_list_views"
APPEND_ONLY = "the incident access log is append-only"
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    view_id INTEGER PRIMARY KEY AUTOINCREMENT,
    viewed_at TEXT NOT NULL,
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    filters TEXT NOT NULL,
    rows_shown INTEGER NOT NULL
);
CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END;
CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END;
"""
COLUMNS = ("viewed_at", "username", "role", "filters", "rows_shown")


def access_log_path() -> Path:
    """Environment ``DOORSTEP_ACCESS_LOG``, then secrets ``[audit] access_log``, then data/."""
    configured = os.environ.get(ACCESS_LOG_ENV, "").strip()
    configured = configured or str(read_secrets().get("audit", {}).get("access_log", "")).strip()
    return Path(configured) if configured else DEFAULT_PATH


@dataclass(frozen=True)
class AccessLog:
    """One log file; each call opens its own connection (sessions run in threads)."""

    path: Path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10)
        connection.executescript(_SCHEMA)
        return connection

    def record(
        self, username: str, role: str, filters: Mapping[str, object], rows_shown: int
    ) -> None:
        """Append one view; raises if it cannot be written (then the list is not shown)."""
        row = (
            datetime.now().isoformat(timespec="seconds"),
            username,
            role,
            json.dumps(dict(filters), sort_keys=True, default=str),
            rows_shown,
        )
        connection = self._connect()
        try:
            with connection:
                connection.execute(
                    f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?)", row
                )
        finally:
            connection.close()

    def entries(self, limit: int = -1) -> pl.DataFrame:
        """The latest views first (all of them unless ``limit``); empty before the first."""
        schema = {
            "viewed_at": pl.String,
            "username": pl.String,
            "role": pl.String,
            "filters": pl.String,
            "rows_shown": pl.Int64,
        }
        if not self.path.exists():
            return pl.DataFrame(schema=schema)
        connection = self._connect()
        try:
            found = connection.execute(
                f"SELECT {', '.join(COLUMNS)} FROM {TABLE} ORDER BY view_id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        finally:
            connection.close()
        return pl.DataFrame(found, schema=schema, orient="row").with_columns(
            pl.col("viewed_at").str.to_datetime()
        )


def access_log() -> AccessLog:
    return AccessLog(access_log_path())
