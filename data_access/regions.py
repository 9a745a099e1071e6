"""Give every row its region (and area), following the contract's rules, once per refresh.

Residents, calls, cohort rows and referrals take the resident's area's region;
repairs and damp-and-mould cases their area's; incidents their area's, else their
team's. Rows with no region stay NULL: only all-region viewers see them. Tables that
reach an area only through a resident or a call also gain that ``area_id``, so the
area filter works the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
from sqlalchemy import Column

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
KEY_HASH, _PARENT_KEY, _CHILD_KEY = "_key_hash", "_parent_key", "_child_key"
_TEAM_REGION = "_team_region"


def _lookup(source: pl.DataFrame | None, key: Column, carried: list[str]) -> pl.DataFrame:
    """``key → carried columns`` (categorical), one row per key (empty if no source).

    Every source is keyed by its primary key and already validated, so keys are unique
    (duplicates are excluded as bad data) and no de-duplication pass is needed.
    """
    if source is None or any(c not in source.columns for c in carried):
        return pl.DataFrame(schema={key.name: pl.String} | dict.fromkeys(carried, pl.Categorical))
    return source.select(pl.col(key.name), *(pl.col(c).cast(pl.Categorical) for c in carried))


def _join(frame: pl.DataFrame, key: Column, lookup: pl.DataFrame) -> pl.DataFrame:
    keyed = lookup.with_columns(pl.col(key.name).cast(frame.schema[key.name]))
    return frame.join(keyed, on=key.name, how="left", maintain_order="left")


def _tag(frame: pl.DataFrame, key: Column, source: pl.DataFrame | None) -> pl.DataFrame:
    """Add the source's region (and area, when the frame has none) through ``key``."""
    carried = [REGION] if AREA in frame.columns else [REGION, AREA]
    return _join(frame, key, _lookup(source, key, carried))


