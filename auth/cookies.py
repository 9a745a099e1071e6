"""Write the login cookie only on the run that must, with no component and no extra rerun.

streamlit-authenticator renders extra_streamlit_components' cookie component on
every run just to read cookies; the component posts a value back after the page
loads, which triggers an extra rerun that can swallow the user's click (we measured 4
of 10 concurrent form logins lost). The library already reads the cookie on the server
from ``st.context.cookies``, so this stand-in renders nothing on ordinary runs: a set
or delete is queued in session state and written by ``flush_cookie_writes`` once, at
the end of the run that logged the user in or out, as a tiny inline script (which,
unlike a component, sends nothing back and so causes no rerun).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
from typing import Any

import streamlit as st
from streamlit_authenticator.models import cookie_model

_PENDING = "_doorstep_cookie_writes"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_\-]+$")
_SAFE_VALUE = re.compile(r"^[A-Za-z0-9_\-.=]*$")  # JWTs are base64url with dots
_EXPIRED = "Thu, 01 Jan 1970 00:00:00 GMT"


class OnDemandCookieManager:
    """The part of ``CookieManager`` the authenticator uses, without a component."""

    def __init__(self, key: str = "init") -> None:
        self.cookies = dict(st.context.cookies)

    def get(self, cookie: str) -> Any:
        return st.context.cookies.get(cookie)

    def set(
        self,
        cookie: str,
        val: Any,
        key: str = "set",
        path: str = "/",
        expires_at: dt.datetime | None = None,
        max_age: float | None = None,
        domain: str | None = None,
        secure: bool | None = None,
        same_site: str = "strict",
    ) -> None:
        expires = expires_at or dt.datetime.now() + dt.timedelta(days=1)
        _queue(cookie, str(val), expires.astimezone(dt.UTC).strftime("%a, %d %b %Y %H:%M:%S GMT"))
        self.cookies[cookie] = val

    def delete(self, cookie: str, key: str = "delete") -> None:
        _queue(cookie, "", _EXPIRED)
        self.cookies.pop(cookie, None)


def _queue(name: str, value: str, expires: str) -> None:
    if not _SAFE_NAME.match(name) or not _SAFE_VALUE.match(value):
        raise ValueError("refusing to write a cookie with unexpected characters")
    cookie = f"{name}={value}; expires={expires}; path=/; SameSite=Strict"
    st.session_state.setdefault(_PENDING, []).append(cookie)


def install() -> None:
    """Make the authenticator use the on-demand manager (idempotent, process-wide)."""
    if getattr(cookie_model.stx, "CookieManager", None) is not OnDemandCookieManager:
        cookie_model.stx = types.SimpleNamespace(CookieManager=OnDemandCookieManager)


def flush_cookie_writes() -> None:
    """Write the queued cookies once; call at the end of a run."""
    pending = st.session_state.pop(_PENDING, [])
    if pending:
        script = "".join(f"document.cookie = {json.dumps(c)};" for c in pending)
        st.html(f"<script>{script}</script>", unsafe_allow_javascript=True, width="content")
