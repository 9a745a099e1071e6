"""Food-support charts: weekly referrals, the referral funnel, partners, delivery, areas."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from charts.outreach import funnel_chart, plain
from charts.style import BLUE, GREEN, GREY, LIGHT_BLUE, ORANGE, RED, TEAL, colour_map, compact

STATUS_COLOURS = {
    "fulfilled": GREEN,
    "accepted": BLUE,
    "referred": LIGHT_BLUE,
    "failed": RED,
    "declined": ORANGE,
    "cancelled": GREY,
}
FULFILMENT_COLOURS = {
    "collected": BLUE,
    "delivered_by_partner": TEAL,
    "delivered_by_staff": GREEN,
    "not recorded": GREY,
}
DROP_OUT_COLOURS = {
    "Declined": ORANGE,
    "Cancelled": GREY,
    "Failed": RED,
    "Awaiting acceptance": LIGHT_BLUE,
}


def _stacked_weeks(
    frame: pl.DataFrame, category: str, value: str, fixed: dict[str, str], y_title: str
) -> go.Figure:
    order = [c for c in fixed if c in set(frame.get_column(category).to_list())]
    order += sorted(set(frame.get_column(category).to_list()) - set(order))
    colours = colour_map(order, fixed)
    traces = []
    for name in order:
        rows = frame.filter(pl.col(category) == name)
        traces.append(
            go.Bar(
                x=rows.get_column("week_ending").to_list(),
                y=rows.get_column(value).to_list(),
                name=plain(name),
                marker_color=colours[name],
            )
        )
    figure = go.Figure(traces)
    figure.update_layout(barmode="stack", xaxis_title="Week ending", yaxis_title=y_title)
    return compact(figure, 340)


def weekly_status_chart(weeks: pl.DataFrame) -> go.Figure:
    """Referrals made each week, stacked by where each referral stands now."""
    return _stacked_weeks(weeks, "status", "referrals", STATUS_COLOURS, "Referrals made")


def fulfilment_chart(weeks: pl.DataFrame) -> go.Figure:
    """How fulfilled referrals reached people, week by week."""
    return _stacked_weeks(
        weeks, "fulfilment", "referrals", FULFILMENT_COLOURS, "Referrals fulfilled"
    )


def referral_funnel_chart(stages: pl.DataFrame, funnel: tuple[str, ...]) -> go.Figure:
    """Referred, accepted, fulfilled as a funnel; where the rest went as bars beside it."""
    main = stages.filter(pl.col("stage").is_in(list(funnel)))
    return funnel_chart(main, "referrals", GREEN)


def drop_out_chart(stages: pl.DataFrame, funnel: tuple[str, ...]) -> go.Figure:
    """The referrals that left the funnel, and why."""
    rest = stages.filter(~pl.col("stage").is_in(list(funnel)))
    keys = rest.get_column("stage").to_list()
    figure = go.Figure(
        go.Bar(
            x=keys,
            y=rest.get_column("referrals").to_list(),
            marker_color=[DROP_OUT_COLOURS.get(k, GREY) for k in keys],
            hovertemplate="%{x}: %{y:,}<extra></extra>",
        )
    )
    figure.update_layout(yaxis_title="Referrals", showlegend=False)
    return compact(figure, 320, hovermode="closest")
