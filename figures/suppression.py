"""Small-number suppression: counts of 1 to 4 are shown as "<5" to protect staff.

One rule for every displayed incident count (tiles, heatmaps, hover text, tables and
downloads): for roles that must not see small numbers, 1 to 4 is shown "<5" (primary) and,
in tables, further entries are shown "[c]" (secondary) so no "<5" can be worked out.

Threat model. A table is shown with its row totals, column totals and grand total (the
Incidents tile, public unless it is itself 1-4). The attacker knows every visible entry,
that a "<5" is in 1..4, that a "[c]" (like every entry) is a non-negative integer, and
that each row's cells add up to its row total, each column's to its column total, and
the row totals and the column totals each to the grand total. A table is safe when each
hidden count of 1 to 4 could take more than one value consistent with all of that.
Comparing two views (filters) is out of scope.

Some tables give counts away by their labels alone (four "<5" cells under a "<5" total
must be 1, 1, 1, 1 and 4): there, and only there, a small entry is shown "[c]" instead.
The final audit is exact: the line equations of the table with its margins form a
network, so the attacker's linear programme has integer corners, and a count is pinned
exactly when no cycle of hidden entries can move it within its bounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

SUPPRESSED = "<5"  # primary: a count 1..4
HIDDEN = "[c]"  # secondary: hidden so a "<5" cannot be worked out (GSS symbol)
SMALLEST_SHOWN = 5
ALL = "all"
_Grid = np.ndarray  # the extended table: cells, a total column, a total row, the grand total
_Pos = tuple[int, int]


def is_small(count: int | None) -> bool:
    """A count that must not be shown to a suppressed viewer: 1 to 4 (zero is fine)."""
    return count is not None and 0 < count < SMALLEST_SHOWN


def shown_count(count: int | None, suppress: bool) -> str:
    """The count as displayed: zero stays 0; 1-4 become "<5" when suppressing."""
    if count is None:
        return "n/a"
    if suppress and 0 < count < SMALLEST_SHOWN:
        return SUPPRESSED
    return f"{count:,}"


def shown_share(part: int | None, whole: int | None, suppress: bool) -> str | None:
    """A percentage, hidden when it (with the whole) would give away a count of 1 to 4."""
    if part is None or not whole:
        return None
    if suppress and (is_small(part) or is_small(whole - part)):
        return HIDDEN
    return f"{100 * part / whole:.1f}%"


def shown_when_enough(value_text: str, based_on: int | None, suppress: bool) -> str:
    """A statistic of 1 to 4 incidents says too much about them: show "<5" instead."""
    if suppress and is_small(based_on):
        return SUPPRESSED
    return value_text


@dataclass(frozen=True)
class ProtectedTable:
    """A table of counts as a viewer may see it (hidden entries carry no value at all)."""

    cells: pl.DataFrame
    row_totals: pl.DataFrame
    column_totals: pl.DataFrame
    total: int | None
    total_shown: str
    rows: str
    columns: str


def protect_table(
    counts: pl.DataFrame,
    rows: str,
    columns: str,
    count: str,
    suppress: bool,
    row_keys: Sequence | None = None,
    column_keys: Sequence | None = None,
) -> ProtectedTable:
    """The full grid of counts with its totals, suppressed so no "<5" can be recovered.

    Missing (row, column) pairs count zero and duplicates are summed; a count whose key
    is not among the given keys raises, since dropping it would make the totals lie.
    """
    if rows == columns:
        raise ValueError("rows and columns must be different columns")
    rkeys, ckeys = _keys(counts, rows, row_keys), _keys(counts, columns, column_keys)
    rindex, cindex = ({k: i for i, k in enumerate(x.to_list())} for x in (rkeys, ckeys))
    r, c = len(rindex), len(cindex)
    e = np.zeros((r + 1, c + 1), dtype=np.int64)
    summed = counts.group_by(rows, columns).agg(pl.col(count).fill_null(0).sum())
    for rk, ck, n in summed.iter_rows():
        if rk not in rindex or ck not in cindex:
            raise ValueError(f"count for ({rk!r}, {ck!r}) is outside the table's keys")
        if n < 0:
            raise ValueError("counts must not be negative")
        e[rindex[rk], cindex[ck]] += n
    e[:r, c] = e[:r, :c].sum(axis=1)
    e[r, :] = e[:r, :].sum(axis=0)
    hidden, primary = _suppress(e) if suppress else (np.zeros(e.shape, bool),) * 2
    shown = np.array([f"{v:,}" for v in e.ravel()], dtype=object).reshape(e.shape)
    shown[hidden] = np.where(primary[hidden], SUPPRESSED, HIDDEN)

    def frame(keys: list[pl.Series], at: tuple) -> pl.DataFrame:
        values = [None if h else int(v) for v, h in zip(e[at], hidden[at], strict=True)]
        return pl.DataFrame(
            [*keys, pl.Series("value", values, dtype=pl.Int64),
             pl.Series("shown", shown[at].tolist(), dtype=pl.String),
             pl.Series("hidden", hidden[at].tolist(), dtype=pl.Boolean)]
        )  # fmt: skip

    a, b = np.divmod(np.arange(r * c), max(c, 1))
    return ProtectedTable(
        cells=frame([rkeys.gather(a), ckeys.gather(b)], (a, b)),
        row_totals=frame([rkeys], (np.arange(r), np.full(r, c))),
        column_totals=frame([ckeys], (np.full(c, r), np.arange(c))),
        total=None if hidden[r, c] else int(e[r, c]),
        total_shown=str(shown[r, c]),
        rows=rows,
        columns=columns,
    )


def protect_counts(
    counts: pl.DataFrame, key: str, count: str, suppress: bool, keys: Sequence | None = None
) -> ProtectedTable:
    """A one-dimensional breakdown (bars by category) whose total is public: the same
    function with a single column (column key column named "all")."""
    with_all = counts.select(key, count).with_columns(pl.lit(ALL).alias(ALL))
    return protect_table(with_all, key, ALL, count, suppress, keys, [ALL])


def _keys(counts: pl.DataFrame, name: str, given: Sequence | None) -> pl.Series:
    """The ordered keys of one side, in the counts' own dtype where it has one."""
    if given is None:
        return counts.get_column(name).unique().sort(nulls_last=True)
    dtype = counts.schema[name]
    return pl.Series(name, list(given), dtype=None if dtype == pl.Null else dtype)


