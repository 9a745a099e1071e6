"""Every resident's state in a campaign, computed once for everyone, then narrowed per view.

Following residents through their calls (their Nth call, the latest, the one that first
reached them) is the costly part of the outreach figures, and it does not depend on who
is looking. So it is done once per campaign, and once per period end, for every resident,
in the snapshot's memo. The public functions here return only a view's rows of the small
results (data_access.views), which every row allows by carrying its resident's
region and area: a new filter choice costs a filter, never a pass over the calls.

Calls are put in resident order once, each carrying its resident's running state, so the
state as at any moment is a filter, not a group-by: it is that of the resident's last
call before it. Resident ids are never sorted, grouped or joined as text: rows are
grouped by a hash of the id, each group checked against the text
(figures.resident_grouping), and paired (a need with its call, a caller with their
cohort row) by the row numbers the snapshot's load matched them to
(data_access.regions.PARENT_ROW).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import polars as pl
from sqlalchemy import Table

from data_access.filters import Filters, Period
from data_access.regions import AREA, PARENT_ROW, ROW_AS_READ
from data_access.schema import OUTREACH_CALLS, OUTREACH_COHORT, OUTREACH_NEEDS
from data_access.scope import REGION, Scope
from data_access.snapshot import Snapshot
from data_access.views import visible_aggregate
from figures.beside import build_beside
from figures.resident_grouping import CODE, RESIDENT, grouped_by_resident, values_at

_C = OUTREACH_CALLS.c
CALL_ID, TEAM = _C.call_id.name, _C.team_id.name
CAMPAIGN, CALLED_AT, OUTCOME = _C.campaign_id.name, _C.called_at.name, _C.outcome.name
FOLLOW_UP, ADDED_ON = _C.follow_up_required.name, OUTREACH_COHORT.c.added_on.name
NEED = OUTREACH_NEEDS.c.need.name
REACHED = "reached"
CALL_COLUMNS = (CALL_ID, RESIDENT, TEAM, REGION, AREA, CALLED_AT, OUTCOME, FOLLOW_UP)
# A resident's state as at each of their calls (see _running_state), and as at a moment.
ATTEMPTS, FIRST_HIT = "attempts", "first_reached_attempt"
LATEST_HIT, FOLLOW_UPS, NEXT = "latest_reached_at", "follow_ups", "next_called_at"
FIRST_CALLED, IN_COHORT, NEEDS_SO_FAR = "first_called_at", "in_cohort", "needs_so_far"
#: Residents are counted by the call that first reached them, 5 and more together.
ATTEMPT_CAP = 5


def is_reached() -> pl.Expr:
    """The call spoke to the resident (the only outcome that counts as reaching them)."""
    return pl.col(OUTCOME) == REACHED


def _everyone(snapshot: Snapshot, table: Table, campaign_id: str) -> pl.DataFrame:
    """Every region's rows of one campaign: read only to build an all-rows frame."""
    return snapshot.scoped(table, Scope.everything()).filter(pl.col(CAMPAIGN) == campaign_id)


def _within_resident(column: str) -> pl.Expr:
    """Running total of ``column`` over the resident's rows so far.

    The frame's running total less its value just before the resident's first row.
    """
    total = pl.col(column).cum_sum()
    return total - pl.when("_first").then(total - pl.col(column)).forward_fill()


def _running_state(calls: pl.DataFrame) -> pl.DataFrame:
    """Each call with its resident's state up to and including it, without a group-by.

    attempts = the call's number; first_reached_attempt = the number of the call that
    first reached them; latest_reached_at; follow_ups = follow-ups asked for on the
    reached calls at that latest instant (calls can share it). Values carried forward
    from the resident before are masked while this one is not yet reached.
    """
    tie = pl.col("_first") | (pl.col(CALLED_AT) != pl.col(CALLED_AT).shift(1)).fill_null(True)
    flags = pl.col("_flag").cum_sum()
    steps = calls.with_columns(
        (pl.col(CODE) != pl.col(CODE).shift(1)).fill_null(True).alias("_first"),
        is_reached().cast(pl.Int64).alias("_hit"),
        (is_reached() & pl.col(FOLLOW_UP)).cast(pl.Int64).alias("_flag"),
        pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"),
    ).with_columns(
        tie.alias("_tie"),
        (pl.col("_row") - pl.when("_first").then("_row").forward_fill() + 1).alias(ATTEMPTS),
        _within_resident("_hit").alias("_hits"),
    )
    # Flagged reached calls at this call's instant: calls at one instant are adjacent.
    tie_flags = (
        pl.when(pl.col("_tie").shift(-1).fill_null(True)).then(flags).backward_fill()
        - pl.when("_tie").then(flags - pl.col("_flag")).forward_fill()
    )
    reached_yet, hit = pl.col("_hits") > 0, pl.col("_hit") == 1
    first_hit = hit & (pl.col("_hits") == 1)
    return steps.with_columns(tie_flags.alias("_tie_flags")).select(
        *CALL_COLUMNS[:-1],
        CODE,
        ATTEMPTS,
        pl.when("_first").then(CALLED_AT).forward_fill().alias(FIRST_CALLED),
        pl.when(reached_yet)
        .then(pl.when(first_hit).then(ATTEMPTS).forward_fill())
        .alias(FIRST_HIT),
        pl.when(reached_yet).then(pl.when(hit).then(CALLED_AT).forward_fill()).alias(LATEST_HIT),
        pl.when(reached_yet)
        .then(pl.when(hit).then("_tie_flags").forward_fill())
        .otherwise(0)
        .alias(FOLLOW_UPS),
        pl.when(pl.col("_first").shift(-1).fill_null(True))
        .then(None)
        .otherwise(pl.col(CALLED_AT).shift(-1))
        .alias(NEXT),
    )


