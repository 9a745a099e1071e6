"""The incident list: shown one by one only to roles allowed, and every view logged first.

A view is logged before the rows are drawn; if the log cannot be written the list is
not shown. Reruns of the same view in the same session within ``RELOG_AFTER`` (a sort,
a page of the table) are one view, not many.
"""

from __future__ import annotations

import time

import streamlit as st

from audit.access_log import access_log
from data_access.snapshot import Snapshot
from figures.names import team_names
from figures.respect_rows import Cell, incident_list, period_of
from ui.context import PageContext
from ui.data import area_names
from ui.row_table import rows_with_downloads, with_names

RELOG_AFTER = 600.0  # seconds
_LAST_LOGGED = "_incident_list_logged"
_WHEN = "DD MMM YYYY HH:mm"
COLUMNS = {
    "incident_id": st.column_config.TextColumn("Incident"),
    "occurred_at": st.column_config.DatetimeColumn("Occurred", format=_WHEN),
    "reported_at": st.column_config.DatetimeColumn("Reported", format=_WHEN),
    "team_id": None,
    "team_name": st.column_config.TextColumn("Team"),
    "area_id": None,
    "area_name": st.column_config.TextColumn("Area"),
    "channel": st.column_config.TextColumn("Channel"),
    "incident_type": st.column_config.TextColumn("Type"),
    "severity": st.column_config.NumberColumn("Severity"),
    "staff_working_from_home": st.column_config.CheckboxColumn("From home"),
    "injury": st.column_config.CheckboxColumn("Injury"),
    "riddor_reportable": st.column_config.CheckboxColumn("RIDDOR"),
    "days_incapacitated": st.column_config.NumberColumn("Days off"),
    "action_taken": st.column_config.TextColumn("Action"),
    "action_at": st.column_config.DatetimeColumn("Action at", format=_WHEN),
    "days_to_action": st.column_config.NumberColumn("Days to action", format="%.1f"),
    "resident_id": st.column_config.TextColumn("Resident"),
}


def view_description(context: PageContext, snapshot: Snapshot, cell: Cell | None) -> dict:
    """What the log records of a view: the period, regions, areas and chosen cell."""
    period = period_of(snapshot, context.filters)
    regions = context.scope.narrowed(context.filters.regions).regions
    return {
        "period": period.label(),
        "regions": ["all"] if regions is None else sorted(regions),
        "areas": list(context.filters.areas),
        "cell": None if cell is None else cell.param,
    }


def _log_once(context: PageContext, described: dict, rows: int) -> None:
    key = repr(sorted(described.items()))
    last = st.session_state.get(_LAST_LOGGED)
    if last is not None and last[0] == key and time.monotonic() - last[1] < RELOG_AFTER:
        return
    viewer = context.viewer
    access_log().record(viewer.username, str(viewer.role), described, rows)
    st.session_state[_LAST_LOGGED] = (key, time.monotonic())


def logged_incident_list(
    context: PageContext, snapshot: Snapshot, reference: Snapshot, cell: Cell | None
) -> None:
    """The list for roles that may see incident detail; nothing at all for the others."""
    if not context.viewer.sees_incident_detail:
        return
    st.subheader("Incident list")
    rows = incident_list(snapshot, context.filters, context.scope, cell)
    try:
        _log_once(context, view_description(context, snapshot, cell), rows.height)
    except Exception as error:  # no log entry, no list
        st.error(
            f"The incident list is not shown: its view could not be logged ({error}).",
            icon=":material/lock:",
        )
        return
    st.caption(
        "Each view of this list is logged (who, when, which filters); directors can read the log."
    )
    names = {"area_id": area_names(context.scope), "team_id": team_names(reference)}
    rows_with_downloads(
        with_names(rows, names),
        "incidents",
        COLUMNS,
        default_sort="occurred_at",
        context=context,
        empty_message="No incidents match this period and selection.",
    )
