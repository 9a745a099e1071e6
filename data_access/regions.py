"""Give every row its region (and area), following the contract's rules, once per refresh.

Residents, calls, cohort rows and referrals take the resident's area's region;
repairs and damp-and-mould cases their area's; incidents their area's, else their
team's. Rows with no region stay NULL: only all-region viewers see them. Tables that
reach an area only through a resident or a call also gain that ``area_id``, so the
area filter works the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl
from sqlalchemy import Column

from data_access.frames import aligned_to
from data_access.parent_rows import KEY_HASH, PARENT_KEY, parent_rows
from data_access.schema import (
    AREAS,
    DAMP_MOULD_CASES,
    FOOD_REFERRALS,
    INCIDENTS,
    OUTREACH_CALLS,
    OUTREACH_COHORT,
    OUTREACH_NEEDS,
    REPAIRS,
    RESIDENTS,
    TEAMS,
)
from data_access.scope import REGION

#: The row's area: a contract column on some tables, derived on the others.
AREA = AREAS.c.area_id.name

_BY_AREA = (RESIDENTS.name, REPAIRS.name, DAMP_MOULD_CASES.name)
_BY_RESIDENT = (OUTREACH_CALLS.name, OUTREACH_COHORT.name, FOOD_REFERRALS.name)
_OWN_REGION = (AREAS.name, TEAMS.name)
#: Tables whose region comes from the area list (incidents: else the team list).
_LISTED = (*_BY_AREA, INCIDENTS.name)
#: Tables tagged through one foreign key to a large parent: the tagging join also tells
#: whether the parent row exists, so the orphan check need not look the keys up again.
JOINED_PARENT: dict[str, tuple[Column, str]] = {
    OUTREACH_CALLS.name: (OUTREACH_CALLS.c.resident_id, RESIDENTS.name),
    OUTREACH_COHORT.name: (OUTREACH_COHORT.c.resident_id, RESIDENTS.name),
    FOOD_REFERRALS.name: (FOOD_REFERRALS.c.resident_id, RESIDENTS.name),
    OUTREACH_NEEDS.name: (OUTREACH_NEEDS.c.call_id, OUTREACH_CALLS.name),
}
#: Foreign keys to a large parent that are only checked, not followed for a region
#: (incidents take theirs from area or team): the same keyed lookup answers the orphan
#: rule, so 600,000 resident ids are not rebuilt into an ``is_in`` set on every load.
LOOKED_UP_PARENT: dict[str, tuple[Column, str]] = {
    INCIDENTS.name: (INCIDENTS.c.resident_id, RESIDENTS.name),
}
KEYED_PARENT = {**JOINED_PARENT, **LOOKED_UP_PARENT}
PARENT_FOUND = "_parent_found"
#: A ``JOINED_PARENT`` child keeps the row its parent was found at (``PARENT_ROW``): in
#: the parent's rows as read when both are read in one load (needs of calls; the calls
#: then keep ``ROW_AS_READ``), else in the reference's keyed parents (calls and cohort
#: rows of a resident). The load has matched them already, so figures follow a row to
#: its parent, or pair two rows of one resident, by number instead of by text. Numbers
#: compare only within one snapshot: another subject's may come from another reference.
ROW_AS_READ, PARENT_ROW = "_row_as_read", "_parent_row"


def _lookup(source: pl.DataFrame | None, key: Column, carried: list[str]) -> pl.DataFrame:
    """``key → carried columns`` (categorical), one row per key (empty if no source).

    Every source is keyed by its primary key and already validated, so keys are unique
    (duplicates are excluded as bad data) and no de-duplication pass is needed.
    """
    if source is None or any(c not in source.columns for c in carried):
        return pl.DataFrame(schema={key.name: pl.String} | dict.fromkeys(carried, pl.Categorical))
    return source.select(pl.col(key.name), *(pl.col(c).cast(pl.Categorical) for c in carried))


def _join(frame: pl.DataFrame, key: Column, lookup: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with ``lookup``'s other columns on each row (null where its key is absent).

    Only the key column goes through the join and the looked-up columns are set beside
    the frame, so its own columns are not copied (lookup keys are unique).
    """
    keyed = lookup.with_columns(pl.col(key.name).cast(frame.schema[key.name]))
    looked_up = frame.select(key.name).join(keyed, on=key.name, how="left", maintain_order="left")
    if looked_up.height != frame.height:  # a duplicated lookup key: let the join add rows
        return frame.join(keyed, on=key.name, how="left", maintain_order="left")
    return pl.concat([frame, aligned_to(looked_up.drop(key.name), frame)], how="horizontal")


