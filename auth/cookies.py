"""Write the login cookie only on the run that must, and read it server-side.

streamlit-authenticator renders extra_streamlit_components' cookie component on
every run just to read cookies; the component then posts a value back after the page
loads, which triggers an extra rerun that can swallow the user's click (we measured 4
of 10 concurrent form logins lost). The library already reads the cookie from
``st.context.cookies``, so this stand-in renders nothing on ordinary runs: a set or
delete is queued in session state and written by ``flush_cookie_writes`` once, at the
end of the run that logged the user in or out.
"""

from __future__ import annotations

import datetime as dt
import importlib
import types
from typing import Any

import streamlit as st
from streamlit_authenticator.models import cookie_model

_PENDING = "_doorstep_cookie_writes"
# The library's own component function, rendered only when a cookie must change.
_component = importlib.import_module("extra_streamlit_components.CookieManager")._component_func


class OnDemandCookieManager:
    """The subset of ``CookieManager`` the authenticator uses, without a component per run."""

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
        expires = (expires_at or dt.datetime.now() + dt.timedelta(days=1)).isoformat()
        options = {"path": path, "expires": expires, "sameSite": same_site}
        st.session_state.setdefault(_PENDING, []).append(
            {"method": "set", "cookie": cookie, "value": val, "options": options}
        )
        self.cookies[cookie] = val

    def delete(self, cookie: str, key: str = "delete") -> None:
        st.session_state.setdefault(_PENDING, []).append({"method": "delete", "cookie": cookie})
        self.cookies.pop(cookie, None)


def install() -> None:
    """Make the authenticator use the on-demand manager (idempotent, process-wide)."""
    if getattr(cookie_model.stx, "CookieManager", None) is not OnDemandCookieManager:
        cookie_model.stx = types.SimpleNamespace(CookieManager=OnDemandCookieManager)


def flush_cookie_writes() -> None:
    """Render the queued cookie writes once; call at the end of a run."""
    pending = st.session_state.pop(_PENDING, [])
    for number, operation in enumerate(pending):
        _component(**operation, key=f"doorstep_cookie_{number}", default=False)