def _suppress(e: _Grid) -> tuple[_Grid, _Grid]:
    """Hidden and "<5" masks over the extended table ``e`` (cells, margins, corner)."""
    big_r, big_c = e.shape
    corner = (big_r - 1, big_c - 1)
    primary = (e >= 1) & (e < SMALLEST_SHOWN)
    hidden, inner = primary.copy(), np.zeros(e.shape, dtype=bool)
    inner[:-1, :-1] = True
    lines = [[(a, b) for b in range(big_c)] for a in range(big_r)]
    lines += [[(a, b) for a in range(big_r)] for b in range(big_c)]
    if primary.any():
        _relabel(e, primary)

    def hide_best(line: list[_Pos]) -> _Pos | None:
        """Hide as (a) says: the smallest positive cell, else positive margin, else a zero."""
        if not (free := [p for p in line if not hidden[p] and p != corner]):
            return None
        best = min(free, key=lambda p: (e[p] == 0, not inner[p], e[p], p))
        hidden[best] = True
        return best

    def forced(line: list[_Pos]) -> bool:
        """(b): a line of "<5" entries only whose visible entries pin them all at 1 or 4."""
        inside = [p for p in line if hidden[p]]
        if len(inside) < 2 or not all(primary[p] for p in inside):
            return False
        sign = {p: -1 if p == line[-1] else 1 for p in line}
        const = -sum(sign[p] * int(e[p]) for p in line if not hidden[p])
        low = sum(1 if sign[p] > 0 else -4 for p in inside)
        return const in (low, low + 3 * len(inside))

    while True:
        changed = False
        for line in lines:  # (a) one hidden entry is its line's total minus the rest
            if sum(hidden[p] for p in line) == 1:
                changed |= hide_best(line) is not None
        for line in lines if not changed else ():  # (b)
            if forced(line):
                changed |= hide_best(line) is not None
        touched: set[int] = set()  # (c) one more beside each, unless its lines just changed
        for a, b in _determined(hidden) if not changed else ():
            near = lines[a] + lines[big_r + b]
            if a not in touched and big_r + b not in touched and (best := hide_best(near)):
                touched.update((a, big_r + b, best[0], big_r + best[1]))
        if changed or touched:
            continue
        while pinned := _pinned(e, hidden, primary):  # (d) free the first most cheaply
            cost = np.where(hidden, 0.0, 1.0 + e / ((1.0 + e.max()) * e.size))  # count, size
            cost[corner] = 0.0 if hidden[corner] else np.inf
            if path := _cheapest(e, primary, cost, pinned[0], np.full(e.shape, np.inf)):
                hidden[tuple(np.transpose(path))] = changed = True
            elif hide_best(lines[pinned[0][0]] + lines[big_r + pinned[0][1]]) is None:
                return hidden, primary  # cannot happen after _relabel
        if not changed:
            return hidden, primary


