"""A manager's work-order downloads hold only their regions' rows, on both back ends.

Uses the hand-worked fixture_repairs_kpis (period 1 Sep - 30 Nov 2026), where A1 Northgate
and A3 Hillside are North and A2 Southfields is South; the manager here sees North only.
"""

from __future__ import annotations

import io
import re
import zipfile

import polars as pl
import pytest

from data_access.filters import Filters
from data_access.reader import Reader
from data_access.scope import Scope
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from figures import repairs_backlog
from tests import fixture_repairs_kpis as fx
from tests.dbs import write_database
from ui.downloads import csv_bytes, excel_bytes
from ui.row_table import with_names

FILTERS = Filters(start=fx.PERIOD_START, end=fx.PERIOD_END)
NORTH = Scope.only(["North"])
NORTH_AREAS = {"A1": "Northgate", "A3": "Hillside"}


def _w(*numbers: int) -> set[str]:
    return {f"W{n:02d}" for n in numbers}


#: North work orders per listing, by hand from the fixture's comments.
NORTH_LISTINGS = {
    # Open at T = 1 Dec 00:00 (W20 completed exactly at T is still open).
    "open": _w(12, 14, 15, 17, 18, 20, 22),
    # Of those, target_at before T (W18's target is exactly T; W12, W20 in the future).
    "overdue": _w(14, 15, 17, 22),
    # Completed in the period, not cancelled.
    "completed": _w(1, 3, 4, 6, 7),
    # Reported 1 Sep - 30 Nov (W11, W17 in August and W22 in March are not).
    "reported": _w(1, 3, 4, 6, 7, 9, 12, 14, 15, 18, 20),
}
#: Every South (A2) work order, valid or not: none may reach a North manager's file.
SOUTH_IDS = {row["work_order_id"] for row in fx.WORK_ORDERS if row["area_id"] == "A2"}


@pytest.fixture
def snapshot(empty_db_url):
    write_database(empty_db_url, fx.ROWS)
    loader = SnapshotLoader(Reader(empty_db_url), clock=lambda: fx.READ_AT)
    return SnapshotStore(loader).get("repairs")


def _download_rows(snapshot, listing) -> pl.DataFrame:
    rows = repairs_backlog.work_orders(snapshot, FILTERS, NORTH, listing, {})
    return with_names(rows, {"area_id": NORTH_AREAS})


def test_every_listing_is_covered():
    assert set(NORTH_LISTINGS) == set(repairs_backlog.LISTINGS)


@pytest.mark.parametrize("listing", list(NORTH_LISTINGS))
def test_managers_csv_holds_only_their_regions_rows(snapshot, listing):
    data = csv_bytes(_download_rows(snapshot, listing))
    frame = pl.read_csv(io.BytesIO(data), schema_overrides={"area_id": pl.String})
    assert set(frame.get_column("area_id").to_list()) <= set(NORTH_AREAS)
    assert set(frame.get_column("work_order_id").to_list()) == NORTH_LISTINGS[listing]


def _xlsx_strings(data: bytes) -> set[str]:
    """Every text cell in the workbook (xlsxwriter keeps them in the shared strings)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        parts = [name for name in book.namelist() if name.startswith("xl/") and "xml" in name]
        xml = "".join(book.read(name).decode("utf-8") for name in parts)
    return set(re.findall(r"<t(?: [^>]*)?>([^<]*)</t>", xml))


def test_managers_excel_holds_only_their_regions_rows(snapshot):
    # No Excel reader (fastexcel, openpyxl) is installed, so read the workbook's XML.
    strings = _xlsx_strings(excel_bytes(_download_rows(snapshot, "reported"), "work orders"))
    ids = {text for text in strings if re.fullmatch(r"W\d\d", text)}
    assert ids == NORTH_LISTINGS["reported"]
    assert strings.isdisjoint(SOUTH_IDS | {"A2", "Southfields"})
