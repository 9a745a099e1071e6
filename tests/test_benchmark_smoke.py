"""The speed benchmark runs end to end at a tiny scale, and its alternatives are right.

Only correctness is asserted: the typical (pandas) and pushdown (SQL) ways must give
the snapshot's numbers, or the benchmark would compare different work. Timings on a
shared test machine mean nothing, so none are checked. PostgreSQL must be up: a
throwaway schema is used, and its absence fails the test rather than skipping it.
"""

from __future__ import annotations

import ast
import contextlib
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from benchmarks import clicks, page_figures, snapshot_bench
from benchmarks.pushdown import Pushdown
from benchmarks.typical import typical_figures
from data_access.reader import Reader
from data_access.schema import REPAIRS
from data_access.snapshot import SnapshotLoader
from data_access.store import SnapshotStore
from data_access.subjects import REFERENCE, REPAIRS_SUBJECT
from tests.dbs import postgres_schema

SECTIONS = (
    "1. FLOOR",
    "2. SNAPSHOT LOAD, COLD",
    "3. PER RERUN",
    "a) first view after a refresh",
    "b) new filter choice or viewer",
    "c) rerun with the same filters",
    "repairs figure by figure",
    "outreach figure by figure",
    "food figure by figure",
    "respect figure by figure",
    "4. TYPICAL per click",
    "5. SQL PUSHDOWN per click",
)


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = snapshot_bench.main(argv)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, int, str]]:
    """The benchmark at scale 0.05, repeat 1, on a SQLite file and a throwaway PG schema."""
    sqlite_path = tmp_path_factory.mktemp("bench") / "bench.sqlite"
    with postgres_schema("doorstep_bench_t") as pg_url:
        argv = ["--scale", "0.05", "--repeat", "1", "--sqlite", str(sqlite_path)]
        code, output = _run([*argv, "--postgres", pg_url])
        yield sqlite_path, pg_url, code, output


@pytest.mark.postgres
def test_benchmark_prints_every_section_for_both_back_ends(tiny) -> None:
    _, _, code, output = tiny
    assert code == 0, output
    assert "=== sqlite:" in output and "=== postgresql:" in output
    for section in SECTIONS:
        assert output.count(section) == 2, section
    assert "=== SUMMARY ===" in output
    assert "MISMATCH" not in output


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_typical_and_pushdown_equal_the_snapshot_figures(tiny, backend: str) -> None:
    sqlite_path, pg_url, _, _ = tiny
    url = f"sqlite:///{sqlite_path}" if backend == "sqlite" else pg_url
    reader = Reader(url)
    store = SnapshotStore(SnapshotLoader(reader))
    snapshot = store.get(REPAIRS_SUBJECT.key)
    assert snapshot.excluded_rows(REPAIRS) > 0  # the demo's bad rows exercise the rules
    copy = clicks.fresh_copy(snapshot)
    assert copy == snapshot and copy is not snapshot and copy.frames is snapshot.frames
    pushdown = Pushdown(reader.engine)
    cases = clicks.click_cases(store.get(REFERENCE.key))
    assert len(cases) == 3
    for name, (filters, scope) in cases.items():
        compared = page_figures.repairs_compared_tiles(snapshot, filters, scope)
        whole_page = page_figures.repairs_page(clicks.fresh_copy(snapshot), filters, scope)
        assert whole_page == compared, name
        expected = snapshot_bench.as_figures(compared)
        assert any(value for value, _ in expected), name
        now = datetime.now()
        assert typical_figures(reader.engine, filters, scope, now) == expected, name
        assert pushdown.figures(filters, scope, now) == expected, name
    reader.engine.dispose()


@pytest.mark.postgres
def test_a_wrong_number_is_reported_loudly_and_exits_1(tiny, monkeypatch) -> None:
    sqlite_path, _, _, _ = tiny

    def off_by_one(*args, **kwargs):
        right = typical_figures(*args, **kwargs)
        return ((right[0][0] + 1, right[0][1]), *right[1:])

    monkeypatch.setattr(snapshot_bench, "typical_figures", off_by_one)
    argv = ["--repeat", "1", "--sqlite", str(sqlite_path), "--skip-build", "--backends", "sqlite"]
    code, output = _run(argv)
    assert code == 1
    assert "!!! MISMATCH typical" in output
    assert "!!! MISMATCH pushdown" not in output


