"""Outreach charts: campaign progress, calls by outcome, the funnel, needs, reach, attempts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

import plotly.graph_objects as go
import polars as pl

from charts.style import (
    BLUE,
    GREEN,
    GREY,
    INK,
    LIGHT_BLUE,
    ORANGE,
    RED,
    colour_map,
    compact,
    ranked_bars,
)

OUTCOME_COLOURS = {
    "reached": GREEN,
    "no_answer": GREY,
    "voicemail": LIGHT_BLUE,
    "callback_requested": BLUE,
    "wrong_number": ORANGE,
    "refused": RED,
}


def plain(code: str) -> str:
    """A code as people read it: no_answer -> No answer."""
    return code.replace("_", " ").capitalize()


def campaign_progress_chart(
    days: pl.DataFrame,
    target: float,
    pro_rata: bool,
    projected_on: object | None,
    pace_per_day: float,
) -> go.Figure:
    """Cumulative residents reached against the target, with the pace carried forward."""
    figure = go.Figure(
        go.Scatter(
            x=days.get_column("day").to_list(),
            y=days.get_column("reached").to_list(),
            name="Residents reached",
            mode="lines",
            line={"color": GREEN, "width": 3},
        )
    )
    if days.height:
        first, last = days["day"][0], days["day"][-1]
        end = projected_on or last
        target_name = "Target (pro rata to the cohort in view)" if pro_rata else "Target"
        figure.add_trace(
            go.Scatter(
                x=[first, end],
                y=[target, target],
                name=target_name,
                mode="lines",
                line={"color": INK, "dash": "dash"},
            )
        )
        if projected_on is not None and pace_per_day > 0:
            reached = days["reached"][-1]
            figure.add_trace(
                go.Scatter(
                    x=[last, projected_on],
                    y=[reached, target],
                    name="At the last 7 days' pace",
                    mode="lines",
                    line={"color": GREEN, "dash": "dot"},
                )
            )
        figure.update_xaxes(range=[first, end + timedelta(days=1)])
    figure.update_layout(yaxis={"title": "Residents reached", "rangemode": "tozero"})
    return compact(figure, 360)


def calls_by_outcome_chart(calls: pl.DataFrame) -> go.Figure:
    """Calls per day, stacked by outcome (reached at the bottom, where it is easiest to read)."""
    outcomes = sorted(
        calls.get_column("outcome").unique().to_list(),
        key=lambda o: list(OUTCOME_COLOURS).index(o) if o in OUTCOME_COLOURS else 99,
    )
    colours = colour_map(outcomes, OUTCOME_COLOURS)
    traces = []
    for outcome in outcomes:
        rows = calls.filter(pl.col("outcome") == outcome)
        traces.append(
            go.Bar(
                x=rows.get_column("day").to_list(),
                y=rows.get_column("calls").to_list(),
                name=plain(outcome),
                marker_color=colours[outcome],
            )
        )
    figure = go.Figure(traces)
    figure.update_layout(barmode="stack", yaxis_title="Calls per day", bargap=0.1)
    return compact(figure, 360)


def funnel_chart(stages: pl.DataFrame, value: str, colour: str = BLUE) -> go.Figure:
    """A funnel of stages, each shown with its share of the first."""
    figure = go.Figure(
        go.Funnel(
            y=stages.get_column("stage").to_list(),
            x=stages.get_column(value).to_list(),
            textinfo="value+percent initial",
            marker_color=colour,
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    return compact(figure, 320, hovermode="closest")


def needs_chart(needs: pl.DataFrame) -> go.Figure:
    """Needs identified by type, largest first."""
    keys = needs.get_column("need").to_list()
    return ranked_bars(
        keys,
        needs.get_column("needs").to_list(),
        "Needs identified on the period's calls",
        names={k: plain(k) for k in keys},
        hover="%{y}: %{x:,} needs",
        colour=ORANGE,
    )


def reach_rate_chart(
    rates: pl.DataFrame, dimension: str, names: Mapping[str, str], chosen: str | None
) -> go.Figure:
    """Reach rate per team or area, worst first; a click filters the follow-up list."""
    figure = ranked_bars(
        rates.get_column(dimension).to_list(),
        rates.get_column("reach_rate").to_list(),
        "Calls that reached the resident (%)",
        names=names,
        chosen=chosen,
        hover="%{y}: %{x:.1f}% of %{text} calls",
    )
    figure.update_traces(text=[f"{n:,}" for n in rates["calls"].to_list()], textposition="none")
    figure.update_xaxes(range=[0, 100])
    return figure


def attempts_chart(attempts: pl.DataFrame) -> go.Figure:
    """On which call residents were first reached, beside those still trying."""
    labels = attempts.get_column("attempts").to_list()
    figure = go.Figure(
        [
            go.Bar(
                x=labels,
                y=attempts["reached"].to_list(),
                name="Reached on this call",
                marker_color=GREEN,
            ),
            go.Bar(
                x=labels,
                y=attempts["not_yet_reached"].to_list(),
                name="Not reached yet after this many calls",
                marker_color=GREY,
            ),
        ]
    )
    figure.update_layout(
        barmode="group",
        xaxis={"title": "Calls made to the resident", "type": "category"},
        yaxis_title="Cohort residents",
    )
    return compact(figure, 320)
