"""Repairs charts. Each builder takes a figure's frame and returns a Plotly figure."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
import polars as pl

from charts.style import (
    BLUE,
    CHOSEN_COLOUR,
    GREEN,
    INK,
    LIGHT_BLUE,
    ORANGE,
    PURPLE,
    RED,
    TEAL,
    YELLOW,
    compact,
)
from figures.awaab import STAGES

REPORTED_COLOUR, COMPLETED_COLOUR, BACKLOG_COLOUR = BLUE, GREEN, INK
OPEN_COLOUR, OVERDUE_COLOUR = LIGHT_BLUE, RED
PRIORITY_COLOURS = (RED, ORANGE, YELLOW, BLUE, TEAL, PURPLE)  # most urgent first


def weekly_flow_chart(weeks: pl.DataFrame) -> go.Figure:
    """Reported and completed per week as bars; the open backlog at each week's end as a line."""
    ending = weeks.get_column("week_ending").to_list()
    figure = go.Figure(
        [
            go.Bar(
                x=ending,
                y=weeks["reported"].to_list(),
                name="Reported",
                marker_color=REPORTED_COLOUR,
            ),
            go.Bar(
                x=ending,
                y=weeks["completed"].to_list(),
                name="Completed",
                marker_color=COMPLETED_COLOUR,
            ),
            go.Scatter(
                x=ending,
                y=weeks["open_at_week_end"].to_list(),
                name="Open at week end",
                mode="lines",
                line={"color": BACKLOG_COLOUR, "width": 2},
                yaxis="y2",
            ),
        ]
    )
    figure.update_layout(
        barmode="group",
        xaxis_title="Week ending",
        yaxis={"title": "Work orders per week", "rangemode": "tozero"},
        yaxis2={
            "title": "Open at week end",
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
        },
    )
    return compact(figure, 380)


def backlog_by_age_chart(backlog: pl.DataFrame) -> go.Figure:
    """Open work orders by age bucket, stacked by priority."""
    buckets = backlog.get_column("age").cast(pl.String).unique(maintain_order=True).to_list()
    priorities = backlog.get_column("priority_code").unique(maintain_order=True).sort().to_list()
    traces = []
    for index, priority in enumerate(priorities):
        rows = backlog.filter(pl.col("priority_code") == priority)
        traces.append(
            go.Bar(
                x=rows.get_column("age").cast(pl.String).to_list(),
                y=rows.get_column("open").to_list(),
                name=priority,
                marker_color=PRIORITY_COLOURS[index % len(PRIORITY_COLOURS)],
            )
        )
    figure = go.Figure(traces)
    figure.update_layout(
        barmode="stack",
        xaxis={
            "title": "Age (days since reported)",
            "categoryorder": "array",
            "categoryarray": buckets,
        },
        yaxis_title="Open work orders",
        legend_title_text="Priority",
    )
    return compact(figure, 340)


def open_and_overdue_chart(
    counts: pl.DataFrame,
    dimension: str,
    names: Mapping[str, str] | None = None,
    chosen: str | None = None,
) -> go.Figure:
    """Horizontal bars, one per area/trade/contractor; a click selects its key (customdata).

    The chosen bar is drawn in a different colour so the table's filter is visible here.
    """
    keys = counts.get_column(dimension).to_list()
    labels = [(names or {}).get(key, key) for key in keys]
    open_colours = [CHOSEN_COLOUR if key == chosen else OPEN_COLOUR for key in keys]
    bars = (("Open", "open", open_colours), ("Overdue", "overdue", OVERDUE_COLOUR))
    figure = go.Figure(
        [
            go.Bar(
                y=labels,
                x=counts[column].to_list(),
                customdata=keys,
                name=name,
                orientation="h",
                marker_color=colour,
                hovertemplate=f"%{{y}}: %{{x}} {column}<extra></extra>",
            )
            for name, column, colour in bars
        ]
    )
    figure.update_layout(
        barmode="overlay",
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis_title="Work orders at the end of the period",
        clickmode="event+select",
    )
    return compact(figure, max(240, 28 * len(keys) + 90), hovermode="closest")


def cases_by_stage_chart(stages: pl.DataFrame) -> go.Figure:
    """Open damp-and-mould cases by Awaab's Law stage, stacked by hazard level.

    Complete cases are left out: they would dwarf the ones that need action.
    """
    stages = stages.filter(pl.col("stage") != STAGES[-1])
    colours = {"emergency": OVERDUE_COLOUR, "significant": REPORTED_COLOUR}
    traces = [
        go.Bar(
            x=rows.get_column("stage").to_list(),
            y=rows.get_column("cases").to_list(),
            name=f"{hazard.capitalize()} hazard",
            marker_color=colours.get(hazard, OPEN_COLOUR),
        )
        for (hazard,), rows in stages.group_by("hazard_level", maintain_order=True)
    ]
    figure = go.Figure(traces)
    figure.update_layout(barmode="stack", yaxis_title="Cases at the end of the period")
    return compact(figure, 320)
