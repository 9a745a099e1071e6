"""Regions set during a load agree with the joins they replace, orphans included.

Needs find their call from the calls as read (before the calls are tagged), and
incidents and repairs take their region in the type conversion's pass or, arriving
without one, in ``add_regions``: both ways must give the regions worked out by hand.
"""

from __future__ import annotations

import threading
from datetime import datetime

import polars as pl
import pytest

import data_access.snapshot as snapshot_module
from data_access.frames import to_contract_types
from data_access.reader import Reader
from data_access.regions import (
    AREA,
    PARENT_ROW,
    ROW_AS_READ,
    add_regions,
    lookup_key_columns,
    region_expression,
)
from data_access.schema import INCIDENTS, OUTREACH_CALLS, OUTREACH_COHORT, OUTREACH_NEEDS, REPAIRS
from data_access.scope import REGION
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import OUTREACH, REPAIRS_SUBJECT, RESPECT
from tests import fixture_outreach, fixture_repairs, fixture_respect
from tests.dbs import sqlite_url, write_database

LISTS = {
    "areas": pl.DataFrame(
        {"area_id": ["A1", "A2"], "region": ["North", "South"]},
        schema={"area_id": pl.Categorical, "region": pl.Categorical},
    ),
    "teams": pl.DataFrame({"team_id": ["T1", "T2"], "region": ["East", "North"]}).with_columns(
        pl.col("region").cast(pl.Categorical)
    ),
}
#: Incidents as a driver hands them over: known area; no area (the team's region); an
#: orphaned area (the team's); orphaned area and team (none); no area, orphaned team.
INCIDENT_ROWS = pl.DataFrame(
    {
        "incident_id": ["I1", "I2", "I3", "I4", "I5"],
        "area_id": ["A2", None, "A9", "A9", None],
        "team_id": ["T1", "T1", "T2", "T9", "T9"],
    }
)
BY_HAND = ["South", "East", "North", None, None]


def _tagged_afterwards(table, raw: pl.DataFrame) -> list:
    tagged = add_regions({table.name: to_contract_types(raw, table)}, LISTS)[table.name]
    return tagged.get_column(REGION).cast(pl.String).to_list()


def _in_the_conversion(table, raw: pl.DataFrame) -> pl.DataFrame:
    region = region_expression(table.name, LISTS)
    assert region is not None
    return to_contract_types(raw, table, (region,))


def test_an_incidents_region_set_in_the_conversion_is_the_joins():
    converted = _in_the_conversion(INCIDENTS, INCIDENT_ROWS)
    assert converted.schema[REGION] == pl.Categorical
    assert converted.get_column(REGION).cast(pl.String).to_list() == BY_HAND
    assert _tagged_afterwards(INCIDENTS, INCIDENT_ROWS) == BY_HAND
    # Already tagged, the frame passes add_regions unchanged.
    tagged = add_regions({INCIDENTS.name: converted}, LISTS)[INCIDENTS.name]
    assert tagged.get_column(REGION).cast(pl.String).to_list() == BY_HAND


def test_a_repairs_region_set_in_the_conversion_is_the_joins():
    raw = pl.DataFrame({"repair_id": ["J1", "J2", "J3"], "area_id": ["A1", "A9", None]})
    converted = _in_the_conversion(REPAIRS, raw)
    assert converted.get_column(REGION).cast(pl.String).to_list() == ["North", None, None]
    assert _tagged_afterwards(REPAIRS, raw) == ["North", None, None]


@pytest.mark.parametrize("table", [OUTREACH_CALLS, OUTREACH_NEEDS])
def test_tables_tagged_through_a_resident_or_call_get_no_region_expression(table):
    assert region_expression(table.name, LISTS) is None


def test_a_list_with_a_repeated_key_gives_its_first_rows_region_and_no_extra_rows():
    moved = pl.DataFrame({"area_id": ["A1"], "region": ["South"]}, schema=LISTS["areas"].schema)
    repeated = {**LISTS, "areas": pl.concat([LISTS["areas"], moved])}
    raw = pl.DataFrame({"repair_id": ["J1", "J2"], "area_id": ["A1", "A2"]})
    tagged = add_regions({REPAIRS.name: to_contract_types(raw, REPAIRS)}, repeated)
    assert tagged[REPAIRS.name].get_column(REGION).cast(pl.String).to_list() == [
        "North",
        "South",
    ]


