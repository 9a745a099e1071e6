"""Demo repairs: priorities, two years of work orders and Awaab's Law damp-and-mould cases.

Built to exercise the repairs figures: a winter peak of heating and damp jobs, a
lockdown suspension that builds a backlog which is then worked down, contractors of
different speeds (so a realistic share of jobs is late), and recent jobs still open.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
from sqlalchemy import Table

from data_access.demo_load import table_frame
from data_access.demo_people import (
    DAY,
    SECOND,
    People,
    Timeline,
    at_time,
    labels_at,
    later,
    make_ids,
    office_hours,
    pick,
    pick_rows,
    scaled,
)
from data_access.schema import (
    DAMP_MOULD_CASES,
    HAZARD_LEVELS,
    REPAIR_PRIORITIES,
    REPAIR_STATUSES,
    REPAIRS,
)
from data_access.working_days import (
    add_working_days,
    hours_later,
    is_working_day,
    real_local,
    working_day_deadline,
)

#: Per trade: share of jobs, winter swing (+ = more in winter), median cost in pounds,
#: first-visit-fix rate, priority mix (PRIORITIES order) and contractor mix (in-house,
#: then CONTRACTORS order). Contractors differ in speed (CONTRACTOR_SPEED).
TRADE_PROFILES = {
    "plumbing": (0.22, -0.10, 140, 0.80, (4, 18, 25, 50, 3), (40, 20, 18, 14, 8, 0)),
    "electrical": (0.14, -0.05, 120, 0.82, (6, 20, 24, 47, 3), (40, 20, 18, 14, 8, 0)),
    "carpentry": (0.15, -0.10, 160, 0.78, (1, 5, 20, 64, 10), (40, 20, 18, 14, 8, 0)),
    "heating": (0.12, 0.75, 220, 0.70, (3, 30, 27, 37, 3), (25, 10, 10, 5, 50, 0)),
    "roofing": (0.06, 0.35, 480, 0.55, (2, 10, 20, 48, 20), (20, 15, 15, 10, 0, 40)),
    "plastering": (0.06, 0.00, 260, 0.60, (0, 2, 13, 65, 20), (45, 20, 15, 15, 0, 5)),
    "glazing": (0.06, 0.10, 210, 0.70, (3, 15, 22, 55, 5), (45, 20, 15, 15, 0, 5)),
    "damp_and_mould": (0.06, 0.80, 620, 0.45, (2, 6, 42, 45, 5), (20, 10, 15, 10, 0, 45)),
    "general": (0.13, -0.10, 110, 0.85, (1, 5, 18, 64, 12), (55, 15, 15, 15, 0, 0)),
}
TRADES = tuple(TRADE_PROFILES)
_PROFILE = [np.array(column, dtype=float) for column in zip(*TRADE_PROFILES.values(), strict=True)]
TRADE_WEIGHTS, WINTER_SWING, TRADE_COST, FIRST_FIX, PRIORITY_BY_TRADE, CONTRACTOR_BY_TRADE = (
    _PROFILE
)
DAMP_TRADE = TRADES.index("damp_and_mould")
#: (code, description, target value, unit, emergency): the provider's own targets.
PRIORITIES = (
    ("IMM", "Immediate: attend and make safe", 4, "hours", True),
    ("EME", "Emergency", 24, "hours", True),
    ("URG", "Urgent", 5, "working_days", False),
    ("NOR", "Routine", 21, "working_days", False),
    ("PLN", "Planned", 60, "working_days", False),
)
CONTRACTORS = ("Apex Property Services", "Northgate Building Maintenance", "Keystone Repairs Ltd")
CONTRACTORS += ("Meridian Heating & Gas", "Castle Roofing & Damp")
CONTRACTOR_SPEED = np.array([1.0, 0.85, 1.35, 1.1, 0.75, 1.25])  # in-house first
#: Open statuses, in this order for the mixes in ``_statuses``.
OPEN_NAMES = ("open", "scheduled", "in_progress", "awaiting_materials", "no_access")
OPEN_STATUSES = [REPAIR_STATUSES.index(name) for name in OPEN_NAMES]
COMPLETED, CANCELLED = REPAIR_STATUSES.index("completed"), REPAIR_STATUSES.index("cancelled")
REPAIRS_AT_SCALE_1 = 60_000
AWAABS_LAW = dt.date(2025, 10, 27)
EMERGENCY = np.array([p[4] for p in PRIORITIES])
WINTER_BY_MONTH = np.cos(2 * np.pi * np.arange(12) / 12)  # +1 in January, -1 in July


def priorities_frame() -> pl.DataFrame:
    """The ``repair_priorities`` reference rows."""
    c = REPAIR_PRIORITIES.c
    columns = (c.priority_code, c.description, c.target_value, c.target_unit, c.is_emergency)
    return table_frame(
        REPAIR_PRIORITIES, {col: [p[i] for p in PRIORITIES] for i, col in enumerate(columns)}
    )


def _month(days: np.ndarray) -> np.ndarray:
    """Calendar month 0-11: seasons work by month so trade mixes can be drawn per month."""
    return days.astype("M8[M]").astype(np.int64) % 12


def _until(values: np.ndarray, end: np.datetime64) -> np.ndarray:
    """Timestamps after ``end`` have not happened yet: NaT."""
    return np.where(values <= end, values, np.datetime64("NaT"))


def _report_days(rng: np.random.Generator, timeline: Timeline, n: int) -> np.ndarray:
    """Report dates: quieter weekends and holidays, a lockdown lull, a winter rise."""
    days = timeline.days()
    weekday = (days.astype(np.int64) + 3) % 7
    weight = np.array([1.25, 1.1, 1.05, 1.0, 0.95, 0.35, 0.3])[weekday]
    weight *= np.where(is_working_day(days) | (weekday >= 5), 1.0, 0.35)
    lockdown, resumed = (
        np.datetime64(timeline.lockdown_start),
        np.datetime64(timeline.suspension_end),
    )
    weight *= np.where((days >= lockdown) & (days < resumed), 0.6, 1.0)
    weight *= np.where((days >= resumed) & (days < resumed + 28 * DAY), 1.2, 1.0)
    weight *= (TRADE_WEIGHTS * (1 + np.outer(WINTER_BY_MONTH, WINTER_SWING))).sum(axis=1)[
        _month(days)
    ]
    return np.sort(rng.choice(days, n, p=weight / weight.sum()))


def _targets(reported: np.ndarray, priority: np.ndarray) -> np.ndarray:
    values = np.array([p[2] for p in PRIORITIES])[priority]
    hourly = np.array([p[3] == "hours" for p in PRIORITIES])[priority]
    by_hours = hours_later(reported, np.where(hourly, values, 0))
    return np.where(hourly, by_hours, working_day_deadline(reported, values).astype("M8[s]"))


def _on_working_time(rng: np.random.Generator, when: np.ndarray) -> np.ndarray:
    """Move times onto a working day (the same or the next) within working hours."""
    days = when.astype("M8[D]")
    days = np.where(is_working_day(days), days, add_working_days(days, 1))
    return at_time(days, office_hours(rng, len(when), 8.0, 17.5))


def _completions(rng: np.random.Generator, timeline: Timeline, job: dict) -> np.ndarray:
    """When each job would be finished, with the lockdown suspension and its work-down."""
    n = len(job["reported"])
    allowed = (job["target"] - job["reported"]).astype(np.int64)
    speed = CONTRACTOR_SPEED[job["contractor"] + 1] * np.where(
        job["trade"] == DAMP_TRADE, 1.25, 1.0
    )
    took = allowed * rng.lognormal(np.log(0.45), 0.75, n) * speed
    raw = later(job["reported"], np.maximum(took, 900))
    emergency = EMERGENCY[job["priority"]]
    done = np.where(emergency, raw, _on_working_time(rng, raw))
    lockdown = np.datetime64(timeline.lockdown_start, "s")
    resumed = np.datetime64(timeline.suspension_end, "s")
    held = ~emergency & (job["reported"] < resumed) & (done >= lockdown)
    rank = np.arange(held.sum()) / max(1, held.sum())  # jobs are in report order: FIFO
    cleared = (
        resumed + ((rank * 70 + rng.random(held.sum()) * 5) * 86_400).astype(np.int64) * SECOND
    )
    done[held] = np.maximum(done[held], _on_working_time(rng, cleared))
    return np.maximum(done, job["reported"] + 1_800 * SECOND)


def _statuses(rng: np.random.Generator, timeline: Timeline, job: dict) -> np.ndarray:
    """Completed, cancelled, or an open status that fits how long the job has waited."""
    n = len(job["reported"])
    age = (timeline.end_ts - job["reported"]) / np.timedelta64(1, "D")
    young = pick(rng, [55, 35, 10, 0, 0], n)
    older = pick(rng, [10, 35, 25, 20, 10], n)
    status = np.array(OPEN_STATUSES)[np.where(age < 2, young, older)]
    status = np.where(job["completed"] <= timeline.end_ts, COMPLETED, status)
    return np.where(job["cancelled"] <= timeline.end_ts, CANCELLED, status)


def _jobs(rng: np.random.Generator, people: People, timeline: Timeline, n: int) -> dict:
    """The core arrays for ``n`` work orders, in report order."""
    days = _report_days(rng, timeline, n)
    mix = TRADE_WEIGHTS * (1 + np.outer(WINTER_BY_MONTH, WINTER_SWING))
    trade = pick_rows(rng, mix, _month(days))
    priority = pick_rows(rng, PRIORITY_BY_TRADE, trade)
    any_hour = np.where(rng.random(n) < 0.6, office_hours(rng, n, 7.0, 20.0), rng.random(n) * 24)
    hours = np.where(EMERGENCY[priority], any_hour, office_hours(rng, n, 8.0, 18.0))
    weights = rng.gamma(0.8, size=len(people.household_area))
    job = {
        "reported": real_local(at_time(days, hours)),
        "trade": trade,
        "priority": priority,
        "contractor": pick_rows(rng, CONTRACTOR_BY_TRADE, trade) - 1,
        "property": rng.choice(len(weights), n, p=weights / weights.sum()),
    }
    job["target"] = _targets(job["reported"], priority)
    job["completed"] = _completions(rng, timeline, job)
    cancel = rng.random(n) < 0.04
    wait = 600 + rng.exponential(3 * 86_400, n)
    job["cancelled"] = np.where(cancel, later(job["reported"], wait), np.datetime64("NaT"))
    job["completed"] = np.where(cancel, np.datetime64("NaT"), job["completed"])
    job["status"] = _statuses(rng, timeline, job)
    return job


def _masked(values: np.ndarray, known: np.ndarray) -> pl.Series:
    """Values with NULL where not ``known``."""
    return pl.select(pl.when(pl.Series(known)).then(pl.Series(values))).to_series()


def _repairs_frame(rng: np.random.Generator, people: People, job: dict) -> pl.DataFrame:
    n = len(job["reported"])
    done, status = job["status"] == COMPLETED, job["status"]
    made = np.where(EMERGENCY[job["priority"]], rng.random(n) < 0.1, rng.random(n) < 0.85)
    recorded = rng.random(n) > 0.03
    waiting = np.isin(status, OPEN_STATUSES[:2])  # open or scheduled: any visit is ahead
    sloppy = job["contractor"] == CONTRACTORS.index("Northgate Building Maintenance")
    kept_p = np.where(sloppy, 0.84, 0.92)
    fixed = rng.random(n) < FIRST_FIX[job["trade"]]
    cost = np.round(TRADE_COST[job["trade"]] * rng.lognormal(0, 0.6, n), 2)
    c = REPAIRS.c
    return table_frame(
        REPAIRS,
        {
            c.work_order_id: make_ids("WO", n, 8),
            c.property_ref: people.property_refs().gather(job["property"]),
            c.area_id: people.area_ids().gather(people.household_area[job["property"]]),
            c.trade: labels_at(TRADES, job["trade"]),
            c.priority_code: labels_at([p[0] for p in PRIORITIES], job["priority"]),
            c.contractor: labels_at(CONTRACTORS, job["contractor"]),
            c.reported_at: job["reported"],
            c.target_at: job["target"],
            c.completed_at: np.where(done, job["completed"], np.datetime64("NaT")),
            c.cancelled_at: np.where(status == CANCELLED, job["cancelled"], np.datetime64("NaT")),
            c.status: labels_at(REPAIR_STATUSES, status),
            c.first_visit_fix: _masked(fixed, done & (rng.random(n) > 0.05)),
            c.appointment_made: _masked(made, recorded),
            c.appointment_kept: _masked(rng.random(n) < kept_p, made & recorded & ~waiting),
            c.is_damp_mould: job["trade"] == DAMP_TRADE,
            c.cost: _masked(cost, done & (rng.random(n) > 0.03)),
        },
    )


def _step(
    rng: np.random.Generator, after: np.ndarray, late: np.ndarray, on_time: tuple, overdue: tuple
) -> np.ndarray:
    """A step some working days after ``after``: within the limit, or past it when late."""
    days = np.where(late, rng.integers(*overdue, len(after)), rng.integers(*on_time, len(after)))
    return at_time(add_working_days(after.astype("M8[D]"), days), office_hours(rng, len(after)))


def _case_clock(rng: np.random.Generator, aware: np.ndarray, emergency: np.ndarray) -> dict:
    """Awaab's Law steps: mostly on time (more so once the law is in force), some late."""
    n = len(aware)
    late_p = np.where(aware >= np.datetime64(AWAABS_LAW), 0.07, 0.22)
    late = [rng.random(n) < late_p for _ in range(4)]
    fast = np.minimum(rng.lognormal(np.log(6), 0.6, n), 20)
    em_hours = np.where(late[0], 25 + rng.gamma(2.0, 8.0, n), fast)
    investigated = np.where(
        emergency,
        later(aware, em_hours * 3600),
        _step(rng, aware, late[0], (1, 11), (11, 23)),
    )
    slack = np.maximum((aware + 85_000 * SECOND - investigated).astype(np.int64), 600)
    wait = np.where(late[2], 93_600 + rng.integers(0, 144_000, n), rng.random(n) * slack)
    safety = _step(rng, investigated, late[2], (1, 6), (6, 16))
    weeks = np.where(late[3], rng.integers(85, 130, n), rng.integers(14, 85, n))
    prevent_day = investigated.astype("M8[D]") + weeks * DAY
    return {
        "investigated": investigated,
        "summary": _step(rng, investigated, late[1], (1, 4), (4, 11)),
        "safety": np.where(emergency, later(investigated, wait), safety),
        "prevent": at_time(prevent_day, office_hours(rng, n)),
    }


