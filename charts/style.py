"""What every Doorstep chart shares: a compact layout, the palette, clickable ranked bars."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

BLUE, GREEN, RED, ORANGE, GREY = "#4c78a8", "#54a24b", "#e45756", "#f58518", "#bab0ac"
LIGHT_BLUE, TEAL, YELLOW, PURPLE, INK = "#9ecae9", "#72b7b2", "#eeca3b", "#b279a2", "#222222"
SERIES = (BLUE, ORANGE, GREEN, RED, TEAL, YELLOW, PURPLE, GREY, LIGHT_BLUE)
CHOSEN_COLOUR = ORANGE


def compact(figure: go.Figure, height: int, hovermode: str = "x unified") -> go.Figure:
    """Tight margins and a legend above the plot: charts sit in narrow columns."""
    figure.update_layout(
        height=height,
        margin={"l": 8, "r": 8, "t": 36, "b": 8},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        hovermode=hovermode,
    )
    return figure


def colour_map(values: Sequence[str], fixed: Mapping[str, str] | None = None) -> dict[str, str]:
    """A stable colour per category: fixed ones first, the palette for the rest."""
    fixed = dict(fixed or {})
    spare = [c for c in SERIES if c not in fixed.values()] or list(SERIES)
    others = [v for v in values if v not in fixed]
    return fixed | {v: spare[i % len(spare)] for i, v in enumerate(others)}


def ranked_bars(
    keys: Sequence[str],
    values: Sequence[float],
    x_title: str,
    names: Mapping[str, str] | None = None,
    chosen: str | None = None,
    hover: str = "%{y}: %{x:,}",
    colour: str = BLUE,
) -> go.Figure:
    """Horizontal bars, one per key, in the given order; a click selects the key.

    The key travels as ``customdata`` (labels may repeat or change), and the chosen bar
    is drawn in another colour so the filter it applies is visible on the chart.
    """
    labels = [(names or {}).get(key, key) for key in keys]
    figure = go.Figure(
        go.Bar(
            y=labels,
            x=list(values),
            customdata=list(keys),
            orientation="h",
            marker_color=[CHOSEN_COLOUR if key == chosen else colour for key in keys],
            hovertemplate=hover + "<extra></extra>",
        )
    )
    figure.update_layout(
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis_title=x_title,
        clickmode="event+select",
        showlegend=False,
    )
    return compact(figure, max(240, 28 * len(keys) + 90), hovermode="closest")
