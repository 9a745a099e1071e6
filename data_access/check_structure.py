"""Structure half of the contract check: are the tables, columns and types there?

Judged through SQLAlchemy's inspector, so the same rules hold for a table or a view
on any database, and a DBA gets one sentence per problem rather than a failed read.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, Table, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.types import (
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    NullType,
    Numeric,
    String,
    TypeEngine,
)

UNREACHABLE = "database unreachable"
MISSING_TABLE = "missing table"
MISSING_COLUMN = "missing column"
WRONG_TYPE = "wrong type"
UNREADABLE = "unreadable table"

#: Dialects without a real boolean type, where 0/1 integers are the convention.
INTEGER_BOOLEAN_DIALECTS = frozenset({"sqlite", "mysql", "mariadb"})


@dataclass(frozen=True)
class StructureProblem:
    """A table, column or type the contract needs but the database lacks."""

    kind: str
    table: str | None
    column: str | None
    message: str


def contract_type_words(column: Column) -> str:
    """The contract type of ``column`` in a DBA's words."""
    kind = column.type
    if isinstance(kind, DateTime):
        return "a timestamp"
    if isinstance(kind, Date):
        return "a date"
    if isinstance(kind, Boolean):
        return "a boolean"
    if isinstance(kind, Integer):
        return "an integer"
    if isinstance(kind, Numeric):
        return "a decimal number"
    return "text"


def _type_name(found: TypeEngine, engine: Engine) -> str:
    try:
        return str(found.compile(dialect=engine.dialect))
    except Exception:  # a reflected type the dialect cannot render
        return type(found).__name__


def type_fits(contract: TypeEngine, found: TypeEngine, dialect: str) -> bool:
    """Whether a database column of type ``found`` can hold the contract's values.

    Judged by SQLAlchemy's reflected type class, which on SQLite follows the declared
    type's affinity (``DATETIME`` or ``TIMESTAMP`` holding ISO text is a timestamp,
    ``TEXT`` is not). A column with no declared type cannot be judged and passes.
    """
    if isinstance(found, NullType):
        return True
    if isinstance(contract, Boolean):
        integer_ok = dialect in INTEGER_BOOLEAN_DIALECTS and isinstance(found, Integer)
        return isinstance(found, Boolean) or integer_ok
    if isinstance(contract, DateTime):
        return isinstance(found, DateTime)
    if isinstance(contract, Date):
        return isinstance(found, Date | DateTime)
    if isinstance(contract, Integer):
        whole = isinstance(found, Numeric) and not isinstance(found, Float) and found.scale == 0
        return isinstance(found, Integer) or whole
    if isinstance(contract, Numeric):
        return isinstance(found, Numeric)
    return isinstance(found, String)


def check_structure(
    engine: Engine, tables: tuple[Table, ...]
) -> tuple[dict[str, list[Column]], list[StructureProblem]]:
    """The contract columns each table has, and what is missing or mistyped.

    Raises SQLAlchemy's errors when the database cannot be reached; the caller turns
    that into a single "unreachable" problem.
    """
    inspector = inspect(engine)
    dialect = engine.dialect.name
    relations = set(inspector.get_table_names()) | set(inspector.get_view_names())
    present: dict[str, list[Column]] = {}
    problems: list[StructureProblem] = []
    for table in tables:
        if table.name not in relations:
            message = f"The table (or view) '{table.name}' is missing."
            problems.append(StructureProblem(MISSING_TABLE, table.name, None, message))
            continue
        found = {column["name"]: column["type"] for column in inspector.get_columns(table.name)}
        present[table.name] = []
        for column in table.columns:
            where = f"{table.name}.{column.name}"
            if column.name not in found:
                message = f"The column {where} is missing."
                problems.append(StructureProblem(MISSING_COLUMN, table.name, column.name, message))
                continue
            present[table.name].append(column)
            if not type_fits(column.type, found[column.name], dialect):
                actual = _type_name(found[column.name], engine)
                message = (
                    f"The column {where} is {actual} in the database; "
                    f"the contract needs {contract_type_words(column)}."
                )
                problems.append(StructureProblem(WRONG_TYPE, table.name, column.name, message))
    return present, problems