def _tag(frame: pl.DataFrame, key: Column, source: pl.DataFrame | None) -> pl.DataFrame:
    """Add the source's region (and area, when the frame has none) through ``key``."""
    carried = [REGION] if AREA in frame.columns else [REGION, AREA]
    return _join(frame, key, _lookup(source, key, carried))


def _listed_region(key: str, source: pl.DataFrame | None, source_key: Column) -> pl.Expr:
    """The region of the list row (area or team) whose key is the row's ``key`` text; null
    where the key is not listed, or there is no list.

    Lists are validated (a repeated key is excluded as bad data); should one arrive
    repeated anyway, its first row counts, so a row never gains a second region.
    """
    if source is None or REGION not in source.columns or source.height == 0:
        return pl.lit(None, dtype=pl.Categorical)
    listed = (
        source.select(pl.col(source_key.name).cast(pl.String), pl.col(REGION).cast(pl.String))
        .drop_nulls(source_key.name)
        .unique(source_key.name, keep="first", maintain_order=True)
    )
    keys, regions = listed.get_column(source_key.name), listed.get_column(REGION)
    # Text straight to categorical regions: one hash of each row's key (casting the key
    # to categorical first hashed it twice: 1.7 against 2.1 ms for 30,000 incidents'
    # areas, 23 against 31 ms for 1.2M repairs').
    text = pl.col(key).cast(pl.String)
    return text.replace_strict(
        keys, regions.cast(pl.Categorical), default=None, return_dtype=pl.Categorical
    )


def region_expression(name: str, lookups: Mapping[str, pl.DataFrame]) -> pl.Expr | None:
    """The row's region from the small area list (incidents: else the team list), as one
    expression over the row's own key text; None for tables tagged otherwise, or when the
    area list is not at hand (the reference's own load).

    The one definition of these tables' regions: the snapshot loader evaluates it in the
    type conversion's pass (saving 2 to 3 ms of 30,000 incidents' load, 6 to 12 ms of
    1.2M repairs'), ``add_regions`` for frames that arrive without a region.
    """
    if name not in _LISTED or AREAS.name not in lookups:
        return None
    by_area = _listed_region(AREA, lookups.get(AREAS.name), AREAS.c.area_id)
    if name != INCIDENTS.name:
        return by_area.alias(REGION)
    by_team = _listed_region(INCIDENTS.c.team_id.name, lookups.get(TEAMS.name), TEAMS.c.team_id)
    return pl.coalesce(by_area, by_team).alias(REGION)


def _with_listed_region(
    frame: pl.DataFrame, name: str, lookups: Mapping[str, pl.DataFrame]
) -> pl.DataFrame:
    region = region_expression(name, lookups)
    return frame.with_columns(
        region if region is not None else pl.lit(None, dtype=pl.Categorical).alias(REGION)
    )


def parent_lookup(name: str, parent: pl.DataFrame, ordered: bool = False) -> pl.DataFrame:
    """The parent's key, region and area for a ``KEYED_PARENT`` child, with the key's hash.

    Built once per parent snapshot and shared by every child load: residents serve
    calls, cohort, referrals and incidents, which are refreshed far more often than
    residents. ``ordered`` sorts it by hash, once, so each child's join is a merge.
    """
    key, _ = KEYED_PARENT[name]
    lookup = _lookup(parent, key, [REGION, AREA]).with_columns(
        pl.col(key.name).cast(pl.String).hash().alias(KEY_HASH)
    )
    return lookup.sort(KEY_HASH) if ordered else lookup


def parent_keys(name: str, parent: pl.DataFrame) -> pl.DataFrame:
    """A ``KEYED_PARENT`` child's parent keys with their hashes, from the parent's rows as
    read: enough to find each child's parent row (``find_parent_rows``) before the parent
    is tagged; its region and area are then gathered from the tagged rows, in the same
    order."""
    key = KEYED_PARENT[name][0].name
    return parent.select(pl.col(key), pl.col(key).cast(pl.String).hash().alias(KEY_HASH))


def lookup_key_columns(names: Sequence[str]) -> dict[str, list[str]]:
    """The key columns each of ``names`` (tables read in one load) needs for its keyed
    parent lookups: a child its foreign key, a parent read beside it the same key."""
    columns: dict[str, list[str]] = {name: [] for name in names}
    for child in (name for name in names if name in KEYED_PARENT):
        column, parent = KEYED_PARENT[child]
        for name in (child, parent):
            if name in columns and column.name not in columns[name]:
                columns[name].append(column.name)
    return columns


def find_parent_rows(
    name: str, frame: pl.DataFrame, lookup: pl.DataFrame, slots: pl.DataFrame | None = None
) -> pl.Series:
    """Each row's parent row in a ``KEYED_PARENT`` child's ``parent_lookup`` (null if none).

    Works on the rows as read or as converted (the key is text either way), so a
    snapshot finds parents while the types are still being converted.
    """
    key, _ = KEYED_PARENT[name]
    keys = frame.get_column(key.name).cast(pl.String)
    keyed = lookup.select(pl.col(key.name).cast(pl.String).alias(PARENT_KEY), KEY_HASH)
    return parent_rows(keys, keyed, slots)


