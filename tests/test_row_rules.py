"""The cheap paths of type conversion and key checks give the exact answers.

Unknown codes are kept (and counted) however the enum cast is done; duplicated keys
are found whether ids arrive sorted or not, and a missing id is not a duplicate.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from data_access.frames import to_contract_types
from data_access.quality import contract_rules, split_valid_rows
from data_access.schema import FOOD_REFERRALS, INCIDENTS, OUTREACH_NEEDS, allowed_values
from data_access.vocabulary import NEEDS

CHANNELS = list(allowed_values(INCIDENTS.c.channel))
FULFILMENTS = list(allowed_values(FOOD_REFERRALS.c.fulfilment))


def _issues(table, frame: pl.DataFrame) -> dict[tuple[str, str], int]:
    _, issues = split_valid_rows(table, frame)
    return {(i.column, i.rule): i.count for i in issues}


def test_unknown_codes_are_kept_after_the_allowed_ones() -> None:
    raw = pl.DataFrame(
        {"incident_id": ["a", "b", "c", "d"], "channel": ["sms", None, "fax", "sms"]}
    )
    channel = to_contract_types(raw, INCIDENTS).get_column("channel")
    assert channel.to_list() == ["sms", None, "fax", "sms"]
    assert list(channel.dtype.categories) == [*CHANNELS, "fax", "sms"]


def test_clean_codes_get_exactly_the_allowed_enum() -> None:
    raw = pl.DataFrame({"incident_id": ["a", "b"], "channel": [CHANNELS[2], CHANNELS[0]]})
    channel = to_contract_types(raw, INCIDENTS).get_column("channel")
    assert channel.to_list() == [CHANNELS[2], CHANNELS[0]]
    assert channel.dtype == pl.Enum(CHANNELS)


def test_an_unknown_code_in_a_nullable_column_is_bad_data_not_a_null() -> None:
    raw = pl.DataFrame(
        {"referral_id": ["r1", "r2", "r3"], "fulfilment": [FULFILMENTS[0], "drone", None]}
    )
    typed = to_contract_types(raw, FOOD_REFERRALS)
    assert _issues(FOOD_REFERRALS, typed) == {("fulfilment", "value outside the allowed set"): 1}


@pytest.mark.parametrize(
    "ids",
    [
        ["i1", "i2", "i2", "i3"],  # sorted: neighbours compared
        ["i3", "i2", "i1", "i2"],  # unsorted: hashes counted
    ],
)
def test_a_duplicated_id_is_found_sorted_or_not(ids: list[str]) -> None:
    frame = to_contract_types(pl.DataFrame({"incident_id": ids}), INCIDENTS)
    assert _issues(INCIDENTS, frame)[("incident_id", "duplicated key")] == 2


@pytest.mark.parametrize("ids", [["i1", None, None, "i2"], ["i2", None, "i1", None]])
def test_missing_ids_are_missing_not_duplicated(ids: list[str | None]) -> None:
    frame = to_contract_types(pl.DataFrame({"incident_id": ids}), INCIDENTS)
    assert _issues(INCIDENTS, frame) == {("incident_id", "missing or unreadable value"): 2}


def test_a_duplicated_composite_key_is_found() -> None:
    needs = pl.DataFrame(
        {"call_id": ["c2", "c1", "c2", "c1"], "need": [NEEDS[0], NEEDS[0], NEEDS[0], NEEDS[1]]}
    )
    frame = to_contract_types(needs, OUTREACH_NEEDS)
    assert _issues(OUTREACH_NEEDS, frame) == {("call_id, need", "duplicated key"): 2}


def _incidents(**columns: list) -> pl.DataFrame:
    ids = {"incident_id": [f"i{n}" for n in range(len(next(iter(columns.values()))))]}
    return to_contract_types(pl.DataFrame(ids | columns), INCIDENTS)


def test_rules_the_columns_rule_out_are_not_evaluated() -> None:
    # Allowed codes only, no missing values, severities within 1-6, nothing after today.
    clean = _incidents(
        channel=[CHANNELS[0], CHANNELS[1]],
        severity=[1, 6],
        occurred_at=["2024-03-01 10:00:00", "2024-03-02 11:00:00"],
    )
    rules = contract_rules(INCIDENTS, clean, {}, date(2024, 3, 2))
    assert rules == []


@pytest.mark.parametrize(
    ("column", "values", "rule"),
    [
        ("severity", [1, 7], "value outside the allowed set"),
        ("severity", [3, 0], "value outside the allowed set"),
        ("channel", [CHANNELS[0], "fax"], "value outside the allowed set"),
        ("channel", [CHANNELS[0], None], "missing or unreadable value"),
        ("occurred_at", ["2024-03-01 10:00:00", "2024-03-03 00:00:00"], "date in the future"),
    ],
)
def test_a_bad_value_still_breaks_its_rule(column: str, values: list, rule: str) -> None:
    frame = _incidents(**{column: values})
    _, issues = split_valid_rows(INCIDENTS, frame, {}, date(2024, 3, 2))
    assert [(i.column, i.rule, i.count, i.examples) for i in issues] == [(column, rule, 1, ("i1",))]
