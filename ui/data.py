"""Fetching snapshots for a page, with plain-English errors and a "Data as at" line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import streamlit as st

from data_access.errors import ConfigurationError, DataUnavailable
from data_access.schema import AREAS
from data_access.scope import Scope
from data_access.shared import current_store
from data_access.snapshot import Snapshot
from data_access.store import SnapshotStore
from data_access.subjects import REFERENCE, SUBJECTS
from figures.freshness import freshness, freshness_limits, stale_note
from figures.warm import warm_default_views


def _store() -> SnapshotStore:
    """The shared store, whose refreshes warm the default views (figures.warm)."""
    return current_store(warm=warm_default_views)


def subject_snapshot(key: str) -> Snapshot | None:
    """The subject's shared snapshot, or None after showing why it is unavailable."""
    label = SUBJECTS[key].label
    try:
        return _store().get(key)
    except DataUnavailable as error:
        st.error(f"{label} data cannot be shown. {error}", icon=":material/database:")
        return None


def data_as_at(snapshot: Snapshot) -> None:
    """The freshness line every page shows under its title, with any exclusions, and a
    warning when the latest record is older than the subject's limit (a stopped feed)."""
    excluded = sum(snapshot.excluded.values())
    note = f"Data as at {snapshot.read_at:%d %b %Y %H:%M}"
    if snapshot.latest_day is not None:
        note += f" · latest record {snapshot.latest_day:%d %b %Y}"
    if excluded:
        note += f" · {excluded:,} rows that break the data contract are excluded (see Data quality)"
    st.caption(note)
    error = _store().refresh_error(snapshot.subject.key)
    if error:
        st.warning(f"The latest refresh failed, so older data is shown. {error}")
    _freshness_warning(snapshot)


def _freshness_limits() -> Mapping[str, int] | None:
    """The freshness limits, or None after a warning naming what is wrong with the file."""
    try:
        return freshness_limits()
    except ConfigurationError as error:
        st.warning(f"Freshness limits are not checked. {error}", icon=":material/schedule:")
        return None


def stale_notes(snapshots: Iterable[Snapshot]) -> list[str]:
    """Each subject whose latest record is older than its limit, named for the screen."""
    limits = _freshness_limits()
    if limits is None:
        return []
    notes = []
    for snapshot in snapshots:
        state = freshness(snapshot, limits)
        if state.stale:
            notes.append(stale_note(snapshot.subject.label, snapshot, state))
    return notes


def _freshness_warning(snapshot: Snapshot) -> None:
    for note in stale_notes([snapshot]):
        st.warning(
            f"Out of date: {note}. The feed may have stopped, so these figures may be behind.",
            icon=":material/schedule:",
        )


def all_snapshots(keys: Sequence[str]) -> dict[str, Snapshot | None]:
    """Several subjects' snapshots (None, after saying why, for any that is unavailable)."""
    return {key: subject_snapshot(key) for key in keys}


def area_names(scope: Scope) -> dict[str, str]:
    """Area id → name for the areas the viewer may see (ids alone mean little to people)."""
    try:
        areas = _store().get(REFERENCE.key).scoped(AREAS, scope)
    except DataUnavailable:
        return {}
    return dict(areas.select(AREAS.c.area_id.name, AREAS.c.area_name.name).iter_rows())