def _grouped_calls(snapshot: Snapshot, campaign_id: str) -> pl.DataFrame:
    """The campaign's calls, each resident's together in the order made (time, call_id),
    numbered by resident (``CODE``): what the running state and the need rows start from."""

    def compute() -> pl.DataFrame:
        calls = _everyone(snapshot, OUTREACH_CALLS, campaign_id)
        # The links: to the needs (_need_rows) and to the resident (_joined_cohort_by_code)
        calls = calls.select(*CALL_COLUMNS, ROW_AS_READ, PARENT_ROW)
        return grouped_by_resident(calls.sort(CALLED_AT, CALL_ID))

    return snapshot.remembered(("outreach-grouped-calls", campaign_id), compute)


def _joined_cohort_by_code(snapshot: Snapshot, campaign_id: str) -> pl.Series:
    """The day each called resident joined the campaign's cohort (null if never), by their
    ``CODE``: a series to gather from. It needs only the grouped calls, so a warm-up
    builds it on one thread while the running state is built on the other. Calls and
    cohort rows carry their resident's row in the keyed residents the load matched them
    against (``PARENT_ROW``), so callers meet their cohort row by that number."""

    def compute() -> pl.DataFrame:
        grouped = _grouped_calls(snapshot, campaign_id)
        first_calls = (pl.col(CODE) != pl.col(CODE).shift(1)).fill_null(True)
        callers = grouped.filter(first_calls).select(CODE, PARENT_ROW)
        cohort = _everyone(snapshot, OUTREACH_COHORT, campaign_id).select(PARENT_ROW, ADDED_ON)
        days = values_at(cohort[PARENT_ROW], cohort[ADDED_ON], callers[PARENT_ROW])
        # Residents are numbered 1..n: the day each joined, looked up by number.
        by_code = pl.repeat(None, callers.height + 1, dtype=pl.Date, eager=True)
        return by_code.scatter(callers.get_column(CODE), days).to_frame()

    frame = snapshot.remembered(("outreach-cohort-by-code", campaign_id), compute)
    return frame.to_series()


def _calls_by_resident(snapshot: Snapshot, campaign_id: str) -> pl.DataFrame:
    """Every resident's calls of the campaign together, in the order made (time, call_id).

    Each call carries its resident's number (``CODE``), running state and the day they
    joined the cohort (null if never).
    """

    def compute() -> pl.DataFrame:
        grouped = _grouped_calls(snapshot, campaign_id)
        # The frames that need only the grouped calls go to the other core meanwhile; any
        # it has not started yet are built here when asked for (the memo computes once).
        # Urgent: this thread waits for them next, the tiles' counts only at the end.
        build_beside(_build_beside_running_state, snapshot, campaign_id, urgent=True)
        state = _running_state(grouped)
        joined_on = _joined_cohort_by_code(snapshot, campaign_id)
        return state.with_columns(joined_on.gather(state.get_column(CODE)).alias(ADDED_ON))

    return snapshot.remembered(("outreach-calls-by-resident", campaign_id), compute)


def _need_rows(snapshot: Snapshot, campaign_id: str) -> pl.DataFrame:
    """Need rows on the campaign's calls, with the call's resident, time, region and area.

    A need's region and area are its call's (data_access.regions), so the call's stand
    for both. The load matched each need to its call's row as read, and the grouped
    calls keep that number: a need finds its grouped call by two gathers, not a join.
    """

    def compute() -> pl.DataFrame:
        calls = _grouped_calls(snapshot, campaign_id)
        needs = snapshot.scoped(OUTREACH_NEEDS, Scope.everything())
        # Each need's call among the grouped calls: null where the call is not this
        # campaign's, or was left out as bad data.
        places = pl.int_range(calls.height, dtype=pl.UInt32, eager=True)
        at = values_at(calls[ROW_AS_READ], places, needs[PARENT_ROW])
        on_campaign = at.is_not_null()
        picked = needs.filter(on_campaign).select(CALL_ID, NEED)
        found = calls.select(CODE, CALLED_AT, REGION, AREA).gather(at.filter(on_campaign))
        return pl.concat([picked, found], how="horizontal")

    return snapshot.remembered(("outreach-need-rows", campaign_id), compute)


