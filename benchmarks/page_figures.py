"""What one rerun of each page computes from its snapshots, without Streamlit.

``PAGE_STEPS`` lists, per page, every figure its module computes, in page order, each
run by a call: the repairs page (``pages/repairs.py``), outreach, food support and
respect. ``run_page`` runs them all and returns
tiles to print; the repairs page returns the three the typical and pushdown ways also
compute, so their numbers can be checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import polars as pl

from data_access.filters import Filters
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from data_access.subjects import FOOD, OUTREACH, REFERENCE, REPAIRS_SUBJECT, RESPECT
from figures import awaab, food, outreach, repairs, respect
from figures import outreach_follow_up as follow_up
from figures import outreach_progress as progress
from figures import repairs_backlog as backlog
from figures import respect_breakdowns as breakdowns
from figures.respect import shown_tile
from figures.respect_breakdowns import Grid
from figures.respect_rows import Cell, incident_list, month_label, period_of
from figures.suppression import shown_when_enough
from figures.tiles import Tile, tile
from ui.paged_table import PAGE_SIZE
from ui.protected_table import shown_rows

Snapshots = Mapping[str, Snapshot]
Steps = dict[str, Callable[[], object]]
#: The work-order table's default order (ui/work_order_table.py): oldest reported first.
TABLE_SORT, TABLE_DESCENDING = repairs.REPORTED, False
TILES = "headline_tiles"


def repairs_compared_tiles(snapshot: Snapshot, filters: Filters, scope: Scope) -> list[Tile]:
    """The three repairs figures the typical and pushdown ways also compute."""
    return [
        tile(label, measure, "", snapshot, filters, scope)
        for label, measure in (
            ("Open repairs", repairs.open_repairs),
            ("Overdue repairs", repairs.overdue_repairs),
            ("Repairs completed", repairs.repairs_completed),
        )
    ]


def table_page(
    rows: pl.DataFrame, sort_by: str = TABLE_SORT, descending: bool = TABLE_DESCENDING, page=1
) -> pl.DataFrame:
    """ui/paged_table.py's server-side work: every row sorted, then one page sliced."""
    ordered = rows.sort(sort_by, descending=descending, nulls_last=True)
    return ordered.slice((page - 1) * PAGE_SIZE, PAGE_SIZE)


def first_bar(counts: pl.DataFrame, dimension: str) -> dict[str, str]:
    """A click on a drill-down chart's first bar; none if the chart has no bars."""
    return {} if counts.is_empty() else {dimension: str(counts.get_column(dimension)[0])}


def repairs_steps(snaps: Snapshots, filters: Filters, scope: Scope) -> Steps:
    """The repairs page; later figures reuse views the earlier ones remembered, as there."""
    args = (snaps[REPAIRS_SUBJECT.key], filters, scope)
    counts: dict[str, pl.DataFrame] = {}

    def drill_down_counts() -> dict[str, set]:
        counts.update({d: backlog.open_and_overdue_by(*args, d) for d in backlog.DIMENSIONS})
        return {d: set(frame.get_column(d).to_list()) for d, frame in counts.items()}

    def work_order_table() -> pl.DataFrame:
        drill = first_bar(counts["area_id"], "area_id")
        return table_page(backlog.work_orders(*args, "open", drill))

    return {
        TILES: lambda: repairs.headline_tiles(*args),
        "tsm_year_to_date_rp02": lambda: repairs.tsm_year_to_date_rp02(*args),
        "weekly_flow": lambda: backlog.weekly_flow(*args),
        "backlog_by_age": lambda: backlog.backlog_by_age(*args),
        "open_and_overdue_by (3 dimensions)": drill_down_counts,
        "work_orders (open, 1st area), sorted, 1st page": work_order_table,
        "awaab.cases_by_stage": lambda: awaab.cases_by_stage(*args),
        "awaab.complete_cases": lambda: awaab.complete_cases(*args),
        "awaab.deadline_breaches": lambda: awaab.deadline_breaches(*args),
        "awaab.falling_due": lambda: awaab.falling_due(*args),
        "compared tiles (3, for the checks)": lambda: repairs_compared_tiles(*args),
    }


def outreach_steps(snaps: Snapshots, filters: Filters, scope: Scope) -> Steps:
    """The outreach page on its default campaign (the latest running one)."""
    snapshot, food_snapshot = snaps[OUTREACH.key], snaps[FOOD.key]
    campaign = outreach.default_campaign(outreach.campaigns(snaps[REFERENCE.key]))
    if campaign is None:
        return {TILES: list}
    args = (snapshot, filters, scope, campaign.campaign_id)
    rates: dict[str, pl.DataFrame] = {}

    def reach_rates() -> None:
        rates.update({d: progress.reach_rate_by(*args, d) for d in progress.REACH_DIMENSIONS})

    return {
        TILES: lambda: outreach.headline_tiles(*args),
        "campaign_progress": lambda: progress.campaign_progress(snapshot, filters, scope, campaign),
        "calls_per_day_by_outcome": lambda: progress.calls_per_day_by_outcome(*args),
        "campaign_funnel": lambda: progress.campaign_funnel(*args, food_snapshot),
        "needs_by_type": lambda: progress.needs_by_type(*args),
        "attempts_to_reach": lambda: progress.attempts_to_reach(*args),
        "reach_rate_by (2 dimensions)": reach_rates,
        "follow_up_list, sorted, 1st page": lambda: table_page(
            follow_up.follow_up_list(*args, {}), "last_called_at"
        ),
        "follow_up_list (1st team bar)": lambda: table_page(
            follow_up.follow_up_list(*args, first_bar(rates["team_id"], "team_id")),
            "last_called_at",
        ),
    }


