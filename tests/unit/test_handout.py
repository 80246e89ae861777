"""The one-page option grid (issue 15 section 1): one landscape page, every option and row, footnotes
to sources, QR round trip, at least 10 pt everywhere, emergency without comparison, longest content,
and the command line. Build time is printed (CPU and wall), never asserted."""

from __future__ import annotations

import dataclasses
import json
import re
import time
from io import BytesIO

import pytest
from pypdf import PdfReader

from decision_aid.answers import Saved, decode_link
from decision_aid.assess import assess
from decision_aid.content.loader import load_content
from decision_aid.contract import DISPLAY_ORDER
from decision_aid.handout import HANDOUT_ROWS, MIN_PT, build_handout_pdf

from .helpers import FULL, PARTIAL, URGENT, one_error_line, qr_link, run

C = load_content()
SAME_DAY = Saved(answers={"saddle_numbness": "unsure", "walking_leg_pain_eased_by_sitting": "yes"})
MANY_REASONS = Saved(answers={
    "walking_leg_pain_eased_by_sitting": "yes", "daily_opioids": "yes", "blood_thinner": "cannot_pause",
    "other_red_flags": "unsure", "spondylolisthesis": "grade_2_or_higher", "prior_surgery_same_level": "yes",
    "high_anesthesia_risk": "yes", "can_lie_face_down_1h": "no", "injection_last_8_weeks": "yes",
    "bladder_bowel_change": "unsure"})


def build(saved: Saved | None, fmt: str = "A4", content=None, **kw) -> tuple[bytes, str, PdfReader]:
    t, cpu = time.perf_counter(), time.process_time()
    pdf = build_handout_pdf(saved, content=content or C, page_format=fmt, **kw)
    print(f"\nhandout build ({fmt}, {len(saved.answers) if saved else 'no'} answers): "
          f"wall {1000 * (time.perf_counter() - t):.0f} ms, CPU {1000 * (time.process_time() - cpu):.0f} ms")
    reader = PdfReader(BytesIO(pdf))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    return pdf, text, reader


def _font_sizes(reader: PdfReader) -> set[float]:
    """Every font size set in the page's content stream (fpdf2 writes ``/F1 10.00 Tf`` without scaling)."""
    data = b"".join(p.get_contents().get_data() for p in reader.pages)
    return {float(m) for m in re.findall(rb"/F\d+ ([\d.]+) Tf", data)}


def _labels(row_id: str) -> str:
    row = next((r for r in C.rows if r.id == row_id), None)
    return row.label if row else C.text("pdf_grid_coverage_label")


@pytest.mark.parametrize("saved", [None, FULL, PARTIAL, SAME_DAY, MANY_REASONS],
                         ids=["no-answers", "full", "partial", "same-day", "many-reasons"])
@pytest.mark.parametrize("fmt", ["A4", "Letter"])
def test_one_landscape_page_with_every_option_and_row(saved, fmt):
    pdf, text, reader = build(saved, fmt)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height), "landscape"
    for oid in DISPLAY_ORDER:
        assert C.option(oid).short_name in text
    for row_id in HANDOUT_ROWS:
        assert re.sub(r"\s+", " ", _labels(row_id)) in text, row_id
    assert C.meta.content_version in text
    # options in display order: each short name appears first in the heading row, left to right
    starts = [text.index(C.option(o).short_name) for o in DISPLAY_ORDER]
    assert starts == sorted(starts)
    assert min(_font_sizes(reader)) >= MIN_PT


def test_every_footnote_number_is_listed_at_the_foot():
    _, text, _ = build(FULL)
    foot = text[text.index(C.text("pdf_grid_sources")):]
    cited = {int(n) for group in re.findall(r"\[(\d+(?:, \d+)*)\]", text[:text.index(C.text("pdf_grid_sources"))])
             for n in group.split(", ")}
    listed = [int(n) for n in re.findall(r"\[(\d+)\] ", foot)]
    assert cited and listed == sorted(cited) == list(range(1, len(listed) + 1))
    assert "NASS guideline, 2013" in foot  # the plain label from references.yaml
    assert "NCT0" not in foot and "http" not in foot  # no registry numbers or web addresses


