"""Compare's pictures (issue 13 section 3): built by our own code as HTML text around SVG dots, so
names, numbers, time frames and axis marks are text that wraps on a phone (never cut), in the page's
language, with the alt text and the table kept; the dots grouped from the bottom left; colours that
read without colour vision and have WCAG contrast. The browser side (on screen within 0.5 s of Next,
nothing cut or overlapping at 320, 390 and 1280 px) is tests/e2e/test_pictures.py."""

from __future__ import annotations

import ast
import base64
import re
from html import unescape
from pathlib import Path

import pytest

from decision_aid import charts
from decision_aid.content.loader import load_content
from decision_aid.contract import DISPLAY_ORDER
from decision_aid.i18n import language

ROWS = ("how_many_improve", "more_treatment", "serious_risks")


def _svg(data_url: str) -> str:
    assert data_url.startswith("data:image/svg+xml;base64,")
    return base64.b64decode(data_url.split(",", 1)[1]).decode()


def _rects(svg: str) -> list[tuple[str, int, int, int, int]]:
    return [(k, int(x), int(y), int(w), int(h)) for x, y, w, h, k in re.findall(
        r'<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)" fill="url\(#(\w)\)"/>', svg)]


def _luminance(colour: str) -> float:
    c = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _text(html: str) -> str:
    return unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S))


def test_23_out_of_100_fills_two_bottom_rows_and_three_dots_from_the_left():
    rects = _rects(_svg(charts.dots_svg(23)))
    p = charts.PITCH
    assert rects == [("a", 0, 8 * p, 10 * p, 2 * p),     # rows 9 and 10 (the bottom two) filled
                     ("a", 0, 7 * p, 3 * p, p),          # row 8: three dots from the left
                     ("u", 3 * p, 7 * p, 7 * p, p),      # the rest of row 8: rings
                     ("u", 0, 0, 10 * p, 7 * p)]         # rows 1 to 7: rings


@pytest.mark.parametrize(("count", "total", "per_row"), [(0, 100, 10), (100, 100, 10), (30, 100, 10),
                                                         (7, 1000, 40), (23, 1000, 40), (0.4, 100, 10)])
def test_every_dot_is_drawn_once_filled_or_ring(count, total, per_row):
    rects = _rects(_svg(charts.dots_svg(count, total, per_row)))
    area = {k: sum(w * h for kk, _, _, w, h in rects if kk == k) // charts.PITCH ** 2 for k in "au"}
    assert area["a"] == round(count) and area["a"] + area["u"] == total
    # no two rectangles cover the same dot
    cells = [(x + i, y + j) for _, x, y, w, h in rects for i in range(0, w, charts.PITCH) for j in range(0, h, charts.PITCH)]
    assert len(cells) == len(set(cells)) == total


def test_a_1000_dot_array_stays_small():
    assert len(charts.dots_svg(23, 1000, 40)) < 1500


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_option_is_named_in_full_with_its_number_and_time_frame_as_text(lang):
    with language(lang):
        _named_in_full(load_content(lang))


def _named_in_full(c):
    for row in ROWS:
        chart = charts.icon_array_chart(c, row, "t")
        for p in chart.panels:
            for oid in p.options:
                f = charts.headline(c, oid, row)
                card = re.search(rf'<div class="pic-array" data-pic-option="{oid}">(.*?)</div>', p.html).group(1)
                assert _text(card).split() == (c.option(oid).short_name + " " + charts.figure_amount(f) + " "
                                               + f.time_frame).split(), (c.lang, row, oid)
    tl = charts.timeline_chart(c)
    names = [unescape(n) for n in re.findall(r'<p class="pic-name">([^<]*)</p>', tl.html)]
    assert names == [c.option(o).short_name for o in DISPLAY_ORDER]
    axis = re.search(r'<div class="tl-axis">(.*?)</div>', tl.html).group(1)
    assert _text(axis).split() == " ".join(charts.tick_label(c, u, n) for _, u, n in charts.AXIS_TICKS).split()
    for kind in charts.DRAWN:
        assert charts.MILESTONE_LABELS[kind] in _text(tl.html)


def test_spanish_pictures_say_nothing_in_english():
    en, es = load_content("en"), load_content("es")
    for build in (lambda c: charts.icon_array_chart(c, "how_many_improve", c.text("chart_improve")),
                  lambda c: charts.timeline_chart(c)):
        words_en = set(_text("".join(p.html for p in build(en).panels)).split())
        with language("es"):
            words_es = set(_text("".join(p.html for p in build(es).panels)).split())
        for key in ("chart_icon_key_ring", "chart_day", "chart_milestone_recovery"):
            for w in en.text(key).replace("{n}", "").split():
                if len(w) > 3 and w not in es.text(key):
                    assert w not in words_es, (key, w)
        assert words_en != words_es


def test_alt_text_and_labels_stay_on_each_picture():
    c = load_content()
    for row in ROWS:
        chart = charts.icon_array_chart(c, row, c.text("chart_improve"))
        for i, p in enumerate(chart.panels):
            label = unescape(re.search(r'<figure class="pic [^"]*" role="img" aria-label="([^"]*)"', p.html).group(1))
            assert label == (chart.alt if i == 0 else p.caption) and label
    tl = charts.timeline_chart(c)
    assert unescape(re.search(r'role="img" aria-label="([^"]*)"', tl.html).group(1)) == tl.alt
    assert tl.table and all(len(r) > 1 for r in tl.table)  # the table beside it


def test_colours_read_on_white_and_dots_differ_by_shape_as_well():
    for colour in (*charts.MILESTONE_COLOURS.values(), charts.AFFECTED, charts.UNAFFECTED):
        assert _contrast(colour, "#ffffff") >= 3, colour   # WCAG 1.4.11 non-text contrast
    svg = _svg(charts.dots_svg(50))
    assert 'fill="#ffffff" stroke="' + charts.UNAFFECTED in svg   # rings, not paler dots
    assert len(set(charts.MILESTONE_COLOURS.values())) == len(charts.MILESTONE_COLOURS)


def test_no_chart_library_is_loaded_for_the_pictures():
    tree = ast.parse(Path(charts.__file__).read_text(encoding="utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "plotly" not in imported
