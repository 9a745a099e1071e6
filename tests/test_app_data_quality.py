"""AppTest: the Data quality page lists what the figures exclude, and missing columns."""

from __future__ import annotations

import shutil
import sqlite3

from auth.roles import PageId
from data_access.demo import BAD_ROWS
from tests.apptest_support import log_in
from ui.navigation import PAGES

DATA_QUALITY = PAGES[PageId.DATA_QUALITY][2]


def test_demo_bad_rows_are_counted_and_listed(demo_app):
    app = log_in("analyst")
    app.switch_page(DATA_QUALITY).run()
    assert not app.exception
    excluded = next(m for m in app.metric if m.label == "Rows excluded")
    assert excluded.value == f"{sum(BAD_ROWS.values()):,}"
    listed = app.dataframe[0].value
    problems = set(listed["Problem"])
    assert "completed_at before reported_at" in problems
    assert "refers to a missing repair_priorities.priority_code" in problems
    assert "value outside the allowed set" in problems


def test_missing_column_is_named_on_the_page(demo_app, tmp_path, monkeypatch):
    broken = tmp_path / "broken.sqlite"
    shutil.copy(demo_app, broken)
    with sqlite3.connect(broken) as connection:
        connection.execute("ALTER TABLE incidents DROP COLUMN riddor_reportable")
    monkeypatch.setenv("DOORSTEP_DEMO_PATH", str(broken))
    app = log_in("director")
    app.switch_page(DATA_QUALITY).run()
    assert not app.exception
    details = " ".join(app.dataframe[0].value["Detail"])
    assert "incidents.riddor_reportable is missing" in details
    assert any("riddor_reportable" in error.value for error in app.error)
