"""Service with Respect: where and when staff face abuse, and how fast the organisation acts.

Layout only. Every count reaches the screen through the suppression rule; the incident
list is for directors and safety leads, and each view of it is logged.
"""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import streamlit as st

from charts import respect as charts
from data_access.schema import CHANNELS, INCIDENT_TYPES
from data_access.subjects import REFERENCE, RESPECT
from figures import respect
from figures import respect_breakdowns as breakdowns
from figures.names import team_names
from figures.respect_rows import WEEKDAYS, Cell, month_label
from figures.suppression import shown_when_enough
from ui.context import PageContext
from ui.data import subject_snapshot
from ui.drill import clickable_chart, drill_banner
from ui.incident_list import logged_incident_list
from ui.layout import subject_header
from ui.protected_table import protected_table, shown_rows
from ui.tiles import respect_metric_row

CELL_PARAM = "inc_cell"
DAY_NAMES = {day: name for day, name in enumerate(WEEKDAYS, start=1)}
HOUR_NAMES = {hour: f"{hour:02d}:00" for hour in range(24)}
SUPPRESSION_NOTE = (
    "To protect the staff involved, counts from 1 to 4 show as **<5**, and **[c]** hides"
    " another count where a <5 could otherwise be worked out from the totals."
)


def _cell_label(cell: Cell, teams: dict[str, str]) -> str:
    if cell.heatmap == "when":
        hour = int(cell.column)
        return f"{DAY_NAMES.get(int(cell.row), cell.row)} {hour:02d}:00 to {hour:02d}:59"
    if cell.heatmap == "team":
        return f"{teams.get(cell.row, cell.row)} in {month_label(cell.column)}"
    return f"{cell.row.replace('_', ' ')}, {cell.column.replace('_', ' ')}"


def _chosen(cell: Cell | None, heatmap: str) -> tuple[str, str] | None:
    return (cell.row, cell.column) if cell is not None and cell.heatmap == heatmap else None


def _heatmap(context: PageContext, grid, heatmap: str, cell, names: tuple, title: str) -> None:
    suppress = not context.viewer.sees_incident_detail
    table = grid.protected(suppress)
    rows, columns = names
    figure = charts.heatmap_grid(table, heatmap, rows, columns, _chosen(cell, heatmap))
    clickable_chart(figure, f"respect-{heatmap}", CELL_PARAM)
    protected_table(context, shown_rows(table, title, rows, columns), f"incidents-{heatmap}")


def _heatmaps(context: PageContext, snapshot, cell: Cell | None, teams: dict) -> None:
    args = (snapshot, context.filters, context.scope, cell)
    st.subheader("When incidents happen")
    st.caption(
        "Weekday and hour the incident occurred (local time). Click a cell to filter the page."
    )
    _heatmap(context, breakdowns.when_heatmap(*args), "when", cell, (DAY_NAMES, HOUR_NAMES), "Day")
    team_column, channel_column = st.columns(2)
    with team_column:
        st.subheader("Teams by month")
        months = {
            m: month_label(m)
            for m in breakdowns.months_of(context.filters.period(snapshot.latest_day))
        }
        _heatmap(context, breakdowns.team_heatmap(*args), "team", cell, (teams, months), "Team")
    with channel_column:
        st.subheader("Channel and type of incident")
        channels = {key: key.replace("_", " ") for key in CHANNELS}
        types = {key: key.replace("_", " ") for key in INCIDENT_TYPES}
        grid = breakdowns.channel_heatmap(*args)
        _heatmap(context, grid, "channel", cell, (channels, types), "Channel")


def _severity_and_actions(context: PageContext, snapshot, cell: Cell | None) -> None:
    args = (snapshot, context.filters, context.scope, cell)
    suppress = not context.viewer.sees_incident_detail
    severity, actions = st.columns(2)
    with severity:
        st.subheader("Severity each week")
        table = breakdowns.severity_by_week(*args).protected(suppress)
        st.plotly_chart(charts.stacked_by_week(table), config={"displayModeBar": False})
        st.caption(
            "1 rude or unreasonable to 6 assault with injury; weeks end on the period's last day."
        )
    with actions:
        st.subheader("Action taken")
        grid, days = breakdowns.actions_taken(*args)
        table = grid.protected(suppress)
        medians = {
            action: " · median "
            + shown_when_enough(
                "n/a" if median is None else f"{median:.1f} days", actioned, suppress
            )
            for action, actioned, median in days.iter_rows()
        }
        plain = {action: action.replace("_", " ") for action in medians}
        st.plotly_chart(
            charts.protected_bars(table, plain, medians), config={"displayModeBar": False}
        )
        st.caption(
            "From no action to tenancy enforcement; hover for median days from report to action."
        )


def _home_or_on_site(context: PageContext, snapshot, cell: Cell | None) -> None:
    st.subheader("Working from home against in the office or on site")
    grid = breakdowns.home_or_on_site_by_channel(snapshot, context.filters, context.scope, cell)
    table = grid.protected(not context.viewer.sees_incident_detail)
    plain = {key: key.replace("_", " ") for key in CHANNELS}
    st.plotly_chart(
        charts.protected_bars(table, plain, height=360), config={"displayModeBar": False}
    )
    protected_table(context, shown_rows(table, "Channel", plain), "incidents-home-or-site")


def render() -> None:
    ready = subject_header("Service with Respect", RESPECT)
    if ready is None:
        return
    context, snapshot = ready
    reference = subject_snapshot(REFERENCE.key)
    if reference is None:
        return
    suppress = not context.viewer.sees_incident_detail
    if suppress:
        st.caption(SUPPRESSION_NOTE)
    teams = team_names(reference)
    cell = breakdowns.chosen_cell(
        snapshot, context.filters, context.scope, st.query_params.get(CELL_PARAM)
    )
    respect_metric_row(
        respect.headline_tiles(snapshot, context.filters, context.scope, cell), suppress
    )
    if cell is not None:
        drill_banner(
            {"cell": cell.param},
            {"cell": "incidents at"},
            {"cell": {cell.param: _cell_label(cell, teams)}},
            {"cell": CELL_PARAM},
            key="inc_clear",
        )
    _heatmaps(context, snapshot, cell, teams)
    _severity_and_actions(context, snapshot, cell)
    _home_or_on_site(context, snapshot, cell)
    logged_incident_list(context, snapshot, reference, cell)


render()
