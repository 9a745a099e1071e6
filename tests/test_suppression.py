"""Small-number suppression: the shown strings, and an attacker who tries to undo it.

The attacker tests rebuild, from what a viewer sees, the linear system a determined person
could write down (visible entries as constants, hidden ones as unknowns within what their
symbol tells) and ask a linear programme for the least and greatest value of each hidden
count of 1 to 4. If those meet, the count has been given away.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from scipy.optimize import linprog

from figures.suppression import (
    HIDDEN,
    SMALLEST_SHOWN,
    SUPPRESSED,
    ProtectedTable,
    is_small,
    protect_counts,
    protect_table,
    shown_count,
    shown_share,
    shown_when_enough,
)

RANDOM_TABLES = 300


def long_frame(grid: np.ndarray) -> pl.DataFrame:
    """A long frame (row, column, n) of every cell of a 2-D array, zeros included."""
    r, c = grid.shape
    return pl.DataFrame(
        {
            "row": [i for i in range(r) for _ in range(c)],
            "column": [j for _ in range(r) for j in range(c)],
            "n": [int(x) for x in grid.ravel()],
        }
    )


def extended(table: ProtectedTable, field: str) -> list[list]:
    """One field ("value" or "shown") of the table as (rows + 1) x (columns + 1), margins last."""
    r, c = table.row_totals.height, table.column_totals.height
    cells = table.cells.get_column(field).to_list()
    out = [[*cells[i * c : (i + 1) * c], table.row_totals[field][i]] for i in range(r)]
    corner = table.total if field == "value" else table.total_shown
    out.append([*table.column_totals.get_column(field).to_list(), corner])
    return out


def truth(grid: np.ndarray) -> np.ndarray:
    """The true extended table: cells, row totals, column totals and the grand total."""
    with_rows = np.column_stack([grid, grid.sum(axis=1)])
    return np.vstack([with_rows, with_rows.sum(axis=0)])


def attacker_ranges(
    table: ProtectedTable, targets: set[tuple[int, int]]
) -> dict[tuple[int, int], tuple[float, float]]:
    """For each target, the least and greatest value consistent with what is shown."""
    shown = extended(table, "shown")
    value = extended(table, "value")
    big_r, big_c = len(shown), len(shown[0])
    unknowns = [(a, b) for a in range(big_r) for b in range(big_c) if value[a][b] is None]
    if not unknowns:
        return {}
    index = {p: k for k, p in enumerate(unknowns)}
    lines = [[(a, b) for b in range(big_c)] for a in range(big_r)]
    lines += [[(a, b) for a in range(big_r)] for b in range(big_c)]
    a_eq, b_eq = [], []
    for line in lines:  # entries minus the line's total (its last entry) is zero
        row, constant = np.zeros(len(unknowns)), 0.0
        for p in line:
            sign = -1.0 if p == line[-1] else 1.0
            if p in index:
                row[index[p]] += sign
            else:
                constant -= sign * value[p[0]][p[1]]
        a_eq.append(row)
        b_eq.append(constant)
    a_eq, b_eq = np.array(a_eq), np.array(b_eq)
    bounds = [(1, 4) if shown[a][b] == SUPPRESSED else (0, None) for a, b in unknowns]
    for a, b in unknowns:
        assert shown[a][b] in (SUPPRESSED, HIDDEN)
    ranges = {}
    for p in sorted(targets):
        k, ends = index[p], []
        for direction in (1.0, -1.0):
            objective = np.zeros(len(unknowns))
            objective[k] = direction
            result = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            assert result.status in (0, 3), result.message  # 3: unbounded above
            ends.append(direction * result.fun if result.status == 0 else float("inf"))
        ranges[p] = (ends[0], ends[1])
    return ranges


def assert_safe(grid: np.ndarray) -> ProtectedTable:
    """The attacker cannot pin any hidden count of 1 to 4, and nothing shown is wrong."""
    table = protect_table(long_frame(grid), "row", "column", "n", True)
    true = truth(grid)
    value, shown = extended(table, "value"), extended(table, "shown")
    for a in range(true.shape[0]):
        for b in range(true.shape[1]):
            if is_small(int(true[a, b])):
                assert value[a][b] is None, (grid, a, b)
            if value[a][b] is None:
                assert shown[a][b] in (SUPPRESSED, HIDDEN)
            else:
                assert value[a][b] == true[a, b]
                assert shown[a][b] == f"{true[a, b]:,}"
            if shown[a][b] == SUPPRESSED:
                assert is_small(int(true[a, b]))
    small = np.nonzero((true >= 1) & (true <= 4))
    targets = {(int(a), int(b)) for a, b in zip(*small, strict=True)}
    for (a, b), (low, high) in attacker_ranges(table, targets).items():
        assert low - 1e-6 <= true[a, b] <= high + 1e-6, (grid, a, b)  # the model is right
        assert high - low > 0.5, f"hidden {true[a, b]} at {(a, b)} recovered in\n{grid}"
    return table


def random_tables(count: int, seed: int = 20260514):
    """Many small tables, mostly of counts 0 to 6, some all small, some one row or column."""
    rng = np.random.default_rng(seed)
    for k in range(count):
        r, c = int(rng.integers(1, 9)), int(rng.integers(1, 11))
        if k % 10 == 0:
            r = 1
        elif k % 10 == 1:
            c = 1
        kind = k % 5
        if kind == 0:
            grid = rng.integers(1, 5, size=(r, c))  # every cell small
        elif kind == 1:
            grid = rng.integers(0, 7, size=(r, c))
        elif kind == 2:
            grid = rng.poisson(rng.choice([0.3, 0.7, 1.5]), size=(r, c))
        elif kind == 3:
            grid = np.where(rng.random((r, c)) < 0.3, rng.integers(5, 40, size=(r, c)), 0)
            grid += rng.integers(0, 3, size=(r, c)) * (rng.random((r, c)) < 0.5)
        else:
            grid = rng.choice([0, 0, 0, 1, 2, 3, 4, 5, 6, 12], size=(r, c))
        yield grid.astype(np.int64)


def test_shown_count_and_is_small_boundaries() -> None:
    assert shown_count(0, True) == "0"
    assert shown_count(1, True) == SUPPRESSED == "<5"
    assert shown_count(4, True) == "<5"
    assert shown_count(5, True) == "5"
    assert shown_count(1234, True) == "1,234"
    assert shown_count(3, False) == "3"
    assert shown_count(None, True) == "n/a"
    assert [is_small(n) for n in (None, 0, 1, 4, 5)] == [False, False, True, True, False]
    assert SMALLEST_SHOWN == 5


def test_hand_built_three_by_three() -> None:
    # cells      totals     one small cell (3): its row and column each need a second
    # 3  10  0 | 13         hidden entry, the smallest positive cell: 10 in its row, 7 in
    # 7   8  0 | 15         its column; 10's column then hides 8, which completes the
    # 9   0 12 | 21         rectangle 3, 10, 8, 7 (any of them could be 1 more or less).
    # 19 18 12 | 49
    grid = np.array([[3, 10, 0], [7, 8, 0], [9, 0, 12]])
    table = protect_table(long_frame(grid), "row", "column", "n", True)
    assert table.cells.get_column("shown").to_list() == [
        *("<5", "[c]", "0"),
        *("[c]", "[c]", "0"),
        *("9", "0", "12"),
    ]
    assert table.cells.get_column("value").to_list() == [None, None, 0, None, None, 0, 9, 0, 12]
    assert table.cells.get_column("hidden").sum() == 4
    assert table.row_totals.get_column("shown").to_list() == ["13", "15", "21"]
    assert table.column_totals.get_column("shown").to_list() == ["19", "18", "12"]
    assert (table.total, table.total_shown) == (49, "49")
    assert_safe(grid)


def test_unsuppressed_table_shows_everything() -> None:
    counts = pl.DataFrame(
        {"r": ["a", "a", "b", "a"], "c": [1, 2, 2, 1], "n": [1, 2, 1500, 3]}
    )  # the two (a, 1) rows are summed
    table = protect_table(counts, "r", "c", "n", False, row_keys=["a", "b", "z"])
    assert table.cells.get_column("value").to_list() == [4, 2, 0, 1500, 0, 0]
    assert table.cells.get_column("shown").to_list() == ["4", "2", "0", "1,500", "0", "0"]
    assert not table.cells.get_column("hidden").any()
    assert table.row_totals.get_column("value").to_list() == [6, 1500, 0]
    assert table.row_totals.get_column("r").to_list() == ["a", "b", "z"]
    assert table.column_totals.get_column("value").to_list() == [4, 1502]
    assert (table.total, table.total_shown) == (1506, "1,506")
    assert table.cells.schema["value"] == pl.Int64
    assert (table.rows, table.columns) == ("r", "c")


def test_keys_outside_the_given_keys_are_refused() -> None:
    counts = pl.DataFrame({"r": ["a", "q"], "c": [1, 1], "n": [7, 8]})
    with pytest.raises(ValueError, match="outside"):
        protect_table(counts, "r", "c", "n", True, row_keys=["a"])


def test_a_small_row_total_is_shown_as_small() -> None:
    grid = np.array([[2, 0, 1], [20, 30, 40], [10, 0, 25]])
    table = assert_safe(grid)
    assert table.row_totals.get_column("shown").to_list()[0] == SUPPRESSED
    assert table.row_totals.get_column("value").to_list()[0] is None


@pytest.mark.parametrize("seed", [1, 2])
def test_attacker_cannot_recover_any_small_count(seed: int) -> None:
    for grid in random_tables(RANDOM_TABLES // 2, seed):
        assert_safe(grid)


def test_attacker_on_tables_that_give_counts_away_by_their_labels() -> None:
    # a column of four 1s totals 4: four "<5" under a "<5" total could only be 1, 1, 1, 1
    grid = np.array([[1, 9], [1, 7], [1, 8], [1, 6], [0, 30]])
    table = assert_safe(grid)
    assert HIDDEN in extended(table, "shown")[-1]
    # a single row of two 4s: the grand total 8 is public and each cell at most 4
    assert_safe(np.array([[4, 4]]))
    assert_safe(np.array([[1, 1, 1, 1]]))
    assert_safe(np.array([[4]]))


def test_same_input_same_output_whatever_the_row_order() -> None:
    for grid in random_tables(30, 11):
        counts = long_frame(grid)
        first = protect_table(counts, "row", "column", "n", True)
        again = protect_table(counts.reverse(), "row", "column", "n", True)
        assert first.cells.equals(again.cells)
        assert first.row_totals.equals(again.row_totals)
        assert first.column_totals.equals(again.column_totals)
        assert first.total_shown == again.total_shown


def test_download_holds_no_small_value() -> None:
    for grid in random_tables(40, 7):
        table = protect_table(long_frame(grid), "row", "column", "n", True)
        download = table.cells.select(table.rows, table.columns, "shown")
        assert not any(text in {"1", "2", "3", "4"} for text in download.get_column("shown"))
        for frame in (table.cells, table.row_totals, table.column_totals):
            values = frame.filter(pl.col("hidden")).get_column("value")
            assert values.null_count() == values.len()
            assert not frame.get_column("value").is_between(1, 4).any()
        assert table.total is None or not is_small(table.total)


def test_protect_counts_hides_a_second_category() -> None:
    counts = pl.DataFrame({"action": ["none", "warning", "ban"], "n": [40, 3, 25]})
    table = protect_counts(counts, "action", "n", True, keys=["none", "warning", "ban", "sign"])
    assert table.columns == "all"
    assert table.cells.get_column("all").to_list() == ["all"] * 4
    assert table.cells.get_column("shown").to_list() == ["40", "<5", "[c]", "0"]
    assert (table.total, table.total_shown) == (68, "68")
    assert table.column_totals.get_column("shown").to_list() == ["68"]
    open_table = protect_counts(counts, "action", "n", False)
    assert open_table.cells.get_column("value").to_list() == [25, 40, 3]  # sorted keys


def test_shown_share_boundaries() -> None:
    assert shown_share(1, 8, False) == "12.5%"
    assert shown_share(1, 8, True) == HIDDEN
    assert shown_share(4, 8, True) == HIDDEN  # the rest, 4, is small
    assert shown_share(5, 10, True) == "50.0%"
    assert shown_share(0, 10, True) == "0.0%"
    assert shown_share(10, 10, True) == "100.0%"
    assert shown_share(6, 10, True) == HIDDEN  # the rest, 4, is small
    assert shown_share(0, 3, True) == HIDDEN
    assert shown_share(3, 0, True) is None
    assert shown_share(3, None, True) is None


def test_shown_when_enough_boundaries() -> None:
    assert shown_when_enough("3.5 days", 1, True) == SUPPRESSED
    assert shown_when_enough("3.5 days", 4, True) == SUPPRESSED
    assert shown_when_enough("3.5 days", 5, True) == "3.5 days"
    assert shown_when_enough("3.5 days", 0, True) == "3.5 days"
    assert shown_when_enough("3.5 days", 2, False) == "3.5 days"
    assert shown_when_enough("n/a", None, True) == "n/a"
