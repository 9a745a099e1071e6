"""AppTest: the login form guards every page; wrong passwords and logout behave."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest_support import ENTRY, log_in


def test_login_form_is_all_an_anonymous_visitor_sees(demo_app):
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert [field.label for field in app.text_input] == ["Username", "Password"]
    assert not app.metric and not app.title and not app.exception


def test_wrong_password_is_refused(demo_app):
    app = log_in("director", "not-the-password")
    assert app.session_state["authentication_status"] is False
    assert "incorrect" in app.error[0].value
    assert not app.metric


def test_unknown_user_is_refused(demo_app):
    app = log_in("nobody", "whatever-it-is")
    assert not app.session_state["authentication_status"]
    assert not app.metric


def test_director_lands_on_the_overview(demo_app):
    app = log_in("director")
    assert not app.exception
    assert [title.value for title in app.title] == ["Overview"]
    # Issue 6's headline tiles, one row per subject.
    assert {"Cohort reached", "Open repairs", "Referrals", "Incidents"} <= {
        m.label for m in app.metric
    }


def test_logout_returns_to_the_login_form(demo_app):
    app = log_in("director")
    app.button(key="doorstep_logout").click().run()
    assert not app.session_state["authentication_status"]
    assert [field.label for field in app.text_input] == ["Username", "Password"]
    assert not app.metric
    app.run()
    assert not app.metric, "a rerun after logout must not log back in"
