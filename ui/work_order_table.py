"""The repairs work-order table: a listing, the clicked bars, sorting, paging, downloads."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
import streamlit as st

from figures.repairs_backlog import LISTINGS, Listing
from ui.context import PageContext
from ui.row_table import rows_with_downloads, with_names

_WHEN = "DD MMM YYYY HH:mm"
COLUMNS = {
    "work_order_id": st.column_config.TextColumn("Work order"),
    "area_id": None,  # in the downloads, not on screen
    "area_name": st.column_config.TextColumn("Area"),
    "trade": st.column_config.TextColumn("Trade"),
    "priority_code": st.column_config.TextColumn("Priority"),
    "contractor": st.column_config.TextColumn("Contractor"),
    "reported_at": st.column_config.DatetimeColumn("Reported", format=_WHEN),
    "target_at": st.column_config.DatetimeColumn("Target", format=_WHEN),
    "completed_at": st.column_config.DatetimeColumn("Completed", format=_WHEN),
    "cancelled_at": st.column_config.DatetimeColumn("Cancelled", format=_WHEN),
    "status": st.column_config.TextColumn("Status now"),
    "overdue_at_period_end": st.column_config.CheckboxColumn("Overdue at period end"),
    "first_visit_fix": st.column_config.CheckboxColumn("First-visit fix"),
    "appointment_kept": st.column_config.CheckboxColumn("Appointment kept"),
    "cost": st.column_config.NumberColumn("Cost", format="£%.2f"),
}


def listing_choice() -> Listing:
    """Which work orders the table lists (the charts above show the open ones)."""
    return st.segmented_control(
        "Work orders",
        list(LISTINGS),
        format_func=LISTINGS.get,
        default="open",
        key="wo_listing",
        required=True,
    )


def work_order_table(rows: pl.DataFrame, context: PageContext, names: Mapping[str, str]) -> None:
    """The paged table of ``rows`` and, for export roles, the same rows to download."""
    rows_with_downloads(
        with_names(rows, {"area_id": names}),
        "work-orders",
        COLUMNS,
        default_sort="reported_at",
        context=context,
        empty_message="No work orders match this listing and selection.",
        descending=False,
    )
