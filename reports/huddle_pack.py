"""The huddle pack: one self-contained HTML file for people who missed the meeting.

Plotly's library is written into the file itself, so the charts stay interactive with no
network at all (e-mailed, opened on a train). Only shown values go in: incident counts
are in the pack exactly as the viewer saw them on screen.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

import plotly.io as pio

from charts.huddle import weekly_trends
from figures.headlines import SUBJECT_LABELS
from figures.huddle import sentence, shown_figures
from figures.huddle_view import HuddleView

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; color: #222; }
h1 { margin-bottom: 0.2rem; } .meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #ddd; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
li { margin: 0.4rem 0; font-size: 1.1rem; } .chart { margin-bottom: 1.5rem; }
"""


def _headline_table(view: HuddleView, suppress: bool) -> str:
    rows = []
    for subject, headlines in view.headlines.items():
        for headline in headlines:
            last, now, change = shown_figures(headline, suppress)
            cells = (SUBJECT_LABELS[subject], headline.label)
            rows.append(
                "<tr>"
                + "".join(f"<td>{escape(c)}</td>" for c in cells)
                + "".join(f'<td class="n">{escape(v)}</td>' for v in (last, now, change or "-"))
                + "</tr>"
            )
    head = "".join(
        f"<th>{h}</th>" for h in ("Subject", "Figure", "Last week", "This week", "Change")
    )
    body = "".join(rows)
    return f'<table id="headlines"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _changes(view: HuddleView, suppress: bool) -> str:
    if not view.movements:
        return "<p>No figure moved this week.</p>"
    items = "".join(f"<li>{escape(sentence(m, suppress))}</li>" for m in view.movements)
    return f'<ol id="what-changed">{items}</ol>'


def _charts(view: HuddleView) -> str:
    parts = []
    for subject, headlines in view.headlines.items():
        if not headlines:
            continue
        figure = weekly_trends(
            SUBJECT_LABELS[subject],
            view.trends[subject],
            {h.label: h.tile.unit for h in headlines},
            view.week_ends,
        )
        html = pio.to_html(
            figure,
            full_html=False,
            include_plotlyjs=not parts,  # the library once, inline, before the first chart
            config={"displaylogo": False},
        )
        parts.append(f'<div class="chart">{html}</div>')
    return "".join(parts)


def huddle_pack_html(
    view: HuddleView, scope_label: str, suppress: bool, generated_at: datetime
) -> str:
    """The whole pack as one HTML document (no external links, scripts or fonts)."""
    week = f"{view.week.start:%a %d %b} to {view.week.end:%a %d %b %Y}"
    title = f"Doorstep huddle pack: week {week}"
    return (
        "<!DOCTYPE html>"
        f'<html lang="en-GB"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body>"
        f"<h1>Huddle pack</h1>"
        f'<p class="meta">Week {escape(week)} against the week before · {escape(scope_label)}'
        f" · made {generated_at:%d %b %Y %H:%M}</p>"
        f"<h2>This week against last week</h2>{_headline_table(view, suppress)}"
        f"<h2>What changed</h2>{_changes(view, suppress)}"
        f"<h2>Trends, last 12 weeks</h2>{_charts(view)}"
        "</body></html>"
    )
