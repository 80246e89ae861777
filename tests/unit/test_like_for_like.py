"""Issue 11 sections 2-6: what patients see compares like with like.

Pictures, exam-room card rows and the PDF put two figures side by side only when
``comparability.comparable`` says they measure the same thing in the same kind of people at about
the same time; rare harms are drawn out of 1,000; one number is written one way everywhere; the grid
shows certainty only as the brief states it, study design and size, who paid; no marketing source
sits in the grid or the exam cards.
"""

from __future__ import annotations

import base64
import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from decision_aid import charts, views
from decision_aid.answers import Saved
from decision_aid.assess import assess
from decision_aid.comparability import apart_reasons, comparable, groups
from decision_aid.content.loader import load_content
from decision_aid.contract import DISPLAY_ORDER
from decision_aid.export import build_summary_pdf

C = load_content()
A = assess({}, content=C) if "content" in assess.__code__.co_varnames else assess({})


def fig(fid: str):
    for o in C.options:
        for cell in o.cells.values():
            for f in cell.figures:
                if f.id == fid:
                    return f
    raise KeyError(fid)


def all_figures():
    return [(o.id, rid, f) for o in C.options for rid, cell in o.cells.items() for f in cell.figures]


# ------------------------------------------------------------------------------------ the rule itself


def test_the_issues_more_treatment_figures_are_not_comparable():
    # MILD 12/100 (open surgery at the same level, one clinic, 5 years), PT 57/100 (surgical candidates
    # who crossed over, 2 years), no new treatment 52/100 (8 years)
    mild, pt, nnt = fig("mild_surgery_5y"), fig("pt_crossover_2y"), fig("nnt_surgery_8y")
    assert (mild.value, pt.value, nnt.value) == (12, 57, 52)
    for a, b in ((mild, pt), (mild, nnt), (pt, nnt)):
        assert comparable(a, b)[0] is False


def test_the_issues_how_many_get_better_figures_are_not_comparable():
    surgery, pt = fig("surgery_helped_1y"), fig("pt_responders_6w")
    assert comparable(surgery, pt) == (False, "outcome")  # satisfaction at 1 year vs responders at 6 weeks


def test_same_outcome_people_and_close_time_are_comparable_and_far_times_are_not():
    a = fig("pt_responders_6w")
    assert comparable(a, a.model_copy(update={"months": 2})) == (True, None)
    assert comparable(a, a.model_copy(update={"months": 12})) == (False, "time")
    assert comparable(a, a.model_copy(update={"months": None})) == (False, "time")
    assert comparable(a, a.model_copy(update={"population_kind": "untreated"})) == (False, "people")
    assert comparable(a, a.model_copy(update={"per": "injections"})) == (False, "unit")


# ------------------------------------------------------------------------------------ pictures


def _panel_pairs(chart):
    for p in chart.panels:
        for i, a in enumerate(p.options):
            for b in p.options[i + 1:]:
                yield a, b


@pytest.mark.parametrize("row_id", ["how_many_improve", "more_treatment", "serious_risks", "common_side_effects"])
def test_icon_arrays_put_only_comparable_figures_side_by_side(row_id):
    chart = charts.icon_array_chart(C, row_id, "t")
    drawn = [o for p in chart.panels for o in p.options]
    assert drawn == [o for o in DISPLAY_ORDER if charts.headline(C, o, row_id) is not None]
    for a, b in _panel_pairs(chart):
        assert comparable(charts.headline(C, a, row_id), charts.headline(C, b, row_id))[0], (row_id, a, b)
    if len(chart.panels) > 1:  # drawn apart: said in words, and each lone picture has its own sentence
        assert chart.apart.startswith(C.text("chart_apart_title")) and chart.apart in chart.alt
        for p in chart.panels:
            if len(p.options) == 1:
                f = charts.headline(C, p.options[0], row_id)
                assert views.figure_sentence(f) in p.caption and views.figure_design(f).capitalize() in p.caption


