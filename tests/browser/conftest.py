"""Real-browser fixtures: a demo database, served apps and a headless Chromium.

Modelled on Streamlit's own e2e suite: each server is a ``streamlit run`` subprocess
on a free port, ready once ``/_stcore/health`` answers; every test gets a fresh
browser context (no cookies) from one session-wide Chromium.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.browser.helpers import SETTLE_TIMEOUT_MS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT_S = 60
DEMO_END_DATE = dt.date(2025, 3, 31)
DEMO_SCALE = 0.2
#: Environment a developer may have set that would point a test server elsewhere.
_FOREIGN_ENV = (
    "DOORSTEP_DATABASE_URL",
    "DOORSTEP_COOKIE_KEY",
    "DOORSTEP_AUTH_FILE",
    "DOORSTEP_DEMO_PATH",
    "DOORSTEP_READ_LOG",
    "DOORSTEP_ACCESS_LOG",
)


@dataclass(frozen=True)
class AppServer:
    """A running ``streamlit run dashboard.py`` and the files it writes."""

    url: str
    read_log: Path
    server_log: Path

    def reads(self) -> list[str]:
        """The bulk reads the app has logged so far (one line each)."""
        if not self.read_log.exists():
            return []
        return [line for line in self.read_log.read_text().splitlines() if line.strip()]

    def log_text(self) -> str:
        return self.server_log.read_text(errors="replace") if self.server_log.exists() else ""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A small demo database and the demo users file, built once per session."""
    from auth.users import write_demo_users
    from data_access.demo import build_demo_sqlite

    folder = tmp_path_factory.mktemp("browser-demo")
    database = folder / "demo.sqlite"
    build_demo_sqlite(database, end_date=DEMO_END_DATE, scale=DEMO_SCALE, progress=False)
    users = write_demo_users(folder / "demo-users.yaml")
    return {"database": database, "users": users}


def _serve(demo_files: dict[str, Path], folder: Path) -> Iterator[AppServer]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = AppServer(url, folder / "reads.tsv", folder / "server.log")
    env = {key: value for key, value in os.environ.items() if key not in _FOREIGN_ENV}
    env.update(
        DOORSTEP_DEMO_PATH=str(demo_files["database"]),
        DOORSTEP_AUTH_FILE=str(demo_files["users"]),
        DOORSTEP_READ_LOG=str(server.read_log),
        DOORSTEP_ACCESS_LOG=str(folder / "incident-access-log.sqlite"),
        PYTHONUNBUFFERED="1",
    )
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard.py",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with server.server_log.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not _healthy(url):
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode}:\n{server.log_text()}")
            if time.monotonic() > deadline:
                text = server.log_text()
                pytest.fail(f"streamlit not healthy after {STARTUP_TIMEOUT_S}s:\n{text}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def app_server(demo_files, tmp_path_factory) -> Iterator[AppServer]:
    """One server shared by a module's tests."""
    yield from _serve(demo_files, tmp_path_factory.mktemp("server"))


@pytest.fixture
def fresh_server(demo_files, tmp_path_factory) -> Iterator[AppServer]:
    """A newly started server that has not answered a page request yet."""
    yield from _serve(demo_files, tmp_path_factory.mktemp("fresh-server"))


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


def launch_chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = launch_chromium(playwright_instance)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a new context: no cookies, no storage."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(SETTLE_TIMEOUT_MS)
    yield context.new_page()
    context.close()
