"""Real-browser journeys at phone (390x844) and desktop (1440x900) sizes.

* Home: Start -> Your situation (answers) -> Compare narrows (status words, "what changed") ->
  What matters (values) -> Check (expectations, knowledge, SURE, leaning) -> Summary -> PDF.
* Exam room: a resume link with ?mode=clinic shows the patient's answers and the narrowed
  options; the clinician changes a scan answer and the card changes.

Exam-room checks use semantic hooks only (data-option / data-status attributes, status words,
question and choice labels), because the exam screen's layout is being redesigned.
Screenshots: test-artifacts/screenshots/journey_*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from decision_aid.answers import Saved, encode_link
from decision_aid.content.loader import load_content

from .helpers import (
    ALL_FIT,
    VIEWPORTS,
    answer,
    click_button,
    console_errors,
    fit_line,
    flat,
    new_context,
    no_exception,
    open_app,
    pdf_text,
    radio_group,
    rate_most_important,
    screenshot,
    show_all_questions,
    wait_for_run,
)

C = load_content()


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(params=list(VIEWPORTS))
def size(request) -> str:
    return request.param


@pytest.fixture
def ctx_page(browser: Browser, base_url: str, size: str):
    ctx = new_context(browser, base_url, size)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    yield page
    ctx.close()


# --------------------------------------------------------------------------- home journey

def test_home_journey(ctx_page: Page, size: str) -> None:
    page = ctx_page
    errors = console_errors(page)

    # Start
    open_app(page, "/")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    click_button(page, "Use it at home, step by step")
    screenshot(page, f"journey_home_{size}_1_start")

    # "At home" begins the steps: it opens About stenosis (step 2); then on through the step buttons
    expect(page.get_by_text("Step 2 of 7").first).to_be_visible()
    click_button(page, "Next: Your situation →")
    expect(page.get_by_role("heading", name="What your answers mean so far")).to_be_attached()
    show_all_questions(page)
    answer(page, "bladder_bowel_change", "no")
    for q, v in ALL_FIT.items():
        answer(page, q, v)
    expect(fit_line(page, 5)).to_be_attached()
    expect(page.get_by_text("You have answered 4 of")).to_be_attached()
    screenshot(page, f"journey_home_{size}_2_situation")

    # Compare: nothing narrowed yet
    click_button(page, "Next: Compare the options →")
    expect(page.locator(".fit-line")).to_contain_text("5 of 5 options fit")
    expect(page.locator("th.opt[data-option='mild']")).to_contain_text("Nothing against it in your answers so far")
    expect(page.locator(".changed")).to_have_count(0)

    # back to the questions: an answer that rules MILD out
    click_button(page, "← Back: Your situation")
    show_all_questions(page)
    answer(page, "can_lie_face_down_1h", "no")
    expect(fit_line(page, 2)).to_be_attached()
    click_button(page, "Next: Compare the options →")
    mild = page.locator("th.opt[data-option='mild']")
    expect(page.locator(".fit-line")).to_contain_text("2 of 5 options fit")
    expect(mild).to_contain_text("Usually not suitable for you")
    expect(mild).to_have_class(re.compile(r"\bcol-not_suitable\b"))
    expect(page.locator("th.opt[data-option='physical_therapy']")).to_contain_text("Nothing against it in your answers so far")
    expect(page.locator("th.opt[data-option='epidural_steroid_injection']")).to_contain_text("Ask your clinician")
    note = page.locator(".changed[role='status']")
    expect(note).to_contain_text("What changed after your last answers:")
    expect(note).to_contain_text("MILD: was “Nothing against it in your answers so far”, now “Usually not suitable for you”.")
    screenshot(page, f"journey_home_{size}_3_compare")
    # Compare, part 2 of 2: the pictures
    click_button(page, "Next: The numbers as pictures →")
    expect(page.locator("figure.pic").first).to_be_visible()
    screenshot(page, f"journey_home_{size}_3_compare_pictures")

    # What matters to you: "lasting relief" -> Most important
    click_button(page, "Next: What matters to you →")
    label, chosen = rate_most_important(page, "lasting_relief")
    expect(chosen).to_be_checked()
    # part 2 of 2: how the options fit
    click_button(page, "Next: How the options fit what matters most to you →")
    expect(page.get_by_text("You said these matter most:")).to_contain_text(label)
    screenshot(page, f"journey_home_{size}_4_values")

    # Check, one part at a time: one expectation, one knowledge item, SURE, leaning, the people around
    click_button(page, "Next: Check and lean →")
    click_button(page, "Show what studies found")
    expect(page.get_by_text("Physical therapy:", exact=False).first).to_be_attached()
    click_button(page, "Next: A few quick questions →")
    know = C.deliberation.knowledge[0]
    group = radio_group(page, know.question[:50])
    group.get_by_text(next(ch.label for ch in know.choices if ch.value == know.correct), exact=True).click()
    wait_for_run(page)
    expect(page.get_by_text("✓ That is right.").first).to_be_attached()
    click_button(page, "Next: How sure do you feel? (the SURE test) →")
    for item in C.deliberation.sure:
        radio_group(page, item.text).get_by_text("Yes", exact=True).click()
        wait_for_run(page)
    expect(page.get_by_text(re.compile(r"4 of 4|sure", re.I)).first).to_be_attached()
    click_button(page, "Next: Where are you leaning? →")
    radio_group(page, "Which option are you leaning towards?").get_by_text("Physical therapy", exact=True).click()
    wait_for_run(page)
    screenshot(page, f"journey_home_{size}_5_check")
    # Check's last part: the people around the patient (Ottawa guide); nothing has to be answered
    click_button(page, "Next: The people around you →")
    expect(page.locator("h2.part-title")).to_have_text("Part 5 of 5: The people around you")

    # Summary: the PDF
    click_button(page, "Next: Your summary →")
    expect(page.locator("li").filter(has_text="Leaning towards:")).to_have_text("Leaning towards: Physical therapy")
    expect(page.locator("[data-option='mild']").first).to_contain_text("Usually not suitable for you")
    btn = page.get_by_role("button", name="Download the summary (PDF)")
    btn.scroll_into_view_if_needed()
    with page.expect_download() as dl:
        btn.click()
    download = dl.value
    assert download.suggested_filename == "spinal-stenosis-summary.pdf"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    text = flat(pdf_text(data))
    for o in C.options:
        assert o.name in text, o.name
    assert "Usually not suitable for you" in text
    assert "Nothing against it in your answers so far" in text
    assert "Ask your clinician" in text
    assert C.meta.content_version in text
    assert "Physical therapy" in text
    screenshot(page, f"journey_home_{size}_6_summary")

    no_exception(page)
    assert list(errors) == []


# --------------------------------------------------------------------------- exam-room journey

def exam_card(page: Page, option_id: str):
    return page.locator(f"[data-option='{option_id}']").first


def test_exam_room_journey(ctx_page: Page, size: str) -> None:
    page = ctx_page
    errors = console_errors(page)
    saved = Saved(answers=dict(ALL_FIT, can_lie_face_down_1h="yes", smoker="no"),
                  values={"avoid_general_anesthesia": 4}, leaning="mild", decision_role="together", sure={})
    open_app(page, f"/?r={encode_link(saved)}&mode=clinic")
    expect(page.get_by_text("Your saved answers were opened from the link (5 answers).")).to_be_visible()
    # the exam room is the default page in clinic mode; every option is on the screen
    for o in C.options:
        expect(exam_card(page, o.id)).to_be_attached()
    # narrowed by the patient's answers: nothing against any option yet
    for o in C.options:
        expect(exam_card(page, o.id)).to_have_attribute("data-status", "consider")
    # what the patient said at home
    value_label = next(v.label for v in C.deliberation.values if v.id == "avoid_general_anesthesia")
    role_label = next(r.label for r in C.deliberation.roles if r.id == "together")
    expect(page.get_by_text(value_label, exact=False).first).to_be_attached()
    expect(page.get_by_text(role_label, exact=False).first).to_be_attached()
    screenshot(page, f"journey_exam_{size}_1_opened")

    # the clinician reads the scan: the ligament is not thickened -> MILD usually not suitable
    opener = page.get_by_role("button", name=re.compile(r"^Scan and exam questions"))
    if opener.count():
        opener.first.click()
    answer(page, "ligamentum_flavum_thickened", "no")
    if opener.count():
        page.keyboard.press("Escape")
    expect(exam_card(page, "mild")).to_have_attribute("data-status", "not_suitable")
    expect(exam_card(page, "mild")).to_contain_text("Usually not suitable")
    expect(page.get_by_text("4 of 5 options fit what you told us so far").first).to_be_attached()
    # the "what changed" note (a live region, whatever its layout) names the option and its new status
    expect(page.locator("[role='status']").filter(has_text="MILD").filter(
        has_text=re.compile(r"now.*Usually not suitable")).first).to_be_attached()
    for oid in ("physical_therapy", "epidural_steroid_injection", "open_surgery", "no_new_treatment"):
        expect(exam_card(page, oid)).to_have_attribute("data-status", "consider")
    screenshot(page, f"journey_exam_{size}_2_changed")

    no_exception(page)
    assert list(errors) == []

