"""A sortable, paged table: large listings sorted on the server, sent a page at a time.

Sending a hundred thousand rows to the browser on every rerun would stall the page;
one page of them is instant, and the sort applies to every row, not just the page.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
import streamlit as st

PAGE_SIZE = 100


def paged_table(
    frame: pl.DataFrame,
    key: str,
    column_config: Mapping[str, object],
    default_sort: str,
    descending: bool = True,
) -> None:
    """Sort and page controls above one page of ``frame``."""
    labels = {
        name: config.get("label") or name
        for name, config in column_config.items()
        if name in frame.columns and isinstance(config, dict)
    }
    sortable = [name for name in frame.columns if name in labels]
    pages = max(1, -(-frame.height // PAGE_SIZE))
    page_key = f"{key}-page"
    if st.session_state.get(page_key, 1) > pages:
        st.session_state[page_key] = 1
    sort_col, order_col, page_col = st.columns([3, 2, 2], vertical_alignment="bottom")
    sort_by = sort_col.selectbox(
        "Sort by",
        sortable,
        index=sortable.index(default_sort) if default_sort in sortable else 0,
        format_func=lambda name: labels.get(name, name),
        key=f"{key}-sort",
    )
    newest_first = order_col.toggle("Descending", value=descending, key=f"{key}-descending")
    page = page_col.number_input("Page", 1, pages, step=1, key=page_key)
    first = (int(page) - 1) * PAGE_SIZE
    shown = frame.sort(sort_by, descending=newest_first, nulls_last=True).slice(first, PAGE_SIZE)
    st.dataframe(
        shown,
        column_config=dict(column_config),
        hide_index=True,
        width="stretch",
    )
    last = min(first + PAGE_SIZE, frame.height)
    shown_from = first + 1 if frame.height else 0
    st.caption(f"Rows {shown_from:,} to {last:,} of {frame.height:,} (page {page} of {pages}).")
