"""Respect charts, drawn only from what suppression lets a viewer see.

Every builder takes a ``ProtectedTable``: hidden entries have no value, so no bar length,
colour or hover text can give one away. Heatmaps are grids of bars, not Plotly heatmap
traces, because a heatmap trace returns no click selection in Streamlit; each bar
carries its cell (``heatmap:row:column``) as customdata for the drill-down.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from charts.style import GREY, INK, SERIES, compact
from figures.suppression import ProtectedTable

HIDDEN_COLOUR = "#e7e3e1"
SEVERITY_COLOURS = ("#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000")
_SCALE = "Blues"


def _labels(keys: Sequence, names: Mapping | None) -> list[str]:
    return [str((names or {}).get(key, key)) for key in keys]


def _wrapped(label: str) -> str:
    """Long column labels over two lines, so narrow heatmap columns stay readable."""
    return label.replace(" ", "<br>", 1) if len(label) > 10 else label


def _by_row(table: ProtectedTable) -> dict:
    """row key → list of (column key, value, shown) in column order."""
    rows: dict = {}
    for row, column, value, shown in table.cells.select(
        table.rows, table.columns, "value", "shown"
    ).iter_rows():
        rows.setdefault(row, []).append((column, value, shown))
    return rows


def heatmap_grid(
    table: ProtectedTable,
    heatmap: str,
    row_names: Mapping | None = None,
    column_names: Mapping | None = None,
    chosen: tuple[str, str] | None = None,
    what: str = "incidents",
) -> go.Figure:
    """A clickable heatmap: one bar per cell, coloured by count, hidden cells in grey.

    Row labels carry their totals; hover gives the cell and both totals, all as shown.
    """
    row_keys = table.row_totals.get_column(table.rows).to_list()
    row_shown = dict(table.row_totals.select(table.rows, "shown").iter_rows())
    column_shown = dict(table.column_totals.select(table.columns, "shown").iter_rows())
    visible = [v for v in table.cells.get_column("value").to_list() if v is not None]
    top = max(visible, default=0) or 1
    figure = go.Figure()
    for index, (row, cells) in enumerate(_by_row(table).items()):
        columns = [c for c, _, _ in cells]
        fractions = [0.08 + 0.92 * (v / top) if v is not None else 0.0 for _, v, _ in cells]
        colours = [
            HIDDEN_COLOUR if v is None else sample_colorscale(_SCALE, [f])[0]
            for (_, v, _), f in zip(cells, fractions, strict=True)
        ]
        row_label = _labels([row], row_names)[0]
        figure.add_bar(
            x=[_wrapped(label) for label in _labels(columns, column_names)],
            y=[1] * len(cells),
            base=[index] * len(cells),
            marker={
                "color": colours,
                "line": {
                    "color": [INK if chosen == (str(row), str(c)) else "white" for c in columns],
                    "width": [3 if chosen == (str(row), str(c)) else 1 for c in columns],
                },
            },
            text=[s for _, _, s in cells],
            textfont={"color": ["white" if f > 0.6 else INK for f in fractions], "size": 10},
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            customdata=[[f"{heatmap}:{row}:{c}", row_shown[row], column_shown[c]] for c in columns],
            hovertemplate=f"{row_label}, %{{x}}: %{{text}} {what}<br>"
            f"{row_label} in all: %{{customdata[1]}}; %{{x}} in all: %{{customdata[2]}}"
            "<extra></extra>",
            showlegend=False,
        )
    ticks = [
        f"{label} ({row_shown[key]})"
        for key, label in zip(row_keys, _labels(row_keys, row_names), strict=True)
    ]
    figure.update_layout(
        barmode="overlay",
        bargap=0.04,
        clickmode="event+select",
        yaxis={
            "tickvals": [i + 0.5 for i in range(len(row_keys))],
            "ticktext": ticks,
            "range": [len(row_keys), 0],
            "showgrid": False,
            "automargin": True,
        },
        xaxis={"type": "category", "showgrid": False, "tickangle": 0, "automargin": True},
    )
    return compact(figure, 70 + 30 * len(row_keys), hovermode="closest")


def stacked_by_week(
    table: ProtectedTable, colours: Sequence[str] = SEVERITY_COLOURS, name: str = "Severity"
) -> go.Figure:
    """Weekly stacked bars by severity; what is hidden is one grey block per week.

    The grey block is the week's total less its visible parts: no more than the totals
    already tell, and the bars still add up to each week's count.
    """
    weeks = table.row_totals.get_column(table.rows).to_list()
    labels = [f"{week:%d %b}" for week in weeks]
    rows = _by_row(table)
    columns = table.column_totals.get_column(table.columns).to_list()
    figure = go.Figure()
    for position, column in enumerate(columns):
        values = [rows[week][position][1] for week in weeks]
        figure.add_bar(
            x=labels,
            y=[v or 0 for v in values],
            name=f"{name} {column}",
            marker_color=colours[position % len(colours)],
            hovertemplate=f"{name} {column}: %{{customdata}}<extra></extra>",
            customdata=[rows[week][position][2] for week in weeks],
        )
    totals = dict(table.row_totals.select(table.rows, "value").iter_rows())
    rest = [
        None if totals[week] is None else totals[week] - sum(v or 0 for _, v, _ in rows[week])
        for week in weeks
    ]
    figure.add_bar(
        x=labels,
        y=[r or 0 for r in rest],
        name="Hidden (<5 or [c])",
        marker_color=GREY,
        text=["<5" if r is None else "" for r in rest],
        hovertemplate="Hidden: %{y}<extra></extra>",
    )
    figure.update_layout(barmode="stack", yaxis_title="Incidents", xaxis_title="Week ending")
    return compact(figure, 320)


def protected_bars(
    table: ProtectedTable,
    names: Mapping | None = None,
    hover_extra: Mapping | None = None,
    height: int = 320,
) -> go.Figure:
    """Horizontal bars per row key, one series per column key; hidden bars have no length.

    Each bar is labelled with its count as shown ("<5", "[c]" or the number).
    """
    rows = _by_row(table)
    keys = list(rows)
    columns = table.column_totals.get_column(table.columns).to_list()
    figure = go.Figure()
    for position, column in enumerate(columns):
        cells = [rows[key][position] for key in keys]
        extra = [(hover_extra or {}).get(key, "") for key in keys]
        figure.add_bar(
            y=_labels(keys, names),
            x=[v or 0 for _, v, _ in cells],
            name=str(column),
            orientation="h",
            marker_color=SERIES[position % len(SERIES)],
            text=[s for _, _, s in cells],
            textposition="outside",
            customdata=extra,
            hovertemplate="%{y}: %{text}%{customdata}<extra></extra>",
            showlegend=len(columns) > 1,
        )
    figure.update_layout(
        barmode="group",
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis_title="Incidents",
    )
    return compact(figure, height, hovermode="closest")