def test_the_issues_examples_are_no_longer_side_by_side():
    more = charts.icon_array_chart(C, "more_treatment", "t")
    better = charts.icon_array_chart(C, "how_many_improve", "t")
    together = {frozenset(p) for p in _panel_pairs(more)} | {frozenset(p) for p in _panel_pairs(better)}
    for pair in (("mild", "physical_therapy"), ("mild", "no_new_treatment"), ("physical_therapy", "no_new_treatment"),
                 ("open_surgery", "physical_therapy")):
        assert frozenset(pair) not in together


def _arrays(panel_html: str) -> list[tuple[int, int]]:
    """(filled dots, all dots) of each icon array in one picture, read back from its SVG images."""
    out = []
    for src in re.findall(r'<img class="pic-dots" src="data:image/svg\+xml;base64,([^"]+)"', panel_html):
        svg = base64.b64decode(src).decode()
        w, h = (int(v) for v in re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
        filled = sum(int(rw) * int(rh) for rw, rh in re.findall(
            r'<rect x="\d+" y="\d+" width="(\d+)" height="(\d+)" fill="url\(#a\)"/>', svg))
        out.append((filled // charts.PITCH ** 2, w * h // charts.PITCH ** 2))
    return out


def _dots(panel_html: str) -> list[int]:
    return [total for _, total in _arrays(panel_html)]


def test_rare_harms_are_drawn_out_of_1000_never_on_100_dots():
    chart = charts.icon_array_chart(C, "serious_risks", "t")
    assert chart.panels
    for p in chart.panels:
        for oid, n in zip(p.options, _dots(p.html), strict=True):
            assert charts.headline(C, oid, "serious_risks").denominator == 1000
            assert n == 1000, (oid, n)
    for row_id in ("how_many_improve", "more_treatment"):
        for p in charts.icon_array_chart(C, row_id, "t").panels:
            assert set(_dots(p.html)) == {100}


def test_each_array_fills_as_many_dots_as_its_number():
    for row_id in ("how_many_improve", "more_treatment", "serious_risks"):
        for p in charts.icon_array_chart(C, row_id, "t").panels:
            for oid, (filled, total) in zip(p.options, _arrays(p.html), strict=True):
                f = charts.headline(C, oid, row_id)
                count = f.value if f.value is not None else f.per_100 * f.denominator / 100
                assert (filled, total) == (round(count), f.denominator), (row_id, oid)


def test_every_figure_out_of_1000_would_get_1000_dots():
    for _, _, f in all_figures():
        assert charts.array_shape(f)[0] == f.denominator


def test_timeline_does_not_draw_how_long_help_lasts_as_bars_and_says_why():
    chart = charts.timeline_chart(C)
    known = [m for o in C.options for m in o.timeline if m.status == "known" and m.kind in charts.DRAWN]
    lasts = [m for o in C.options for m in o.timeline if m.kind == "benefit_lasts" and m.status == "known"]
    assert lasts, "the content has 'how long help lasts' times, which must not be drawn side by side"
    assert chart.html.count('class="tl-bar"') == len(known)
    assert charts.MILESTONE_COLOURS["benefit_lasts"] not in chart.html
    assert "benefit_lasts" not in charts.DRAWN
    assert chart.apart == C.text("chart_timeline_apart") and chart.apart in chart.alt
    table_lasts = [r[charts.MILESTONE_LABELS["benefit_lasts"]] for r in chart.table]
    assert all(table_lasts)  # still written out, one option at a time


# ------------------------------------------------------------------------------------ exam room


def _card_fact(html: str, oid: str, rid: str) -> str:
    card = html.split('class="xcard', 1)[0] if False else html.split(f'data-option="{oid}" data-status', 1)[1]
    return card.split(f'data-row="{rid}"', 1)[1].split("</dd>", 1)[0]


@pytest.mark.parametrize("rid", list(views.EXAM_LABELS))
def test_exam_card_rows_show_numbers_side_by_side_only_when_comparable(rid):
    html = views.exam_cards_html(C, A)
    with_number = []
    for oid in DISPLAY_ORDER:
        fact = _card_fact(html, oid, rid)
        cell = C.option(oid).cells[rid]
        if cell.figures and any(views.fmt_number(f.value if f.value is not None else f.low) in fact
                                for f in cell.figures[:1]) and cell.short and cell.short in fact:
            with_number.append(cell.figures[0])
    for i, a in enumerate(with_number):
        for b in with_number[i + 1:]:
            assert comparable(a, b)[0], (rid, a.id, b.id)
    if views.row_apart(C, rid):  # the numbers are below, one option at a time, with the reason
        block = html.split('class="xnumbers"', 1)[1].split(f'data-row="{rid}"', 1)[1].split("</div>", 1)[0]
        assert views.escape(views.apart_sentence(views.row_apart(C, rid))) in block
        for _oid, f in views.row_headlines(C, rid):
            assert f'data-figure="{f.id}"' in block and views.escape(views.figure_sentence(f)) in block


def test_the_exam_room_no_longer_sets_surgery_satisfaction_beside_pt_responders():
    html = views.exam_cards_html(C, A)
    assert "87 out of 100" not in _card_fact(html, "open_surgery", "how_many_improve")
    assert "63 out of 100" not in _card_fact(html, "physical_therapy", "how_many_improve")
    assert C.text("exam_number_below") in _card_fact(html, "open_surgery", "how_many_improve")


# ------------------------------------------------------------------------------------ the PDF


def test_pdf_draws_non_comparable_arrays_apart_each_with_its_sentence():
    from decision_aid.export import _icon_arrays, _pdf, _Writer

    for row_id in ("more_treatment", "how_many_improve"):
        pdf = _pdf("A4")
        pdf.add_page()
        drawn = []
        real = pdf.ellipse

        def record(x, y, w, h, style=None, _real=real, _drawn=drawn):
            _drawn.append((x, y))
            return _real(x, y, w, h, style=style)

        pdf.ellipse = record
        _icon_arrays(_Writer(pdf, C), row_id, "title", "legend")
        arrays = [drawn[i:i + 100] for i in range(0, len(drawn), 100)]
        spans = [(min(y for _, y in a), max(y for _, y in a)) for a in arrays]
        drawable = [o for o in DISPLAY_ORDER if (f := charts.headline(C, o, row_id)) and f.denominator == 100
                    and f.per == "people"]
        assert len(arrays) == len(drawable)
        gs = groups([(o, charts.headline(C, o, row_id)) for o in drawable])
        assert len(gs) == len(drawable)  # nothing in these rows is comparable today
        for i in range(len(spans)):  # each array on its own line: no two share a vertical span
            for j in range(i + 1, len(spans)):
                assert spans[i][1] < spans[j][0] or spans[j][1] < spans[i][0], (row_id, i, j)


def test_pdf_says_why_numbers_are_apart_and_gives_design_and_size():
    pdf = build_summary_pdf(Saved(), content=C)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))
    assert C.text("chart_apart_title") in text
    assert C.text("chart_timeline_apart") in text
    for fid in ("mild_surgery_5y", "pt_crossover_2y", "surgery_helped_1y"):
        f = fig(fid)
        assert views.figure_design(f).lower() in text.lower(), fid


# ------------------------------------------------------------------------------------ same number everywhere

_NUM = re.compile(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?![\d.,]*\d)")


def _numbers(s: str) -> list[float]:
    return [float(m.replace(",", "")) for m in _NUM.findall(s or "")]


def test_each_figure_is_written_the_same_way_in_prose_short_text_pictures_tables_and_pdf():
    pdf = build_summary_pdf(Saved(), content=C)
    pdf_text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))
    for oid, rid, f in all_figures():
        cell = C.option(oid).cells[rid]
        shown = [v for v in (f.value, f.low, f.high) if v is not None]
        for prose in (cell.text, cell.short):
            for n in _numbers(prose):
                for v in shown:  # a number close to the figure's must be the figure's, written the same
                    assert not (0 < abs(n - v) < 1), (f.id, n, v, prose)
        if f is cell.figures[0] and f.value:  # a headline figure is quoted in the cell's prose
            assert re.search(rf"(?<![\d.]){re.escape(views.fmt_number(f.value))}(?![\d.])", cell.text), (f.id, cell.text)
        amount = views.figure_amount(f)
        assert amount in views.figure_html(C, f)
        headline = charts.headline(C, oid, rid)
        if headline is f and rid in ("how_many_improve", "more_treatment", "serious_risks"):
            chart = charts.icon_array_chart(C, rid, "t")
            labels = re.findall(r'<p class="pic-amount">([^<]*)</p>', "".join(p.html for p in chart.panels))
            assert amount in labels, (f.id, labels)
            assert any(r[charts.col(C, "number")] == amount for r in chart.table)
            if f.denominator == 100 and f.per == "people":
                assert amount in pdf_text, f.id