def _relabel(e: _Grid, primary: _Grid) -> None:
    """Show "[c]", not "<5", where labels alone give a count away. Hiding more never pins a
    count, so one pinned with all but the grand total hidden is pinned by its labels: demote
    the fewest "<5" (margins first, never the grand total) that let a cycle move it. Counts
    in a row or column changed this round wait for the next, which may find them free."""
    corner = (e.shape[0] - 1, e.shape[1] - 1)
    everything = np.ones(e.shape, dtype=bool)
    everything[corner] = primary[corner]
    inner = np.zeros(e.shape, dtype=bool)
    inner[:-1, :-1] = True
    cost = np.where(everything, 0.0, np.inf)
    skip: set[_Pos] = set()  # (never) nothing could free it
    while stuck := [p for p in _pinned(e, everything, primary) if p not in skip]:
        seen: set[tuple[int, int]] = set()  # (0, row) and (1, column) of the table
        for pos in sorted(stuck, key=lambda p: (inner[p], p)):
            if ({(0, pos[0]), (1, pos[1])} - {(0, corner[0]), (1, corner[1])}) & seen:
                continue
            extra = np.where(primary, 1.0 + inner / (2.0 * e.size), np.inf)
            extra[corner] = np.inf
            if (path := _cheapest(e, primary, cost, pos, extra)) is None:
                skip.add(pos)
            for q in path or ():
                primary[q] = False
            seen |= {(k, q[k]) for q in [pos, *(path or ())] for k in (0, 1)}


def _determined(hidden: _Grid) -> list[_Pos]:
    """(c) Hidden entries the line equations alone fix. With A the equations (entries minus
    total, a line each) over the hidden entries, one is fixed when its column c of A lies in
    A's row space: c' (A A')^+ c == 1; A A' is lines x lines, its inverse from an SVD."""
    big_r, big_c = hidden.shape
    a, b = np.nonzero(hidden)
    if not len(a):
        return []
    on_row, on_column = np.where(b == big_c - 1, -1.0, 1.0), np.where(a == big_r - 1, -1.0, 1.0)
    gram = np.zeros((big_r + big_c, big_r + big_c))
    np.add.at(gram, (a, a), 1.0)
    np.add.at(gram, (big_r + b, big_r + b), 1.0)
    gram[a, big_r + b] = gram[big_r + b, a] = on_row * on_column
    u, s, vt = np.linalg.svd(gram, hermitian=True)
    keep = s > 1e-9 * max(1.0, s[0])
    inverse = (vt[keep].T / s[keep]) @ u[:, keep].T
    inside = inverse[a, a] + inverse[big_r + b, big_r + b]
    inside += 2 * on_row * on_column * inverse[a, big_r + b]
    fixed = np.abs(1.0 - inside) < 1e-8
    return [(int(x), int(y)) for x, y in zip(a[fixed], b[fixed], strict=True)]


def _arcs(e: _Grid, primary: _Grid) -> tuple[_Grid, _Grid]:
    """Which entries may rise, and which fall, with margins but the grand total negated so
    each line sums to zero: a change keeping every equation is then a cycle alternating up
    and down. On a graph of the lines (rows of ``e``, then columns) a rise is an arc row to
    column, a fall one back. A "<5" stays in 1..4, anything else (even as "[c]") >= 0."""
    big_r, big_c = e.shape
    can_fall = e > np.where(primary, 1, 0)
    can_rise = ~primary | (e < SMALLEST_SHOWN - 1)
    flip = (np.arange(big_r)[:, None] == big_r - 1) != (np.arange(big_c)[None, :] == big_c - 1)
    return np.where(flip, can_fall, can_rise), np.where(flip, can_rise, can_fall)