def test_without_a_team_list_incidents_take_their_areas_region_and_without_areas_none():
    no_teams = {"areas": LISTS["areas"]}
    converted = to_contract_types(
        INCIDENT_ROWS, INCIDENTS, (region_expression("incidents", no_teams),)
    )
    assert converted.get_column(REGION).cast(pl.String).to_list() == ["South", *[None] * 4]
    assert region_expression(INCIDENTS.name, {"teams": LISTS["teams"]}) is None
    no_areas = add_regions({INCIDENTS.name: to_contract_types(INCIDENT_ROWS, INCIDENTS)}, {})
    assert no_areas[INCIDENTS.name].get_column(REGION).null_count() == INCIDENT_ROWS.height


@pytest.fixture
def outreach_with_odd_needs(tmp_path):
    """The outreach fixture plus a need on a missing call, and one on a call that is
    itself excluded (its resident is unknown)."""
    odd_call = {**fixture_outreach.CALLS[0], "call_id": "K-odd", "resident_id": "R-gone"}
    rows = {
        **fixture_outreach.ROWS,
        OUTREACH_CALLS: [*fixture_outreach.ROWS[OUTREACH_CALLS], odd_call],
        OUTREACH_NEEDS: [
            *fixture_outreach.NEEDS,
            {"call_id": "K-missing", "need": "food"},
            {"call_id": "K-odd", "need": "money_debt"},
        ],
    }
    url = sqlite_url(tmp_path)
    write_database(url, rows)
    loader = SnapshotLoader(Reader(url), clock=lambda: fixture_outreach.READ_AT)
    return SnapshotStore(loader).get("outreach")


def test_needs_take_their_calls_region_and_area_and_orphans_are_counted(outreach_with_odd_needs):
    snapshot = outreach_with_odd_needs
    needs, calls = snapshot.frames[OUTREACH_NEEDS.name], snapshot.frames[OUTREACH_CALLS.name]
    assert needs.height == len(fixture_outreach.NEEDS) + 1  # K-missing excluded
    assert "K-odd" in needs.get_column("call_id").to_list()
    assert "K-odd" not in calls.get_column("call_id").to_list()  # excluded: orphaned
    # Every need on a kept call carries its region and area, as a join on the calls would.
    shown = [REGION, AREA]
    text = [pl.col(c).cast(pl.String) for c in shown]
    by_call = calls.select("call_id", *text)
    joined = needs.select("call_id", *text).join(by_call, on="call_id", how="left", suffix="_c")
    # (Needs on excluded calls, as K90 and K-odd, keep their tags: not compared here.)
    kept = joined.filter(pl.col("call_id").is_in(calls.get_column("call_id").implode()))
    assert kept.height == needs.height - 2
    for column in shown:
        assert kept.get_column(column).to_list() == kept.get_column(f"{column}_c").to_list()
    assert kept.get_column(REGION).null_count() == 0
    # The need on the excluded call has that call's (missing) resident's region: none.
    odd = joined.filter(pl.col("call_id") == "K-odd").row(0, named=True)
    assert odd[REGION] is None and odd[AREA] is None
    orphans = [
        issue
        for issue in snapshot.issues
        if issue.table == OUTREACH_NEEDS.name and "missing outreach_calls" in issue.rule
    ]
    assert [(issue.count, issue.examples) for issue in orphans] == [(1, ("K-missing",))]


def test_needs_link_to_their_calls_row_as_read_and_not_to_an_excluded_one(
    outreach_with_odd_needs,
):
    snapshot = outreach_with_odd_needs
    needs, calls = snapshot.frames[OUTREACH_NEEDS.name], snapshot.frames[OUTREACH_CALLS.name]
    call_at = dict(zip(calls[ROW_AS_READ].to_list(), calls["call_id"].to_list(), strict=True))
    links = needs.select("call_id", PARENT_ROW).rows()
    # A need on a kept call points at that call; one on an excluded call (K90: its call
    # broke a rule; K-odd: its call's resident is missing) points at no kept call.
    on_kept = [(call, call_at[row]) for call, row in links if row in call_at]
    assert on_kept and all(need_call == call for need_call, call in on_kept)
    assert sorted(call for call, row in links if row not in call_at) == ["K-odd", "K90"]


