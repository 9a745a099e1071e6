"""Row-level contract rules, defined once and used by the snapshots, the pages and the check.

A row that breaks a rule is left out of every figure and counted here, so the
data-quality view and the "N rows excluded" notes on pages always agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import polars as pl
from sqlalchemy import Column, Date, DateTime, Table

from data_access.schema import (
    FUTURE_ALLOWED,
    REQUIRED_WHEN,
    TIMESTAMP_ORDER,
    allowed_values,
    id_column,
    primary_key,
)

EXAMPLES_SHOWN = 3


@dataclass(frozen=True)
class RowIssue:
    """One broken rule on one table: how many rows, and a few ids to look up."""

    table: str
    column: str
    rule: str
    count: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class _Rule:
    column: str
    rule: str
    flag: pl.Expr


def _has(frame: pl.DataFrame, *columns: Column) -> bool:
    return all(column.name in frame.columns for column in columns)


def _outside(values: pl.Expr, dtype: pl.DataType, allowed: tuple[object, ...]) -> pl.Expr:
    """Non-null values not in ``allowed``, without casting a million rows to text."""
    if isinstance(dtype, pl.Enum) and list(dtype.categories[: len(allowed)]) == list(allowed):
        # frames.py lists the allowed values first, then any unknown codes it met.
        return values.to_physical() >= len(allowed)
    if dtype == pl.String or isinstance(dtype, pl.Categorical | pl.Enum):
        return values.is_not_null() & ~values.cast(pl.String).is_in([str(v) for v in allowed])
    return values.is_not_null() & ~values.is_in(list(allowed))


def _all_allowed(series: pl.Series, allowed: tuple[object, ...]) -> bool:
    """True when the column's metadata alone proves every value allowed (no row pass).

    An enum holding exactly the allowed codes cannot hold another (``frames`` appends
    unknown codes after them), and integers whose whole min-max range is allowed cannot
    fall outside it. Anything else is left to the row-by-row rule.
    """
    dtype = series.dtype
    if isinstance(dtype, pl.Enum):
        return list(dtype.categories) == [str(v) for v in allowed]
    if dtype.is_integer() and all(isinstance(v, int) for v in allowed):
        low, high = series.min(), series.max()
        return low is None or set(range(int(low), int(high) + 1)) <= set(allowed)  # type: ignore[arg-type]
    return False


def _value_rules(table: Table, frame: pl.DataFrame) -> list[_Rule]:
    """Allowed-set and not-null rules, except those the column's metadata rules out.

    A rule that cannot flag a row is not evaluated: on clean data most of a table's
    rules are of that kind, and skipping them is most of the checks' cost.
    """
    rules = []
    for column in table.columns:
        if not _has(frame, column):
            continue
        values, series = pl.col(column.name), frame.get_column(column.name)
        allowed = allowed_values(column)
        if allowed is not None and not _all_allowed(series, allowed):
            outside = _outside(values, series.dtype, allowed)
            rules.append(_Rule(column.name, "value outside the allowed set", outside))
        if not column.nullable and series.null_count():
            rules.append(_Rule(column.name, "missing or unreadable value", values.is_null()))
    return rules


def _has_duplicates(frame: pl.DataFrame, names: list[str]) -> bool:
    """Cheap first look; a yes is confirmed row by row by ``is_duplicated``.

    A sorted single key (ids often arrive in order) only compares neighbours. Any other
    single key counts distinct hashes, half the cost of sorting text (a hash collision
    can only send it to the exact check). Composite keys sort, cheaper than hashing
    structs at a million rows.
    """
    if len(names) == 1:
        key = frame.get_column(names[0])
        if key.is_sorted():
            return bool(key.len() > 1 and (key.slice(1) == key.slice(0, key.len() - 1)).any())
        hashes = key.drop_nulls().hash()  # null keys are "missing", not duplicates
        return hashes.n_unique() != hashes.len()
    keys = frame.select(names).sort(names)
    same_as_previous = pl.all_horizontal(pl.col(n) == pl.col(n).shift(1) for n in names)
    return bool(keys.select(same_as_previous.any()).item())


def _key_rules(table: Table, frame: pl.DataFrame) -> list[_Rule]:
    key = primary_key(table)
    if not key or not _has(frame, *key):
        return []
    names = [c.name for c in key]
    if not _has_duplicates(frame, names):
        return []
    flag = pl.struct(names).is_duplicated() if len(names) > 1 else pl.col(names[0]).is_duplicated()
    return [_Rule(", ".join(names), "duplicated key", flag)]


def _orphan_rules(
    table: Table,
    frame: pl.DataFrame,
    references: Mapping[str, pl.DataFrame],
    resolved: Mapping[str, pl.Expr],
) -> list[_Rule]:
    rules = []
    for fk in table.foreign_keys:
        target = fk.column
        rule = f"refers to a missing {target.table.name}.{target.name}"
        if fk.parent.name in resolved:  # already looked up by a join: reuse its answer
            rules.append(_Rule(fk.parent.name, rule, resolved[fk.parent.name]))
            continue
        parent = references.get(target.table.name)
        if parent is None or target.name not in parent.columns or not _has(frame, fk.parent):
            continue
        known = parent.get_column(target.name)
        if known.dtype != pl.String:
            known = known.cast(pl.String)
        value = pl.col(fk.parent.name)  # text or categorical: both compare with text
        orphan = value.is_not_null() & ~value.is_in(known.implode())
        rules.append(_Rule(fk.parent.name, rule, orphan))
    return rules


def _order_rules(table: Table, frame: pl.DataFrame) -> list[_Rule]:
    rules = []
    for owner, earlier, later in TIMESTAMP_ORDER:
        if owner is table and _has(frame, earlier, later):
            flag = pl.col(later.name) < pl.col(earlier.name)
            rules.append(_Rule(later.name, f"{later.name} before {earlier.name}", flag))
    for required, condition, value in REQUIRED_WHEN:
        if required.table is table and _has(frame, required, condition):
            flag = (pl.col(condition.name) == value) & pl.col(required.name).is_null()
            rules.append(_Rule(required.name, f"missing while {condition.name} is {value}", flag))
    return rules


def _none_after(series: pl.Series, limit: date) -> bool:
    """True when the column's latest value proves no row is at or after ``limit``."""
    if not (series.dtype == pl.Date or isinstance(series.dtype, pl.Datetime)):
        return False  # not yet in the contract's type: let the row rule decide
    latest = series.max()
    return latest is None or latest < limit  # type: ignore[operator]