def tag_through_parent(frame: pl.DataFrame, lookup: pl.DataFrame, rows: pl.Series) -> pl.DataFrame:
    """Tag a ``JOINED_PARENT`` table through its parent's ``parent_lookup``.

    ``rows`` comes from ``find_parent_rows``. The frame gains its parent's region (and
    area) and ``PARENT_FOUND``: true where the parent row exists, null where the key is
    orphaned; the caller turns that into the orphan rule, then drops it. ``rows`` is
    kept too, as ``PARENT_ROW``.
    """
    carried = [REGION] if AREA in frame.columns else [REGION, AREA]
    found = pl.when(rows.is_not_null()).then(pl.lit(True)).alias(PARENT_FOUND)
    tags = lookup.select(carried).gather(rows)  # categorical already
    tags = tags.with_columns(found, rows.cast(pl.UInt32).alias(PARENT_ROW))
    return pl.concat([frame, aligned_to(tags, frame)], how="horizontal")


def with_row_numbers(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with each row's number as read (``ROW_AS_READ``), for its children."""
    numbers = pl.int_range(frame.height, dtype=pl.UInt32, eager=True).alias(ROW_AS_READ)
    return pl.concat([frame, aligned_to(numbers.to_frame(), frame)], how="horizontal")


def mark_parent_found(frame: pl.DataFrame, rows: pl.Series) -> pl.DataFrame:
    """Add ``PARENT_FOUND`` to a ``LOOKED_UP_PARENT`` table: true where the parent exists.

    ``rows`` comes from ``find_parent_rows``. Null where the key has no parent row, or
    is null (the caller decides whether a null key breaks a rule).
    """
    flag = pl.select(pl.when(rows.is_not_null()).then(pl.lit(True)).alias(PARENT_FOUND))
    return pl.concat([frame, aligned_to(flag, frame)], how="horizontal")


def without_found(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame without ``PARENT_FOUND``: dropped in place on a shallow copy, a fifth of
    what ``drop``'s query plan costs at 30,000 rows (0.1 against 0.5 ms)."""
    if PARENT_FOUND not in frame.columns:
        return frame
    kept = frame.clone()
    kept.drop_in_place(PARENT_FOUND)
    return kept


def through_parent(
    name: str, frame: pl.DataFrame, lookup: pl.DataFrame, rows: pl.Series
) -> tuple[pl.DataFrame, dict[str, pl.Expr]]:
    """The frame tagged (or only checked) through its keyed parent, and its orphan flag."""
    column = KEYED_PARENT[name][0].name
    if name in JOINED_PARENT:
        tagged = tag_through_parent(frame, lookup, rows)
        return tagged, {column: pl.col(PARENT_FOUND).is_null()}
    # Looked up only: a null key (an incident with no resident) is not an orphan.
    orphan = pl.col(column).is_not_null() & pl.col(PARENT_FOUND).is_null()
    return mark_parent_found(frame, rows), {column: orphan}


def add_regions(
    frames: Mapping[str, pl.DataFrame], lookups: Mapping[str, pl.DataFrame]
) -> dict[str, pl.DataFrame]:
    """Each row-level frame gains a categorical ``region``; lists (priorities...) do not."""
    both = {**lookups, **frames}
    residents = both.get(RESIDENTS.name)
    if residents is not None and REGION not in residents.columns:
        residents = _with_listed_region(residents, RESIDENTS.name, both)
    calls = both.get(OUTREACH_CALLS.name)
    if calls is not None and REGION not in calls.columns:
        calls = _tag(calls, OUTREACH_CALLS.c.resident_id, residents)

    out: dict[str, pl.DataFrame] = {}
    for name, frame in frames.items():
        if name in _OWN_REGION or REGION in frame.columns:
            tagged = frame
        elif name in _LISTED:
            tagged = _with_listed_region(frame, name, both)
        elif name in _BY_RESIDENT:
            tagged = _tag(frame, RESIDENTS.c.resident_id, residents)
        elif name == OUTREACH_NEEDS.name:
            tagged = _tag(frame, OUTREACH_NEEDS.c.call_id, calls)
        else:
            out[name] = frame
            continue
        casts = [
            pl.col(c).cast(pl.Categorical)
            for c in (REGION, AREA)
            if c in tagged.columns and tagged.schema[c] != pl.Categorical
        ]
        # Usually none: an empty ``with_columns`` still plans a query (0.2-0.5 ms).
        out[name] = tagged.with_columns(casts) if casts else tagged
    return out