def test_status_and_reason_with_answers():
    a = assess(MANY_REASONS.answers, C)
    _, text, _ = build(MANY_REASONS)
    assert C.text("pdf_grid_your_answers") in text
    assert C.rules.urgency[a.urgency].title in text  # the level at the top
    for oid in DISPLAY_ORDER:
        assert a.options[oid].status in ("consider", "discuss", "not_suitable")
    _, plain, _ = build(None)
    assert C.text("pdf_grid_your_answers") not in plain


def test_emergency_shows_the_level_and_no_comparison():
    _, text, reader = build(URGENT)
    assert len(reader.pages) == 1
    assert C.rules.urgency["emergency"].title in text
    assert re.sub(r"\s+", " ", C.text("pdf_grid_hidden")) in text
    for row_id in HANDOUT_ROWS:
        assert _labels(row_id) not in text
    for oid in DISPLAY_ORDER:
        assert C.option(oid).short_name not in text


def test_emergency_examined_in_the_exam_room_brings_the_comparison_back_under_the_level():
    """As on screen (assess.comparison_hidden): the clinician's record shows the options again and
    the emergency level stays at the top."""
    _, text, reader = build(URGENT, examined=True)
    assert len(reader.pages) == 1
    assert C.rules.urgency["emergency"].title in text
    assert re.sub(r"\s+", " ", C.text("pdf_grid_hidden")) not in text
    for oid in DISPLAY_ORDER:
        assert C.option(oid).short_name in text


@pytest.mark.parametrize("saved", [None, FULL], ids=["aid", "answers"])
def test_qr_decodes(saved, tmp_path):
    pdf, _, _ = build(saved, base_url="https://aid.example.org")
    link = qr_link(pdf, tmp_path)
    if saved is None:
        assert link == "https://aid.example.org/"
    else:
        code = link.split("?r=", 1)[1].split("&")[0]
        assert decode_link(code) == saved


def test_longest_content_still_one_page_at_10_pt():
    """Every cell of each handout row as long as that row's longest cell: spacing shrinks, the grid
    may switch to the condensed face, the type never gets smaller than 10 pt."""
    options = []
    for opt in C.options:
        cells = dict(opt.cells)
        for row_id in HANDOUT_ROWS:
            present = [o.cells[row_id] for o in C.options if row_id in o.cells]
            if present:
                cells[row_id] = max(present, key=lambda cell: len(cell.short or cell.text))
        options.append(opt.model_copy(update={"cells": cells}))
    longest = dataclasses.replace(C, options=tuple(options)) if dataclasses.is_dataclass(C) else None
    if longest is None:
        pytest.fail("Content is expected to be a dataclass")
    _, _, reader = build(MANY_REASONS, "Letter", content=longest)
    assert len(reader.pages) == 1
    assert min(_font_sizes(reader)) >= MIN_PT


SUPPORTED = dataclasses.replace(FULL, support={"others_involved": True, "others_leaning": "mild", "feel_pressure": True})


@pytest.mark.parametrize("fmt", ["A4", "Letter"])
def test_notes_box_holds_the_people_around_the_patient(fmt):
    """Issue 15 section 5: who else is involved, which option they lean to and the pressure felt are in
    the notes box, and the page keeps each option's reason (the box does not push the grid to its
    shortest form)."""
    _, text, reader = build(SUPPORTED, fmt)
    assert len(reader.pages) == 1
    assert C.text("pdf_grid_notes_title") in text
    for key in ("pdf_rec_others_yes", "pdf_rec_pressure_yes"):
        assert C.text(key) in text, key
    assert C.text("pdf_rec_others_lean").format(option=C.option("mild").name) in text
    a = assess(SUPPORTED.answers, C)
    reason = next(r for r in a.options["mild"].reasons if r.status != "fits")
    assert re.sub(r"\s+", " ", reason.text.split(". ")[0]) in text


def test_notes_box_without_answers_leaves_room_to_write_and_hides_others_leaning_in_an_emergency():
    _, text, _ = build(None)
    assert C.text("pdf_grid_notes_blank").split("?")[0] in text
    urgent = dataclasses.replace(URGENT, support={"others_involved": True, "others_leaning": "mild"})
    _, text, _ = build(urgent)
    assert C.text("pdf_rec_others_yes") in text
    assert C.option("mild").name not in text  # the comparison is hidden: no option named at all


