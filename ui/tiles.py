"""Headline tiles as ``st.metric`` rows, each with its red/amber/green state."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from data_access.errors import ConfigurationError
from figures.respect import RespectTile, shown_tile
from figures.targets import Assessment, assess, load_targets
from figures.tiles import Tile, shown_change, shown_value
from ui.context import PageContext

_STATES = {
    "green": ("On target", "green", ":material/check_circle:"),
    "amber": ("Near target", "orange", ":material/warning:"),
    "red": ("Off target", "red", ":material/error:"),
}


def _assessments(
    tiles: Sequence[Tile], subject: str | None, context: PageContext | None
) -> list[Assessment | None]:
    if subject is None or context is None:
        return [None] * len(tiles)
    try:
        targets = load_targets().get(subject, {})
    except ConfigurationError as error:
        st.warning(f"Targets are not shown. {error}", icon=":material/flag:")
        return [None] * len(tiles)
    return [assess(item, targets.get(item.label), context.filters, context.scope) for item in tiles]


def _badge(item: Tile, assessment: Assessment | None) -> None:
    if assessment is None:
        return
    text, colour, icon = _STATES[assessment.status]
    sign = "≥" if item.higher_is_better else "≤"
    st.badge(
        f"{text} (target {sign} {shown_value(assessment.green, item.unit)})",
        icon=icon,
        color=colour,
    )


def _metric(item: Tile, value: str, delta: str | None) -> None:
    """One tile as every page draws it, whatever decided its shown value and change."""
    st.metric(
        item.label,
        value,
        delta=delta,
        delta_color="normal" if item.higher_is_better else "inverse",
        delta_description="vs previous period" if delta else None,
        help=f"{item.help} Change is against the previous period of equal length.",
        border=True,
    )


def metric_row(
    tiles: Sequence[Tile],
    subject: str | None = None,
    context: PageContext | None = None,
) -> None:
    """One row of tiles (incident counts go through ``respect_metric_row`` instead).

    With a subject and context, each tile also shows its state against the targets file.
    """
    assessments = _assessments(tiles, subject, context)
    for column, item, assessment in zip(st.columns(len(tiles)), tiles, assessments, strict=True):
        with column:
            _metric(item, shown_value(item.value, item.unit), shown_change(item.change, item.unit))
            _badge(item, assessment)


def respect_metric_row(tiles: Sequence[RespectTile], suppress: bool) -> None:
    """Respect tiles as the viewer may see them (values and changes through suppression)."""
    for column, item in zip(st.columns(len(tiles)), tiles, strict=True):
        with column:
            _metric(item.tile, *shown_tile(item, suppress))
