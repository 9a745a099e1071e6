"""Headline tiles as ``st.metric`` rows."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from figures.suppression import shown_count
from figures.tiles import Tile


def _plain(value: float | int | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def metric_row(tiles: Sequence[Tile], suppress_small_counts: bool = False) -> None:
    """One row of tiles. Suppressed rows show 1-4 as "<5" and no change (it would tell)."""
    for column, item in zip(st.columns(len(tiles)), tiles, strict=True):
        if suppress_small_counts:
            value = shown_count(None if item.value is None else int(item.value), suppress=True)
            delta = None
        else:
            value = _plain(item.value)
            delta = None if item.change is None else f"{item.change:+,.0f}"
        column.metric(
            item.label,
            value,
            delta=delta,
            delta_color="normal" if item.higher_is_better else "inverse",
            help=f"{item.help} Change is against the previous period of equal length.",
            border=True,
        )
