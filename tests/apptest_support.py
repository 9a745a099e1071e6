"""Running dashboard.py under AppTest as a real server runs it after its first request."""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from auth.roles import Role

#: A demo user of each role (their passwords are username + "-demo").
ROLE_USERS = {
    Role.DIRECTOR: "director",
    Role.MANAGER: "manager",
    Role.ANALYST: "analyst",
    Role.SAFETY_LEAD: "safety",
    Role.HUDDLE: "huddle",
}
ENTRY = str(Path(__file__).resolve().parent.parent / "dashboard.py")
_original_init = PagesManager.__init__


def _init_without_legacy_pages(self, *args, **kwargs) -> None:
    _original_init(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False


def steady_state_pages_manager(monkeypatch) -> None:
    """AppTest resets the legacy pages/ flag before every run; a server flips it once.

    The legacy first request (and the guard that handles it) is covered by the
    browser test on a freshly started server; here every run is a normal one.
    """
    monkeypatch.setattr(PagesManager, "__init__", _init_without_legacy_pages)


def log_in(username: str, password: str | None = None) -> AppTest:
    """A fresh app, logged in through the form (demo passwords are username + -demo)."""
    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.run()
    app.text_input[0].set_value(username)
    app.text_input[1].set_value(password or f"{username}-demo")
    app.button[0].click()
    app.run()
    return app