def _pinned(e: _Grid, hidden: _Grid, primary: _Grid) -> list[_Pos]:
    """(d) Hidden counts of 1 to 4 that equations and bounds fix: those on no directed cycle
    through one of their arcs (without the other). A rectangle is the usual cycle; for the
    rest, search from each end towards the other, all at once, without their arcs."""
    big_r = e.shape[0]
    rise, fall = _arcs(e, primary)
    up, down = (rise & hidden).astype(float), (fall & hidden).astype(float)
    n = big_r + e.shape[1]
    arcs = np.zeros((n, n))
    arcs[:big_r, big_r:], arcs[big_r:, :big_r] = up, down.T
    both = up * down  # rectangles with it rising (then falling), less those through itself
    cut = both.sum(axis=1, keepdims=True) + both.sum(axis=0)
    rect = up * (down @ up.T @ down - down * cut + both)
    rect += down * (up @ down.T @ up - up * cut + both)
    a, b = np.nonzero(hidden & (e > 0) & (e < SMALLEST_SHOWN) & (rect < 0.5))
    if not len(a):
        return []
    u, v = a, big_r + b  # rising (row to column) needs v to reach u; falling, u to reach v
    start, goal = np.concatenate([v, u]), np.concatenate([u, v])
    k, cut_u, cut_v = np.arange(2 * len(a)), np.concatenate([u, u]), np.concatenate([v, v])
    seen = np.zeros((len(k), n))
    seen[k, start] = 1.0
    while True:
        step = seen @ arcs
        step[k, cut_v] -= seen[k, cut_u] * arcs[cut_u, cut_v]
        step[k, cut_u] -= seen[k, cut_v] * arcs[cut_v, cut_u]
        if ((grown := ((seen + step) > 0.5).astype(float)) == seen).all():
            break
        seen = grown
    moves = seen[k, goal] * np.concatenate([up[a, b], down[a, b]]) > 0
    pinned = ~moves.reshape(2, -1).any(axis=0)
    return [(int(x), int(y)) for x, y in zip(a[pinned], b[pinned], strict=True)]


def _cheapest(e: _Grid, primary: _Grid, cost: _Grid, pos: _Pos, extra: _Grid) -> list[_Pos] | None:
    """The entries costing something on the cheapest cycle moving ``pos`` ([] if one is free,
    None if none is): a move costs ``cost`` where the entry's symbol allows it, ``extra``
    where it would as a "[c]". Bellman-Ford over the lines; strict gains keep a tree."""
    big_r, big_c = e.shape
    n = big_r + big_c
    rise, fall = _arcs(e, primary)
    rise_any, fall_any = _arcs(e, np.zeros_like(primary))
    rise = np.where(rise, cost, np.where(rise_any, extra, np.inf))
    fall = np.where(fall, cost, np.where(fall_any, extra, np.inf))
    weight = np.full((n, n), np.inf)
    weight[:big_r, big_r:], weight[big_r:, :big_r] = rise, fall.T
    u, v = pos[0], big_r + pos[1]
    weight[u, v] = weight[v, u] = np.inf  # not back through itself
    best: tuple[float, list] | None = None
    for own, start, goal in ((rise[pos], v, u), (fall[pos], u, v)):
        dist, before = np.full(n, np.inf), np.full(n, -1)
        dist[start] = 0.0
        for _ in range(n if np.isfinite(own) else 0):
            through = dist[:, None] + weight
            prev = through.argmin(axis=0)
            better = through[prev, np.arange(n)] < dist - 1e-12
            if not better.any():
                break
            dist[better], before[better] = through[prev, np.arange(n)][better], prev[better]
        if np.isfinite(dist[goal] + own) and (best is None or dist[goal] + own < best[0]):
            path, node = [pos] if own > 0 else [], goal
            while node != start:
                prev = int(before[node])
                if weight[prev, node] > 0:
                    path.append((prev, node - big_r) if prev < big_r else (node, prev - big_r))
                node = prev
            best = (float(dist[goal] + own), path)
    return None if best is None else best[1]
