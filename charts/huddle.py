"""The Huddle's 12-week trend charts: one small line per headline figure, this week marked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.style import BLUE, ORANGE, compact
from figures.tiles import Unit

_HOVER: dict[Unit, str] = {
    "count": "%{y:,.0f}",
    "percent": "%{y:.1f}%",
    "days": "%{y:.1f} days",
}


def weekly_trends(
    title: str,
    trends: Mapping[str, Sequence[float | None]],
    units: Mapping[str, Unit],
    week_ends: Sequence[date],
    dark: bool = False,
    height: int = 220,
) -> go.Figure:
    """Side-by-side lines, one per figure (their units differ, so no shared axis).

    Gaps are weeks not shown to this viewer (suppressed incident counts). The last
    point, this week, is drawn larger so it reads from across a room.
    """
    labels = list(trends)
    figure = make_subplots(
        rows=1, cols=max(len(labels), 1), subplot_titles=labels, horizontal_spacing=0.06
    )
    x = [f"w/e {day:%d %b}" for day in week_ends]
    for column, label in enumerate(labels, start=1):
        values = list(trends[label])
        sizes = [6] * (len(values) - 1) + [12]
        figure.add_trace(
            go.Scatter(
                x=x[-len(values) :] if values else [],
                y=values,
                mode="lines+markers",
                line={"color": BLUE, "width": 3},
                marker={"size": sizes, "color": [BLUE] * (len(values) - 1) + [ORANGE]},
                connectgaps=False,
                name=label,
                hovertemplate=f"%{{x}}: {_HOVER[units.get(label, 'count')]}<extra></extra>",
                showlegend=False,
            ),
            row=1,
            col=column,
        )
    figure.update_xaxes(showticklabels=False)
    figure.update_layout(title={"text": title, "x": 0})
    figure = compact(figure, height, hovermode="closest")
    figure.update_layout(margin={"l": 8, "r": 8, "t": 64, "b": 8})
    if dark:
        figure.update_layout(
            template="plotly_dark", paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)"
        )
    return figure
