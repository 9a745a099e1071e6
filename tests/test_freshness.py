"""figures.freshness: a subject's age from its latest record, against the shipped limits."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from data_access.errors import ConfigurationError
from data_access.subjects import FOOD, OUTREACH, REPAIRS_SUBJECT, RESPECT
from figures.freshness import DEFAULT_FRESHNESS, Freshness, freshness, freshness_limits


class _Snapshot:
    """What freshness reads from a snapshot: its subject, read time and latest day."""

    def __init__(self, subject, read_at: datetime, latest_day: date | None) -> None:
        self.subject, self.read_at, self.latest_day = subject, read_at, latest_day


READ = datetime(2026, 11, 23, 9, 30)


@pytest.mark.parametrize(
    ("latest", "age", "stale"),
    [(date(2026, 11, 23), 0, False), (date(2026, 11, 22), 1, False), (date(2026, 11, 21), 2, True)],
)
def test_repairs_older_than_one_day_are_stale(latest, age, stale):
    state = freshness(_Snapshot(REPAIRS_SUBJECT, READ, latest), {"repairs": 1})
    assert state == Freshness(age, 1)
    assert state.stale is stale


def test_a_subject_with_no_records_is_stale_when_it_has_a_limit():
    assert freshness(_Snapshot(FOOD, READ, None), {"food": 3}).stale
    assert not freshness(_Snapshot(FOOD, READ, None), {}).stale


def test_shipped_limits_cover_every_subject():
    limits = freshness_limits(DEFAULT_FRESHNESS)
    assert set(limits) == {OUTREACH.key, FOOD.key, REPAIRS_SUBJECT.key, RESPECT.key}
    assert limits[REPAIRS_SUBJECT.key] == 1


def test_env_var_names_another_file(tmp_path, monkeypatch):
    path = tmp_path / "fresh.toml"
    path.write_text("[max_age_days]\nrepairs = 5\n", encoding="utf-8")
    monkeypatch.setenv("DOORSTEP_FRESHNESS_FILE", str(path))
    assert freshness_limits() == {"repairs": 5}


@pytest.mark.parametrize("text", ['[max_age_days]\nrepairs = "one"\n', "[max_age_days\n"])
def test_a_bad_file_is_a_configuration_error(tmp_path, text):
    path = tmp_path / "fresh.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError, match="fresh"):
        freshness_limits(path)


def test_a_stale_subject_is_named_with_its_latest_day_and_limit():
    from figures.freshness import stale_note

    snapshot = _Snapshot(REPAIRS_SUBJECT, READ, date(2026, 11, 20))
    state = freshness(snapshot, {"repairs": 1})
    assert stale_note("Repairs", snapshot, state) == "Repairs (latest 20 Nov, limit 1 day)"
    empty = _Snapshot(FOOD, READ, None)
    assert (
        stale_note("Food", empty, freshness(empty, {"food": 3}))
        == "Food (no records, limit 3 days)"
    )
