"""A suppressed table as text, with its totals, for the page and for downloads.

The page shows and the downloads hold the same strings ("<5", "[c]", "1,234"), built
from a ``ProtectedTable`` that has no value for a hidden entry: nothing here can leak
what suppression hid.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
import streamlit as st

from figures.suppression import ProtectedTable
from ui.context import PageContext
from ui.downloads import export_buttons

TOTAL = "Total"


def shown_rows(
    table: ProtectedTable,
    row_title: str,
    row_names: Mapping | None = None,
    column_names: Mapping | None = None,
) -> pl.DataFrame:
    """One row per row key (plus a Total row), one text column per column key (plus Total)."""
    rows, columns = (row_names or {}), (column_names or {})
    column_keys = table.column_totals.get_column(table.columns).to_list()
    headers = [str(columns.get(key, key)) for key in column_keys]
    shown: dict = {}
    for row, column, text in table.cells.select(table.rows, table.columns, "shown").iter_rows():
        shown.setdefault(row, {})[column] = text
    row_totals = dict(table.row_totals.select(table.rows, "shown").iter_rows())
    records = [
        {
            row_title: str(rows.get(row, row)),
            **{h: shown[row][k] for h, k in zip(headers, column_keys, strict=True)},
            TOTAL: row_totals[row],
        }
        for row in table.row_totals.get_column(table.rows).to_list()
    ]
    column_totals = dict(table.column_totals.select(table.columns, "shown").iter_rows())
    records.append(
        {
            row_title: TOTAL,
            **{h: column_totals[k] for h, k in zip(headers, column_keys, strict=True)},
            TOTAL: table.total_shown,
        }
    )
    return pl.DataFrame(records, schema=dict.fromkeys([row_title, *headers, TOTAL], pl.String))


def protected_table(
    context: PageContext, frame: pl.DataFrame, key: str, label: str = "Table and download"
) -> None:
    """The shown table in an expander, with downloads for roles allowed to export."""
    with st.expander(label):
        st.dataframe(frame, hide_index=True, width="stretch")
        export_buttons(frame, f"doorstep-{key}", context.viewer, key=key)
