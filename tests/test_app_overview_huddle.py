"""AppTest: the Overview and the Huddle for each role (landing pages, tiles, suppression)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from auth.roles import PageId, Role
from figures.headlines import OVERVIEW_LABELS
from tests.apptest_support import ROLE_USERS, log_in
from ui.navigation import PAGES

USERS = ROLE_USERS
LANDING = {role: "Overview" for role in Role} | {Role.HUDDLE: "Huddle"}
ALL_LABELS = {label for labels in OVERVIEW_LABELS.values() for label in labels}
INCIDENT_LABELS = set(OVERVIEW_LABELS["respect"])
SMALL = {"1", "2", "3", "4"}
BADGE = re.compile(r"^:(?:green|orange|red)-badge\[(?::material/\w+: )?(.*)\]$")


def _open(app, page: PageId):
    return app.switch_page(PAGES[page][2]).run()


@pytest.mark.parametrize("role", list(Role))
def test_each_role_lands_on_its_page(demo_app, role):
    app = log_in(USERS[role])
    assert not app.exception
    assert [title.value for title in app.title] == [LANDING[role]]


def test_overview_has_every_headline_tile_with_a_trend(demo_app):
    app = log_in("director")
    shown = {m.label for m in app.metric}
    assert shown >= ALL_LABELS
    for metric in app.metric:
        assert len(metric.proto.chart_data) == 12, metric.label


def test_overview_tile_equals_the_subject_page_tile(demo_app):
    app = log_in("director")
    overview = {m.label: (m.value, m.delta) for m in app.metric}
    _open(app, PageId.REPAIRS)
    repairs = {m.label: (m.value, m.delta) for m in app.metric}
    for label in OVERVIEW_LABELS["repairs"]:
        assert overview[label] == repairs[label], label


def test_overview_shows_target_states(demo_app):
    app = log_in("director")
    badges = [match.group(1) for m in app.markdown if (match := BADGE.match(m.value))]
    states = {label: n for n, label in enumerate(badges)}
    # Ten tiles; every one has a target in config/targets.toml at the organisation level.
    assert len(badges) == len(ALL_LABELS), badges
    assert all(re.match(r"(On|Near|Off) target \(target [≤≥] ", b) for b in states)


def test_overview_links_open_subject_pages_on_the_same_filters(demo_app):
    app = log_in("director")
    app.sidebar.multiselect(key="f_regions").set_value(["North"]).run()
    links = [e.proto for e in app.get("page_link")]
    repairs = [link for link in links if link.label == "Open Repairs"]
    assert repairs, [link.label for link in links]
    assert all("region=North" in link.query_string for link in repairs)


def test_huddle_role_sees_incidents_suppressed_and_no_subject_links(demo_app):
    app = log_in("huddle")
    for page in (PageId.HUDDLE, PageId.OVERVIEW):
        _open(app, page)
        assert not app.exception
        incidents = [m for m in app.metric if m.label in INCIDENT_LABELS]
        assert incidents, page
        assert not {m.value for m in incidents} & SMALL
        hidden = [m for m in incidents if m.value in ("<5", "[c]")]
        assert all(m.delta in (None, "") for m in hidden)
        assert not [e for e in app.get("page_link") if e.proto.label.startswith("Open ")]


def test_director_sees_incident_counts_unsuppressed(demo_app):
    app = log_in("director")
    incidents = [m for m in app.metric if m.label in INCIDENT_LABELS]
    assert all(m.value not in ("<5", "[c]") for m in incidents)


def test_stale_subjects_are_flagged(demo_app):
    # The test demo ends on 20 Nov 2026; any later read makes repairs older than 1 day.
    app = log_in("director")
    warnings = [w.value for w in app.warning]
    assert any(w.startswith("Out of date: Repairs (latest 20 Nov, limit 1 day).") for w in warnings)


def test_huddle_shows_this_week_against_last_and_what_changed(demo_app):
    app = _open(log_in("director"), PageId.HUDDLE)
    assert not app.exception
    week = app.selectbox(key="huddle_week")
    assert week.value.start.weekday() == 0 and week.value.days == 7
    assert {m.label for m in app.metric} >= ALL_LABELS
    changed = [m.value for m in app.markdown if m.value.startswith("1. ")]
    assert changed and changed[0].count("week on week") == 5
    assert any(b.proto.label == "Download huddle pack" for b in app.get("download_button"))


def test_huddle_week_choice_moves_the_figures_and_the_url(demo_app):
    app = _open(log_in("director"), PageId.HUDDLE)
    latest = app.selectbox(key="huddle_week").value
    before = {m.label: m.value for m in app.metric}
    app.selectbox(key="huddle_week").select_index(1).run()
    chosen = app.selectbox(key="huddle_week").value
    assert chosen.end == latest.start - timedelta(days=1)
    assert app.query_params["week"] == chosen.start.isoformat()
    assert {m.label: m.value for m in app.metric} != before


def test_tv_mode_has_no_controls_and_refreshes_itself(demo_app):
    app = _open(log_in("director"), PageId.HUDDLE)
    app.query_params["tv"] = "1"
    app.run()
    assert not app.exception
    assert {m.label for m in app.metric} >= ALL_LABELS
    # No controls on the screen (the sidebar's filters stay in the URL, hidden by the CSS).
    assert not app.main.selectbox and not app.get("download_button")
    assert any("stSidebar" in e.proto.body for e in app.get("html"))
    assert any(e.proto.label == "Exit TV mode" for e in app.get("page_link"))


def test_huddle_names_stale_subjects_in_one_line(demo_app):
    # The test demo ends on 20 Nov 2026: repairs (limit 1 day) are stale on any later read.
    app = _open(log_in("director"), PageId.HUDDLE)
    stale = [w.value for w in app.warning if w.value.startswith("Out of date: ")]
    assert len(stale) == 1
    assert "Repairs (latest 20 Nov, limit 1 day)" in stale[0]
