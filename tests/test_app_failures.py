"""AppTest: unsafe configuration and an unreachable database give plain messages."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest_support import ENTRY, log_in


def test_real_database_without_cookie_key_refuses_to_start(demo_app, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATABASE_URL", f"sqlite:///{demo_app}")
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert "cookie key is not set" in app.error[0].value
    assert not app.text_input and not app.exception


def test_real_database_with_the_example_key_refuses_to_start(demo_app, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATABASE_URL", f"sqlite:///{demo_app}")
    monkeypatch.setenv("DOORSTEP_COOKIE_KEY", "change-me-example-cookie-key")
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert "example key" in app.error[0].value


def test_unreachable_database_names_it_without_a_traceback(demo_app, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/ops")
    monkeypatch.setenv("DOORSTEP_COOKIE_KEY", "a-long-random-key-used-only-by-this-test")
    app = log_in("director")
    assert not app.exception
    messages = [error.value for error in app.error]
    assert messages and all("cannot connect" in m and "127.0.0.1:1" in m for m in messages)
    assert not app.metric
