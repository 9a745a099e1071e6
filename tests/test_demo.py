"""The demo generator: deterministic, contract-shaped, realistic, and loadable."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from data_access.demo import (
    BAD_ROWS,
    UNKNOWN_CHANNEL,
    UNKNOWN_PRIORITY,
    build_demo,
    build_demo_sqlite,
    default_demo_path,
    generate,
    main,
)
from data_access.demo_load import create_contract_tables, polars_dtype
from data_access.demo_people import make_timeline, scaled
from data_access.demo_repairs import REPAIRS_AT_SCALE_1
from data_access.schema import (
    AREAS,
    CHANNELS,
    CONTRACT_TABLES,
    DAMP_MOULD_CASES,
    FOOD_REFERRALS,
    FUTURE_ALLOWED,
    INCIDENTS,
    OUTREACH_CALLS,
    OUTREACH_CAMPAIGNS,
    OUTREACH_COHORT,
    OUTREACH_NEEDS,
    REPAIR_PRIORITIES,
    REPAIRS,
    RESIDENTS,
    TEAMS,
    allowed_values,
    primary_key,
)
from data_access.working_days import working_day_deadline

END = dt.date(2026, 11, 23)
SCALE = 0.05
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_SCHEMA = "doorstep_demo_test"
c = pl.col


@pytest.fixture(scope="module")
def messy() -> dict:
    return generate(7, END, SCALE)


@pytest.fixture(scope="module")
def clean() -> dict:
    return generate(7, END, SCALE, bad_rows=False)


# --- Shape and determinism -------------------------------------------------------


def test_frames_match_the_contract(messy: dict) -> None:
    assert list(messy) == list(CONTRACT_TABLES)
    for table, frame in messy.items():
        assert frame.columns == [col.name for col in table.columns], table.name
        for col in table.columns:
            assert frame.schema[col.name] == polars_dtype(col), (table.name, col.name)
            if not col.nullable:
                assert frame[col.name].null_count() == 0, (table.name, col.name)


def test_same_seed_same_data_other_seed_other_data(messy: dict) -> None:
    again = generate(7, END, SCALE)
    assert all(again[t].equals(messy[t]) for t in CONTRACT_TABLES)
    other = generate(8, END, SCALE)
    assert not other[REPAIRS].equals(messy[REPAIRS])
    assert not other[OUTREACH_CALLS].equals(messy[OUTREACH_CALLS])


def test_volumes_scale(clean: dict) -> None:
    double = generate(7, END, SCALE * 2, bad_rows=False)
    for table in (AREAS, TEAMS, REPAIR_PRIORITIES):
        assert double[table].height == clean[table].height
    for table in (RESIDENTS, OUTREACH_COHORT, OUTREACH_CALLS, FOOD_REFERRALS, REPAIRS, INCIDENTS):
        assert 1.7 < double[table].height / clean[table].height < 2.3, table.name
    assert clean[REPAIRS].height == scaled(REPAIRS_AT_SCALE_1, SCALE)
    assert scaled(REPAIRS_AT_SCALE_1, 20) >= 1_000_000


def test_keys_are_unique_and_references_resolve(clean: dict) -> None:
    for table, frame in clean.items():
        key = [col.name for col in primary_key(table)]
        assert not frame.select(key).is_duplicated().any(), table.name
    for table, frame in clean.items():
        for col in table.columns:
            for fk in col.foreign_keys:
                parent = clean[fk.column.table][fk.column.name]
                values = frame[col.name].drop_nulls()
                assert values.is_in(parent.implode()).all(), (table.name, col.name)


def test_enumerated_values_are_allowed_when_clean(clean: dict) -> None:
    for table, frame in clean.items():
        for col in table.columns:
            allowed = allowed_values(col)
            if allowed is not None:
                assert set(frame[col.name].drop_nulls().unique()) <= set(allowed), col


def test_nothing_after_end_date_except_target_at(messy: dict) -> None:
    last = dt.datetime.combine(END, dt.time(23, 59, 59))
    for table, frame in messy.items():
        for col in table.columns:
            dtype = frame.schema[col.name]
            if col in FUTURE_ALLOWED or dtype not in (pl.Date, pl.Datetime("us")):
                continue
            latest = frame[col.name].max()
            if latest is not None:
                assert latest <= (END if dtype == pl.Date else last), (table.name, col.name)
    assert messy[REPAIRS][REPAIRS.c.target_at.name].max() > last  # due dates may be ahead


# --- Consistency -----------------------------------------------------------------


def test_repair_status_matches_timestamps(clean: dict) -> None:
    r = REPAIRS.c
    frame = clean[REPAIRS]
    done, cancelled = c(r.completed_at.name).is_not_null(), c(r.cancelled_at.name).is_not_null()
    status = c(r.status.name)
    assert frame.filter(done & cancelled).height == 0
    assert frame.filter(done != (status == "completed")).height == 0
    assert frame.filter(cancelled != (status == "cancelled")).height == 0
    assert frame.filter(c(r.first_visit_fix.name).is_not_null() & ~done).height == 0
    assert frame.filter(c(r.completed_at.name) < c(r.reported_at.name)).height == 0
    assert frame.filter(c(r.cancelled_at.name) < c(r.reported_at.name)).height == 0
    assert frame.filter(~done & ~cancelled).height > 0  # recent jobs still open
    kept_without_made = c(r.appointment_kept.name).is_not_null() & c(r.appointment_made.name).not_()
    assert frame.filter(kept_without_made).height == 0


def test_targets_are_stamped_from_the_priority(clean: dict) -> None:
    r, p = REPAIRS.c, REPAIR_PRIORITIES.c
    frame = clean[REPAIRS].join(clean[REPAIR_PRIORITIES], on=r.priority_code.name)
    hourly = frame.filter(c(p.target_unit.name) == "hours")
    local = c(r.reported_at.name).dt.replace_time_zone("Europe/London", ambiguous="earliest")
    due = local + pl.duration(hours=c(p.target_value.name))
    expected = due.dt.convert_time_zone("Europe/London").dt.replace_time_zone(None)
    assert hourly.filter(c(r.target_at.name) != expected).height == 0
    daily = frame.filter(c(p.target_unit.name) == "working_days")
    due = working_day_deadline(daily[r.reported_at.name], daily[p.target_value.name].to_numpy())
    assert (daily[r.target_at.name].to_numpy() == due).all()


def test_referrals_and_cases_are_consistent(clean: dict) -> None:
    f = FOOD_REFERRALS.c
    referrals = clean[FOOD_REFERRALS]
    fulfilled = c(f.status.name) == "fulfilled"
    assert referrals.filter(fulfilled != c(f.fulfilled_at.name).is_not_null()).height == 0
    assert referrals.filter(fulfilled != c(f.fulfilment.name).is_not_null()).height == 0
    assert referrals.filter(c(f.fulfilled_at.name) <= c(f.referred_at.name)).height == 0
    with_call = referrals[f.call_id.name].null_count()
    assert 0 < with_call < referrals.height / 2  # most come from a call, some do not
    d = DAMP_MOULD_CASES.c
    cases = clean[DAMP_MOULD_CASES]
    for later in (d.summary_sent_at, d.safety_work_done_at, d.prevent_work_started_at):
        assert cases.filter(c(later.name) < c(d.investigated_at.name)).height == 0
        orphan = c(later.name).is_not_null() & c(d.investigated_at.name).is_null()
        assert cases.filter(orphan).height == 0
    assert cases.filter(c(d.investigated_at.name) <= c(d.aware_at.name)).height == 0
    assert cases[d.prevent_work_started_at.name].null_count() > 0  # recent cases not done


def test_incidents_are_consistent(clean: dict) -> None:
    i = INCIDENTS.c
    frame = clean[INCIDENTS]
    assert frame.filter(c(i.injury.name) != (c(i.severity.name) == 6)).height == 0
    assert frame.filter(c(i.riddor_reportable.name) & ~c(i.injury.name)).height == 0
    assert frame.filter(c(i.reported_at.name) < c(i.occurred_at.name)).height == 0
    assert frame.filter(c(i.action_at.name) < c(i.reported_at.name)).height == 0
    assert frame[i.severity.name].is_between(1, 6).all()


# --- Deliberate bad rows -----------------------------------------------------------


def _bad_counts(frames: dict) -> dict[str, int]:
    r, f, i = REPAIRS.c, FOOD_REFERRALS.c, INCIDENTS.c
    repairs, referrals, incidents = frames[REPAIRS], frames[FOOD_REFERRALS], frames[INCIDENTS]
    codes = frames[REPAIR_PRIORITIES][REPAIR_PRIORITIES.c.priority_code.name].implode()
    return {
        "repairs_completed_before_reported": repairs.filter(
            c(r.completed_at.name) < c(r.reported_at.name)
        ).height,
        "repairs_unknown_priority": repairs.filter(~c(r.priority_code.name).is_in(codes)).height,
        "referrals_fulfilled_without_time": referrals.filter(
            (c(f.status.name) == "fulfilled") & c(f.fulfilled_at.name).is_null()
        ).height,
        "incidents_reported_before_occurred": incidents.filter(
            c(i.reported_at.name) < c(i.occurred_at.name)
        ).height,
        "incidents_unknown_channel": incidents.filter(~c(i.channel.name).is_in(CHANNELS)).height,
    }


def test_bad_rows_present_in_documented_counts(messy: dict, clean: dict) -> None:
    assert _bad_counts(messy) == BAD_ROWS
    assert all(count == 0 for count in _bad_counts(clean).values())
    assert UNKNOWN_PRIORITY in messy[REPAIRS][REPAIRS.c.priority_code.name].to_list()
    assert UNKNOWN_CHANNEL not in CHANNELS


def test_bad_rows_are_the_only_difference(messy: dict, clean: dict) -> None:
    expected = {
        REPAIRS: BAD_ROWS["repairs_completed_before_reported"]
        + BAD_ROWS["repairs_unknown_priority"],
        FOOD_REFERRALS: BAD_ROWS["referrals_fulfilled_without_time"],
        INCIDENTS: BAD_ROWS["incidents_reported_before_occurred"]
        + BAD_ROWS["incidents_unknown_channel"],
    }
    for table in CONTRACT_TABLES:
        changed = (
            messy[table]
            .with_row_index()
            .join(clean[table], on=list(clean[table].columns), how="anti", nulls_equal=True)
        )
        assert changed.height == expected.get(table, 0), table.name


# --- Realism -------------------------------------------------------------------------


def test_food_is_the_most_common_need(clean: dict) -> None:
    needs = clean[OUTREACH_NEEDS][OUTREACH_NEEDS.c.need.name].value_counts(sort=True)
    assert needs[0, OUTREACH_NEEDS.c.need.name] == "food"


def test_winter_brings_heating_and_damp_jobs(clean: dict) -> None:
    r = REPAIRS.c
    month = c(r.reported_at.name).dt.month()
    seasonal = c(r.trade.name).is_in(["heating", "damp_and_mould"])
    counts = clean[REPAIRS].filter(seasonal).group_by(month.is_in([12, 1, 2]).alias("w")).len()
    summer = clean[REPAIRS].filter(seasonal & month.is_in([6, 7, 8])).height
    assert counts.filter(c("w"))["len"].item() > 2 * summer


def test_lockdown_suspends_then_works_down_repairs() -> None:
    frames = generate(7, END, 0.2, bad_rows=False)
    timeline = make_timeline(END)
    completed = frames[REPAIRS][REPAIRS.c.completed_at.name].drop_nulls().dt.date()

    def per_day(start: dt.date, days: int) -> float:
        return completed.is_between(start, start + dt.timedelta(days=days - 1)).sum() / days

    before = per_day(timeline.lockdown_start - dt.timedelta(days=42), 42)
    during = per_day(timeline.lockdown_start + dt.timedelta(days=7), 35)
    after = per_day(timeline.suspension_end + dt.timedelta(days=7), 42)
    assert during < 0.3 * before
    assert after > 1.2 * before


def test_welfare_calls_surge_and_take_several_attempts(clean: dict) -> None:
    k, o = OUTREACH_CALLS.c, OUTREACH_CAMPAIGNS.c
    calls, campaigns = clean[OUTREACH_CALLS], clean[OUTREACH_CAMPAIGNS]
    assert campaigns[o.ended_on.name].null_count() == 1
    first = campaigns.sort(o.started_on.name).row(0, named=True)
    lockdown = calls.filter(c(k.campaign_id.name) == first[o.campaign_id.name])
    weeks = lockdown.group_by(c(k.called_at.name).dt.truncate("1w")).len().sort(k.called_at.name)
    assert weeks["len"][:3].sum() > weeks["len"][3:].sum() / 2
    attempts = lockdown.group_by(k.resident_id.name).len()["len"]
    assert attempts.max() >= 4 and (attempts >= 2).mean() > 0.3
    assert (calls[k.direction.name] == "inbound").sum() > 0
    cohort = clean[OUTREACH_COHORT]
    pairs = calls.select(k.campaign_id.name, k.resident_id.name).unique()
    outside = pairs.join(cohort, on=[k.campaign_id.name, k.resident_id.name], how="anti")
    assert outside.height > 0
    recent = dt.datetime.combine(END - dt.timedelta(days=83), dt.time())
    assert calls.filter(c(k.called_at.name) >= recent).height > 0


def test_incidents_cluster_in_the_working_week() -> None:
    i = INCIDENTS.c
    frame = generate(3, END, 1.0, bad_rows=False)[INCIDENTS]
    weekday = frame[i.occurred_at.name].dt.weekday()
    hour = frame[i.occurred_at.name].dt.hour()
    assert (weekday <= 5).mean() > 0.9
    assert hour.is_between(8, 17).mean() > 0.85
    assert (weekday <= 2).sum() > (weekday.is_in([4, 5])).sum()
    top = frame[i.channel.name].value_counts(sort=True)[i.channel.name][:2].to_list()
    assert set(top) == {"phone", "face_to_face"}
    severity = frame[i.severity.name]
    assert (severity <= 2).mean() > 0.5 and (severity == 6).mean() < 0.05


# --- Loading ---------------------------------------------------------------------------


def _counts(url: str | URL) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in CONTRACT_TABLES
            }
    finally:
        engine.dispose()


def test_sqlite_build_is_atomic_and_complete(tmp_path: Path, messy: dict) -> None:
    path = tmp_path / "demo.sqlite"
    counts = build_demo_sqlite(path, end_date=END, scale=SCALE, progress=False)
    assert counts == {t.name: f.height for t, f in messy.items()}
    assert _counts(URL.create("sqlite", database=str(path))) == counts
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite"]
    with pytest.raises(FileExistsError):
        build_demo_sqlite(path, end_date=END, scale=SCALE, progress=False)
    r = REPAIRS.c
    with sqlite3.connect(path) as con:
        row = con.execute(
            f"SELECT {r.reported_at.name}, {r.is_damp_mould.name} FROM {REPAIRS.name} LIMIT 1"
        ).fetchone()
        started = con.execute(
            f"SELECT {OUTREACH_CAMPAIGNS.c.started_on.name} FROM {OUTREACH_CAMPAIGNS.name}"
        ).fetchone()
    assert dt.datetime.strptime(row[0], "%Y-%m-%d %H:%M:%S") and row[1] in (0, 1)
    assert dt.date.fromisoformat(started[0])


def test_cli_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "cli.sqlite"
    args = ["--path", str(path), "--scale", "0.01", "--end-date", END.isoformat(), "--clean"]
    assert main(args) == 0 and path.exists()
    assert main(args) == 1
    assert main([*args, "--force"]) == 0
    assert default_demo_path().name == "doorstep-demo.sqlite"
    assert default_demo_path().parent.name == "data"


def test_cli_leaves_an_existing_default_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data" / "doorstep-demo.sqlite"
    path.parent.mkdir()
    path.write_bytes(b"in use")
    monkeypatch.setattr("data_access.demo.default_demo_path", lambda: path)
    assert main([]) == 0  # idempotent for `make run`
    assert path.read_bytes() == b"in use"


def test_timestamps_are_real_london_times(messy: dict) -> None:
    for table, frame in messy.items():
        for col in table.columns:
            if frame.schema[col.name] == pl.Datetime("us"):
                local = frame[col.name].dt.replace_time_zone(
                    "Europe/London", non_existent="null", ambiguous="earliest"
                )
                assert local.null_count() == frame[col.name].null_count(), (table.name, col.name)


def test_unkeyed_tables_accept_broken_rows(tmp_path: Path) -> None:
    engine = create_engine(URL.create("sqlite", database=str(tmp_path / "loose.sqlite")))
    try:
        create_contract_tables(engine, enforce_keys=False)
        row = {col.name: None for col in AREAS.columns}
        with engine.begin() as conn:
            conn.execute(insert(AREAS), [row, row])
            assert conn.execute(select(func.count()).select_from(AREAS)).scalar_one() == 2
        create_contract_tables(engine)
        with engine.begin() as conn, pytest.raises(IntegrityError):
            conn.execute(insert(AREAS), [row])
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_postgres_load_matches_generated_frames(messy: dict) -> None:
    admin = create_engine(PG_URL)  # no skip: PostgreSQL must be reachable
    url = f"{PG_URL}?options=-csearch_path%3D{PG_SCHEMA}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {PG_SCHEMA}"))
        counts = build_demo(url, end_date=END, scale=SCALE, progress=False)
        assert counts == {t.name: f.height for t, f in messy.items()}
        assert _counts(url) == counts
        r = REPAIRS.c
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                late = select(func.count()).where(r.completed_at < r.reported_at)
                assert (
                    conn.execute(late).scalar_one() == BAD_ROWS["repairs_completed_before_reported"]
                )
                first = conn.execute(select(REPAIRS).order_by(r.work_order_id).limit(1)).one()
        finally:
            engine.dispose()
        expected = messy[REPAIRS].sort(r.work_order_id.name).row(0, named=True)
        assert first.reported_at == expected[r.reported_at.name]
        assert first.target_at == expected[r.target_at.name]
        assert np.isclose(float(first.cost or 0), expected[r.cost.name] or 0)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        admin.dispose()