def food_steps(snaps: Snapshots, filters: Filters, scope: Scope) -> Steps:
    """The food-support page, with the outreach snapshot for "Food needs referred"."""
    snapshot = snaps[FOOD.key]
    args = (snapshot, filters, scope)
    areas: dict[str, pl.DataFrame] = {}

    def by_area() -> pl.DataFrame:
        areas["area_id"] = food.referrals_by_area(*args)
        return areas["area_id"]

    return {
        TILES: lambda: food.headline_tiles(*args, outreach=snaps[OUTREACH.key]),
        "weekly_referrals_by_status": lambda: food.weekly_referrals_by_status(*args),
        "referral_funnel": lambda: food.referral_funnel(*args),
        "fulfilment_over_time": lambda: food.fulfilment_over_time(*args),
        "partner_performance": lambda: food.partner_performance(*args),
        "referrals_by_area": by_area,
        "referral_rows (1st area), sorted, 1st page": lambda: table_page(
            food.referral_rows(*args, first_bar(areas["area_id"], "area_id")),
            "referred_at",
            True,
        ),
        "repeat_need": lambda: food.repeat_need(*args, snaps[REFERENCE.key]),
    }


def respect_steps(snaps: Snapshots, filters: Filters, scope: Scope) -> Steps:
    """The respect page, suppression included for every case (the costlier way), and the
    incident list (directors' view); then the tiles again after a click on the busiest
    weekday-hour cell, as the page reruns after that click."""
    snapshot = snaps[RESPECT.key]
    args = (snapshot, filters, scope)
    grids: dict[str, Grid] = {}

    def shown(name: str, grid: Grid, columns: dict | None = None) -> pl.DataFrame:
        grids[name] = grid
        return shown_rows(grid.protected(True), name, None, columns)

    def busiest_cell() -> list:
        counts = grids["when"].counts
        if counts.is_empty():
            return []
        row, column, _ = counts.sort("incidents", descending=True).row(0)
        cell = Cell("when", str(row), str(column))
        return respect.headline_tiles(*args, breakdowns.chosen_cell(*args, cell.param))

    def actions() -> list[str]:
        grid, days = breakdowns.actions_taken(*args)
        grid.protected(True)
        return [shown_when_enough(f"{m}", n, True) for _, n, m in days.iter_rows()]

    def teams() -> pl.DataFrame:
        months = breakdowns.months_of(period_of(snapshot, filters))
        return shown("team", breakdowns.team_heatmap(*args), {m: month_label(m) for m in months})

    return {
        TILES: lambda: [shown_tile(t, True) for t in respect.headline_tiles(*args)],
        "when_heatmap": lambda: shown("when", breakdowns.when_heatmap(*args)),
        "team_heatmap": teams,
        "channel_heatmap": lambda: shown("channel", breakdowns.channel_heatmap(*args)),
        "severity_by_week": lambda: breakdowns.severity_by_week(*args).protected(True),
        "actions_taken": actions,
        "home_or_on_site_by_channel": lambda: shown(
            "place", breakdowns.home_or_on_site_by_channel(*args)
        ),
        "incident_list, sorted, 1st page": lambda: table_page(
            incident_list(*args), "occurred_at", True
        ),
        "tiles after a click on the busiest cell": busiest_cell,
    }


PAGE_STEPS: dict[str, Callable[[Snapshots, Filters, Scope], Steps]] = {
    "repairs": repairs_steps,
    "outreach": outreach_steps,
    "food": food_steps,
    "respect": respect_steps,
}
#: The snapshots each page reads (its own first).
PAGE_SUBJECTS: dict[str, tuple[str, ...]] = {
    "repairs": (REPAIRS_SUBJECT.key,),
    "outreach": (OUTREACH.key, REFERENCE.key, FOOD.key),
    "food": (FOOD.key, REFERENCE.key, OUTREACH.key),
    "respect": (RESPECT.key, REFERENCE.key),
}


def run_page(page: str, snaps: Snapshots, filters: Filters, scope: Scope) -> list[Tile]:
    """Everything the page computes on a rerun; its tiles (repairs: the compared ones)."""
    results = {name: compute() for name, compute in PAGE_STEPS[page](snaps, filters, scope).items()}
    shown = results["compared tiles (3, for the checks)"] if page == "repairs" else results[TILES]
    assert isinstance(shown, list)
    return shown


def repairs_page(snapshot: Snapshot, filters: Filters, scope: Scope) -> list[Tile]:
    """The whole repairs page from its one snapshot (what the pushdown checks compare)."""
    return run_page("repairs", {REPAIRS_SUBJECT.key: snapshot}, filters, scope)