def test_the_issues_63_is_63_everywhere():
    f = fig("pt_responders_6w")
    assert views.figure_amount(f) == "63 out of 100"
    chart = charts.icon_array_chart(C, "how_many_improve", "t")
    everything = chart.alt + str(chart.table) + "".join(p.html for p in chart.panels)
    assert "62.8" not in everything and "63 out of 100" in everything


# ------------------------------------------------------------------------------------ certainty, design, funding


def test_certainty_is_only_what_the_brief_states_with_who_says_it():
    for _, _, f in all_figures():
        if f.certainty != "not_graded":
            assert f.certainty_by, f.id
    html = views.figure_html(C, fig("surgery_helped_1y"))
    assert views.escape(C.text("certainty_not_graded")) in html


def test_every_figure_shows_design_size_and_who_paid():
    for oid, _, f in all_figures():
        html = views.figure_html(C, f)
        assert views.escape(views.figure_design(f)) in html
        funding = views.figure_funding(C, f)
        assert views.escape(views.FUNDING_TEXT[funding]) in html
        if oid == "mild":
            assert funding == "industry" or all(C.references[k].funding != "industry" for k in f.sources)
    assert views.figure_design(fig("mild_surgery_5y")) == "clinic records, 75 people"
    assert views.figure_design(fig("esi_dural_puncture")).endswith("1,682 injections")


