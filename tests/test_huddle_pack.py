"""reports.huddle_pack: one self-contained file, holding only what the viewer was shown."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from data_access.filters import Filters, Period
from data_access.reader import Reader
from data_access.scope import Scope
from data_access.snapshot import SnapshotLoader
from data_access.subjects import REFERENCE
from figures.headlines import SUBJECT_ORDER
from figures.huddle_view import huddle_view
from reports.huddle_pack import huddle_pack_html
from tests import fixture_huddle as fx
from tests.dbs import sqlite_url, write_database

MADE = datetime(2026, 11, 18, 9)


@pytest.fixture(scope="module")
def snaps(tmp_path_factory) -> dict:
    url = sqlite_url(tmp_path_factory.mktemp("pack"))
    write_database(url, fx.ROWS)
    loader = SnapshotLoader(Reader(url), clock=lambda: fx.READ_AT)
    reference = loader.load(REFERENCE, None)
    return {REFERENCE.key: reference} | {s.key: loader.load(s, reference) for s in fx.SUBJECTS}


def _pack(snaps, suppress: bool) -> str:
    view = huddle_view(
        snaps, Filters(), Scope.everything(), Period(*fx.THIS_WEEK), SUBJECT_ORDER, suppress
    )
    return huddle_pack_html(view, "All regions", suppress, MADE)


def _row(html: str, label: str) -> list[str]:
    row = re.search(rf"<tr><td>[^<]*</td><td>{re.escape(label)}</td>(.*?)</tr>", html)
    assert row, label
    return re.findall(r'<td class="n">(.*?)</td>', row.group(1))


def test_the_pack_needs_nothing_from_the_network(snaps):
    html = _pack(snaps, suppress=False)
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert html.count("Plotly.newPlot") == 3  # food, repairs, respect (outreach has no tiles)
    assert html.count("plotly.js v") >= 1  # the library itself, inline


def test_the_pack_holds_the_weeks_figures_and_what_changed(snaps):
    html = _pack(snaps, suppress=False)
    # Hand-worked in fixture_huddle: last week, this week, change.
    assert _row(html, "Overdue repairs") == ["2", "11", "+9"]
    assert _row(html, "Serious incidents") == ["0", "3", "+3"]
    changed = re.findall(r"<li>(.*?)</li>", re.search(r'<ol id="what-changed">(.*?)</ol>', html)[1])
    assert len(changed) == 5
    assert changed[0].startswith("Overdue repairs +9 week on week (2 to 11)")


def test_a_suppressed_pack_shows_incidents_as_on_screen(snaps):
    html = _pack(snaps, suppress=True)
    assert _row(html, "Serious incidents") == ["0", "&lt;5", "-"]
    assert _row(html, "Incidents") == ["5", "9", "+4"]
    assert "Serious incidents +3" not in html
