"""The data-quality view: what the snapshots excluded, and why."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from data_access.check_structure import StructureProblem
from data_access.snapshot import Snapshot


def issues_table(snapshots: Iterable[Snapshot]) -> pl.DataFrame:
    """One row per broken rule: table, column, rule, rows and example ids."""
    rows = [
        {
            "Subject": snap.subject.label,
            "Table": issue.table,
            "Column": issue.column,
            "Problem": issue.rule,
            "Rows": issue.count,
            "Example ids": ", ".join(issue.examples),
        }
        for snap in snapshots
        for issue in snap.issues
    ]
    schema = {
        "Subject": pl.String,
        "Table": pl.String,
        "Column": pl.String,
        "Problem": pl.String,
        "Rows": pl.Int64,
        "Example ids": pl.String,
    }
    return pl.DataFrame(rows, schema=schema)


def excluded_table(snapshots: Iterable[Snapshot]) -> pl.DataFrame:
    """Rows read and rows left out of every figure, per table."""
    rows = [
        {
            "Table": name,
            "Rows used": frame.height,
            "Rows excluded": snap.excluded.get(name, 0),
            "Data as at": snap.read_at,
        }
        for snap in snapshots
        for name, frame in snap.frames.items()
    ]
    return pl.DataFrame(rows)


def structure_table(problems: Iterable[StructureProblem]) -> pl.DataFrame:
    """Missing tables, missing columns and wrong types, as the page lists them."""
    rows = [
        {"Problem": p.kind, "Table": p.table or "", "Column": p.column or "", "Detail": p.message}
        for p in problems
    ]
    schema = {"Problem": pl.String, "Table": pl.String, "Column": pl.String, "Detail": pl.String}
    return pl.DataFrame(rows, schema=schema)