def _incident_regions(frame: pl.DataFrame, both: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    by_area = _tag(frame, INCIDENTS.c.area_id, both.get(AREAS.name))
    teams = _lookup(both.get(TEAMS.name), TEAMS.c.team_id, [REGION])
    with_team = _join(by_area, INCIDENTS.c.team_id, teams.rename({REGION: _TEAM_REGION}))
    return with_team.with_columns(pl.coalesce(REGION, _TEAM_REGION).alias(REGION)).drop(
        _TEAM_REGION
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


def _matched(hashes: pl.Series, keyed: pl.DataFrame) -> pl.DataFrame | None:
    """``keyed``'s row (or nulls) for each hash, in the hashes' order; None if two share one.

    Against a lookup sorted by hash, the hashes are sorted too and the two merged (a
    tenth of the cost of hashing 600,000 parents on every load), then put back.
    """
    if not keyed.get_column(KEY_HASH).flags["SORTED_ASC"]:
        joined = hashes.to_frame(KEY_HASH).join(
            keyed, on=KEY_HASH, how="left", maintain_order="left"
        )
        return joined.drop(KEY_HASH) if joined.height == hashes.len() else None
    order = hashes.arg_sort()
    ascending = hashes.gather(order).set_sorted().to_frame(KEY_HASH)
    joined = ascending.join(keyed, on=KEY_HASH, how="left", maintain_order="left")
    if joined.height != hashes.len():
        return None
    positions = pl.int_range(hashes.len(), dtype=pl.UInt32, eager=True)
    back = positions.clone().scatter(order, positions)  # row i of the input is row back[i]
    return joined.drop(KEY_HASH).select(pl.all().gather(back))


def _matched_in_order(keys: pl.Series, keyed: pl.DataFrame) -> pl.DataFrame | None:
    """``keyed``'s row with the greatest key not after each key, when both arrive sorted.

    Ids usually come in order (a need's call, in call order), and then one merge over
    the text beats hashing both sides. The caller compares the keys, so a key with no
    parent still finds none. None when either side is unsorted or has a null key.
    """
    parents = keyed.get_column(_PARENT_KEY)
    if parents.dtype != pl.String or keys.null_count() or parents.null_count():
        return None
    if not (keys.is_sorted() and parents.is_sorted()):
        return None
    left = keys.set_sorted().to_frame(_CHILD_KEY)
    right = keyed.drop(KEY_HASH).with_columns(pl.col(_PARENT_KEY).set_sorted())
    merged = left.join_asof(right, left_on=_CHILD_KEY, right_on=_PARENT_KEY, strategy="backward")
    return merged.drop(_CHILD_KEY)


def _matched_keys(keys: pl.Series, keyed: pl.DataFrame) -> pl.DataFrame | None:
    """The parent row each text key meets, for the caller to confirm by comparing keys.

    In key order when both sides arrive sorted, else by hash; None if parents share a
    hash (the caller then looks the text itself up).
    """
    matched = _matched_in_order(keys, keyed)
    return matched if matched is not None else _matched(keys.hash(), keyed)


def tag_through_parent(name: str, frame: pl.DataFrame, lookup: pl.DataFrame) -> pl.DataFrame:
    """Tag a ``JOINED_PARENT`` table through its parent's ``parent_lookup``.

    The frame also gains ``PARENT_FOUND``: true where the parent row exists, null where
    the key is orphaned. The caller turns that into the orphan rule, then drops it.
    Text keys are matched in key order or by their 64-bit hashes (several times faster
    than joining text), then compared as text, so a collision can never attach a wrong
    parent; two parents sharing a child's hash would add rows, and then the text is
    joined instead.
    """
    key, _ = JOINED_PARENT[name]
    carried = [REGION] if AREA in frame.columns else [REGION, AREA]
    keys = frame.get_column(key.name).cast(pl.String)
    keyed = lookup.select(pl.col(key.name).alias(_PARENT_KEY), *carried, KEY_HASH)
    matched = _matched_keys(keys, keyed)
    if matched is None:  # parents share a hash: join on the text itself
        found = lookup.select(key.name, *carried).with_columns(pl.lit(True).alias(PARENT_FOUND))
        tagged = _join(frame, key, found)
    else:
        same = pl.col(_PARENT_KEY).cast(pl.String) == pl.col(key.name).cast(pl.String)
        tagged = (
            pl.concat([frame, matched], how="horizontal")
            .with_columns(
                *(pl.when(same).then(pl.col(c)).alias(c) for c in carried),
                pl.when(same).then(pl.lit(True)).alias(PARENT_FOUND),
            )
            .drop(_PARENT_KEY)
        )
    return tagged.with_columns(pl.col(c).cast(pl.Categorical) for c in carried)


def mark_parent_found(name: str, frame: pl.DataFrame, lookup: pl.DataFrame) -> pl.DataFrame:
    """Add ``PARENT_FOUND`` to a ``LOOKED_UP_PARENT`` table: true where the parent exists.

    Null where the key has no parent row, or is null (the caller decides whether a null
    key breaks a rule). As in ``tag_through_parent``, keys meet in order or by their
    hashes and are then compared as text, so a collision never finds a wrong parent;
    two parents that share a child's hash add rows, and then the text is looked up.
    """
    key, _ = LOOKED_UP_PARENT[name]
    keys = frame.get_column(key.name).cast(pl.String)
    keyed = lookup.select(pl.col(key.name).cast(pl.String).alias(_PARENT_KEY), KEY_HASH)
    matched = _matched_keys(keys, keyed)
    if matched is None:  # parents share a hash: look the text up instead
        found = keys.is_in(lookup.get_column(key.name).cast(pl.String).implode())
    else:
        found = matched.get_column(_PARENT_KEY) == keys
    flag = pl.when(found.fill_null(False)).then(pl.lit(True))
    return frame.with_columns(flag.alias(PARENT_FOUND))


def add_regions(
    frames: Mapping[str, pl.DataFrame], lookups: Mapping[str, pl.DataFrame]
) -> dict[str, pl.DataFrame]:
    """Each row-level frame gains a categorical ``region``; lists (priorities...) do not."""
    both = {**lookups, **frames}
    residents = both.get(RESIDENTS.name)
    if residents is not None and REGION not in residents.columns:
        residents = _tag(residents, RESIDENTS.c.area_id, both.get(AREAS.name))
    calls = both.get(OUTREACH_CALLS.name)
    if calls is not None and REGION not in calls.columns:
        calls = _tag(calls, OUTREACH_CALLS.c.resident_id, residents)

    out: dict[str, pl.DataFrame] = {}
    for name, frame in frames.items():
        if name in _OWN_REGION or REGION in frame.columns:
            tagged = frame
        elif name in _BY_AREA:
            tagged = _tag(frame, REPAIRS.c.area_id, both.get(AREAS.name))
        elif name in _BY_RESIDENT:
            tagged = _tag(frame, RESIDENTS.c.resident_id, residents)
        elif name == OUTREACH_NEEDS.name:
            tagged = _tag(frame, OUTREACH_NEEDS.c.call_id, calls)
        elif name == INCIDENTS.name:
            tagged = _incident_regions(frame, both)
        else:
            out[name] = frame
            continue
        out[name] = tagged.with_columns(
            pl.col(c).cast(pl.Categorical) for c in (REGION, AREA) if c in tagged.columns
        )
    return out
