"""The contract check on real SQLite files and a real PostgreSQL schema.

The broken database is built from the contract with keys and NOT NULLs off, then
hand-written rows plant exactly one instance of each kind of problem, so every
count and example id asserted below is known in advance.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Column, Table, create_engine, insert, text
from sqlalchemy.engine import Engine
from sqlalchemy.schema import CreateSchema, DropSchema, DropTable

from data_access.check import CheckReport, check_database
from data_access.check_structure import (
    MISSING_COLUMN,
    MISSING_TABLE,
    UNREACHABLE,
    WRONG_TYPE,
    StructureProblem,
)
from data_access.demo import build_demo
from data_access.demo_load import create_contract_tables
from data_access.quality import RowIssue
from data_access.schema import (
    AREAS,
    FOOD_REFERRALS,
    INCIDENTS,
    OUTREACH_CALLS,
    OUTREACH_CAMPAIGNS,
    OUTREACH_COHORT,
    OUTREACH_NEEDS,
    REPAIR_PRIORITIES,
    REPAIRS,
    RESIDENTS,
    TEAMS,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2025, 3, 31)
PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_SCHEMA = "doorstep_check_test"
PG_NOTHING_LISTENING = "postgresql+psycopg://postgres@127.0.0.1:1/test"

MISSING_TABLE_PLANTED = OUTREACH_NEEDS
MISSING_COLUMN_PLANTED = OUTREACH_CAMPAIGNS.c.target_contacts
WRONG_TYPE_PLANTED = INCIDENTS.c.reported_at

OUTSIDE = "value outside the allowed set"
MISSING = "missing or unreadable value"
DUPLICATED = "duplicated key"
FUTURE = "date in the future"

NewUrl = Callable[[str], str]


# --- databases ------------------------------------------------------------------


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def new_url(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[NewUrl]:
    """A factory of empty databases (files, or schemas on the shared PostgreSQL)."""
    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp("check")
        yield lambda name: f"sqlite:///{folder / name}.sqlite"
        return
    admin = create_engine(PG_BASE)
    schemas: list[str] = []

    def new(name: str) -> str:
        schema = f"{PG_SCHEMA}_{name}"
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True, if_exists=True))
            conn.execute(CreateSchema(schema))
        schemas.append(schema)
        return f"{PG_BASE}?options=-csearch_path%3D{schema}"

    yield new
    with admin.begin() as conn:
        for schema in schemas:
            conn.execute(DropSchema(schema, cascade=True, if_exists=True))
    admin.dispose()


def _rows(engine: Engine, table: Table, *rows: dict) -> None:
    """Insert rows given by column name; unnamed columns are NULL, unknown names fail."""
    full = [{column.name: None for column in table.columns} for _ in rows]
    for target, row in zip(full, rows, strict=True):
        target.update({table.c[name].name: value for name, value in row.items()})
    with engine.begin() as conn:
        conn.execute(insert(table), full)


def _alter(engine: Engine, table: Table, clause: str) -> None:
    quote = engine.dialect.identifier_preparer.quote
    with engine.begin() as conn:
        conn.execute(text(f"ALTER TABLE {quote(table.name)} {clause}"))


def _plant_structure_problems(engine: Engine) -> None:
    quote = engine.dialect.identifier_preparer.quote
    with engine.begin() as conn:
        conn.execute(DropTable(MISSING_TABLE_PLANTED))
    _alter(engine, OUTREACH_CAMPAIGNS, f"DROP COLUMN {quote(MISSING_COLUMN_PLANTED.name)}")
    wrong = quote(WRONG_TYPE_PLANTED.name)
    _alter(engine, INCIDENTS, f"DROP COLUMN {wrong}")
    _alter(engine, INCIDENTS, f"ADD COLUMN {wrong} TEXT")


def _plant_rows(engine: Engine) -> None:
    at = datetime
    _rows(engine, AREAS, dict(area_id="A1", area_name="Ashby", region="North"))
    _rows(engine, TEAMS, dict(team_id="T1", team_name="Repairs", function="repairs"))
    resident = dict(household_ref="H", vulnerable=False, adults=1, children=0)
    _rows(
        engine,
        RESIDENTS,
        dict(resident_id="R1", area_id="A1", **resident),
        dict(resident_id="R2", area_id="A1", priority_cohort="pensioner", **resident),
        dict(resident_id="R3", area_id="A9", **resident),  # orphan: no area A9
    )
    campaign = dict(campaign_id="C1", campaign_name="Winter", started_on=date(2025, 1, 6))
    _rows(engine, OUTREACH_CAMPAIGNS, campaign, campaign)  # duplicated key
    _rows(engine, OUTREACH_COHORT, dict(campaign_id="C1", resident_id="R1", added_on=TODAY))
    call = dict(call_id="K1", campaign_id="C1", resident_id="R1", team_id="T1")
    _rows(
        engine,
        OUTREACH_CALLS,
        dict(**call, called_at=at(2025, 1, 7, 10), direction="outbound", outcome="reached")
        | dict(follow_up_required=False),
    )
    referral = dict(resident_id="R1", team_id="T1", partner_name="Foodbank", adults=1, children=0)
    _rows(
        engine,
        FOOD_REFERRALS,
        dict(referral_id="F1", referred_at=at(2025, 2, 10, 10), status="fulfilled", **referral)
        | dict(fulfilled_at=at(2025, 2, 9, 12), fulfilment="collected"),
        dict(referral_id="F2", referred_at=at(2025, 4, 2, 9), status="referred", **referral),
    )
    _rows(
        engine,
        REPAIR_PRIORITIES,
        dict(priority_code="NOR", description="Routine", target_value=20)
        | dict(target_unit="working_days", is_emergency=False),
    )
    job = dict(property_ref="P1", area_id="A1", trade="plumbing", priority_code="NOR")
    job |= dict(is_damp_mould=False, reported_at=at(2025, 3, 5, 9))
    done = dict(status="completed", target_at=at(2025, 3, 28, 23))
    still_open = dict(status="open", target_at=at(2025, 4, 20, 23))  # future target: normal
    _rows(
        engine,
        REPAIRS,
        dict(work_order_id="W1", completed_at=at(2025, 3, 10, 12), **job, **done),
        dict(work_order_id="W2", completed_at=at(2025, 3, 4, 16), **job, **done),
        dict(work_order_id="W3", **(job | dict(property_ref=None)), **still_open),
        dict(work_order_id="W4", **job, **still_open),
        dict(work_order_id="W4", **job, **still_open),
        dict(work_order_id="W5", **job, **(still_open | dict(status="on_hold"))),
        dict(work_order_id="W6", **job, **(still_open | dict(status="on_hold"))),
    )


@pytest.fixture(scope="module")
def broken_url(new_url: NewUrl) -> str:
    """A database with one planted instance of each problem the check must find."""
    url = new_url("broken")
    engine = create_engine(url)
    create_contract_tables(engine, enforce_keys=False, indexes=False)
    _plant_rows(engine)
    _plant_structure_problems(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def broken(broken_url: str) -> CheckReport:
    return check_database(broken_url, today=TODAY)


@pytest.fixture(scope="module")
def good_url(new_url: NewUrl) -> str:
    url = new_url("good")
    build_demo(url, end_date=TODAY, scale=0.02, bad_rows=False, progress=False)
    return url


def _cli(url: str, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "data_access.check", "--url", url, *options]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)


def _structure(report: CheckReport, kind: str) -> list[StructureProblem]:
    return [p for p in report.structure_problems if p.kind == kind]


def _key(column: Column, rule: str) -> tuple[str, str, str]:
    return (column.table.name, column.name, rule)


def _before(later: Column, earlier: Column) -> str:
    return f"{later.name} before {earlier.name}"


def _orphan(target: Column) -> str:
    return f"refers to a missing {target.table.name}.{target.name}"


def _issue(report: CheckReport, column: Column, rule: str) -> RowIssue:
    found = [i for i in report.row_issues if (i.table, i.column, i.rule) == _key(column, rule)]
    assert len(found) == 1, report.row_issues
    return found[0]


# --- a good database ------------------------------------------------------------


def test_clean_demo_passes(good_url: str) -> None:
    report = check_database(good_url, today=TODAY)
    assert report.ok, (report.structure_problems, report.row_issues)
    assert report.rows_read[REPAIRS.name] > 0


def test_cli_exits_0_for_clean_demo(good_url: str) -> None:
    result = _cli(good_url, "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Result: OK" in result.stdout


# --- structure ------------------------------------------------------------------


def test_missing_table_named(broken: CheckReport) -> None:
    [problem] = _structure(broken, MISSING_TABLE)
    assert problem.table == MISSING_TABLE_PLANTED.name
    assert MISSING_TABLE_PLANTED.name in problem.message


def test_missing_column_named(broken: CheckReport) -> None:
    [problem] = _structure(broken, MISSING_COLUMN)
    assert (problem.table, problem.column) == (OUTREACH_CAMPAIGNS.name, MISSING_COLUMN_PLANTED.name)
    assert f"{OUTREACH_CAMPAIGNS.name}.{MISSING_COLUMN_PLANTED.name}" in problem.message


def test_table_with_missing_column_is_still_row_checked(broken: CheckReport) -> None:
    issue = _issue(broken, OUTREACH_CAMPAIGNS.c.campaign_id, DUPLICATED)
    assert (issue.count, issue.examples) == (2, ("C1", "C1"))


def test_wrong_type_reported(broken: CheckReport) -> None:
    [problem] = _structure(broken, WRONG_TYPE)
    assert (problem.table, problem.column) == (INCIDENTS.name, WRONG_TYPE_PLANTED.name)
    assert "TEXT" in problem.message
    assert "timestamp" in problem.message


# --- rows -----------------------------------------------------------------------


def test_value_outside_allowed_set(broken: CheckReport) -> None:
    issue = _issue(broken, REPAIRS.c.status, OUTSIDE)
    assert (issue.count, issue.examples) == (2, ("W5", "W6"))


def test_null_where_none_allowed(broken: CheckReport) -> None:
    issue = _issue(broken, REPAIRS.c.property_ref, MISSING)
    assert (issue.count, issue.examples) == (1, ("W3",))


def test_duplicated_key(broken: CheckReport) -> None:
    issue = _issue(broken, REPAIRS.c.work_order_id, DUPLICATED)
    assert (issue.count, issue.examples) == (2, ("W4", "W4"))


def test_orphaned_foreign_key(broken: CheckReport) -> None:
    issue = _issue(broken, RESIDENTS.c.area_id, _orphan(AREAS.c.area_id))
    assert (issue.count, issue.examples) == (1, ("R3",))


def test_completed_before_reported(broken: CheckReport) -> None:
    rule = _before(REPAIRS.c.completed_at, REPAIRS.c.reported_at)
    issue = _issue(broken, REPAIRS.c.completed_at, rule)
    assert (issue.count, issue.examples) == (1, ("W2",))


def test_fulfilled_before_referred(broken: CheckReport) -> None:
    rule = _before(FOOD_REFERRALS.c.fulfilled_at, FOOD_REFERRALS.c.referred_at)
    issue = _issue(broken, FOOD_REFERRALS.c.fulfilled_at, rule)
    assert (issue.count, issue.examples) == (1, ("F1",))


def test_date_in_the_future(broken: CheckReport) -> None:
    issue = _issue(broken, FOOD_REFERRALS.c.referred_at, FUTURE)
    assert (issue.count, issue.examples) == (1, ("F2",))


def test_nothing_else_flagged(broken: CheckReport) -> None:
    """A future target_at is normal, and nothing beyond the planted problems appears."""
    flagged = {(i.table, i.column, i.rule) for i in broken.row_issues}
    assert flagged == {
        _key(OUTREACH_CAMPAIGNS.c.campaign_id, DUPLICATED),
        _key(REPAIRS.c.status, OUTSIDE),
        _key(REPAIRS.c.property_ref, MISSING),
        _key(REPAIRS.c.work_order_id, DUPLICATED),
        _key(REPAIRS.c.completed_at, _before(REPAIRS.c.completed_at, REPAIRS.c.reported_at)),
        _key(RESIDENTS.c.priority_cohort, OUTSIDE),
        _key(RESIDENTS.c.area_id, _orphan(AREAS.c.area_id)),
        _key(
            FOOD_REFERRALS.c.fulfilled_at,
            _before(FOOD_REFERRALS.c.fulfilled_at, FOOD_REFERRALS.c.referred_at),
        ),
        _key(FOOD_REFERRALS.c.referred_at, FUTURE),
    }
    assert len(broken.structure_problems) == 3


def test_rows_read_per_table(broken: CheckReport) -> None:
    assert broken.rows_read[REPAIRS.name] == 7
    assert MISSING_TABLE_PLANTED.name not in broken.rows_read


# --- command line ---------------------------------------------------------------


def test_cli_exits_1_with_grouped_report(broken_url: str) -> None:
    result = _cli(broken_url, "--today", TODAY.isoformat())
    assert result.returncode == 1, result.stderr
    assert "status: value outside the allowed set: 2 row(s) (e.g. W5, W6)" in result.stdout


def test_cli_json(broken_url: str) -> None:
    result = _cli(broken_url, "--today", TODAY.isoformat(), "--json")
    report = json.loads(result.stdout)
    assert (result.returncode, report["ok"], report["reachable"]) == (1, False, True)
    assert report["rows_read"][REPAIRS.name] == 7


def test_cli_exits_2_for_missing_sqlite_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite"
    result = _cli(f"sqlite:///{missing}")
    assert result.returncode == 2
    assert str(missing) in result.stdout
    assert not missing.exists()


def test_cli_exits_2_when_postgres_not_listening() -> None:
    result = _cli(PG_NOTHING_LISTENING)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_unreachable_is_one_problem_naming_the_database() -> None:
    report = check_database(PG_NOTHING_LISTENING)
    [problem] = report.structure_problems
    assert problem.kind == UNREACHABLE
    assert "127.0.0.1:1" in problem.message
    assert not report.reachable and report.exit_code == 2
