"""The login step every run passes through before any page is registered."""

from __future__ import annotations

import streamlit as st
import streamlit_authenticator as stauth

from auth import cookies
from auth.roles import Viewer, viewer_from_credentials
from auth.users import COOKIE_EXPIRY_DAYS, COOKIE_NAME, cookie_key, load_users, users_file
from data_access.config import database_config

LOGIN_FIELDS = {
    "Form name": "Sign in to Doorstep",
    "Username": "Username",
    "Password": "Password",
    "Login": "Sign in",
}


def _authenticator() -> tuple[stauth.Authenticate, dict]:
    """A fresh authenticator per run over a copy of the users (it mutates what it gets)."""
    config = database_config()
    users = load_users(users_file(config.is_demo))
    cookies.install()
    authenticator = stauth.Authenticate(
        users["credentials"],
        users["cookie"].get("name", COOKIE_NAME),
        cookie_key(config.is_demo),
        float(users["cookie"].get("expiry_days", COOKIE_EXPIRY_DAYS)),
        auto_hash=False,
        login_sleep_time=0,  # the default 0.7 s sleep sent deep links to the default page
    )
    return authenticator, users["credentials"]["usernames"]


def current_viewer() -> Viewer | None:
    """The logged-in viewer, showing the login form (and stopping there) if there is none.

    Raises ``ConfigurationError`` when the users file or cookie key is unsafe or missing.
    """
    authenticator, usernames = _authenticator()
    form = st.empty()
    if not st.session_state.get("authentication_status"):
        with form.container():
            authenticator.login(location="main", fields=LOGIN_FIELDS, key="doorstep_login")
            if st.session_state.get("authentication_status") is False:
                st.error("Username or password is incorrect.")
    username = st.session_state.get("username")
    if not st.session_state.get("authentication_status") or username not in usernames:
        cookies.flush_cookie_writes()
        return None
    form.empty()
    return viewer_from_credentials(username, usernames[username])


def log_out() -> None:
    """End the session and delete the cookie (written at the end of this run)."""
    if st.session_state.get("authentication_status"):
        authenticator, _ = _authenticator()
        authenticator.logout(location="unrendered")
