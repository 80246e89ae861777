"""Charts as pure functions of the content: each picture as a block of HTML with SVG dots, a data
table and alt text.

Charts never depend on a patient's answers, so a page can build them once per process and language
and send the same HTML every time (no chart library in the browser: the picture is on screen with
the rest of the part; docs/performance.md "Pictures"). Words (option names, numbers, time frames,
axis marks, legend) are HTML text, so they wrap on a phone instead of being cut, follow "Larger
text", and print; only the dots are an SVG image. Icon arrays follow the risk communication rules:
10 x 10, 100 icons, affected icons grouped and filled from the bottom, one meaning everywhere (a
filled dark dot; the others are rings, so the picture reads without colour), number and sentence
beside the picture, a table beside every chart.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .comparability import apart_reasons, groups
from .content.loader import Content
from .content.models import Figure
from .contract import DISPLAY_ORDER
from .views import apart_sentence, figure_design, figure_funding
from .words import FLAG_TEXT, FUNDING_TEXT, MILESTONE_LABELS, figure_amount, figure_sentence, fmt_number

AFFECTED = "#0b4f8a"  # affected icons, everywhere (with a legend in words): a filled dot, 8.4:1 on white
UNAFFECTED = "#5f6b7a"  # the other icons: rings (outline 5.4:1 on white), told apart by shape as well as colour
MILESTONE_COLOURS = {
    # Okabe-Ito colours (told apart with every common kind of colour blindness), each at least 3:1 on
    # white (WCAG 1.4.11); lanes always in this order, the legend too
    "procedure": "#cc79a7",
    "hospital": "#d55e00",
    "recovery": "#009e73",
    "benefit_starts": "#0072b2",
    "benefit_lasts": "#555555",
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
"""The marks written under the timeline: four, so they stay apart on a 320 px phone (on a narrow
picture every second mark moves to a second line: assets/pictures.css)."""
CSS = Path(__file__).resolve().parents[1] / "assets" / "pictures.css"


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
    panel holds one option only (drawn apart). ``html``: the picture (a ``<figure>`` whose label is
    the chart's alt text for the first panel, the caption for the others)."""

    html: str
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
    def html(self) -> str:
        """The first picture (the timeline has one)."""
        return self.panels[0].html


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


PITCH = 10
"""Dot spacing in the SVG's own units (the picture scales to its box; dots stay round)."""


# Markup templates, each a run of whole tags with %(name)s fields (the words come from the content,
# escaped, never from here).
_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %(w)d %(h)d" width="%(w)d" height="%(h)d">'
        '<defs><pattern id="a" width="%(p)d" height="%(p)d" patternUnits="userSpaceOnUse">'
        '<circle cx="%(r)g" cy="%(r)g" r="%(dot)g" fill="%(hit)s"/></pattern>'
        '<pattern id="u" width="%(p)d" height="%(p)d" patternUnits="userSpaceOnUse">'
        '<circle cx="%(r)g" cy="%(r)g" r="%(ring)g" fill="#ffffff" stroke="%(miss)s" stroke-width="%(line)g"/>'
        '</pattern></defs>%(rects)s</svg>')
_RECT = '<rect x="%d" y="%d" width="%d" height="%d" fill="url(#%s)"/>'
_CARD = ('<div class="pic-array" data-pic-option="%(oid)s"><p class="pic-name">%(name)s</p>'
         '<p class="pic-amount">%(amount)s</p>'
         '<img class="pic-dots" src="%(src)s" alt="" width="%(w)d" height="%(h)d">'
         '<p class="pic-when">%(when)s</p></div>')
_ARRAYS = ('<figure class="pic %(kind)s" role="img" aria-label="%(label)s"><div class="pic-cards">%(cards)s</div>'
           '</figure>')
_KEY = ('<p class="pic-key"><span><img src="%(hit)s" alt="" width="10" height="10">%(sp)s%(filled)s</span>%(sp)s'
        '<span><img src="%(miss)s" alt="" width="10" height="10">%(sp)s%(ring)s</span></p>')
