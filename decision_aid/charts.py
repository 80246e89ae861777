"""Charts as pure functions of the content: plotly figures, a data table and alt text for each.

Charts never depend on a patient's answers, so a page can build them once per process and only the
narrowing (drawn as text and table styling) changes per person. Icon arrays follow the risk
communication rules: 10 x 10, 100 icons, affected icons grouped and filled from the bottom, one
colour meaning everywhere, number and sentence beside the picture, a table beside every chart.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import Any

from .comparability import apart_reasons, groups
from .content.loader import Content
from .content.models import MILESTONES, Figure
from .contract import DISPLAY_ORDER
from .views import apart_sentence, figure_design, figure_funding
from .words import FLAG_TEXT, FUNDING_TEXT, MILESTONE_LABELS, figure_amount, figure_sentence, fmt_number

AFFECTED = "#0b4f8a"  # affected icons, everywhere (with a legend in words)
UNAFFECTED = "#c9ced6"
INK = "#111111"
MILESTONE_COLOURS = {
    "procedure": "#5b3a8c",
    "hospital": "#a30000",
    "recovery": "#8a5300",
    "benefit_starts": "#1b6e20",
    "benefit_lasts": "#0b4f8a",
}
DRAWN = ("procedure", "hospital", "recovery", "benefit_starts")
"""Milestones drawn as bars. "How long help lasts" is not: each option's sources measure something
different (a trial's extra benefit over another arm, years of follow-up without a comparison group,
people unchanged over time), so those bars would not compare like with like. It stays in the table,
one option at a time, and the chart says why (texts.yaml chart_timeline_apart)."""
AXIS_DAYS = 365
ICONS = 100
"""Dots in one icon array (10 x 10)."""
TICKS = ((0, "day", 0), (1, "day", 1), (7, "week", 1), (28, "weeks", 4), (90, "months", 3), (180, "months", 6),
         (365, "year", 1))
"""Time axis marks: (day, texts.yaml chart_<unit>, number shown)."""
AXIS_TICKS = (TICKS[0], TICKS[3], TICKS[5], TICKS[-1])
"""The marks written under the timeline: four, so they stay apart and level on a 320 px phone (day 1,
1 week and 3 months crowded each other and the labels turned on their side)."""


def tick_label(content: Content, unit: str, n: int) -> str:
    """An axis mark in words ("Day 0", "4 weeks", "1 year"), from texts.yaml."""
    return content.text(f"chart_{unit}").format(n=n)


def axis_ends(content: Content) -> dict[str, str]:
    """The first and last axis marks as words in a sentence: {"start": "day 0", "end": "1 year"}."""
    (_, u0, n0), (_, u1, n1) = TICKS[0], TICKS[-1]
    return {"start": tick_label(content, u0, n0).lower(), "end": tick_label(content, u1, n1)}


def col(content: Content, name: str) -> str:
    """A table header (texts.yaml chart_col_*)."""
    return content.text(f"chart_col_{name}")


@dataclass(frozen=True)
class Panel:
    """One picture. Options in one panel are side by side; their figures are comparable
    (:func:`decision_aid.comparability.comparable`). ``caption``: the option's own sentence when a
    panel holds one option only (drawn apart)."""

    figure: Any  # plotly.graph_objects.Figure (imported lazily: plotly is heavy)
    options: tuple[str, ...]
    caption: str = ""


@dataclass(frozen=True)
class Chart:
    panels: tuple[Panel, ...]
    table: list[dict[str, str]]
    alt: str
    note: str
    apart: str = ""
    """Why the numbers are drawn apart, in words ("" when every drawn figure is comparable)."""

    @property
    def figure(self) -> Any:
        """The first picture (the timeline has one)."""
        return self.panels[0].figure


def headline(content: Content, option_id: str, row_id: str) -> Figure | None:
    """The first figure of a cell: the one its icon array shows."""
    figs = content.option(option_id).cells[row_id].figures
    return figs[0] if figs else None


def array_shape(fig: Figure) -> tuple[int, int]:
    """(dots, dots per row): 10 x 10 for a figure out of 100, 40 x 25 for rare harms out of 1,000."""
    return (ICONS, 10) if fig.denominator == 100 else (1000, 40)


def icon_positions(count: float, total: int = 100, per_row: int = 10) -> list[tuple[int, int, bool]]:
    """(column, row, affected) for an array; affected icons grouped from the bottom left."""
    filled = int(round(count))
    out = []
    for i in range(total):
        row, col = divmod(i, per_row)
        out.append((col, row, i < filled))
    return out


def _no_figure_text(content: Content, option_id: str, row_id: str) -> str:
    cell = content.option(option_id).cells[row_id]
    if cell.awaiting:
        return content.text("chart_no_number_yet")
    if cell.kind == "not_applicable":
        return content.text("chart_not_apply")
    return content.text("chart_no_number")


def own_sentence(content: Content, option_id: str, f: Figure) -> str:
    """An option's figure in its own sentence, with the study design and size."""
    return f"{content.option(option_id).short_name}: {figure_sentence(f)} {figure_design(f).capitalize()}."


