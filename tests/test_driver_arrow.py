"""Text timestamps parsed by Arrow on the way in give exactly what the text path gives.

SQLite hands timestamps over as text. ``from_driver_arrow`` parses a column in Arrow
only when every value is a whole-second ISO timestamp; any other column stays text and
``to_contract_types`` parses it as it always has, so odd values are still counted.
"""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pyarrow as pa
import pytest

from data_access.driver_arrow import from_driver_arrow
from data_access.frames import to_contract_types
from data_access.quality import split_valid_rows
from data_access.schema import INCIDENTS, REPAIRS

CLEAN = ["2026-03-29 00:59:59", None, "2026-03-29 02:00:00"]
#: One odd value each: none of these columns may be parsed by Arrow.
ODD = {
    "a fraction": ["2026-03-29 00:59:59", "2026-03-29 01:30:00.250000"],
    "a T separator and a fraction": ["2026-03-29T01:30:00.5", "2026-03-29 02:00:00"],
    "a date alone": ["2026-03-29", "2026-03-29 02:00:00"],
    "a day that does not exist": ["2026-02-30 10:00:00", "2026-03-29 02:00:00"],
    "an hour of 24": ["2026-03-29 24:00:00", "2026-03-29 02:00:00"],
    "a zone": ["2026-03-29 01:30:00Z", "2026-03-29 02:00:00"],
    "no timestamp at all": ["soon", "2026-03-29 02:00:00"],
}


def _incidents(occurred: list[str | None]) -> pa.Table:
    ids = [f"I{i}" for i in range(len(occurred))]
    return pa.table(
        {
            "incident_id": pa.array(ids, pa.string()),
            "occurred_at": pa.array(occurred, pa.string()),
            "channel": pa.array(["phone"] * len(occurred), pa.string()),
        }
    )


def test_a_clean_text_column_arrives_as_timestamps() -> None:
    frame = from_driver_arrow(_incidents(CLEAN), INCIDENTS)
    assert frame.schema["occurred_at"] == pl.Datetime("us")
    assert frame.get_column("occurred_at").to_list() == [
        datetime(2026, 3, 29, 0, 59, 59),
        None,
        datetime(2026, 3, 29, 2, 0, 0),
    ]
    # Not a timestamp column in the contract: left as the driver typed it.
    assert frame.schema["channel"] == pl.String


@pytest.mark.parametrize("values", ODD.values(), ids=ODD.keys())
def test_a_column_with_an_odd_value_is_left_as_text(values: list[str]) -> None:
    frame = from_driver_arrow(_incidents(values), INCIDENTS)
    assert frame.schema["occurred_at"] == pl.String
    assert frame.get_column("occurred_at").to_list() == values


@pytest.mark.parametrize("values", [CLEAN, *ODD.values()], ids=["clean", *ODD.keys()])
def test_both_ways_in_give_the_same_snapshot_rows_and_issues(values: list[str]) -> None:
    arrow = _incidents(values)
    by_arrow = to_contract_types(from_driver_arrow(arrow, INCIDENTS), INCIDENTS)
    as_text = to_contract_types(pl.from_arrow(arrow), INCIDENTS)  # the text path alone
    assert by_arrow.equals(as_text)
    today = datetime(2026, 4, 1).date()
    kept, issues = split_valid_rows(INCIDENTS, by_arrow, today=today)
    kept_as_text, issues_as_text = split_valid_rows(INCIDENTS, as_text, today=today)
    assert kept.equals(kept_as_text) and issues == issues_as_text


def test_a_column_of_nulls_and_an_empty_read_stay_as_the_driver_typed_them() -> None:
    nulls = from_driver_arrow(_incidents([None, None]), INCIDENTS)
    assert nulls.schema["occurred_at"] == pl.String
    empty = from_driver_arrow(_incidents([]), INCIDENTS)
    assert empty.height == 0 and empty.schema["occurred_at"] == pl.String


def test_without_a_table_nothing_is_parsed() -> None:
    assert from_driver_arrow(_incidents(CLEAN)).schema["occurred_at"] == pl.String


def test_a_text_timestamp_with_a_zone_is_read_in_local_time_not_a_crash() -> None:
    # 01:30 UTC on the morning the clocks go forward is 02:30 on the wall in London.
    frame = to_contract_types(pl.from_arrow(_incidents(["2026-03-29 01:30:00Z"])), INCIDENTS)
    assert frame.get_column("occurred_at").to_list() == [datetime(2026, 3, 29, 2, 30)]
    kept, issues = split_valid_rows(INCIDENTS, frame, today=datetime(2026, 4, 1).date())
    assert kept.height == 1 and not [i for i in issues if i.column == "occurred_at"]


def _with_resident(occurred: list[str | None]) -> pa.Table:
    arrow = _incidents(occurred)
    residents = pa.array([f"R{i}" for i in range(len(occurred))], pa.string())
    return arrow.append_column("resident_id", residents)


def test_key_columns_are_handed_over_first_and_the_frame_is_unchanged() -> None:
    arrow = _with_resident(CLEAN)
    handed: list[pl.DataFrame] = []
    frame = from_driver_arrow(arrow, INCIDENTS, ["resident_id"], handed.append)
    assert len(handed) == 1 and handed[0].columns == ["resident_id"]
    assert handed[0].get_column("resident_id").to_list() == ["R0", "R1", "R2"]
    # The same frame, columns in the driver's order, as without handing keys over.
    assert frame.columns == arrow.column_names
    assert frame.equals(from_driver_arrow(arrow, INCIDENTS))
    assert frame.schema["occurred_at"] == pl.Datetime("us")


def test_no_keys_asked_for_or_present_hands_nothing_over() -> None:
    handed: list[pl.DataFrame] = []
    from_driver_arrow(_with_resident(CLEAN), INCIDENTS, [], handed.append)
    from_driver_arrow(_with_resident(CLEAN), INCIDENTS, ["no_such_column"], handed.append)
    assert handed == []


def test_an_extension_column_arrives_as_its_storage_and_converts() -> None:
    # ADBC hands PostgreSQL's numeric over as opaque text; Polars cannot cast that type.
    numeric = pa.opaque(pa.string(), "numeric", "PostgreSQL")
    costs = pa.ExtensionArray.from_storage(numeric, pa.array(["2275.94", None, "0.10"]))
    arrow = pa.table({"work_order_id": ["W1", "W2", "W3"], "cost": costs})
    raw = from_driver_arrow(arrow, REPAIRS)
    assert raw.schema["cost"] == pl.String
    typed = to_contract_types(raw, REPAIRS)
    assert typed.get_column("cost").to_list() == [2275.94, None, 0.1]
