"""Contract section 3: every screen, chart, table and the PDF show the options from least to most
invasive (no new treatment, physical therapy, epidural steroid injection, MILD, open surgery), so
that no option leads because of its id. The JSON order (OPTION_IDS) is a separate matter."""

from __future__ import annotations

import re
from io import BytesIO

from pypdf import PdfReader

from decision_aid import charts, views
from decision_aid.answers import Saved
from decision_aid.assess import assess
from decision_aid.content.loader import load_content
from decision_aid.contract import DISPLAY_ORDER, OPTION_IDS
from decision_aid.export import build_summary_pdf

C = load_content()
A = assess({})


def _in_order(haystack: str, needles: list[str]) -> list[int]:
    at = [haystack.find(n) for n in needles]
    assert all(i >= 0 for i in at), dict(zip(needles, at, strict=True))
    return at


def test_display_order_is_least_to_most_invasive_and_not_the_id_order():
    assert DISPLAY_ORDER == ("no_new_treatment", "physical_therapy", "epidural_steroid_injection",
                             "mild", "open_surgery")
    assert sorted(DISPLAY_ORDER) == sorted(OPTION_IDS) and DISPLAY_ORDER != OPTION_IDS
    assert [o.id for o in C.options] == list(DISPLAY_ORDER)


def test_grid_cards_and_exam_cards_follow_the_display_order():
    for html in (views.grid_html(C, A), views.grid_html(C, None), views.exam_cards_html(C, A)):
        at = _in_order(html, [f'data-option="{o}"' for o in DISPLAY_ORDER])
        assert at == sorted(at), html[:200]


def test_charts_and_their_tables_follow_the_display_order():
    names = [C.option(o).short_name for o in DISPLAY_ORDER]
    for chart in (charts.icon_array_chart(C, "how_many_improve", "t"), charts.timeline_chart(C)):
        first_col = [next(iter(row.values())) for row in chart.table]
        shown = [n for n in first_col if n in names]
        assert shown == sorted(shown, key=names.index), shown
        at = _in_order(chart.alt, [n for n in names if n in chart.alt])
        assert at == sorted(at)


def test_the_pdf_lists_the_options_in_display_order():
    pdf = build_summary_pdf(Saved(), content=C)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))
    section = text[text.index("The five options"):]
    at = _in_order(section, [C.option(o).name for o in DISPLAY_ORDER])
    assert at == sorted(at)