def test_compare_figures_names_the_difference() -> None:
    assert snapshot_bench.compare_figures("x", ((1, 2),), ((1, 2),)) == []
    (line,) = snapshot_bench.compare_figures("typical, case", ((1, 2),), ((1, 3),))
    assert "MISMATCH typical, case" in line and "(1, 2)" in line and "(1, 3)" in line


def _figure_calls(path: Path) -> set[str]:
    """``module.function`` for each call on the repairs page's figure modules in a file."""
    modules = {"repairs", "backlog", "repairs_backlog", "awaab"}
    tree = ast.parse(path.read_text())
    return {
        f"{'backlog' if node.func.value.id == 'repairs_backlog' else node.func.value.id}."
        f"{node.func.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in modules
    }


def test_the_benchmark_computes_every_figure_the_repairs_page_does() -> None:
    root = Path(__file__).resolve().parent.parent
    page = _figure_calls(root / "pages" / "repairs.py")
    assert {"repairs.headline_tiles", "backlog.work_orders", "awaab.falling_due"} <= page
    assert page <= _figure_calls(root / "benchmarks" / "page_figures.py")


def test_the_work_order_page_is_sorted_then_sliced_as_the_app_does() -> None:
    rows = pl.DataFrame({"reported_at": [*range(250, 0, -1), None], "n": range(251)})
    first = page_figures.table_page(rows)
    assert first.height == page_figures.PAGE_SIZE
    assert first["reported_at"].to_list() == list(range(1, 101))
    last = page_figures.table_page(rows, "reported_at", False, page=3)
    assert last["reported_at"].to_list() == [*range(201, 251), None]
    assert page_figures.first_bar(pl.DataFrame({"area_id": []}), "area_id") == {}


def _called_figure_functions(path: Path) -> set[str]:
    """Names of functions from the figures package that a file calls (any import style)."""
    import figures.food
    import figures.outreach
    import figures.respect
    import figures.respect_breakdowns
    import figures.respect_rows

    figure_functions = {
        name
        for module in (
            figures.outreach,
            figures.food,
            figures.respect,
            figures.respect_breakdowns,
            figures.respect_rows,
        )
        for name, value in vars(module).items()
        if callable(value) and getattr(value, "__module__", "").startswith("figures.")
    }
    called = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call):
            func = node.func
            called.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return called & figure_functions


@pytest.mark.parametrize("page", ["outreach.py", "food_support.py"])
def test_the_benchmark_computes_every_figure_the_outreach_and_food_pages_do(page: str) -> None:
    root = Path(__file__).resolve().parent.parent
    on_page = _called_figure_functions(root / "pages" / page)
    assert "headline_tiles" in on_page
    assert on_page <= _called_figure_functions(root / "benchmarks" / "page_figures.py")


def test_the_benchmark_computes_every_figure_the_respect_page_does() -> None:
    root = Path(__file__).resolve().parent.parent
    on_page = _called_figure_functions(root / "pages" / "respect.py")
    on_page |= _called_figure_functions(root / "ui" / "incident_list.py")
    assert {"headline_tiles", "when_heatmap", "incident_list", "chosen_cell"} <= on_page
    assert on_page <= _called_figure_functions(root / "benchmarks" / "page_figures.py")


def test_the_overview_and_huddle_benchmark_runs_on_the_same_file(tiny) -> None:
    from benchmarks import huddle_bench

    sqlite_path, _, _, _ = tiny
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = huddle_bench.main(["--sqlite", str(sqlite_path), "--skip-build", "--repeat", "1"])
    output = out.getvalue()
    assert code == 0, output
    for row in ("Overview", "Huddle", "huddle pack HTML"):
        assert row in output, row
