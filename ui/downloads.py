"""CSV and Excel downloads of the rows a table shows, for roles allowed to export.

The files are built only when the button is pressed (a callable ``data``), so a
rerun never pays for serialising thousands of rows nobody asked for.
"""

from __future__ import annotations

import io

import polars as pl
import streamlit as st

from auth.roles import Viewer

EXCEL_MAX_ROWS = 1_048_575  # one header row plus Excel's sheet limit


def _plain(frame: pl.DataFrame) -> pl.DataFrame:
    """Categories as text, so both files read the same everywhere."""
    return frame.with_columns(
        pl.col(name).cast(pl.String)
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.Categorical | pl.Enum)
    )


def csv_bytes(frame: pl.DataFrame) -> bytes:
    return _plain(frame).write_csv().encode("utf-8")


def excel_bytes(frame: pl.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    _plain(frame).write_excel(buffer, worksheet=sheet[:31], autofit=True)
    return buffer.getvalue()


def export_buttons(frame: pl.DataFrame, file_stem: str, viewer: Viewer, key: str) -> None:
    """Two download buttons, or a note saying why there are none."""
    if not viewer.may_export:
        st.caption("Your role cannot download these rows.")
        return
    left, right = st.columns(2)
    left.download_button(
        f"Download CSV ({frame.height:,} rows)",
        data=lambda: csv_bytes(frame),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}-csv",
        on_click="ignore",
    )
    too_big = frame.height > EXCEL_MAX_ROWS
    right.download_button(
        "Download Excel" if not too_big else "Too many rows for Excel: use CSV",
        data=lambda: excel_bytes(frame, file_stem),
        file_name=f"{file_stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        key=f"{key}-xlsx",
        disabled=too_big,
        on_click="ignore",
    )
