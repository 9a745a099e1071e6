"""Awaab's Law clocks on SQLite and PostgreSQL match the hand-worked fixture_awaab."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest

from data_access.filters import Filters
from data_access.reader import Reader
from data_access.schema import DAMP_MOULD_CASES
from data_access.scope import Scope
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import REPAIRS_SUBJECT
from figures import awaab
from tests import fixture_awaab as fx
from tests.dbs import write_database

FILTERS = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END)
SPRING = Filters(start=fx.SPRING_START, end=fx.SPRING_END)
NORTH = Scope.only(["North"])


def _snapshot(url: str, rows: dict):
    write_database(url, rows)
    loader = SnapshotLoader(Reader(url), clock=lambda: fx.READ_AT)
    return SnapshotStore(loader).get(REPAIRS_SUBJECT.key)


@pytest.fixture
def snapshot(empty_db_url):
    return _snapshot(empty_db_url, fx.ROWS)


def _stages(snapshot, scope) -> dict:
    frame = awaab.cases_by_stage(snapshot, FILTERS, scope)
    return {(stage, hazard): cases for stage, hazard, cases in frame.iter_rows()}


def _breaches(snapshot, scope) -> dict:
    frame = awaab.deadline_breaches(snapshot, FILTERS, scope)
    return {row[0]: row[1:] for row in frame.iter_rows()}


def _clock(snapshot, filters, case_id: str) -> dict:
    clocks = awaab.case_clocks(snapshot, filters, Scope.everything())
    return clocks.filter(pl.col("case_id") == case_id).row(0, named=True)


def test_every_fixture_row_keeps_the_contract(snapshot):
    assert snapshot.excluded_rows(DAMP_MOULD_CASES) == 0


def test_only_cases_aware_before_the_period_end_exist(snapshot):
    clocks = awaab.case_clocks(snapshot, FILTERS, Scope.everything())
    assert clocks.height == fx.PRESENT
    assert "C15" not in clocks["case_id"].to_list()


def test_cases_by_stage(snapshot):
    assert _stages(snapshot, Scope.everything()) == fx.STAGES_ALL


def test_cases_by_stage_in_the_north(snapshot):
    assert _stages(snapshot, NORTH) == fx.STAGES_NORTH


def test_cases_by_stage_order(snapshot):
    frame = awaab.cases_by_stage(snapshot, FILTERS, Scope.everything())
    assert frame["stage"].to_list() == [s for s in awaab.STAGES for _ in range(2)]
    assert frame["hazard_level"].to_list() == ["emergency", "significant"] * 5


def test_deadline_breaches(snapshot):
    assert _breaches(snapshot, Scope.everything()) == fx.BREACHES_ALL


def test_deadline_breaches_in_the_north(snapshot):
    assert _breaches(snapshot, NORTH) == fx.BREACHES_NORTH


def test_falling_due(snapshot):
    frame = awaab.falling_due(snapshot, FILTERS, Scope.everything())
    assert frame.rows() == fx.FALLING_DUE_ALL


def test_falling_due_in_the_north(snapshot):
    assert awaab.falling_due(snapshot, FILTERS, NORTH).rows() == fx.FALLING_DUE_NORTH


def test_investigated_at_the_deadline_second_is_met_and_one_later_is_late(snapshot):
    c01, c02 = _clock(snapshot, FILTERS, "C01"), _clock(snapshot, FILTERS, "C02")
    assert c01["investigation_due"] == c01["investigated_at"] == datetime(2026, 1, 7, 23, 59, 59)
    assert c02["investigation_due"] == datetime(2025, 12, 15, 23, 59, 59)
    assert c02["investigated_at"] == datetime(2025, 12, 16)


def test_working_days_skip_christmas_and_new_year(snapshot):
    c07 = _clock(snapshot, FILTERS, "C07")
    assert c07["investigation_due"] == datetime(2025, 12, 31, 23, 59, 59)
    assert c07["summary_due"] == datetime(2026, 1, 2, 23, 59, 59)
    assert c07["safety_work_due"] == datetime(2026, 1, 6, 23, 59, 59)
    assert c07["prevent_work_due"] == datetime(2026, 3, 23, 23, 59, 59)


def test_a_step_done_after_the_period_end_is_not_done(snapshot):
    c07 = _clock(snapshot, FILTERS, "C07")
    assert c07["safety_work_done_at"] is None
    assert c07["stage"] == "Awaiting safety work"


def test_untimed_and_not_yet_timed_steps_have_no_due_date(snapshot):
    c03, c08 = _clock(snapshot, FILTERS, "C03"), _clock(snapshot, FILTERS, "C08")
    assert c03["summary_due"] is None and c03["prevent_work_due"] is None
    assert c08["summary_due"] is None and c08["safety_work_due"] is None


def test_emergency_clock_runs_24_real_hours_across_the_spring_clock_change(snapshot):
    c15 = _clock(snapshot, SPRING, "C15")
    assert c15["investigation_due"] == c15["safety_work_due"] == datetime(2026, 3, 29, 11)


def test_falling_due_after_the_spring_period_skips_easter(snapshot):
    frame = awaab.falling_due(snapshot, SPRING, Scope.everything())
    assert frame.rows() == fx.FALLING_DUE_SPRING


def test_no_cases_gives_zero_filled_frames(empty_db_url):
    rows = {
        table: table_rows
        for table, table_rows in fx.ROWS.items()
        if table.name != "damp_mould_cases"
    }
    empty = _snapshot(empty_db_url, rows)
    stages = awaab.cases_by_stage(empty, FILTERS, Scope.everything())
    assert stages.height == 10 and stages["cases"].sum() == 0
    breaches = awaab.deadline_breaches(empty, FILTERS, Scope.everything())
    assert breaches["deadline"].to_list() == list(awaab.DEADLINES)
    assert breaches.drop("deadline").sum().row(0) == (0, 0, 0, 0, 0)
    assert set(breaches.drop("deadline").dtypes) == {pl.Int64}
    due = awaab.falling_due(empty, FILTERS, Scope.everything())
    assert due.height == 0 and due.schema["due_at"] == pl.Datetime("us")
    assert awaab.case_clocks(empty, FILTERS, Scope.everything()).height == 0
