"""figures.targets: red/amber/green against the provider's targets file."""

from __future__ import annotations

import os

import pytest

from data_access.errors import ConfigurationError
from data_access.filters import Filters
from data_access.scope import Scope
from figures.targets import DEFAULT_TARGETS, Target, assess, load_targets
from figures.tiles import Tile

EVERYONE = Scope.everything()
NO_FILTERS = Filters()
REPAIRS_LABELS = [
    "Open repairs",
    "Overdue repairs",
    "Emergency repairs within target (RP02)",
    "Non-emergency repairs within target (RP02)",
    "Average days to complete",
    "First-visit fix",
    "Appointments kept",
]
#: Organisation-wide 100/120, and per region: North 20/25, East 30/40, South 50/60.
COUNT_TARGET = Target(
    green=100, amber=120, regions={"North": (20, 25), "East": (30, 40), "South": (50, 60)}
)


def _tile(value, unit="count", higher_is_better=True) -> Tile:
    return Tile("A figure", value, None, "", higher_is_better=higher_is_better, unit=unit)


def _status(tile: Tile, target: Target, filters=NO_FILTERS, scope=EVERYONE) -> str | None:
    assessment = assess(tile, target, filters, scope)
    return None if assessment is None else assessment.status


@pytest.mark.parametrize(
    ("value", "expected"),
    [(95, "green"), (95.1, "green"), (94.9, "amber"), (90, "amber"), (89.9, "red")],
)
def test_higher_is_better_boundaries(value, expected):
    assert _status(_tile(value, "percent"), Target(green=95, amber=90)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(14, "green"), (13.9, "green"), (14.1, "amber"), (20, "amber"), (20.1, "red")],
)
def test_lower_is_better_boundaries(value, expected):
    tile = _tile(value, "days", higher_is_better=False)
    assert _status(tile, Target(green=14, amber=20)) == expected


@pytest.mark.parametrize(
    ("filters", "scope"),
    [
        (Filters(regions=("North", "East")), EVERYONE),
        (NO_FILTERS, Scope.only(["North", "East"])),
        (Filters(regions=("North", "East")), Scope.only(["North", "East", "South"])),
    ],
)
def test_count_target_for_some_regions_is_the_sum_of_theirs(filters, scope):
    # North + East: green 20 + 30 = 50, amber 25 + 40 = 65 (not 100/120).
    assessment = assess(_tile(50, higher_is_better=False), COUNT_TARGET, filters, scope)
    assert (assessment.status, assessment.green, assessment.amber) == ("green", 50, 65)
    assert _status(_tile(65, higher_is_better=False), COUNT_TARGET, filters, scope) == "amber"
    assert _status(_tile(66, higher_is_better=False), COUNT_TARGET, filters, scope) == "red"


def test_count_target_for_one_region():
    filters = Filters(regions=("North",))
    assert _status(_tile(21, higher_is_better=False), COUNT_TARGET, filters) == "amber"


def test_count_target_for_every_region_is_the_organisation_wide_one():
    assessment = assess(_tile(100, higher_is_better=False), COUNT_TARGET, NO_FILTERS, EVERYONE)
    assert (assessment.status, assessment.green, assessment.amber) == ("green", 100, 120)


def test_count_has_no_state_under_an_area_filter():
    filters = Filters(areas=("A1",))
    assert assess(_tile(1, higher_is_better=False), COUNT_TARGET, filters, EVERYONE) is None


def test_percent_keeps_its_state_under_an_area_filter():
    filters = Filters(regions=("North",), areas=("A1",))
    assert _status(_tile(89.9, "percent"), Target(green=95, amber=90), filters) == "red"


def test_count_has_no_state_when_a_regions_target_is_missing():
    filters = Filters(regions=("North", "West"))  # no West target
    assert assess(_tile(1, higher_is_better=False), COUNT_TARGET, filters, EVERYONE) is None


def test_no_state_without_a_value():
    assert assess(_tile(None, "percent"), Target(green=95, amber=90), NO_FILTERS, EVERYONE) is None


def test_no_state_without_a_target():
    assert assess(_tile(1), None, NO_FILTERS, EVERYONE) is None


# --- Loading the file --------------------------------------------------------------------


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_load_targets_reads_numbers_and_regions(tmp_path):
    path = _write(
        tmp_path / "t.toml",
        '[repairs."Open repairs"]\ngreen = 10\namber = 12.5\n'
        "regions = { North = { green = 4, amber = 5 } }\n",
    )
    assert load_targets(path) == {
        "repairs": {"Open repairs": Target(10.0, 12.5, {"North": (4.0, 5.0)})}
    }


def test_load_targets_rejects_invalid_toml(tmp_path):
    path = _write(tmp_path / "t.toml", '[repairs."Open repairs"\ngreen = 1\n')
    with pytest.raises(ConfigurationError, match="cannot be read"):
        load_targets(path)


