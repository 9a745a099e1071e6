"""Demo reference data (areas, teams, residents), the demo timeline and shared helpers.

The other demo modules draw residents, properties and teams from what is built here,
so every key they write points at a real row and every region lookup is consistent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl
from sqlalchemy import Table

from data_access.demo_load import table_frame
from data_access.schema import AREAS, PRIORITY_COHORTS, REGIONS, RESIDENTS, TEAMS

_AREAS_BY_REGION = """
North: Moorside, Heatherfield, Kirkby Dale, Thornley Park, Fellgate, Ravensworth
South: Southmead Vale, Chalk Hill, Downsview, Harbour Reach, Millbrook, Seacombe
East: Fenside, Marshland Green, Eastbrook, Wherry Court, Broadmere, Saltings
West: Severn View, Westerleigh, Orchard Vale, Hillfields, Brunel Fields, Cotswold Rise
Central: Castle Vale, Kingsway, Mercia Park, Canalside, St Chad's, Abbey Fields
"""
#: Six neighbourhoods per region (REGIONS), named like English estates and patches.
AREA_NAMES: dict[str, list[str]] = {
    region: names.split(", ")
    for region, names in (line.split(": ") for line in _AREAS_BY_REGION.strip().splitlines())
}
#: Organisation-wide teams (region NULL): (name, function).
CENTRAL_TEAMS: tuple[tuple[str, str], ...] = (
    ("Customer Contact Centre", "contact_centre"),
    ("Welfare Calls Hub", "contact_centre"),
    ("Customer Resolution", "customer_resolution"),
    ("Income Recovery", "income"),
    ("Repairs Planning", "repairs"),
)
#: One team of each of these functions per region.
REGIONAL_FUNCTIONS: tuple[str, ...] = ("neighbourhood", "tenancy_sustainment", "repairs")
_FUNCTION_LABEL = {
    "neighbourhood": "Neighbourhood Team",
    "tenancy_sustainment": "Tenancy Sustainment",
    "repairs": "Repairs Team",
}
#: Share of vulnerable residents in each priority cohort (PRIORITY_COHORTS order).
VULNERABLE_COHORTS = np.array([0.22, 0.20, 0.10, 0.16, 0.05, 0.17, 0.10])
RESIDENTS_AT_SCALE_1 = 30_000
#: Integer code of each priority cohort (codes index PRIORITY_COHORTS; -1 = none).
COHORT = {name: code for code, name in enumerate(PRIORITY_COHORTS)}
SECOND = np.timedelta64(1, "s")
DAY = np.timedelta64(1, "D")


@dataclass(frozen=True)
class Timeline:
    """The demo's calendar: two years ending on ``end_date``, with a lockdown in it."""

    end_date: dt.date
    start_date: dt.date
    lockdown_start: dt.date  # offices shut, welfare calls begin
    suspension_end: dt.date  # non-emergency repairs resume
    wfh_end: dt.date  # most office staff back from working at home
    recent_start: dt.date  # the running campaign began ten weeks ago

    @property
    def end_ts(self) -> np.datetime64:
        """The last second anything may happen (except a repair's due date)."""
        return np.datetime64(self.end_date, "D") + DAY - SECOND

    def days(self) -> np.ndarray:
        """Every date in the window, ``datetime64[D]``."""
        return np.arange(self.start_date, self.end_date + dt.timedelta(days=1), dtype="M8[D]")

    def working_from_home(self, when: np.ndarray) -> np.ndarray:
        """True for dates or times in the lockdown's work-from-home months."""
        start, end = np.datetime64(self.lockdown_start), np.datetime64(self.wfh_end)
        return (when >= start) & (when < end)


def make_timeline(end_date: dt.date) -> Timeline:
    """Place the lockdown on the first 23 March at least three weeks into the window."""
    start = end_date - dt.timedelta(days=729)
    spring = dt.date(start.year, 3, 23)
    if spring < start + dt.timedelta(days=21):
        spring = dt.date(start.year + 1, 3, 23)
    lockdown = spring + dt.timedelta(days=(7 - spring.weekday()) % 7)  # the Monday after
    return Timeline(
        end_date=end_date,
        start_date=start,
        lockdown_start=lockdown,
        suspension_end=lockdown + dt.timedelta(weeks=7),
        wfh_end=lockdown + dt.timedelta(weeks=26),
        recent_start=end_date - dt.timedelta(weeks=10),
    )


def scaled(base: float, scale: float) -> int:
    """A volume at ``scale`` (at least one row, so tiny test scales still work)."""
    return max(1, round(base * scale))


