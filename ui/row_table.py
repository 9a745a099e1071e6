"""A paged, sortable table of rows with its CSV and Excel downloads (for export roles)."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
import streamlit as st

from ui.context import PageContext
from ui.downloads import export_buttons
from ui.paged_table import paged_table


def rows_with_downloads(
    rows: pl.DataFrame,
    key: str,
    columns: Mapping[str, object],
    default_sort: str,
    context: PageContext,
    empty_message: str,
    descending: bool = True,
) -> None:
    """The rows a chart click chose; the downloads hold every row, not just the page shown."""
    if rows.is_empty():
        st.info(empty_message, icon=":material/inbox:")
        return
    paged_table(rows, key, columns, default_sort=default_sort, descending=descending)
    export_buttons(rows, f"doorstep-{key}", context.viewer, key=key)


def with_names(rows: pl.DataFrame, names: Mapping[str, Mapping[str, str]]) -> pl.DataFrame:
    """Each id column gains a readable ``<id>_name`` beside it; the ids stay for downloads."""
    for column, lookup in names.items():
        if column not in rows.columns:
            continue
        name = column.removesuffix("_id") + "_name"
        label = pl.col(column).cast(pl.String)
        rows = rows.with_columns(
            label.replace_strict(dict(lookup), default=label, return_dtype=pl.String).alias(name)
        )
        order = list(rows.columns)
        order.remove(name)
        order.insert(order.index(column) + 1, name)
        rows = rows.select(order)
    return rows
