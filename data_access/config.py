"""Where the operational database is: environment, then secrets, then the demo file."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL_ENV = "DOORSTEP_DATABASE_URL"
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
DEMO_DATABASE_PATH = PROJECT_ROOT / "data" / "doorstep-demo.sqlite"
DEMO_PATH_ENV = "DOORSTEP_DEMO_PATH"


@dataclass(frozen=True)
class DatabaseConfig:
    """The database Doorstep reads, and whether it is the embedded demo."""

    url: str
    is_demo: bool
    source: str  # "environment", "secrets" or "demo", for messages


def read_secrets(path: Path | None = None) -> dict:
    """The secrets file as a dict; read directly so the CLI tools need no Streamlit."""
    path = path or SECRETS_FILE
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def demo_database_path() -> Path:
    """The embedded demo SQLite file (overridable for tests)."""
    override = os.environ.get(DEMO_PATH_ENV)
    return Path(override) if override else DEMO_DATABASE_PATH


def database_config() -> DatabaseConfig:
    """Resolve the database: env ``DOORSTEP_DATABASE_URL``, secrets ``[database] url``, demo."""
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        return DatabaseConfig(url=url, is_demo=False, source="environment")
    url = str(read_secrets().get("database", {}).get("url", "")).strip()
    if url:
        return DatabaseConfig(url=url, is_demo=False, source="secrets")
    return DatabaseConfig(url=f"sqlite:///{demo_database_path()}", is_demo=True, source="demo")