def _cases_frame(
    rng: np.random.Generator, people: People, timeline: Timeline, repairs: pl.DataFrame, job: dict
) -> pl.DataFrame:
    """A case for most damp-and-mould work orders, and a few raised without one."""
    linked = np.flatnonzero((job["trade"] == DAMP_TRADE) & (rng.random(len(job["trade"])) < 0.75))
    extra = rng.choice(linked, round(len(linked) * 0.06)) if linked.size else linked
    aware = np.concatenate(
        [
            job["reported"][linked] - rng.integers(0, 4 * 3600, len(linked)) * SECOND,
            job["reported"][extra] - rng.integers(3600, 20 * 86_400, len(extra)) * SECOND,
        ]
    )
    urgent = np.concatenate([EMERGENCY[job["priority"][linked]], rng.random(len(extra)) < 0.1])
    emergency = urgent | (rng.random(len(aware)) < 0.03)
    order = np.argsort(aware, kind="stable")
    steps = _case_clock(rng, aware[order], emergency[order])
    property_ = np.concatenate(
        [job["property"][linked], rng.choice(len(people.household_area), len(extra))]
    )[order]
    wo = np.concatenate([linked, np.full(len(extra), -1)])[order]
    c, end = DAMP_MOULD_CASES.c, timeline.end_ts
    return table_frame(
        DAMP_MOULD_CASES,
        {
            c.case_id: make_ids("DM", len(order), 6),
            c.work_order_id: labels_at(repairs[REPAIRS.c.work_order_id.name], wo),
            c.property_ref: people.property_refs().gather(property_),
            c.area_id: people.area_ids().gather(people.household_area[property_]),
            c.hazard_level: labels_at(HAZARD_LEVELS, np.where(emergency[order], 0, 1)),
            c.aware_at: aware[order],
            c.investigated_at: _until(steps["investigated"], end),
            c.summary_sent_at: _until(steps["summary"], end),
            c.safety_work_done_at: _until(steps["safety"], end),
            c.prevent_work_started_at: _until(steps["prevent"], end),
        },
    )


def build_repairs(
    rng: np.random.Generator, people: People, timeline: Timeline, scale: float
) -> dict[Table, pl.DataFrame]:
    """Priorities, about 60,000 work orders (at scale 1) and the damp-and-mould cases."""
    job = _jobs(rng, people, timeline, scaled(REPAIRS_AT_SCALE_1, scale))
    repairs = _repairs_frame(rng, people, job)
    cases = _cases_frame(rng, people, timeline, repairs, job)
    return {REPAIR_PRIORITIES: priorities_frame(), REPAIRS: repairs, DAMP_MOULD_CASES: cases}
