"""Issue 11 section 1 in a real browser, at phone (390x844) and desktop (1280x800) size.

An emergency answer ("yes" to new bladder trouble) shows its level right under the question, in
view, as soon as it is answered; every Next then lands on a part heading with the level line next
to it (in view), or on a new page that stays at the top with the full banner; the comparison is
hidden on Compare (grid, charts) with a plain message and a way back to the answer; changing the
answer brings it back. axe-core checks the emergency state. In the exam room the clinician can
record "examined: not an emergency". Screenshots: test-artifacts/screenshots/urgency-*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from decision_aid.content.loader import load_content

from .helpers import (
    answer,
    click_button,
    console_errors,
    format_violations,
    open_app,
    run_axe,
    screenshot,
    wait_for_run,
)

C = load_content()
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
EMERGENCY_TITLE = C.rules.urgency["emergency"].title
# the parts of Your situation in home mode: the patient's own groups, then one for the clinician
GROUPS = [g.title for g in C.groups if not g.for_clinician] + [C.text("situation_clinician_title")]
# the level line under a question (not the one drawn with a part heading)
QUESTION_LINE = "[data-testid='stHtml']:not(:has(h2.part-title)) > .level-line"
HEADING_LINE = "h2.part-title ~ .level-line"


def _page(browser: Browser, base_url: str, size: str) -> Page:
    w, h = SIZES[size]
    ctx = browser.new_context(base_url=base_url, viewport={"width": w, "height": h})
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    return page


def _next(page: Page, to: str) -> None:
    click_button(page, f"Next: {to} →")


def _heading_line_in_view(page: Page) -> None:
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('h2.part-title')")
    line = page.locator(HEADING_LINE)
    expect(line).to_have_count(1)
    expect(line).to_contain_text(EMERGENCY_TITLE)
    expect(line).to_be_in_viewport(ratio=1)


@pytest.mark.parametrize("size", list(SIZES))
def test_emergency_message_in_view_and_comparison_hidden(browser: Browser, base_url: str, size: str) -> None:
    page = _page(browser, base_url, size)
    errors = console_errors(page)
    open_app(page, "/situation?mode=home")
    expect(page.locator("h2.part-title")).to_have_text(f"Part 1 of {len(GROUPS)}: {GROUPS[0]}")

    # answering: the level appears right under the question, on screen
    answer(page, "bladder_bowel_change", "yes")
    line = page.locator(QUESTION_LINE)
    expect(line).to_have_count(1)
    expect(line).to_contain_text(EMERGENCY_TITLE)
    expect(line).to_be_in_viewport(ratio=1)
    screenshot(page, f"urgency-{size}-answered")
    expect(page.locator(".urgent[role='alert']")).to_contain_text(EMERGENCY_TITLE)   # and the banner on top

    # every Next within Your situation: focus on the part heading, the level line beside it in view
    for k in range(1, len(GROUPS)):
        _next(page, GROUPS[k])
        _heading_line_in_view(page)
        if k == 1:
            screenshot(page, f"urgency-{size}-next-part")

    # a new page (Compare): it stays at the top, so the full banner is what the person sees
    _next(page, "Compare the options")
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H1'")
    expect(page.locator(".urgent[role='alert']")).to_be_in_viewport()
    expect(page.locator(HEADING_LINE)).to_contain_text(EMERGENCY_TITLE)   # with Compare's part heading too
    # ... and the comparison is hidden, with why and a way back to the answer
    note = page.locator("[data-hidden='comparison']")
    expect(note).to_contain_text(C.text("urgent_hidden_title"))
    expect(page.locator("th.opt[data-option]")).to_have_count(0)
    expect(page.locator("[data-option]")).to_have_count(0)
    screenshot(page, f"urgency-{size}-compare-hidden")
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
    _next(page, C.text("compare_part_pictures"))
    _heading_line_in_view(page)
    expect(page.locator("figure.pic")).to_have_count(0)
    expect(page.locator("[data-hidden='comparison']")).to_be_attached()

    # "Change my answer": back to the warning signs; "No" brings the comparison back
    click_button(page, C.text("urgent_change_home"))
    expect(page).to_have_url(f"{base_url}/situation")
    expect(page.locator("h2.part-title")).to_have_text(f"Part 1 of {len(GROUPS)}: {GROUPS[0]}")
    expect(page.locator("h2.part-title")).to_be_in_viewport()
    answer(page, "bladder_bowel_change", "no")
    expect(page.locator(".urgent")).to_have_count(0)
    expect(page.locator(".level-line")).to_have_count(0)
    expect(page.locator("[data-hidden='comparison']")).to_have_count(0)
    expect(page.get_by_text("options fit what you told us so far").first).to_be_attached()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert list(errors) == []
    page.context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_exam_room_warning_signs_and_examined_record(browser: Browser, base_url: str, size: str) -> None:
    page = _page(browser, base_url, size)
    errors = console_errors(page)
    open_app(page, "/?mode=clinic")
    expect(page.locator(".xcards")).to_be_visible()
    # no level yet: the warning signs are folded under the scan and exam questions, on the screen
    page.locator(".st-key-exam_scan").get_by_text(C.text("exam_flags_open")).click()
    expect(page.get_by_text(C.text("exam_flags_title").format(n=0, total=4))).to_be_visible()
    answer(page, "bladder_bowel_change", "yes")
    wait_for_run(page)
    screenshot(page, f"urgency-{size}-exam-after-answer")
    # a level: they move onto the screen itself, with the level under the answer
    expect(page.locator(".st-key-exam_flags")).to_contain_text(C.text("exam_flags_title").format(n=1, total=4))
    expect(page.locator(".urgent[role='alert']")).to_contain_text(EMERGENCY_TITLE)
    expect(page.locator(".xcards")).to_have_count(0)
    expect(page.locator("[data-hidden='comparison']")).to_be_visible()
    line = page.locator(QUESTION_LINE)
    expect(line).to_be_in_viewport(ratio=1)
    screenshot(page, f"urgency-{size}-exam-hidden")
    violations = run_axe(page)
    assert violations == [], format_violations(violations)

    box = page.get_by_text(C.text("exam_examined_label"))
    box.scroll_into_view_if_needed()
    box.click()
    wait_for_run(page)
    expect(page.locator(".xcards")).to_be_visible()
    banner = page.locator(".urgent[data-examined='yes']")
    expect(banner).to_contain_text(EMERGENCY_TITLE)
    expect(banner).to_contain_text("A clinician checked you in the exam room")
    screenshot(page, f"urgency-{size}-exam-examined")
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert list(errors) == []
    page.context.close()
