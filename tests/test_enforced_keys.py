"""Duplicate keys are looked for unless the database's own primary key rules them out.

A database whose primary key is the contract's key cannot hold a duplicate, so a load
skips that check; a database without one (a provider's view, a copied table) is
checked, and its duplicates are counted as before.
"""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

import data_access.quality as quality
from data_access.demo_load import create_contract_tables
from data_access.reader import Reader, tables_keeping_keys_unique
from data_access.schema import CONTRACT_TABLES, INCIDENTS, REPAIRS
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import RESPECT
from tests import fixture_respect as fx
from tests.dbs import write_database

DUPLICATE = dict(fx.INCIDENT_ROWS[0])  # the first incident, again


def _store(url: str) -> SnapshotStore:
    return SnapshotStore(SnapshotLoader(Reader(url), clock=lambda: fx.READ_AT))


def test_a_database_keeping_every_contract_key_is_asked_once_for_all(empty_db_url) -> None:
    create_contract_tables(create_engine(empty_db_url), enforce_keys=True)
    assert tables_keeping_keys_unique(Reader(empty_db_url).engine, CONTRACT_TABLES) == {
        table.name for table in CONTRACT_TABLES
    }


def test_tables_without_a_primary_key_are_not_trusted(empty_db_url) -> None:
    create_contract_tables(create_engine(empty_db_url), enforce_keys=False)
    assert tables_keeping_keys_unique(Reader(empty_db_url).engine, CONTRACT_TABLES) == frozenset()


def test_a_primary_key_on_other_columns_is_not_trusted(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'other-key.sqlite'}"
    with create_engine(url).begin() as connection:  # keyed on the team, not the incident
        connection.execute(
            text("CREATE TABLE incidents (incident_id TEXT, team_id TEXT PRIMARY KEY)")
        )
        connection.execute(text("CREATE TABLE repairs (work_order_id TEXT)"))  # no key at all
    assert tables_keeping_keys_unique(Reader(url).engine, (INCIDENTS, REPAIRS)) == frozenset()


def test_the_reference_carries_the_answer_to_every_later_load(empty_db_url) -> None:
    write_database(empty_db_url, fx.ROWS, enforce_keys=True)
    store = _store(empty_db_url)
    assert store.get("reference").keys_kept_unique == {t.name for t in CONTRACT_TABLES}
    assert store.get(RESPECT.key).keys_kept_unique == {t.name for t in CONTRACT_TABLES}


def test_keys_the_database_keeps_unique_are_not_looked_for(empty_db_url, monkeypatch) -> None:
    write_database(empty_db_url, fx.ROWS, enforce_keys=True)
    looked: list[str] = []
    real = quality._key_rules
    monkeypatch.setattr(
        quality, "_key_rules", lambda table, frame: looked.append(table.name) or real(table, frame)
    )
    snapshot = _store(empty_db_url).get(RESPECT.key)
    assert looked == [] and snapshot.frames[INCIDENTS.name].height > 0


def test_without_a_primary_key_a_duplicate_is_still_found_and_counted(empty_db_url) -> None:
    write_database(empty_db_url, {**fx.ROWS, INCIDENTS: [*fx.INCIDENT_ROWS, DUPLICATE]})
    snapshot = _store(empty_db_url).get(RESPECT.key)
    duplicated = [i for i in snapshot.issues if i.rule == "duplicated key"]
    assert [(i.count, i.examples) for i in duplicated] == [(2, (DUPLICATE["incident_id"],) * 2)]
    kept = snapshot.frames[INCIDENTS.name].get_column("incident_id").to_list()
    assert DUPLICATE["incident_id"] not in kept


@pytest.mark.parametrize("enforce_keys", [True, False], ids=["keyed", "not keyed"])
def test_both_ways_give_the_same_snapshot_of_clean_rows(tmp_path, enforce_keys) -> None:
    url = f"sqlite:///{tmp_path / 'fixture.sqlite'}"
    write_database(url, fx.ROWS, enforce_keys=enforce_keys)
    snapshot = _store(url).get(RESPECT.key)
    assert snapshot.excluded_rows(INCIDENTS) == fx.BAD_INCIDENTS
