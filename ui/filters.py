"""The shared sidebar filters, kept in the URL so a pasted link reproduces the view."""

from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from auth.roles import Viewer
from data_access.filters import DEFAULT_PERIOD_DAYS, Filters
from data_access.schema import AREAS
from data_access.snapshot import Snapshot

PRESETS = {"Last 4 weeks": 28, "Last 12 weeks": DEFAULT_PERIOD_DAYS, "Last 52 weeks": 364}
CUSTOM = "Chosen dates"
_PARAM_PERIOD, _PARAM_FROM, _PARAM_TO = "period", "from", "to"
_PARAM_REGION, _PARAM_AREA = "region", "area"
_DEFAULT_PRESET = "Last 12 weeks"
_FILTER_PARAMS = (_PARAM_PERIOD, _PARAM_FROM, _PARAM_TO, _PARAM_REGION, _PARAM_AREA)


def _date_param(name: str) -> date | None:
    try:
        return date.fromisoformat(st.query_params.get(name, ""))
    except ValueError:
        return None


def _init_from_url(regions: list[str], areas: list[str]) -> None:
    """Seed the widgets from the URL once per session (the URL wins on a pasted link)."""
    if st.session_state.get("_filters_seeded"):
        return
    start, end = _date_param(_PARAM_FROM), _date_param(_PARAM_TO)
    preset = st.query_params.get(_PARAM_PERIOD, _DEFAULT_PRESET)
    if start and end and start <= end:
        st.session_state["f_preset"], st.session_state["f_dates"] = CUSTOM, (start, end)
    else:
        st.session_state["f_preset"] = preset if preset in PRESETS else _DEFAULT_PRESET
    wanted_regions = st.query_params.get_all(_PARAM_REGION)
    st.session_state["f_regions"] = [r for r in wanted_regions if r in regions]
    st.session_state["f_areas"] = [a for a in st.query_params.get_all(_PARAM_AREA) if a in areas]
    st.session_state["_filters_seeded"] = True


def _write_url(filters: Filters, preset: str) -> None:
    params: dict[str, str | list[str]] = {}
    if preset == CUSTOM and filters.start and filters.end:
        params[_PARAM_FROM], params[_PARAM_TO] = filters.start.isoformat(), filters.end.isoformat()
    elif preset != _DEFAULT_PRESET:
        params[_PARAM_PERIOD] = preset
    if filters.regions:
        params[_PARAM_REGION] = list(filters.regions)
    if filters.areas:
        params[_PARAM_AREA] = list(filters.areas)
    # Only the filters' own keys: pages keep theirs (a drill-down) beside them.
    for key in _FILTER_PARAMS:
        wanted = params.get(key, [])
        wanted = wanted if isinstance(wanted, list) else [wanted]
        if st.query_params.get_all(key) != wanted:
            if wanted:
                st.query_params[key] = wanted if len(wanted) > 1 else wanted[0]
            else:
                st.query_params.pop(key, None)


def filter_query_params() -> dict[str, list[str]]:
    """The filters as they stand in the URL, for links that open another page on them."""
    return {key: st.query_params.get_all(key) for key in _FILTER_PARAMS if key in st.query_params}


def shared_filters(viewer: Viewer, reference: Snapshot | None) -> Filters:
    """Render the sidebar filters and return the viewer's choice (within their scope)."""
    areas = pl.DataFrame()
    if reference is not None:
        areas = reference.scoped(AREAS, viewer.scope)
    region_options = (
        sorted(areas.get_column(AREAS.c.region.name).unique().to_list()) if (areas.height) else []
    )
    area_names = (
        dict(areas.select(AREAS.c.area_id.name, AREAS.c.area_name.name).iter_rows())
        if areas.height
        else {}
    )
    _init_from_url(region_options, list(area_names))
    with st.sidebar:
        st.subheader("Filters")
        preset = st.selectbox("Period", [*PRESETS, CUSTOM], key="f_preset")
        start = end = None
        if preset == CUSTOM:
            st.session_state.setdefault("f_dates", (date.today().replace(day=1), date.today()))
            chosen = st.date_input("From and to", key="f_dates", format="DD/MM/YYYY")
            if isinstance(chosen, tuple) and len(chosen) == 2:
                start, end = chosen
        regions = st.multiselect("Region", region_options, key="f_regions")
        in_regions = (
            areas.filter(
                pl.col(AREAS.c.region.name).cast(pl.String).is_in(regions or region_options)
            )
            if areas.height
            else areas
        )
        area_options = (
            in_regions.get_column(AREAS.c.area_id.name).to_list() if (in_regions.height) else []
        )
        st.session_state["f_areas"] = [a for a in st.session_state["f_areas"] if a in area_options]
        chosen_areas = st.multiselect(
            "Area", area_options, key="f_areas", format_func=lambda a: area_names.get(a, a)
        )
    filters = Filters(
        start=start,
        end=end,
        regions=tuple(regions),
        areas=tuple(chosen_areas),
        days=PRESETS.get(preset, DEFAULT_PERIOD_DAYS),
    )
    _write_url(filters, preset)
    return filters
