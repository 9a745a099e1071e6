"""What one rerun of each page computes from its snapshot, without Streamlit.

``PAGE_FIGURES`` holds one function per page, timed by the benchmark as the cost of a
click. The repairs one is the whole page (``pages/repairs.py``): its tiles, TSM year to
date, charts, drill-down counts, the work-order table's sorted first page and the Awaab's
Law clocks. The others are their pages' headline tiles until those pages are built.
Each returns tiles, so the benchmark can print them; the repairs page's are the three the
typical and pushdown ways also compute, so their numbers can be checked.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from data_access.filters import Filters
from data_access.schema import OUTREACH_COHORT
from data_access.scope import Scope
from data_access.snapshot import Snapshot
from figures import awaab, food, outreach, repairs, respect
from figures import repairs_backlog as backlog
from figures.tiles import Tile, tile
from ui.paged_table import PAGE_SIZE

PageFigures = Callable[[Snapshot, Filters, Scope], list[Tile]]
#: The work-order table's default order (ui/work_order_table.py): oldest reported first.
TABLE_SORT, TABLE_DESCENDING = repairs.REPORTED, False
_CAMPAIGN = OUTREACH_COHORT.c.campaign_id.name


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


def first_bar(counts: pl.DataFrame, dimension: backlog.Dimension) -> dict[backlog.Dimension, str]:
    """A click on a drill-down chart's first bar (most open work orders); none if no bars."""
    return {} if counts.is_empty() else {dimension: counts.get_column(dimension)[0]}


def repairs_steps(
    snapshot: Snapshot, filters: Filters, scope: Scope
) -> dict[str, Callable[[], object]]:
    """The repairs page's figures in the order the page computes them, each run by a call.

    Later figures reuse views the earlier ones remembered on the snapshot (the visible
    rows, the open work orders, the Awaab clocks), as they do on the page.
    """
    args = (snapshot, filters, scope)
    counts: dict[backlog.Dimension, pl.DataFrame] = {}

    def drill_down_counts() -> dict[backlog.Dimension, set]:
        counts.update({d: backlog.open_and_overdue_by(*args, d) for d in backlog.DIMENSIONS})
        return {d: set(frame.get_column(d).to_list()) for d, frame in counts.items()}

    def work_order_table() -> pl.DataFrame:
        drill = first_bar(counts["area_id"], "area_id")
        return table_page(backlog.work_orders(*args, "open", drill))

    return {
        "headline_tiles (7)": lambda: repairs.headline_tiles(*args),
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


def outreach_tiles(snapshot: Snapshot, filters: Filters, scope: Scope) -> list[Tile]:
    """The outreach headline tiles for one campaign, as the page shows one at a time.

    The page's default campaign comes from the reference snapshot, which this signature
    does not carry: the cohort's first campaign stands in (no scan) until the outreach
    page is benchmarked whole.
    """
    campaign_ids = snapshot.frames[OUTREACH_COHORT.name].get_column(_CAMPAIGN)
    if campaign_ids.is_empty():
        return []
    return outreach.headline_tiles(snapshot, filters, scope, str(campaign_ids[0]))


def repairs_page(snapshot: Snapshot, filters: Filters, scope: Scope) -> list[Tile]:
    """Everything pages/repairs.py computes on a rerun; the compared tiles are returned."""
    *_, compared = (compute() for compute in repairs_steps(snapshot, filters, scope).values())
    assert isinstance(compared, list)
    return compared


PAGE_FIGURES: dict[str, PageFigures] = {
    "repairs": repairs_page,
    "outreach": outreach_tiles,
    "food": food.headline_tiles,
    "respect": respect.headline_tiles,
}