def test_the_coverage_row_prints_each_options_short_text():
    """The Coverage (US Medicare) row is in options.yaml: each option's short text (or its text)
    is on the page, never the "see the full summary" stand-in the grid keeps for a missing row."""
    _, text, _ = build(None)
    assert C.text("pdf_grid_see_summary") not in text
    for oid in DISPLAY_ORDER:
        cell = C.option(oid).cells["coverage"]
        words = re.sub(r"\s+", " ", cell.short or cell.text)
        assert words in text, (oid, words)


# --- command line --------------------------------------------------------------------------------------


def test_cli_handout_without_and_with_answers(tmp_path):
    out = tmp_path / "grid.pdf"
    proc = run("handout", "-o", str(out), "--page-size", "Letter")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().strip() == str(out)
    assert len(PdfReader(out).pages) == 1
    answers = tmp_path / "a.json"
    answers.write_text(FULL.to_json(), encoding="utf-8")
    proc = run("handout", str(answers), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert C.text("pdf_grid_your_answers") in re.sub(r"\s+", " ", PdfReader(out).pages[0].extract_text())


@pytest.mark.parametrize("args, says", [
    (["handout", "{missing}", "-o", "{out}"], "file not found"),
    (["handout", "{bad}", "-o", "{out}"], "smoker"),
    (["handout", "-o", "{out}", "--lang", "fr"], "fr"),
    (["handout", "-o", "{out}", "--page-size", "A3"], "A3"),
    (["handout", "-o", "{dir}"], "folder"),
])
def test_cli_handout_bad_input_one_line_nothing_written(args, says, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema": "lss-decision-aid/answers", "version": 1, "answers": {"smoker": "maybe"}}))
    out = tmp_path / "grid.pdf"
    fill = {"missing": str(tmp_path / "nope.json"), "bad": str(bad), "out": str(out), "dir": str(tmp_path)}
    line = one_error_line(run(*[a.format(**fill) for a in args]))
    assert says in line
    assert not out.exists()
    assert not list(tmp_path.glob("*.part"))


def test_handout_is_grey_scale_only():
    _, _, reader = build(FULL)
    data = reader.pages[0].get_contents().get_data()
    colours = set(re.findall(rb"([\d.]+ [\d.]+ [\d.]+) rg", data))
    colours |= set(re.findall(rb"([\d.]+ [\d.]+ [\d.]+) RG", data))
    assert colours
    for c in colours:  # text near black, lines dark grey, the heading row light grey: prints the same
        r, g, b = (float(x) for x in c.split())
        assert r == g == b, c


ES = load_content("es")
MANY_SUPPORTED = dataclasses.replace(MANY_REASONS, support=SUPPORTED.support)


@pytest.mark.parametrize("saved", [None, FULL, SAME_DAY, MANY_REASONS, SUPPORTED, MANY_SUPPORTED, URGENT],
                         ids=["no-answers", "full", "same-day", "many-reasons", "supported", "many-supported",
                              "urgent"])
@pytest.mark.parametrize("fmt", ["A4", "Letter"])
def test_spanish_grid_is_one_page_on_a4_and_letter(saved, fmt):
    """Spanish runs longer than English: with many answers on US Letter no layout fitted and the
    download failed. The last resort drops the footnote numbers and says where every source is."""
    from decision_aid.i18n import language

    with language("es"):
        _, text, reader = build(saved, fmt, content=ES)
    assert len(reader.pages) == 1
    assert ES.text("pdf_grid_sources") in text
    if ES.text("pdf_grid_sources_elsewhere") in text:   # the last resort: no numbers left pointing nowhere
        assert not re.search(r"\[\d+(, \d+)*\]", text)
    if saved is not URGENT:   # an emergency hides the comparison, on paper too
        for oid in DISPLAY_ORDER:
            assert ES.option(oid).short_name in text


def test_the_last_resort_says_where_the_sources_are():
    from decision_aid.i18n import language

    with language("es"):
        _, text, _ = build(MANY_SUPPORTED, "Letter", content=ES)
    assert ES.text("pdf_grid_sources_elsewhere") in text