def test_load_targets_rejects_a_non_number(tmp_path):
    path = _write(tmp_path / "t.toml", '[repairs."Open repairs"]\ngreen = "high"\namber = 2\n')
    with pytest.raises(ConfigurationError, match="must be a number"):
        load_targets(path)


def test_load_targets_rejects_a_non_number_region_limit(tmp_path):
    path = _write(
        tmp_path / "t.toml",
        '[repairs."Open repairs"]\ngreen = 1\namber = 2\n'
        "regions = { North = { green = true, amber = 2 } }\n",
    )
    with pytest.raises(ConfigurationError, match=r"North\.green must be a number"):
        load_targets(path)


def test_load_targets_rejects_a_missing_amber(tmp_path):
    path = _write(tmp_path / "t.toml", '[repairs."Open repairs"]\ngreen = 1\n')
    with pytest.raises(ConfigurationError, match="needs both 'green' and 'amber'"):
        load_targets(path)


def test_missing_targets_file_means_no_targets(tmp_path):
    assert load_targets(tmp_path / "absent.toml") == {}


def test_load_targets_rereads_a_changed_file(tmp_path):
    path = _write(tmp_path / "t.toml", '[repairs."Open repairs"]\ngreen = 1\namber = 2\n')
    assert load_targets(path)["repairs"]["Open repairs"] == Target(1, 2)
    _write(path, '[repairs."Open repairs"]\ngreen = 3\namber = 4\n')
    later = path.stat().st_mtime + 10
    os.utime(path, (later, later))
    assert load_targets(path)["repairs"]["Open repairs"] == Target(3, 4)


def test_targets_file_env_var_is_used(tmp_path, monkeypatch):
    path = _write(tmp_path / "t.toml", '[repairs."Open repairs"]\ngreen = 7\namber = 8\n')
    monkeypatch.setenv("DOORSTEP_TARGETS_FILE", str(path))
    assert load_targets() == {"repairs": {"Open repairs": Target(7, 8)}}


def test_shipped_targets_cover_every_repairs_tile():
    repairs = load_targets(DEFAULT_TARGETS)["repairs"]
    assert set(REPAIRS_LABELS) <= set(repairs)


@pytest.mark.parametrize("regions", ["{ North = 5 }", "5"])
def test_load_targets_rejects_badly_shaped_regions(tmp_path, regions):
    path = _write(
        tmp_path / "t.toml",
        f'[repairs."Open repairs"]\ngreen = 1\namber = 2\nregions = {regions}\n',
    )
    with pytest.raises(ConfigurationError, match="must map each region"):
        load_targets(path)


def test_shipped_region_targets_add_up_to_the_organisation_wide_ones():
    # Otherwise a director choosing every region would be judged against another target.
    for subject in load_targets(DEFAULT_TARGETS).values():
        for label, target in subject.items():
            if target.regions:
                greens, ambers = zip(*target.regions.values(), strict=True)
                assert (sum(greens), sum(ambers)) == (target.green, target.amber), label


# --- Per-week targets (flows such as incidents) --------------------------------------------

WEEKLY = Target(green=10, amber=12, regions={"North": (4, 5), "South": (6, 7)}, per_week=True)


@pytest.mark.parametrize(
    ("filters", "value", "expected"),
    [
        (Filters(days=84), 120, "green"),  # 12 weeks: green up to 120, amber up to 144
        (Filters(days=84), 121, "amber"),
        (Filters(days=84), 145, "red"),
        (Filters(days=28), 41, "amber"),  # 4 weeks: green up to 40
        (Filters(days=7, regions=("North",)), 5, "amber"),  # one region, one week: 4 / 5
    ],
)
def test_per_week_target_is_scaled_to_the_period(filters, value, expected):
    tile = _tile(value, higher_is_better=False)
    assert _status(tile, WEEKLY, filters) == expected


def test_load_targets_reads_a_per_week_target(tmp_path):
    path = _write(
        tmp_path / "t.toml", '[respect."Incidents"]\nper = "week"\ngreen = 3\namber = 4\n'
    )
    assert load_targets(path)["respect"]["Incidents"] == Target(3.0, 4.0, {}, per_week=True)


def test_load_targets_rejects_an_unknown_per(tmp_path):
    path = _write(
        tmp_path / "t.toml", '[respect."Incidents"]\nper = "month"\ngreen = 3\namber = 4\n'
    )
    with pytest.raises(ConfigurationError, match="per"):
        load_targets(path)


def test_shipped_targets_cover_the_overview_incident_tiles():
    respect = load_targets(DEFAULT_TARGETS)["respect"]
    assert {"Incidents", "Serious incidents"} <= set(respect)
    assert all(target.per_week for target in respect.values())