_GRID = '<span class="tl-grid" style="left:%s"></span>'
_BAR = '<span class="tl-bar" style="--lane:%(lane)d;left:%(left)s;width:calc(%(right)s - %(left)s);border-color:%(c)s"></span>'
_RANGE = ('<span class="tl-range" style="--lane:%(lane)d;left:%(left)s;width:calc(%(right)s - %(left)s);'
          'border-color:%(tint)s;outline-color:%(c)s"></span>')
_BEYOND = '<span class="tl-beyond" style="--lane:%(lane)d;color:%(c)s">%(arrow)s</span>'
_OPTION = ('<div class="tl-option" data-pic-option="%(oid)s"><p class="pic-name">%(name)s</p>'
           '<div class="tl-track">%(bars)s</div></div>')
_SWATCH = '<li><span class="tl-swatch" style="border-color:%(c)s"></span>%(label)s</li>'
_ITEM = '<li>%s</li>'
_MARK = '<span style="left:%(left)s">%(label)s</span>'
_TIMELINE = ('<figure class="pic pic-timeline" role="img" aria-label="%(label)s"><ul class="tl-legend">%(legend)s</ul>'
             '%(rows)s<div class="tl-axis">%(axis)s</div></figure>')
ARROW = "\u2192"
"""The mark at the end of a lane whose time runs past the axis (the legend's chart_beyond starts with it)."""


def dots_svg(count: float, total: int = ICONS, per_row: int = 10) -> str:
    """An icon array as an SVG data URL: ``count`` filled dots grouped from the bottom left (as
    :func:`icon_positions`), the rest as rings. Two dot patterns and at most four rectangles, so a
    1,000-dot array is about as small as a 100-dot one."""
    filled = int(round(count))
    rows = total // per_row
    full, rest = divmod(filled, per_row)
    w, h = per_row * PITCH, rows * PITCH
    top = h - full * PITCH  # first row (from the top) of full affected rows
    part = top - PITCH      # the partly filled row
    rects = []
    if full:
        rects.append((0, top, w, full * PITCH, "a"))
    if filled < total:
        if rest:
            rects.append((0, part, rest * PITCH, PITCH, "a"))
        rects.append((rest * PITCH, part, w - rest * PITCH, PITCH, "u"))
        if part > 0:
            rects.append((0, 0, w, part, "u"))
    r = PITCH / 2
    svg = _SVG % {"w": w, "h": h, "p": PITCH, "r": r, "dot": round(r * 0.82, 2), "ring": round(r * 0.66, 2),
                  "line": round(r * 0.26, 2), "hit": AFFECTED, "miss": UNAFFECTED,
                  "rects": "".join(_RECT % x for x in rects)}
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _style() -> str:
    """The pictures' CSS (assets/pictures.css), sent with the pictures only."""
    return "<style>" + CSS.read_text(encoding="utf-8") + "</style>"