def _arrays_figure(content: Content, group: list[tuple[str, Figure]]):
    """One plotly picture with the arrays of one comparable group side by side."""
    import plotly.graph_objects as go

    fig = go.Figure()
    total, per_row = array_shape(group[0][1])
    rows = total // per_row
    gap = per_row + 2
    size = 7 if total == 100 else 3
    for k, (oid, f) in enumerate(group):
        x0 = k * gap
        pos = icon_positions(f.value if f.value is not None else f.per_100 * f.denominator / 100, total, per_row)
        for hit, colour in ((False, UNAFFECTED), (True, AFFECTED)):
            fig.add_trace(go.Scatter(x=[x0 + c for c, r, a in pos if a is hit], y=[r for c, r, a in pos if a is hit],
                                     mode="markers", hoverinfo="skip", showlegend=False,
                                     marker=dict(symbol="circle", size=size, color=colour, line=dict(width=0))))
        mid = x0 + (per_row - 1) / 2
        name = content.option(oid).short_name
        if len(group) > 2:  # three or more side by side: the name on two lines, so names never meet
            name = name.replace(" ", "<br>", 1)
        fig.add_annotation(x=mid, y=rows + 1.6 * rows / 10, text=f"<b>{name}</b>",
                           showarrow=False, font=dict(size=18, color=INK))
        fig.add_annotation(x=mid, y=rows + 0.5 * rows / 10, text=figure_amount(f), showarrow=False,
                           font=dict(size=16, color=INK))
        # a long time frame on short lines: it stays under its own array on a 320 px phone
        fig.add_annotation(x=mid, y=-1.3 * rows / 10, text="<br>".join(textwrap.wrap(f.time_frame, 22)),
                           showarrow=False, yanchor="top", font=dict(size=15, color=INK))
    width_units = gap * max(len(group), 2)
    # one array alone sits in the middle of its picture (its name and time frame then have room)
    x_lo = -1.5 if len(group) > 1 else (per_row - 1) / 2 - width_units / 2
    fig.update_layout(
        height=300 if total == 100 else 330, margin=dict(l=5, r=5, t=10, b=10), plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        xaxis=dict(visible=False, range=[x_lo, x_lo + width_units], fixedrange=True),
        yaxis=dict(visible=False, range=[-3.2 * rows / 10, rows + 2.4 * rows / 10], fixedrange=True, scaleanchor="x"),
    )
    return fig


def icon_array_chart(content: Content, row_id: str, title: str) -> Chart:
    """Icon arrays for the headline figure of a row, one per option with a number. Options whose
    figures are comparable stand side by side in one picture; the others are drawn apart, each with
    its own sentence, and the chart says in words why. Rare harms (out of 1,000) get 1,000 dots."""
    table: list[dict[str, str]] = []
    alt_parts = []
    items: list[tuple[str, Figure]] = []
    for oid in DISPLAY_ORDER:
        opt = content.option(oid)
        f = headline(content, oid, row_id)
        if f is not None:
            items.append((oid, f))
            table.append({
                col(content, "option"): opt.short_name,
                col(content, "number"): figure_amount(f),
                col(content, "what"): figure_sentence(f),
                col(content, "who"): f.population,
                col(content, "design"): figure_design(f),
                col(content, "checked"): FLAG_TEXT[f.flag],
                col(content, "paid"): FUNDING_TEXT[figure_funding(content, f)],
                col(content, "sources"): ", ".join(content.references[s].short for s in f.sources),
            })
            alt_parts.append(f"{opt.short_name}: {figure_sentence(f)}")
        else:
            label = _no_figure_text(content, oid, row_id)
            table.append({col(content, "option"): opt.short_name, col(content, "number"): label}
                         | {col(content, k): "" for k in ("what", "who", "design", "checked", "paid", "sources")})
            alt_parts.append(f"{opt.short_name}: {label.lower()}.")
    panels = []
    for g in groups(items):
        caption = own_sentence(content, g[0][0], g[0][1]) if len(g) == 1 else ""
        panels.append(Panel(_arrays_figure(content, g), tuple(o for o, _ in g), caption))
    reasons = apart_reasons([f for _, f in items]) if len(panels) > 1 else []
    apart = apart_sentence(reasons) if reasons else ""
    dots = sorted({array_shape(f)[0] for _, f in items}) or [ICONS]
    alt = (content.text("chart_icon_alt").format(chart=title, dots=fmt_number(dots[0])) + " "
           + (apart + " " if apart else "") + " ".join(alt_parts))
    return Chart(tuple(panels), table, alt, content.text("compare_not_comparable"), apart)


