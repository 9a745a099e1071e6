"""Headline tiles as ``st.metric`` rows, each with its red/amber/green state."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import streamlit as st

from data_access.errors import ConfigurationError
from data_access.filters import Filters
from data_access.scope import Scope
from figures.headlines import Headline
from figures.respect import RespectTile, shown_tile
from figures.suppression import HIDDEN, SUPPRESSED
from figures.targets import Assessment, assess, load_targets
from figures.tiles import Tile, shown_change, shown_value
from ui.context import PageContext
from ui.filters import filter_query_params

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
    return _judged([(subject, item) for item in tiles], context.filters, context.scope)


def _judged(
    tiles: Sequence[tuple[str, Tile]], filters: Filters, scope: Scope
) -> list[Assessment | None]:
    """Each (subject, tile) against its target in the targets file, for this view."""
    try:
        targets = load_targets()
    except ConfigurationError as error:
        st.warning(f"Targets are not shown. {error}", icon=":material/flag:")
        return [None] * len(tiles)
    return [
        assess(item, targets.get(subject, {}).get(item.label), filters, scope)
        for subject, item in tiles
    ]


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


def _metric(
    item: Tile,
    value: str,
    delta: str | None,
    trend: Sequence[float | None] | None = None,
    compared_with: str = "previous period",
) -> None:
    """One tile as every page draws it, whatever decided its shown value and change."""
    against = (
        "the previous period of equal length" if compared_with == "previous period"
        else compared_with
    )  # fmt: skip
    st.metric(
        item.label,
        value,
        delta=delta,
        delta_color="normal" if item.higher_is_better else "inverse",
        delta_description=f"vs {compared_with}" if delta else None,
        help=f"{item.help} Change is against {against}."
        + (" The line shows the last 12 weeks." if trend else ""),
        border=True,
        # st.metric takes numbers only: a week not shown (suppressed, no data) is NaN, a gap.
        chart_data=[math.nan if v is None else v for v in trend] if trend else None,
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


def headline_tiles(
    headlines: Sequence[Headline],
    trends: Mapping[str, Sequence[float | None]],
    filters: Filters,
    scope: Scope,
    suppress: bool,
    per_row: int | None = None,
    compared_with: str = "previous period",
) -> None:
    """Overview and Huddle tiles: value, change, a 12-week line and the target state.

    Rows of ``per_row`` equal columns, so tiles line up from one subject to the next.
    Incident tiles go through suppression when ``suppress``, and a hidden value shows no
    target state (an "off target" beside "<5" would narrow it down).
    """
    if not headlines:
        return
    per_row = per_row or len(headlines)
    judged = _judged([(h.subject, h.tile) for h in headlines], filters, scope)
    for start in range(0, len(headlines), per_row):
        columns = st.columns(per_row)
        chunk = zip(
            headlines[start : start + per_row], judged[start : start + per_row], strict=True
        )
        for column, (headline, assessment) in zip(columns, chunk, strict=False):
            with column:
                _headline(headline, trends, assessment, suppress, compared_with)


def subject_heading(title: str, link: tuple[str, str] | None) -> None:
    """A subject's heading with a link to its page, opened on the same filters."""
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    left.subheader(title)
    if link is not None:
        right.page_link(
            link[0],
            label=f"Open {link[1]}",
            icon=":material/arrow_forward:",
            query_params=filter_query_params(),
            help=f"The {link[1]} page with the same period, regions and areas.",
        )


def _headline(
    headline: Headline,
    trends: Mapping[str, Sequence[float | None]],
    assessment: Assessment | None,
    suppress: bool,
    compared_with: str,
) -> None:
    item = headline.tile
    if headline.respect is not None:
        value, change = shown_tile(headline.respect, suppress)
        if suppress and value in (SUPPRESSED, HIDDEN):
            assessment = None
    else:
        value, change = shown_value(item.value, item.unit), shown_change(item.change, item.unit)
    _metric(item, value, change, trends.get(item.label), compared_with)
    _badge(item, assessment)
