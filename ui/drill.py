"""Drill-down from a clickable bar chart to the rows behind it, kept in the URL.

The URL is the one place the choice lives: a click writes it, a pasted link restores
it, and changing page drops it. Chart selections cannot be set from code, so a
cleared drill-down gives the charts fresh keys (otherwise re-clicking the same bar
would not register as a change).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import plotly.graph_objects as go
import streamlit as st

_GENERATION = "_drill_generation"


def current_drill(params: Mapping[str, str], allowed: Mapping[str, set[str]]) -> dict[str, str]:
    """The dimension → value choices in the URL, keeping only values the viewer can see."""
    drill = {}
    for dimension, param in params.items():
        value = st.query_params.get(param)
        if value is not None and value in allowed.get(dimension, set()):
            drill[dimension] = value
    return drill


def _chart_key(name: str) -> str:
    return f"{name}-{st.session_state.get(_GENERATION, 0)}"


def _selected_key(event: object) -> str | None:
    points = getattr(getattr(event, "selection", None), "points", None) or []
    if not points and isinstance(event, Mapping):
        points = event.get("selection", {}).get("points", [])
    for point in points:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple):
            custom = custom[0] if custom else None
        if custom is not None:
            return str(custom)
    return None


def _on_select(key: str, param: str) -> Callable[[], None]:
    def update() -> None:
        chosen = _selected_key(st.session_state.get(key))
        if chosen is None:
            st.query_params.pop(param, None)
        else:
            st.query_params[param] = chosen

    return update


def clickable_chart(figure: go.Figure, name: str, param: str) -> None:
    """A Plotly chart whose bar click sets ``param`` in the URL (a second click clears it)."""
    key = _chart_key(name)
    st.plotly_chart(
        figure,
        key=key,
        on_select=_on_select(key, param),
        selection_mode="points",
        config={"displayModeBar": False},
    )


def clear_drill(params: Mapping[str, str]) -> None:
    """Drop every drill-down choice and reset the charts' own selections."""
    for param in params.values():
        st.query_params.pop(param, None)
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1


def drill_banner(
    drill: Mapping[str, str],
    titles: Mapping[str, str],
    names: Mapping[str, Mapping[str, str]],
    params: Mapping[str, str],
    key: str,
) -> None:
    """ "Showing area: X" for the clicked bars, with a button that clears them."""
    if not drill:
        return
    chosen, clear = st.columns([5, 1], vertical_alignment="center")
    shown = [f"{titles[d]}: **{names.get(d, {}).get(v, v)}**" for d, v in drill.items()]
    chosen.markdown("Showing " + " · ".join(shown))
    clear.button("Clear selection", on_click=clear_drill, args=(params,), key=key)
