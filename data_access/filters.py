"""The filters every page shares: a reporting period and a region/area choice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import polars as pl

DEFAULT_PERIOD_DAYS = 84  # 12 weeks, the contract's default


@dataclass(frozen=True)
class Period:
    """Whole local calendar days, both ends inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period cannot end before it starts")

    @classmethod
    def ending(cls, end: date, days: int = DEFAULT_PERIOD_DAYS) -> Period:
        return cls(end - timedelta(days=days - 1), end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.start, time())

    @property
    def ends_before(self) -> datetime:
        """The first instant after the period (its end day is included in full)."""
        return datetime.combine(self.end + timedelta(days=1), time())

    def previous(self) -> Period:
        """The same number of days immediately before."""
        return Period.ending(self.start - timedelta(days=1), self.days)

    def contains(self, column: str) -> pl.Expr:
        """A flow's event timestamp falls in the period."""
        return (pl.col(column) >= self.starts_at) & (pl.col(column) < self.ends_before)

    def label(self) -> str:
        return f"{self.start:%d %b %Y} to {self.end:%d %b %Y}"


@dataclass(frozen=True)
class Filters:
    """What the viewer chose. ``None`` period = the default ending on the latest data."""

    start: date | None = None
    end: date | None = None
    regions: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    days: int = DEFAULT_PERIOD_DAYS

    def period(self, latest_day: date | None) -> Period:
        """The chosen dates, or the last ``days`` days ending on the latest day with data."""
        if self.start and self.end:
            return Period(self.start, self.end)
        return Period.ending(latest_day or date.today(), self.days)
