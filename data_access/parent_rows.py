"""How a child table's text keys find their parent's row, exactly and without joining text.

A keyed parent (residents for calls, cohort, referrals and incidents; calls for needs)
is a lookup of its key, the key's 64-bit hash and what children carry from it. Each
child key is proposed a parent row (in key order, through the parent's hash slots, or
by a hash merge) and the key's text then confirms it, so a hash collision can never
attach a wrong parent.
"""

from __future__ import annotations

import numpy as np
import polars as pl

KEY_HASH, PARENT_KEY, _CHILD_KEY = "_key_hash", "_parent_key", "_child_key"
SLOT_START = "_slot_start"
_ROW = "_parent_row"


def _matched(hashes: pl.Series, keyed: pl.DataFrame) -> pl.Series | None:
    """``keyed``'s row number (or null) for each hash, in the hashes' order; None if two
    parents share one.

    Against a lookup sorted by hash, the hashes are sorted too and the two merged (a
    tenth of the cost of hashing 600,000 parents on every load), then put back.
    """
    numbered = keyed.select(KEY_HASH).with_row_index(_ROW)
    if not keyed.get_column(KEY_HASH).flags["SORTED_ASC"]:
        joined = hashes.to_frame(KEY_HASH).join(
            numbered, on=KEY_HASH, how="left", maintain_order="left"
        )
        return joined.get_column(_ROW) if joined.height == hashes.len() else None
    order = hashes.arg_sort()
    ascending = hashes.gather(order).set_sorted().to_frame(KEY_HASH)
    joined = ascending.join(
        numbered.with_columns(pl.col(KEY_HASH).set_sorted()),
        on=KEY_HASH,
        how="left",
        maintain_order="left",
    )
    if joined.height != hashes.len():
        return None
    positions = pl.int_range(hashes.len(), dtype=pl.UInt32, eager=True)
    back = positions.clone().scatter(order, positions)  # row i of the input is row back[i]
    return joined.get_column(_ROW).gather(back)


def _matched_in_order(keys: pl.Series, keyed: pl.DataFrame) -> pl.Series | None:
    """``keyed``'s row number holding each key (null if none), when both sides arrive
    sorted.

    Ids usually come in order (a need's call, in call order), and then one merge over
    the text beats hashing both sides: each key meets the greatest parent key not after
    it, and counts only if that is the key itself. None when either side is unsorted or
    has a null key.
    """
    parents = keyed.get_column(PARENT_KEY)
    if parents.dtype != pl.String or keys.null_count() or parents.null_count():
        return None
    if not (keys.is_sorted() and parents.is_sorted()):
        return None
    left = keys.set_sorted().to_frame(_CHILD_KEY)
    right = keyed.select(pl.col(PARENT_KEY).set_sorted()).with_row_index(_ROW)
    merged = left.join_asof(right, left_on=_CHILD_KEY, right_on=PARENT_KEY, strategy="backward")
    same = pl.col(_CHILD_KEY) == pl.col(PARENT_KEY)  # the merge met the key itself
    return merged.select(pl.when(same).then(pl.col(_ROW)).alias(_ROW)).to_series()


def hash_slots(lookup: pl.DataFrame) -> pl.DataFrame:
    """Where each hash slot's parents start in a lookup sorted by hash; empty if unusable.

    Built once per reference snapshot (about 2 slots per parent). A child's key then
    finds its parent in one or two array reads, where a merge sorts the child's hashes
    and walks every parent. Empty when parents share a hash, so those keys are joined.
    """
    empty = pl.DataFrame(schema={SLOT_START: pl.UInt32})
    hashes = lookup.get_column(KEY_HASH)
    if hashes.len() == 0 or not hashes.is_sorted():
        return empty
    if (hashes.slice(1) == hashes.slice(0, hashes.len() - 1)).any():
        return empty
    bits = max(10, (2 * hashes.len() - 1).bit_length())
    slots = (hashes.to_numpy() >> np.uint64(64 - bits)).astype(np.int64)
    starts = np.zeros((1 << bits) + 1, dtype=np.uint32)
    np.cumsum(np.bincount(slots, minlength=1 << bits), out=starts[1:])
    return pl.DataFrame({SLOT_START: starts})


def _matched_by_slot(keys: pl.Series, keyed: pl.DataFrame, slots: pl.DataFrame) -> pl.Series:
    """``keyed``'s row number whose hash equals each key's (any row where none does).

    The caller compares the keys as text, so a row met without a hash match, or a
    colliding child hash, never counts as found.
    """
    starts = slots.get_column(SLOT_START).to_numpy()
    bits = (len(starts) - 1).bit_length() - 1
    parents = keyed.get_column(KEY_HASH).to_numpy()
    hashes = keys.hash().to_numpy()
    slot = hashes >> np.uint64(64 - bits)
    row = np.minimum(starts[slot], len(parents) - 1)  # the slot's first parent
    missed = np.flatnonzero(parents[row] != hashes)
    # Only keys whose slot holds several parents (or none) walk on through the slot.
    walk, end = row[missed].astype(np.int64), starts[slot[missed] + 1]
    pending = np.arange(missed.size)
    while pending.size:
        walk[pending] += 1
        pending = pending[walk[pending] < end[pending]]
        pending = pending[parents[walk[pending]] != hashes[missed[pending]]]
    found = walk < end
    row[missed[found]] = walk[found]
    return pl.Series(_ROW, row.astype(np.uint32))


def parent_rows(keys: pl.Series, keyed: pl.DataFrame, slots: pl.DataFrame | None) -> pl.Series:
    """Each text key's parent row number in ``keyed``, null where it has no parent.

    A row is proposed in key order when both sides arrive sorted, else through the
    parent's hash slots when it has them, else by a hash merge; then confirmed only
    where the parent's key text equals the child's, so a hash collision never attaches
    a wrong parent. If two parents share a hash, the text itself is joined instead.
    """
    rows = _matched_in_order(keys, keyed)
    if rows is not None:  # already confirmed by the merge
        return rows
    if slots is not None and slots.height and keyed.height:
        rows = _matched_by_slot(keys, keyed, slots)
    else:
        rows = _matched(keys.hash(), keyed)
    if rows is None:  # parents share a hash: join on the text (parent keys are unique)
        numbered = keyed.select(PARENT_KEY).with_row_index(_ROW)
        joined = keys.to_frame(PARENT_KEY).join(
            numbered, on=PARENT_KEY, how="left", maintain_order="left"
        )
        return joined.get_column(_ROW)
    same = keyed.get_column(PARENT_KEY).cast(pl.String).gather(rows) == keys
    return pl.select(pl.when(same.fill_null(False)).then(rows)).to_series().alias(_ROW)
