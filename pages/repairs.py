"""Repairs: backlog, TSM RP02, Housemark measures, Awaab's Law clocks, drill-down."""

from __future__ import annotations

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # a legacy pages/ run starts over in dashboard.py

import streamlit as st

from charts import repairs as charts
from data_access.subjects import REPAIRS_SUBJECT
from figures import awaab, repairs
from figures import repairs_backlog as backlog
from figures.tiles import shown_value
from ui.context import PageContext
from ui.data import area_names
from ui.drill import clickable_chart, current_drill, drill_banner
from ui.layout import subject_header
from ui.tiles import metric_row
from ui.work_order_table import listing_choice, work_order_table

DRILL_PARAMS = {"area_id": "wo_area", "trade": "wo_trade", "contractor": "wo_contractor"}
DIMENSION_TITLES = {"area_id": "By area", "trade": "By trade", "contractor": "By contractor"}


def _headline(context: PageContext, snapshot) -> None:
    args = (snapshot, context.filters, context.scope)
    tiles = repairs.headline_tiles(*args)
    metric_row(tiles[:4], subject="repairs", context=context)
    housemark, year = st.columns([3, 1])
    with housemark:
        metric_row(tiles[4:], subject="repairs", context=context)
    period, rp02 = repairs.tsm_year_to_date_rp02(*args)
    with year.container(border=True):
        st.markdown(f"**TSM year to date**  \n{period.label()}")
        for label, value in rp02.items():
            st.markdown(
                f"{label.replace(' within target (RP02)', '')}: **{shown_value(value, 'percent')}**"
            )
        st.caption("RP02 as the regulator counts it, 1 April to the period's last day.")


def _trends(context: PageContext, snapshot) -> None:
    args = (snapshot, context.filters, context.scope)
    weekly, ages = st.columns([3, 2])
    with weekly:
        st.subheader("Reported and completed each week")
        st.plotly_chart(charts.weekly_flow_chart(backlog.weekly_flow(*args)))
    with ages:
        st.subheader("Open backlog by age")
        st.plotly_chart(charts.backlog_by_age_chart(backlog.backlog_by_age(*args)))


def _drill_down(context: PageContext, snapshot) -> None:
    args = (snapshot, context.filters, context.scope)
    st.subheader("Where the backlog is")
    st.caption("Open and overdue at the end of the period. Click a bar to list its work orders.")
    names = area_names(context.scope)
    counts = {d: backlog.open_and_overdue_by(*args, d) for d in backlog.DIMENSIONS}
    allowed = {d: set(frame.get_column(d).to_list()) for d, frame in counts.items()}
    drill = current_drill(DRILL_PARAMS, allowed)
    for column, dimension in zip(st.columns(3), backlog.DIMENSIONS, strict=True):
        with column:
            st.markdown(f"**{DIMENSION_TITLES[dimension]}**")
            figure = charts.open_and_overdue_chart(
                counts[dimension],
                dimension,
                names if dimension == "area_id" else None,
                drill.get(dimension),
            )
            clickable_chart(figure, f"repairs-by-{dimension}", DRILL_PARAMS[dimension])
    titles = {d: t.removeprefix("By ").lower() for d, t in DIMENSION_TITLES.items()}
    drill_banner(drill, titles, {"area_id": names}, DRILL_PARAMS, key="wo_clear")
    listing = listing_choice()
    work_order_table(backlog.work_orders(*args, listing, drill), context, names)


def _awaab(context: PageContext, snapshot) -> None:
    args = (snapshot, context.filters, context.scope)
    st.subheader("Awaab's Law: damp and mould")
    stages, breaches = st.columns(2)
    with stages:
        st.markdown("**Open cases by stage at the end of the period**", help=awaab.STAGE_HELP)
        by_stage = awaab.cases_by_stage(*args)
        st.plotly_chart(charts.cases_by_stage_chart(by_stage))
        complete = awaab.complete_cases(*args)
        st.caption(f"{complete:,} cases had every step done by then.")
    with breaches:
        st.markdown("**Legal deadlines**", help=awaab.BREACH_HELP)
        st.dataframe(
            awaab.deadline_breaches(*args),
            hide_index=True,
            column_config={
                "deadline": "Deadline",
                "due_in_period": "Due in period",
                "met": "Met",
                "breached_late": "Done late",
                "breached_outstanding": "Not done",
                "overdue_at_period_end": "Overdue at period end",
            },
        )
    st.markdown("**Falling due in the next 5 working days**", help=awaab.FALLING_DUE_HELP)
    due = awaab.falling_due(*args)
    if due.is_empty():
        st.success("No Awaab's Law step falls due in the next 5 working days.")
    else:
        st.dataframe(
            due,
            hide_index=True,
            column_config={
                "case_id": "Case",
                "area_id": "Area",
                "hazard_level": "Hazard",
                "step": "Step",
                "due_at": st.column_config.DatetimeColumn("Due", format="ddd DD MMM YYYY HH:mm"),
                "aware_at": st.column_config.DatetimeColumn("Aware", format="DD MMM YYYY HH:mm"),
            },
        )


def render() -> None:
    ready = subject_header("Repairs", REPAIRS_SUBJECT)
    if ready is None:
        return
    context, snapshot = ready
    _headline(context, snapshot)
    _trends(context, snapshot)
    _drill_down(context, snapshot)
    _awaab(context, snapshot)


render()