def _future_rules(table: Table, frame: pl.DataFrame, today: date) -> list[_Rule]:
    start_of_tomorrow = datetime.combine(today + timedelta(days=1), time())
    rules = []
    for column in table.columns:
        if column in FUTURE_ALLOWED or not _has(frame, column):
            continue
        if isinstance(column.type, DateTime):
            limit, flag = start_of_tomorrow, pl.col(column.name) >= start_of_tomorrow
        elif isinstance(column.type, Date):
            limit, flag = today + timedelta(days=1), pl.col(column.name) > today
        else:
            continue
        if _none_after(frame.get_column(column.name), limit):
            continue
        rules.append(_Rule(column.name, "date in the future", flag))
    return rules


def contract_rules(
    table: Table,
    frame: pl.DataFrame,
    references: Mapping[str, pl.DataFrame],
    today: date,
    resolved: Mapping[str, pl.Expr] | None = None,
    keys_kept_unique: bool = False,
) -> list[_Rule]:
    """Every rule that applies to the columns ``frame`` holds.

    ``keys_kept_unique``: the database itself keeps the key unique (its primary key),
    so no duplicate can arrive and none is looked for.
    """
    return [
        *_value_rules(table, frame),
        *([] if keys_kept_unique else _key_rules(table, frame)),
        *_orphan_rules(table, frame, references, resolved or {}),
        *_order_rules(table, frame),
        *_future_rules(table, frame, today),
    ]


def split_valid_rows(
    table: Table,
    frame: pl.DataFrame,
    references: Mapping[str, pl.DataFrame] | None = None,
    today: date | None = None,
    resolved: Mapping[str, pl.Expr] | None = None,
    keys_kept_unique: bool = False,
) -> tuple[pl.DataFrame, list[RowIssue]]:
    """The rows that keep the contract, and what was wrong with the others.

    ``references`` maps parent table names to frames holding their keys, for the
    orphaned-key rules; parents not given are not checked here. ``resolved`` maps a
    foreign-key column to an orphan flag a join has already computed (no second lookup).
    """
    today = today or date.today()
    rules = contract_rules(table, frame, references or {}, today, resolved, keys_kept_unique)
    if not rules or frame.height == 0:
        return frame, []
    flags = frame.select(
        [rule.flag.fill_null(False).alias(f"_rule{i}") for i, rule in enumerate(rules)]
    )
    counts = flags.sum().row(0)
    issues = []
    ids = frame.get_column(id_column(table).name).cast(pl.String)
    for i, (rule, count) in enumerate(zip(rules, counts, strict=True)):
        if count:
            examples = ids.filter(flags.get_column(f"_rule{i}")).head(EXAMPLES_SHOWN)
            issues.append(RowIssue(table.name, rule.column, rule.rule, int(count), tuple(examples)))
    if not issues:
        return frame, []
    bad = flags.select(pl.any_horizontal(pl.all())).to_series()
    return frame.filter(~bad), issues