def make_ids(prefix: str, n: int, width: int) -> pl.Series:
    """``prefix`` + zero-padded 1..n: providers' references are text, not integers."""
    digits = pl.int_range(1, n + 1, eager=True).cast(pl.String).str.zfill(max(width, len(str(n))))
    return prefix + digits


def labels_at(labels: tuple[str, ...] | list[str] | pl.Series, index: np.ndarray) -> pl.Series:
    """Text labels for integer codes; code -1 becomes NULL."""
    table = pl.concat([pl.Series(labels, dtype=pl.String), pl.Series([None], dtype=pl.String)])
    return table.gather(np.where(index < 0, len(table) - 1, index))


def pick(rng: np.random.Generator, probs: np.ndarray | list[float], n: int) -> np.ndarray:
    """Draw ``n`` category codes with the given (unnormalised) weights."""
    weights = np.asarray(probs, dtype=float)
    return rng.choice(len(weights), size=n, p=weights / weights.sum())


def pick_rows(rng: np.random.Generator, probs: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Draw a category per element from row ``rows[i]`` of a weight matrix."""
    cdf = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(len(rows))
    out = np.empty(len(rows), dtype=np.int64)
    for row in np.unique(rows):
        mask = rows == row
        out[mask] = np.searchsorted(cdf[row], u[mask], side="right")
    return np.minimum(out, cdf.shape[1] - 1)


def later(when: np.ndarray, seconds: np.ndarray | float) -> np.ndarray:
    """Timestamps ``seconds`` (rounded to whole seconds) after ``when``."""
    return when + np.round(seconds).astype(np.int64) * SECOND


def at_time(days: np.ndarray, hours: np.ndarray) -> np.ndarray:
    """Timestamps (``datetime64[s]``) at fractional ``hours`` after midnight of ``days``."""
    seconds = np.clip(np.round(np.asarray(hours) * 3600), 0, 86_399).astype(np.int64)
    return days.astype("M8[D]").astype("M8[s]") + seconds * SECOND


def office_hours(
    rng: np.random.Generator, n: int, start: float = 8.5, end: float = 17.5
) -> np.ndarray:
    """Times of day in working hours, busiest mid-morning and mid-afternoon."""
    hours = np.where(rng.random(n) < 0.55, 10.5, 14.5) + rng.normal(0, 1.4, n)
    outside = (hours < start) | (hours > end)
    return np.where(outside, start + rng.random(n) * (end - start), hours)


def weekday_times(
    rng: np.random.Generator, start: dt.date, offsets: np.ndarray, weekends: bool
) -> np.ndarray:
    """Times ``offsets`` days after ``start``, moved off Sundays (and Saturdays) to Monday."""
    days = np.datetime64(start, "D") + np.floor(offsets).astype(np.int64) * DAY
    weekday = (days.astype(np.int64) + 3) % 7  # Monday = 0
    days = days + np.where(weekday == 6, 1, np.where((weekday == 5) & ~weekends, 2, 0)) * DAY
    return at_time(days, office_hours(rng, len(days), 9.0, 19.0))


@dataclass(frozen=True)
class People:
    """Reference rows as frames plus the integer codes the other modules sample from."""

    frames: dict[Table, pl.DataFrame]
    area_region: np.ndarray  # region code per area
    team_function: np.ndarray  # TEAM_FUNCTIONS-style labels per team
    team_region: np.ndarray  # region code per team, -1 organisation-wide
    resident_area: np.ndarray
    resident_cohort: np.ndarray  # PRIORITY_COHORTS code, -1 none
    resident_vulnerable: np.ndarray
    household_area: np.ndarray

    def team_ids(self) -> pl.Series:
        return self.frames[TEAMS][TEAMS.c.team_id.name]

    def resident_ids(self) -> pl.Series:
        return self.frames[RESIDENTS][RESIDENTS.c.resident_id.name]

    def resident_region(self, resident: np.ndarray) -> np.ndarray:
        return self.area_region[self.resident_area[resident]]

    def area_ids(self) -> pl.Series:
        return self.frames[AREAS][AREAS.c.area_id.name]

    def property_refs(self) -> pl.Series:
        """One property per household (its area is ``household_area``)."""
        return make_ids("P", len(self.household_area), 7)

    def regional_team(self, function: str, region: np.ndarray) -> np.ndarray:
        """The team of ``function`` serving each region code (org-wide if none regional)."""
        lookup = np.full(len(REGIONS), -1)
        org_wide = np.flatnonzero((self.team_function == function) & (self.team_region < 0))
        lookup[:] = org_wide[0] if org_wide.size else -1
        for team in np.flatnonzero((self.team_function == function) & (self.team_region >= 0)):
            lookup[self.team_region[team]] = team
        return lookup[region]

    def local_team(
        self, rng: np.random.Generator, region: np.ndarray, neighbourhood: float
    ) -> np.ndarray:
        """The region's neighbourhood team (with this chance), else its tenancy sustainment."""
        return np.where(
            rng.random(len(region)) < neighbourhood,
            self.regional_team("neighbourhood", region),
            self.regional_team("tenancy_sustainment", region),
        )

    def central_teams(self, function: str) -> np.ndarray:
        """Organisation-wide team codes of a function."""
        return np.flatnonzero((self.team_function == function) & (self.team_region < 0))


def _areas() -> tuple[pl.DataFrame, np.ndarray]:
    names = [name for region in REGIONS for name in AREA_NAMES[region]]
    region = np.repeat(np.arange(len(REGIONS)), [len(AREA_NAMES[r]) for r in REGIONS])
    frame = table_frame(
        AREAS,
        {
            AREAS.c.area_id: make_ids("AR", len(names), 2),
            AREAS.c.area_name: names,
            AREAS.c.region: labels_at(REGIONS, region),
        },
    )
    return frame, region


def _teams() -> tuple[pl.DataFrame, np.ndarray, np.ndarray]:
    names = [name for name, _ in CENTRAL_TEAMS]
    functions = [function for _, function in CENTRAL_TEAMS]
    regions = [-1] * len(CENTRAL_TEAMS)
    for code, region in enumerate(REGIONS):
        for function in REGIONAL_FUNCTIONS:
            names.append(f"{region} {_FUNCTION_LABEL[function]}")
            functions.append(function)
            regions.append(code)
    region = np.array(regions)
    frame = table_frame(
        TEAMS,
        {
            TEAMS.c.team_id: make_ids("T", len(names), 2),
            TEAMS.c.team_name: names,
            TEAMS.c.function: functions,
            TEAMS.c.region: labels_at(REGIONS, region),
        },
    )
    return frame, np.array(functions), region


def _household_sizes(
    rng: np.random.Generator, cohort: np.ndarray, members: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Adults and children per household, shaped by the lead resident's cohort."""
    older = np.isin(cohort, [COHORT["over_70_health"], COHORT["over_60"]])
    adults = 1 + np.where(older, rng.binomial(1, 0.35, len(cohort)), rng.poisson(0.55, len(cohort)))
    adults = np.maximum(np.minimum(adults, 5), members)
    child_mean = np.select(
        [older, *(cohort == COHORT[k] for k in ("food_poverty", "domestic_abuse", "rent_arrears"))],
        [0.05, 1.7, 1.5, 1.1],
        default=0.8,
    )
    return adults, np.minimum(rng.poisson(child_mean), 6)


def build_people(rng: np.random.Generator, scale: float) -> People:
    """Areas, teams and about 30,000 residents (half on the vulnerability register)."""
    areas, area_region = _areas()
    teams, team_function, team_region = _teams()
    n = scaled(RESIDENTS_AT_SCALE_1, scale)
    n_households = max(1, round(n / 1.12))
    # Residents 0..H-1 lead a household each; the rest are joint tenants of one.
    household = np.concatenate(
        [np.arange(n_households), rng.integers(0, n_households, n - n_households)]
    )
    area_weights = rng.gamma(4.0, size=len(area_region))
    household_area = rng.choice(len(area_region), n_households, p=area_weights / area_weights.sum())
    vulnerable = rng.random(n) < 0.5
    cohort = np.where(vulnerable, pick(rng, VULNERABLE_COHORTS, n), -1)
    others = rng.random(n)
    cohort = np.where(~vulnerable & (others < 0.10), COHORT["rent_arrears"], cohort)
    cohort = np.where(~vulnerable & (others > 0.95), COHORT["other"], cohort)
    members = np.bincount(household, minlength=n_households)
    adults, children = _household_sizes(rng, cohort[:n_households], members)
    residents = table_frame(
        RESIDENTS,
        {
            RESIDENTS.c.resident_id: make_ids("R", n, 7),
            RESIDENTS.c.household_ref: make_ids("H", n_households, 7).gather(household),
            RESIDENTS.c.area_id: areas[AREAS.c.area_id.name].gather(household_area[household]),
            RESIDENTS.c.vulnerable: vulnerable,
            RESIDENTS.c.priority_cohort: labels_at(PRIORITY_COHORTS, cohort),
            RESIDENTS.c.adults: adults[household],
            RESIDENTS.c.children: children[household],
        },
    )
    return People(
        frames={AREAS: areas, TEAMS: teams, RESIDENTS: residents},
        area_region=area_region,
        team_function=team_function,
        team_region=team_region,
        resident_area=household_area[household],
        resident_cohort=cohort,
        resident_vulnerable=vulnerable,
        household_area=household_area,
    )