def test_mild_maker_funding_stays_visible_in_the_grid():
    html = views.grid_html(C, None)
    for rid in ("how_many_improve", "evidence_strength"):
        cell = html.split(f'data-row="{rid}"', 1)[1].split("</tr>", 1)[0].split('data-label="MILD"', 1)[1].split("</td>", 1)[0]
        assert "maker" in cell.lower(), rid
    for f in (f for cell in C.option("mild").cells.values() for f in cell.figures):
        if views.figure_funding(C, f) == "industry":
            assert views.escape(C.text("funding_industry")) in views.figure_html(C, f)


# ------------------------------------------------------------------------------------ marketing out of the grid


def _is_marketing(keys) -> list[str]:
    return [k for k in keys if C.references[k].kind == "clinic_marketing"]


def test_no_marketing_source_or_flag_in_any_grid_cell_timeline_or_exam_card():
    for o in C.options:
        for rid, cell in o.cells.items():
            assert cell.flag != "marketing", (o.id, rid)
            keys = list(cell.sources) + list(cell.disagreement_sources) + [k for f in cell.figures for k in f.sources]
            assert _is_marketing(keys) == [], (o.id, rid)
        for m in o.timeline:
            assert m.flag != "marketing" and _is_marketing(m.sources) == [], (o.id, m.kind)
    exam = views.exam_cards_html(C, A)
    assert views.escape(C.text("flag_short_marketing")) not in exam
    for r in C.references.values():
        if r.kind == "clinic_marketing":
            assert views.escape(views.reference_html(r)) not in exam