def test_the_needs_snapshot_is_the_same_read_by_either_path(tmp_path):
    url = sqlite_url(tmp_path)
    write_database(url, fixture_outreach.ROWS)
    frames = []
    for method in ("auto", "sqlalchemy"):
        reader = Reader(url)
        original = reader.read_untyped
        reader.read_untyped = lambda *a, m=method, o=original, **k: o(*a[:2], m, **k)
        loader = SnapshotLoader(reader, clock=lambda: datetime(2026, 11, 10, 12))
        frames.append(SnapshotStore(loader).get("outreach").frames[OUTREACH_NEEDS.name])
    assert frames[0].sort("call_id", "need").equals(frames[1].sort("call_id", "need"))


def _store_with_reference(tmp_path, rows) -> SnapshotStore:
    url = sqlite_url(tmp_path)
    write_database(url, rows)
    store = SnapshotStore(SnapshotLoader(Reader(url)))
    store.get("reference")
    return store


@pytest.mark.parametrize(
    ("rows", "table", "subject"),
    [
        (fixture_repairs.ROWS, REPAIRS, REPAIRS_SUBJECT),  # tables read side by side
        (fixture_respect.ROWS, INCIDENTS, RESPECT),  # one table, read where it is loaded
    ],
    ids=["repairs", "respect"],
)
def test_a_region_expression_that_fails_fails_the_load_instead_of_leaving_it_waiting(
    tmp_path, monkeypatch, rows, table, subject
):
    store = _store_with_reference(tmp_path, rows)
    real = snapshot_module.region_expression

    def broken(name, lookups):
        if name == table.name:
            raise ValueError("a broken area list")
        return real(name, lookups)

    monkeypatch.setattr(snapshot_module, "region_expression", broken)
    raised: list[BaseException] = []

    def load() -> None:
        try:
            store.get(subject.key)
        except BaseException as error:
            raised.append(error)

    # On a daemon thread: a load left waiting fails the test instead of hanging the run.
    loading = threading.Thread(target=load, daemon=True)
    loading.start()
    loading.join(60)
    assert not loading.is_alive(), "the load is still waiting"
    assert len(raised) == 1 and isinstance(raised[0], ValueError)
    assert "a broken area list" in str(raised[0])


def test_calls_and_cohort_rows_of_one_resident_carry_one_resident_row(outreach_with_odd_needs):
    snapshot = outreach_with_odd_needs
    rows = pl.concat(
        snapshot.frames[table.name].select("resident_id", PARENT_ROW)
        for table in (OUTREACH_CALLS, OUTREACH_COHORT)
    ).unique()
    # One number per resident, and a different one for each resident: pairing by it is
    # pairing by the id.
    assert rows.height == rows.get_column("resident_id").n_unique()
    assert rows.height == rows.get_column(PARENT_ROW).n_unique()
    assert rows.get_column(PARENT_ROW).null_count() == 0


def test_each_read_hands_over_the_keys_its_parent_lookups_need():
    outreach = [OUTREACH_COHORT.name, OUTREACH_CALLS.name, OUTREACH_NEEDS.name]
    assert lookup_key_columns(outreach) == {
        OUTREACH_COHORT.name: ["resident_id"],
        OUTREACH_CALLS.name: ["resident_id", "call_id"],  # its own lookup, then its needs'
        OUTREACH_NEEDS.name: ["call_id"],
    }
    assert lookup_key_columns([INCIDENTS.name]) == {INCIDENTS.name: ["resident_id"]}
    assert lookup_key_columns([REPAIRS.name]) == {REPAIRS.name: []}


@pytest.mark.parametrize(
    ("rows", "subject", "keys"),
    [
        (fixture_respect.ROWS, RESPECT, {INCIDENTS.name: ["resident_id"]}),
        (
            fixture_outreach.ROWS,
            OUTREACH,
            {
                OUTREACH_COHORT.name: ["resident_id"],
                OUTREACH_CALLS.name: ["resident_id", "call_id"],
                OUTREACH_NEEDS.name: ["call_id"],
            },
        ),
    ],
    ids=["respect", "outreach"],
)
def test_parent_rows_are_looked_up_in_the_keys_before_the_rest_is_converted(
    tmp_path, monkeypatch, rows, subject, keys
):
    store = _store_with_reference(tmp_path, rows)
    looked_up: dict[str, list[str]] = {}
    real = snapshot_module.find_parent_rows

    def recording(name, frame, lookup, slots=None):
        looked_up[name] = frame.columns
        return real(name, frame, lookup, slots)

    monkeypatch.setattr(snapshot_module, "find_parent_rows", recording)
    snapshot = store.get(subject.key)
    # Each child's lookup saw the key columns alone, as the driver handed them over.
    assert looked_up == keys
    assert all(frame.height for frame in snapshot.frames.values())
