"""The cheap paths of type conversion and key checks give the exact answers.

Unknown codes are kept (and counted) however the enum cast is done; duplicated keys
are found whether ids arrive sorted or not, and a missing id is not a duplicate.
"""

from __future__ import annotations

import polars as pl
import pytest

from data_access.frames import to_contract_types
from data_access.quality import split_valid_rows
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