def _axis(d: float) -> float:
    """Days on a compressed scale so day 1 and 1 year both read (square root)."""
    return math.sqrt(min(d, AXIS_DAYS))


def timeline_chart(content: Content) -> Chart:
    """One time axis from day 0 to 1 year for all five options; uncertain times as pale ranges."""
    import plotly.graph_objects as go

    fig = go.Figure()
    table: list[dict[str, str]] = []
    names = [content.option(o).short_name for o in DISPLAY_ORDER]
    slot = {m: i for i, m in enumerate(MILESTONES)}
    beyond = False
    for k, oid in enumerate(DISPLAY_ORDER):
        opt = content.option(oid)
        row: dict[str, str] = {col(content, "option"): opt.short_name}
        for m in opt.timeline:
            row[MILESTONE_LABELS[m.kind]] = m.text + ("" if m.flag == "checked" else f" ({FLAG_TEXT[m.flag].lower()})")
            if m.status != "known" or m.kind not in DRAWN:
                continue
            y = k + (slot[m.kind] - 2) * 0.16
            x0, lo, hi = _axis(m.start_days), _axis(m.end_low_days), _axis(m.end_high_days)  # type: ignore[arg-type]
            colour = MILESTONE_COLOURS[m.kind]
            width = max(lo - x0, 0.25)
            fig.add_trace(go.Bar(x=[width], y=[y], base=[x0], orientation="h", width=0.13, marker_color=colour,
                                 showlegend=False, hoverinfo="skip"))
            if hi > lo:
                fig.add_trace(go.Bar(x=[hi - max(lo, x0 + width)], y=[y], base=[max(lo, x0 + width)], orientation="h",
                                     width=0.13, marker=dict(color=colour, opacity=0.35, line=dict(color=colour, width=1)),
                                     showlegend=False, hoverinfo="skip"))
            if m.end_high_days > AXIS_DAYS:  # type: ignore[operator]
                # an arrow head at the axis end; the legend says what it means (no words beside the
                # bar: they took a quarter of a phone's width)
                fig.add_trace(go.Scatter(x=[_axis(AXIS_DAYS) + 0.25], y=[y], mode="markers", showlegend=False,
                                         hoverinfo="skip", marker=dict(symbol="triangle-right", size=11, color=colour)))
                beyond = True
        # the option's name above its bars, from the left edge (names at the side left a phone's
        # bars a third of the width and were cut: "No new treatme")
        fig.add_annotation(x=0, y=k - 0.57, text=f"<b>{opt.short_name}</b>", showarrow=False, xanchor="left",
                           yanchor="middle", font=dict(size=16, color=INK))
        table.append(row)
    for kind in DRAWN:  # legend in words, one entry per kind drawn
        fig.add_trace(go.Bar(x=[None], y=[None], marker_color=MILESTONE_COLOURS[kind], name=MILESTONE_LABELS[kind]))
    if beyond:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", marker=dict(symbol="triangle-right", size=11,
                                 color=INK), name=content.text("chart_beyond").format(**axis_ends(content))))
    fig.update_layout(
        barmode="overlay", height=520, margin=dict(l=28, r=30, t=10, b=40),
        plot_bgcolor="#ffffff", paper_bgcolor="#ffffff", font=dict(color=INK, size=15),
        legend=dict(orientation="h", y=-0.1, x=0, yanchor="top", font=dict(size=15)),
        xaxis=dict(tickvals=[_axis(d) for d, _, _ in AXIS_TICKS],
                   ticktext=[tick_label(content, u, n) for _, u, n in AXIS_TICKS], tickangle=0,
                   range=[0, _axis(AXIS_DAYS) + 0.6], gridcolor="#d5d9df", fixedrange=True, tickfont=dict(size=15, color=INK)),
        yaxis=dict(tickvals=list(range(len(names))), showticklabels=False, range=[len(names) - 0.5, -0.9],
                   fixedrange=True),
    )
    option = col(content, "option")
    alt = content.text("chart_timeline_alt").format(**axis_ends(content)) + " " + " ".join(
        f"{r[option]}: " + "; ".join(f"{k.lower()}: {v}" for k, v in r.items() if k != option) + "."
        for r in table
    )
    apart = content.text("chart_timeline_apart")
    return Chart((Panel(fig, tuple(DISPLAY_ORDER)),), table, alt + " " + apart, content.text("chart_timeline_note"),
                 apart)