def test_mild_marketing_statements_moved_to_what_you_may_have_heard():
    grid = C.option("mild")
    text = " ".join(c.text + " " + (c.short or "") for c in grid.cells.values()) + " ".join(m.text for m in grid.timeline)
    for phrase in ("20 minutes", "2 hours", "3 days", "light sedation", "an hour"):
        assert phrase not in text, phrase
    heard = " ".join(c.heard for c in C.claims if c.option == "mild")
    assert "sedation" in heard or "twilight" in heard
    assert "driving" in heard and "quick" in heard


# ------------------------------------------------------------------------------------ words, coverage, ESI harms


def test_neutral_words_and_the_coverage_name_for_mild():
    for o in C.options:
        for cell in o.cells.values():
            assert "tiny" not in cell.text.lower()
        assert "tiny" not in o.summary.lower()
    assert "PILD" in C.option("mild").summary and "percutaneous image-guided lumbar decompression" in C.option("mild").summary


def test_the_blinded_mild_trial_is_in_the_evidence_row():
    cell = C.option("mild").cells["evidence_strength"]
    assert "Brown-2012" in cell.sources and "38 people" in cell.text


def test_coverage_row_for_all_five_options_with_the_third_party_caveat():
    row = C.row("coverage")
    assert row.label == "Coverage (US Medicare)"
    for o in C.options:
        assert o.cells["coverage"].text
    mild = C.option("mild").cells["coverage"]
    assert "PayerPolicy-2026" in mild.sources and "CMS-NCD-150.13" in mild.sources
    assert mild.awaiting and "billing website" in mild.awaiting
    assert "LCD-L33906" in C.option("epidural_steroid_injection").cells["coverage"].sources
    for oid in ("physical_therapy", "open_surgery"):
        cell = C.option(oid).cells["coverage"]
        assert cell.text.startswith("Covered") and cell.kind == "not_in_brief"
    html = views.grid_html(C, None)
    assert 'data-row="coverage"' in html and views.escape(C.text("kind_not_in_brief")) in html


def test_esi_harms_from_the_brief_are_in_the_harm_rows_and_cited():
    esi = C.option("epidural_steroid_injection").cells
    common, serious = esi["common_side_effects"], esi["serious_risks"]
    assert {"AAFP-LESS", "LESS-cortisol-2018", "Even-2012", "SpineHealth-ESI-risks"} <= set(common.sources)
    assert "cortisol" in common.text and "blood sugar" in common.text and "headache" in common.text
    assert "more common with the steroid" in common.text
    assert {"FDA-2014", "SpineHealth-ESI-risks"} <= set(serious.sources)
    assert "not approved" in serious.text and "infection" in serious.text
    everywhere = " ".join(c.text for o in C.options for c in o.cells.values())
    assert "21.5" not in everywhere and "15.5" not in everywhere  # LESS side-effect percentages are unverified


def test_no_new_treatment_says_when_a_figure_comes_from_an_active_non_surgical_arm():
    for rid, cell in C.option("no_new_treatment").cells.items():
        if any(f.population_kind in ("active_nonsurgical_arm", "surgical_candidates_nonsurgical_arm")
               for f in cell.figures):
            assert "not no" in cell.text, rid
    kinds = {f.population_kind for f in (f for c in C.option("no_new_treatment").cells.values() for f in c.figures)}
    assert "untreated" in kinds  # natural history evidence is there too


def test_apart_reasons_name_the_first_difference():
    figs = [fig("surgery_helped_1y"), fig("pt_responders_6w"), fig("nnt_better_3y")]
    assert "outcome" in apart_reasons(figs)