def _arrays_html(content: Content, group: list[tuple[str, Figure]], label: str) -> str:
    """One picture with the arrays of one comparable group side by side (stacked when the screen is
    too narrow), each with the option's name, its number and time frame as text."""
    total, per_row = array_shape(group[0][1])
    cards = []
    for oid, f in group:
        count = f.value if f.value is not None else f.per_100 * f.denominator / 100
        cards.append(_CARD % {"oid": oid, "name": escape(content.option(oid).short_name),
                              "amount": escape(figure_amount(f)), "src": dots_svg(count, total, per_row),
                              "w": per_row * PITCH, "h": total // per_row * PITCH, "when": escape(f.time_frame)})
    kind = " ".join(["pic-arrays"] if total == ICONS else ["pic-arrays", "pic-rare"])
    return _ARRAYS % {"kind": kind, "label": escape(label), "cards": "".join(cards)}


def _key_html(content: Content) -> str:
    """What the dots mean, in words beside a filled dot and a ring."""
    return _KEY % {"hit": dots_svg(1, 1, 1), "miss": dots_svg(0, 1, 1), "sp": " ",
                   "filled": escape(content.text("chart_icon_key_filled")),
                   "ring": escape(content.text("chart_icon_key_ring"))}


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
    found = groups(items)
    reasons = apart_reasons([f for _, f in items]) if len(found) > 1 else []
    apart = apart_sentence(reasons) if reasons else ""
    dots = sorted({array_shape(f)[0] for _, f in items}) or [ICONS]
    alt = (content.text("chart_icon_alt").format(chart=title, dots=fmt_number(dots[0])) + " "
           + (apart + " " if apart else "") + " ".join(alt_parts))
    panels = []
    for i, g in enumerate(found):
        caption = own_sentence(content, g[0][0], g[0][1]) if len(g) == 1 else ""
        html = _arrays_html(content, g, alt if i == 0 else caption)
        if i == 0:
            html = _key_html(content) + html + _style()
        panels.append(Panel(html, tuple(o for o, _ in g), caption))
    return Chart(tuple(panels), table, alt, content.text("compare_not_comparable"), apart)


def _axis(d: float) -> float:
    """Days on a compressed scale so day 1 and 1 year both read (square root)."""
    return math.sqrt(min(d, AXIS_DAYS))


def _pct(d: float) -> str:
    """A day on the timeline as a percentage of its width (compressed scale, :func:`_axis`)."""
    return f"{100 * _axis(d) / (_axis(AXIS_DAYS) + 0.6):.2f}%"


def _tint(colour: str, keep: float = 0.35) -> str:
    """A pale version of a colour (mixed with white): the range of times the sources give."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - v) * keep):02x}" for v in rgb)


def timeline_chart(content: Content) -> Chart:
    """One time axis from day 0 to 1 year for all five options, one option under the other, each
    with its name above its bars; uncertain times as pale ranges. Bars are lines of a box's border
    (they print, and stay in Windows' high-contrast colours)."""
    table: list[dict[str, str]] = []
    slot = {m: i for i, m in enumerate(DRAWN)}
    beyond = False
    grid = "".join(_GRID % _pct(d) for d, _, _ in AXIS_TICKS)
    rows = []
    for oid in DISPLAY_ORDER:
        opt = content.option(oid)
        row: dict[str, str] = {col(content, "option"): opt.short_name}
        bars = []
        for m in opt.timeline:
            row[MILESTONE_LABELS[m.kind]] = m.text + ("" if m.flag == "checked" else f" ({FLAG_TEXT[m.flag].lower()})")
            if m.status != "known" or m.kind not in DRAWN:
                continue
            assert m.start_days is not None and m.end_low_days is not None and m.end_high_days is not None
            c, lane = MILESTONE_COLOURS[m.kind], slot[m.kind]
            bars.append(_BAR % {"lane": lane, "left": _pct(m.start_days), "right": _pct(m.end_low_days), "c": c})
            if m.end_high_days > m.end_low_days:
                bars.append(_RANGE % {"lane": lane, "left": _pct(m.end_low_days), "right": _pct(m.end_high_days),
                                      "tint": _tint(c), "c": c})
            if m.end_high_days > AXIS_DAYS:
                bars.append(_BEYOND % {"lane": lane, "c": c, "arrow": ARROW})
                beyond = True
        rows.append(_OPTION % {"oid": oid, "name": escape(opt.short_name), "bars": grid + "".join(bars)})
        table.append(row)
    legend = [_SWATCH % {"c": MILESTONE_COLOURS[k], "label": escape(MILESTONE_LABELS[k])} for k in DRAWN]
    if beyond:
        legend.append(_ITEM % escape(content.text("chart_beyond").format(**axis_ends(content))))
    axis = "".join(_MARK % {"left": _pct(d), "label": escape(tick_label(content, u, n))} for d, u, n in AXIS_TICKS)
    option = col(content, "option")
    alt = content.text("chart_timeline_alt").format(**axis_ends(content)) + " " + " ".join(
        f"{r[option]}: " + "; ".join(f"{k.lower()}: {v}" for k, v in r.items() if k != option) + "."
        for r in table
    )
    apart = content.text("chart_timeline_apart")
    html = _TIMELINE % {"label": escape(alt + " " + apart), "legend": "".join(legend), "rows": "".join(rows),
                        "axis": axis} + _style()
    return Chart((Panel(html, tuple(DISPLAY_ORDER)),), table, alt + " " + apart, content.text("chart_timeline_note"),
                 apart)
