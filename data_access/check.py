"""Check a live database against the data contract, before Doorstep is pointed at it.

A provider's DBA runs ``python -m data_access.check --url URL`` after building the
contract views: it lists missing tables and columns, unusable types, and every row
the dashboard would leave out of its figures (with example ids to look up), using
the same reader and row rules as the app, so what it reports is what the app sees.

Exit status: 0 all well, 1 problems found, 2 the database cannot be reached.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

import polars as pl
from sqlalchemy import Column, Table, select
from sqlalchemy.exc import SQLAlchemyError

from data_access.check_structure import (
    UNREACHABLE,
    UNREADABLE,
    StructureProblem,
    check_structure,
)
from data_access.config import database_config
from data_access.engine import describe
from data_access.errors import DataUnavailable
from data_access.quality import RowIssue, split_valid_rows
from data_access.reader import Reader
from data_access.schema import CONTRACT_TABLES, id_column

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREACHABLE = 2


@dataclass
class CheckReport:
    """What the check found: structure problems, row issues and rows read per table."""

    database: str
    today: date
    structure_problems: list[StructureProblem] = field(default_factory=list)
    row_issues: list[RowIssue] = field(default_factory=list)
    rows_read: dict[str, int] = field(default_factory=dict)

    @property
    def reachable(self) -> bool:
        """False when the database could not be reached at all."""
        return all(p.kind != UNREACHABLE for p in self.structure_problems)

    @property
    def ok(self) -> bool:
        """True when Doorstep can read everything and no row breaks the contract."""
        return not self.structure_problems and not self.row_issues

    @property
    def exit_code(self) -> int:
        """The CLI's exit status for this report."""
        if not self.reachable:
            return EXIT_UNREACHABLE
        return EXIT_OK if self.ok else EXIT_PROBLEMS

    def to_dict(self) -> dict:
        """The report as plain JSON-ready data."""
        return {
            "database": self.database,
            "today": self.today.isoformat(),
            "ok": self.ok,
            "reachable": self.reachable,
            "rows_read": self.rows_read,
            "structure_problems": [asdict(p) for p in self.structure_problems],
            "row_issues": [asdict(i) for i in self.row_issues],
        }


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _unreachable(where: str, error: BaseException) -> StructureProblem:
    if isinstance(error, DataUnavailable):
        message = str(error)
    else:
        message = f"Doorstep cannot connect to the {where}: {_first_line(error)}"
    return StructureProblem(UNREACHABLE, None, None, message)


def _row_check(
    table: Table, frame: pl.DataFrame, references: dict[str, pl.DataFrame], today: date
) -> list[RowIssue]:
    """Row issues for one table, labelling rows by position if the id column is missing."""
    id_name = id_column(table).name
    if id_name in frame.columns:
        return split_valid_rows(table, frame, references, today)[1]
    labels = pl.Series(id_name, [f"row {n}" for n in range(1, frame.height + 1)], pl.String)
    _, issues = split_valid_rows(table, frame.with_columns(labels), references, today)
    return [issue for issue in issues if id_name not in issue.column.split(", ")]


def check_database(url: str, today: date | None = None) -> CheckReport:
    """Check the database at ``url`` against the contract; never raises for bad data."""
    today = today or date.today()
    try:
        where = describe(url)
    except (SQLAlchemyError, ValueError) as error:
        where = "database"
        report = CheckReport(where, today)
        report.structure_problems.append(
            StructureProblem(UNREACHABLE, None, None, f"The URL is not usable: {error}")
        )
        return report
    report = CheckReport(where, today)
    try:
        reader = Reader(url)
        present, problems = check_structure(reader.engine, CONTRACT_TABLES)
    except (DataUnavailable, SQLAlchemyError, ImportError, OSError) as error:
        report.structure_problems.append(_unreachable(where, error))
        return report
    report.structure_problems.extend(problems)
    frames: dict[str, pl.DataFrame] = {}
    for table in CONTRACT_TABLES:
        columns: list[Column] = present.get(table.name, [])
        if not columns:
            continue
        try:
            frames[table.name] = reader.read(select(*columns), table)
        except Exception as error:  # the check reports every failure, never a traceback
            message = f"The table '{table.name}' could not be read: {_first_line(error)}"
            report.structure_problems.append(
                StructureProblem(UNREADABLE, table.name, None, message)
            )
        else:
            report.rows_read[table.name] = frames[table.name].height
    for table in CONTRACT_TABLES:
        if table.name in frames:
            report.row_issues.extend(_row_check(table, frames[table.name], frames, today))
    return report


def _examples(examples: Sequence[str]) -> str:
    return f" (e.g. {', '.join(examples)})" if examples else ""


def format_report(report: CheckReport) -> str:
    """The report as text for a DBA: problems grouped by table, with example ids."""
    lines = [f"Doorstep contract check of the {report.database} (today {report.today})"]
    unreachable = [p for p in report.structure_problems if p.kind == UNREACHABLE]
    if unreachable:
        return "\n".join([*lines, "", *(p.message for p in unreachable)])
    for table in CONTRACT_TABLES:
        problems = [p for p in report.structure_problems if p.table == table.name]
        issues = [i for i in report.row_issues if i.table == table.name]
        read = report.rows_read.get(table.name)
        heading = f"{table.name}: " + (f"{read} row(s) read" if read is not None else "not read")
        if not problems and not issues:
            lines.append(f"{heading}, OK")
            continue
        lines.append(f"{heading}, {len(problems) + len(issues)} problem(s)")
        lines.extend(f"  - {p.kind}: {p.message}" for p in problems)
        lines.extend(
            f"  - {i.column}: {i.rule}: {i.count} row(s){_examples(i.examples)}" for i in issues
        )
    if report.ok:
        lines += ["", "Result: OK. The database keeps the contract."]
    else:
        bad_rows = sum(i.count for i in report.row_issues)
        lines += [
            "",
            f"Result: {len(report.structure_problems)} structure problem(s), "
            f"{len(report.row_issues)} row rule(s) broken, {bad_rows} time(s) in all. "
            "Doorstep leaves rows with issues out of every figure.",
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: check a database and print the report; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m data_access.check",
        description="Check a database against Doorstep's data contract.",
    )
    parser.add_argument("--url", help="SQLAlchemy URL (default: the configured database)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        help="date to judge 'in the future' against, YYYY-MM-DD (default: today)",
    )
    args = parser.parse_args(argv)
    report = check_database(args.url or database_config().url, args.today)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(format_report(report))
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
