"""The summary PDF: text (pypdf), QR round trip (pdftoppm + zbarimg), page sizes, empty / partial /
urgent / full answers, and the command line. Build time is printed, never asserted here."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from pypdf import PdfReader

from decision_aid.answers import Saved, decode_link, encode_link
from decision_aid.assess import assess
from decision_aid.content.loader import load_content
from decision_aid.deliberation import questions_to_ask
from decision_aid.export import build_summary_pdf

from .helpers import FULL, PARTIAL, URGENT, qr_link

ROOT = Path(__file__).resolve().parents[2]
C = load_content()

EXPECT = {"improve": {"physical_therapy": 70, "open_surgery": 40}}
KNOW = {"general_anesthesia": "open_surgery_only", "steroid_vs_numbing": "much_more"}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def build(saved: Saved, fmt: str = "A4", **kw) -> tuple[bytes, str, PdfReader]:
    t, cpu = time.perf_counter(), time.process_time()
    pdf = build_summary_pdf(saved, content=C, page_format=fmt, **kw)
    # wall time depends on what else the machine runs; CPU time is this build's own cost
    print(f"\nPDF build ({fmt}, {len(saved.answers)} answers): wall {1000 * (time.perf_counter() - t):.0f} ms, "
          f"CPU {1000 * (time.process_time() - cpu):.0f} ms, {len(pdf) // 1024} KB")
    reader = PdfReader(BytesIO(pdf))
    return pdf, _flat(" ".join(p.extract_text() for p in reader.pages)), reader


@pytest.fixture(scope="module")
def full():
    return build(FULL, notes="Ask about my knee too.", expectations=EXPECT, knowledge=KNOW)


def test_full_lists_options_statuses_and_reasons_with_sources(full):
    _, text, _ = full
    a = assess(FULL.answers, C)
    for o in C.options:
        assert o.name in text
    assert a.status("physical_therapy") == "consider"
    assert "Physical therapy: Nothing against it in your answers so far" in text
    assert a.status("mild") == "discuss"
    assert "MILD (minimally invasive lumbar decompression): Ask your clinician" in text
    for reason in a.options["mild"].reasons:
        assert _flat(reason.text)[:60] in text
        for k in reason.sources:
            assert f"[{k}]" in text  # listed under Sources
    assert "Sources" in text and C.references["Jakola-2010"].short in text  # the plain label, cited and listed


def test_full_has_content_version_and_review_date(full):
    _, text, _ = full
    assert f"content {C.meta.content_version}" in text
    flat = " ".join(text.split())
    assert C.review_status() in flat  # "Prepared from sources checked on ... Not yet reviewed by ..."
    assert f"Next check due {C.meta.review_due:%d %B %Y}" in flat


def test_full_values_fits_expectations_knowledge_sure_leaning(full):
    _, text, _ = full
    assert "Avoid being put fully to sleep (general anesthesia): Most important" in text
    assert "A short recovery: Very important" in text
    assert "Relief that lasts a long time: A little important" in text
    assert "Works against: avoid being put fully to sleep (general anesthesia). You are put fully to sleep" in text
    assert "There is no score and no ranking" in text
    assert "Your guess was 70 out of 100. That is close to what studies found: 63 out of 100 felt clearly better" in text
    assert "Your guess was 40 out of 100. That is lower than what studies found: 87 out of 100" in text
    assert "1 of 2 answered right (4 questions in all)" in text
    assert "3 of 4 yes: you may not feel sure yet." in text
    assert "Do you have enough support and advice to make a choice? No" in text
    assert "Next steps that may help" in text
    assert "I am leaning towards: Physical therapy." in text
    assert "How I want to decide: I want to decide together with my clinician." in text


def test_full_questions_notes_and_clinician_record(full):
    _, text, _ = full
    for q in questions_to_ask(C, FULL.answers, assess(FULL.answers, C)):
        assert _flat(q)[:50] in text
    assert "Can my blood thinner be paused safely for a procedure" in text
    assert "What does my MRI or CT report say about the ligament" in text
    assert "Does this clinic do MILD? Will Medicare or my insurance pay for it?" in text
    assert "Ask about my knee too." in text
    assert "For the clinician: shared decision-making record" in text
    assert "2. Options, benefits and risks we talked about" in text
    assert "Benefits and risks of each option discussed" in text
    assert ("Rated most important: Avoid being put fully to sleep (general anesthesia) (most important); "
            "A short recovery (very important)") in text
    assert "The patient wants to decide: together with the clinician." in text
    assert "The patient is leaning towards: Physical therapy. SURE: 3 of 4 yes." in text
    assert f"content version {C.meta.content_version}" in text and "Decision aid used" in text


def test_full_icon_arrays_and_rare_harms_follow_the_risk_rules(full):
    _, text, _ = full
    assert "How many people got better, out of 100" in text
    assert "Each picture has 100 dots" in text and "Pictures side by side measure the same thing" in text
    assert "Rare and serious harms, counted out of 1,000" in text
    assert "23 out of 1,000 operations (not people)" in text
    assert "0 out of 1,000 injections (not people)" in text
    assert "Recovery timeline, day 0 to 1 year" in text




@pytest.mark.parametrize("saved", [FULL, PARTIAL, Saved()], ids=["full", "partial", "empty"])
def test_qr_round_trip(saved, tmp_path):
    pdf, text, _ = build(saved, base_url="https://aid.example.org")
    link = qr_link(pdf, tmp_path)
    assert link.startswith("https://aid.example.org/?r=")
    r = parse_qs(urlparse(link).query)["r"][0]
    assert r == encode_link(saved)
    back = decode_link(r)
    assert dict(back.answers) == dict(saved.answers)
    assert dict(back.values) == dict(saved.values)
    assert (back.leaning, back.decision_role) == (saved.leaning, saved.decision_role)
    assert dict(back.sure) == dict(saved.sure)
    assert link in text.replace(" ", "") or link in text


def test_notes_never_in_the_link(tmp_path):
    pdf, text, _ = build(FULL, notes="SECRET-NOTE-123")
    assert "SECRET-NOTE-123" in text  # in the PDF (the patient chose to print it)
    assert "SECRET" not in qr_link(pdf, tmp_path)


def test_empty_answers_never_fail_and_say_not_done():
    _, text, reader = build(Saved())
    assert len(reader.pages) >= 3
    assert "4 of 5 options fit what I said so far. I answered 0 of 26 questions." in text  # MILD: scan unknown
    assert "Not rated yet." in text
    assert "Expectations check not done yet." in text
    assert "Knowledge check not done yet." in text
    assert "Not answered yet." in text
    assert "I am leaning towards: not said yet." in text
    assert "Rated most important: none rated." in text
    assert "Who can I call if my symptoms get worse" in text  # always-asked questions


def test_partial_answers():
    _, text, _ = build(PARTIAL, expectations={"improve": {}}, knowledge={"unknown_item": "x"})
    assert "1 of 4 yes (3 not answered): you may not feel sure yet." in text
    assert "A treatment backed by strong research: Most important" in text
    assert "Would stopping smoking change how much surgery could help me?" in text
    assert "Expectations check not done yet." in text


EXAMINED = {"questions": ["bladder_bowel_change"], "at": "14:05 on 4 December 2026"}
OPTION_NAMES = [o.short_name for o in C.options] + [o.name for o in C.options]
HIDDEN_TITLE = C.text("urgent_hidden_title")


def test_summary_pdf_opens_with_what_to_do_then_leaning_values_questions_and_repeats_last():
    """Issue 13 section 5: the PDF follows the Summary page: the link to open it again, then the
    leaning, what matters and the questions to ask, the clinician's part; the options, key facts,
    every answer and the checks (a repeat of earlier pages) come after; the sources last."""
    _, text, _ = build(FULL, expectations=EXPECT)
    order = [C.text(k) for k in ("pdf_link_title", "pdf_lean_title", "pdf_values_title", "pdf_ask_title",
                                 "pdf_clin_title", "pdf_options_title", "pdf_key_facts_title",
                                 "pdf_answers_title", "pdf_expect_title", "pdf_quiz_title", "pdf_sources_title")]
    at = [text.index(_flat(t)) for t in order]
    assert at == sorted(at), [t for _, t in sorted(zip(at, order, strict=True))]


def test_urgent_answers_put_the_warning_first():
    _, text, reader = build(URGENT)
    first = _flat(reader.pages[0].extract_text())
    assert "Go to an emergency department now" in first
    for u in assess(URGENT.answers, C).urgent_reasons:   # the reasons, each under the title
        assert _flat(u.text)[:60] in first
    assert first.index("Go to an emergency department now") < first.index(HIDDEN_TITLE)


def test_emergency_pdf_has_no_option_comparison():
    """Issue 11 section 1: under an emergency answer the PDF leaves out the options, key facts,
    charts, fits and leaning, says why, and keeps the rest that is safe (values, link)."""
    saved = Saved(answers=URGENT.answers, values={"lasting_relief": 4}, leaning="open_surgery")
    _, text, _ = build(saved, expectations=EXPECT)
    assert HIDDEN_TITLE in text and _flat(C.text("pdf_hidden_note")) in text
    assert [n for n in OPTION_NAMES if n in text] == []
    assert "Usually not suitable for you" not in text and "Nothing against it in your answers so far" not in text
    assert C.text("pdf_key_facts_title") not in text
    assert "Relief that lasts a long time: Most important" in text   # the patient's own ratings stay
    assert "?r=" + encode_link(saved) in text.replace(" ", "")           # and the resume link


def test_examined_record_brings_the_comparison_back_and_goes_into_the_clinician_part():
    _, text, _ = build(URGENT, examined=EXAMINED)
    assert "Go to an emergency department now" in text                # the message stays, reworded
    assert _flat(C.text("urgent_examined").format(at=EXAMINED["at"])) in text
    assert HIDDEN_TITLE not in text
    assert "Usually not suitable for you" in text                      # MILD with no central narrowing
    assert all(o.name in text for o in C.options)
    clin = text[text.index(C.text("pdf_clin_title")):]
    assert _flat(C.text("pdf_clin_examined").format(at=EXAMINED["at"])) in clin
    assert _flat(C.question("bladder_bowel_change").text) in clin


@pytest.mark.parametrize("answers", [
    {"bladder_bowel_change": "yes", "saddle_numbness": "yes"},   # a sign the examination did not cover
    {"bladder_bowel_change": "unsure"},                           # no longer an emergency: record dropped
], ids=["new_sign", "not_emergency"])
def test_examined_record_applies_only_to_the_signs_examined(answers):
    _, text, _ = build(Saved(answers=answers), examined=EXAMINED)
    assert "Examined: not an emergency" not in text
    if answers.get("saddle_numbness") == "yes":
        assert HIDDEN_TITLE in text and "MILD" not in text


@pytest.mark.parametrize("answers, title", [
    ({"bladder_bowel_change": "unsure"}, "Contact your doctor or a nurse line today"),
    ({"other_red_flags": "yes"}, "See a doctor in the next few days"),
], ids=["same_day", "soon"])
def test_same_day_and_soon_keep_the_comparison_in_the_pdf(answers, title):
    _, text, reader = build(Saved(answers=answers))
    first = _flat(reader.pages[0].extract_text())
    assert title in first and text.index(title) < text.index("The five options")
    assert HIDDEN_TITLE not in text
    assert all(o.name in text for o in C.options)


@pytest.mark.parametrize("fmt, size", [("A4", (595.28, 841.89)), ("Letter", (612.0, 792.0))])
@pytest.mark.parametrize("saved", [FULL, Saved()], ids=["full", "empty"])
def test_page_sizes(fmt, size, saved):
    _, _, reader = build(saved, fmt)
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == size


def test_cli_summary_writes_the_pdf(tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text(FULL.to_json())
    out = tmp_path / "s.pdf"
    t = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "decision_aid", "summary", str(answers), "-o", str(out),
                          "--page-size", "Letter"], cwd=ROOT, capture_output=True, text=True)
    print(f"\nCLI summary (process start included): {1000 * (time.perf_counter() - t):.0f} ms")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(out)
    reader = PdfReader(out)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert "I am leaning towards: Physical therapy." in _flat(" ".join(p.extract_text() for p in reader.pages))


def test_pdf_icon_arrays_are_10x10_grouped_and_filled_from_the_bottom():
    from decision_aid.charts import headline
    from decision_aid.export import BLUE, _array_problem, _icon_arrays, _pdf, _Writer

    pdf = _pdf("A4")
    pdf.add_page()
    drawn: list[tuple[float, float, tuple]] = []
    real = pdf.ellipse

    def record(x, y, w, h, style=None):
        colour = tuple(pdf.fill_color.colors255) if hasattr(pdf.fill_color, "colors255") else pdf.fill_color
        drawn.append((round(x, 2), round(y, 2), colour))
        return real(x, y, w, h, style=style)

    pdf.ellipse = record
    _icon_arrays(_Writer(pdf, C), "more_treatment", "How many needed more treatment later, out of 100", "legend")
    figs = {o.id: headline(C, o.id, "more_treatment") for o in C.options}
    drawable = [o for o, f in figs.items() if f is not None and _array_problem(f) is None]
    assert drawable == ["no_new_treatment", "physical_therapy", "mild", "open_surgery"]  # display order
    assert len(drawn) == 100 * len(drawable)  # 100 icons per drawn option, nothing else
    blue = tuple(BLUE)
    for k, oid in enumerate(drawable):
        icons = drawn[k * 100:(k + 1) * 100]
        xs = sorted({x for x, _, _ in icons})
        ys = sorted({y for _, y, _ in icons})
        assert len(xs) == 10 and len(ys) == 10  # a 10 x 10 grid
        hit = [(xs.index(x), 9 - ys.index(y)) for x, y, colour in icons if tuple(colour) == blue]
        n = round(figs[oid].per_100)
        assert len(hit) == n
        # grouped from the bottom left: full rows from the bottom, then the leftmost icons of the next row
        assert sorted(hit, key=lambda cr: (cr[1], cr[0])) == [(i % 10, i // 10) for i in range(n)]


def test_array_rule_refuses_other_denominators_and_units():
    from decision_aid.export import _array_problem

    for o in C.options:
        for f in o.cells["serious_risks"].figures:
            assert _array_problem(f) is not None  # out of 1,000 or per injection: never drawn as 100 dots


def test_fast_text_width_gives_fpdf2s_own_numbers():
    from fpdf.fonts import TTFFont

    from decision_aid.export import _WIDTHS, _install_fast_text_width, _pdf

    _install_fast_text_width()
    pdf = _pdf("A4")
    font = next(iter(pdf.fonts.values()))
    assert isinstance(font, TTFFont)
    samples = ["", "a", "Physical therapy", "Försth 2016 — ≤ 8 ✓ ☐", "x" * 300]
    plain = [font.get_text_width(s, 9.5, None) for s in samples]  # no build running: fpdf2's own code
    token = _WIDTHS.set({})
    try:
        fast = [font.get_text_width(s, 9.5, None) for s in samples + samples]
    finally:
        _WIDTHS.reset(token)
    assert fast == plain + plain


def test_qr_png_is_byte_for_byte_segnos_own_png():
    """qr_png_bytes writes the PNG itself (faster); it must be exactly what segno's writer gives,
    for short and long links (versions, padding bits at the row end)."""
    import io
    import random
    import string

    import segno

    from decision_aid.export import qr_png_bytes

    rnd = random.Random(12)
    for n in (1, 17, 40, 105, 180, 300):
        url = "https://aid.example.org/?r=" + "".join(rnd.choice(string.ascii_letters + "-.0123456789")
                                                      for _ in range(n))
        buf = io.BytesIO()
        segno.make(url, error="m").save(buf, kind="png", scale=8, border=2)
        assert qr_png_bytes(url) == buf.getvalue(), n
