"""Shared fixtures: databases on both back ends, and a clean configuration per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.dbs import postgres_schema, sqlite_url


@pytest.fixture(autouse=True)
def _isolated_config(monkeypatch: pytest.MonkeyPatch, tmp_path_factory) -> None:
    """Tests never pick up a developer's own database, users, secrets or cookie key."""
    nowhere = tmp_path_factory.mktemp("no-secrets") / "secrets.toml"
    monkeypatch.setattr("data_access.config.SECRETS_FILE", nowhere)
    for name in (
        "DOORSTEP_DATABASE_URL",
        "DOORSTEP_COOKIE_KEY",
        "DOORSTEP_AUTH_FILE",
        "DOORSTEP_DEMO_PATH",
    ):
        monkeypatch.delenv(name, raising=False)
    # Each test's incident-list views go to a log of its own, never the project's data/.
    log = tmp_path_factory.mktemp("access-log") / "incident-access-log.sqlite"
    monkeypatch.setenv("DOORSTEP_ACCESS_LOG", str(log))


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A URL on each back end, for a test to fill with its own fixture rows."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
    else:
        with postgres_schema() as url:
            yield url


@pytest.fixture(scope="session")
def demo_app_files(tmp_path_factory):
    """A small demo database and quickly hashed demo users, shared by the AppTests."""
    from datetime import date

    from auth.users import write_demo_users
    from data_access.demo import build_demo_sqlite

    folder = tmp_path_factory.mktemp("demo-app")
    database = folder / "demo.sqlite"
    build_demo_sqlite(database, end_date=date(2026, 11, 20), scale=0.2, progress=False)
    users = write_demo_users(folder / "users.yaml", rounds=4)
    return database, users


@pytest.fixture
def demo_app(demo_app_files, monkeypatch):
    """Environment for running dashboard.py on the demo database under AppTest."""
    from tests.apptest_support import steady_state_pages_manager

    database, users = demo_app_files
    monkeypatch.setenv("DOORSTEP_DEMO_PATH", str(database))
    monkeypatch.setenv("DOORSTEP_AUTH_FILE", str(users))
    steady_state_pages_manager(monkeypatch)
    return database
