"""How old each subject's data is, against the limits in ``config/freshness.toml``.

A refresh can succeed and still bring stale data (a nightly feed that stopped), so the
age is measured from the latest record, not from when the dashboard read it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from data_access.errors import ConfigurationError
from data_access.snapshot import Snapshot

FRESHNESS_ENV = "DOORSTEP_FRESHNESS_FILE"
DEFAULT_FRESHNESS = Path(__file__).resolve().parent.parent / "config" / "freshness.toml"


@dataclass(frozen=True)
class Freshness:
    """A subject's age in days (None: no records at all) and its limit (None: no limit)."""

    age_days: int | None
    limit_days: int | None

    @property
    def stale(self) -> bool:
        if self.limit_days is None:
            return False
        return self.age_days is None or self.age_days > self.limit_days


@lru_cache(maxsize=4)
def _parsed(path: Path, modified: float) -> Mapping[str, int]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8")).get("max_age_days", {})
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"The freshness file {path} cannot be read: {error}") from error
    if not isinstance(raw, dict):
        raise ConfigurationError(f"{path.name}: [max_age_days] must map subjects to days.")
    for subject, days in raw.items():
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ConfigurationError(
                f"{path.name}: max_age_days.{subject} must be a whole number of days, not {days!r}."
            )
    return dict(raw)


def freshness_limits(path: Path | None = None) -> Mapping[str, int]:
    """Subject key → days, re-read whenever the file changes (no restart needed)."""
    path = path or Path(os.environ.get(FRESHNESS_ENV) or DEFAULT_FRESHNESS)
    if not path.exists():
        return {}
    return _parsed(path, path.stat().st_mtime)


def freshness(snapshot: Snapshot, limits: Mapping[str, int]) -> Freshness:
    """The subject's age on the day it was read, and whether that breaks its limit."""
    latest = snapshot.latest_day
    age = None if latest is None else (snapshot.read_at.date() - latest).days
    return Freshness(age, limits.get(snapshot.subject.key))


def stale_note(label: str, snapshot: Snapshot, state: Freshness) -> str:
    """How a stale subject is named on screen: "Repairs (latest 20 Nov, limit 1 day)"."""
    latest = "no records" if snapshot.latest_day is None else f"latest {snapshot.latest_day:%d %b}"
    days = f"{state.limit_days} day{'' if state.limit_days == 1 else 's'}"
    return f"{label} ({latest}, limit {days})"