def _build_beside_running_state(snapshot: Snapshot, campaign_id: str) -> None:
    """Build the shared frames that need the grouped calls but not their running state
    (the cohort's joining days, the need rows), on a second thread while the first
    builds the running state. A failure here is met again, and raised, by the figure
    that asks for the frame."""
    _joined_cohort_by_code(snapshot, campaign_id)
    _need_rows(snapshot, campaign_id)


def _as_at(snapshot: Snapshot, campaign_id: str, period: Period) -> pl.DataFrame:
    """One row per resident called before the period's end: their state at that moment.

    Their last call before it, with whether they were in the cohort by the period's last
    day and had a need recorded on one of their calls by then.
    """
    moment = period.ends_before

    def compute() -> pl.DataFrame:
        calls = _calls_by_resident(snapshot, campaign_id)
        before = pl.col(CALLED_AT) < moment
        last = before & (pl.col(NEXT).is_null() | (pl.col(NEXT) >= moment))
        needed = _need_rows(snapshot, campaign_id).filter(before).get_column(CODE).unique()
        return calls.filter(last).with_columns(
            (pl.col(ADDED_ON) <= period.end).fill_null(False).alias(IN_COHORT),
            pl.col(CODE).is_in(needed.implode()).alias(NEEDS_SO_FAR),
        )

    return snapshot.remembered(("outreach-as-at", campaign_id, period.end), compute)


def resident_view(
    snapshot: Snapshot,
    name: str,
    filters: Filters,
    scope: Scope,
    build: Callable[[pl.DataFrame], pl.DataFrame],
    campaign_id: str,
    period: Period,
    *detail: Hashable,
) -> pl.DataFrame:
    """The view's rows of a frame built once from every resident's state at the period's end.

    ``build`` is given one row per resident called by then (their last call, attempts,
    first_reached_attempt, latest_reached_at, follow_ups, first_called_at, in_cohort,
    needs_so_far, region and area) and must keep region and area on its rows; ``detail``
    holds anything else it depends on.
    """

    def compute_all() -> pl.DataFrame:
        return build(_as_at(snapshot, campaign_id, period))

    return visible_aggregate(
        snapshot, name, filters, scope, compute_all, campaign_id, period, *detail
    )


def resident_stocks(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str, period: Period
) -> pl.DataFrame:
    """The view's residents called by the period's end, counted by what the figures need.

    Keys: region, area, in_cohort, calls (the call that first reached them, else calls so
    far; 5 and more together) and hit (reached by then). Counts: residents,
    reached_in_period (a reached call in the period), follow_ups (outstanding) and
    with_needs (a need recorded by then).
    """
    calls = pl.coalesce(FIRST_HIT, ATTEMPTS).clip(upper_bound=ATTEMPT_CAP).alias("calls")
    hit = pl.col(FIRST_HIT).is_not_null().alias("hit")

    def build(residents: pl.DataFrame) -> pl.DataFrame:
        return residents.group_by(REGION, AREA, IN_COHORT, calls, hit).agg(
            pl.len().cast(pl.Int64).alias("residents"),
            (pl.col(LATEST_HIT) >= period.starts_at).sum().alias("reached_in_period"),
            pl.col(FOLLOW_UPS).sum(),
            pl.col(NEEDS_SO_FAR).sum().alias("with_needs"),
        )

    return resident_view(snapshot, "outreach-stocks", filters, scope, build, campaign_id, period)


def need_counts(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str
) -> pl.DataFrame:
    """The view's need rows on the campaign's calls, by area, day of the call and need."""

    def compute_all() -> pl.DataFrame:
        day = pl.col(CALLED_AT).dt.date().alias("day")
        needs = _need_rows(snapshot, campaign_id)
        return needs.group_by(REGION, AREA, day, NEED).agg(pl.len().alias("needs"))

    return visible_aggregate(
        snapshot, "outreach-need-counts", filters, scope, compute_all, campaign_id
    )


def first_reached_counts(
    snapshot: Snapshot, filters: Filters, scope: Scope, campaign_id: str
) -> pl.DataFrame:
    """The view's residents (cohort or not) by the day the campaign first reached them."""

    def compute_all() -> pl.DataFrame:
        calls = _calls_by_resident(snapshot, campaign_id)
        firsts = calls.filter(pl.col(FIRST_HIT) == pl.col(ATTEMPTS))
        day = pl.col(CALLED_AT).dt.date().alias("day")
        return firsts.group_by(REGION, AREA, day).agg(pl.len().alias("residents"))

    return visible_aggregate(
        snapshot, "outreach-first-reached", filters, scope, compute_all, campaign_id
    )
