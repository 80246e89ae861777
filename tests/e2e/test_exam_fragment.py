"""The exam-room screen reruns as one fragment (pages/exam.py): a scan answer redraws only the
screen. What must still hold: a file opened there that says yes to a red flag brings up the urgent
stop at once (frame.frame_is_current makes the fragment rerun the whole app), and a scan answer
changes the cards while the frame around them stays."""

from __future__ import annotations

import json

from playwright.sync_api import Browser, expect

from decision_aid.content.loader import load_content

from .helpers import open_sized, option_card, screenshot, wait_for_run

C = load_content()


def _open_file(page, doc: dict) -> None:
    page.get_by_role("button", name="Open the patient's saved file").click()
    page.locator("[data-testid='stPopoverBody'] input[type='file']").set_input_files(
        files=[{"name": "answers.json", "mimeType": "application/json", "buffer": json.dumps(doc).encode()}])
    wait_for_run(page)
    page.keyboard.press("Escape")


def test_file_with_a_red_flag_opened_in_the_exam_room_brings_up_the_urgent_stop(browser: Browser, base_url: str) -> None:
    ctx, page = open_sized(browser, base_url, 1280, 800, "/exam?mode=clinic", "The five options at a glance")
    expect(page.locator(".urgent[role='alert']")).to_have_count(0)
    _open_file(page, {"schema": "lss-decision-aid/answers", "version": 1,
                      "answers": {"saddle_numbness": "yes"}})
    alert = page.locator(".urgent[role='alert']")
    expect(alert).to_contain_text("Go to an emergency department now")
    expect(alert).to_contain_text("numb")
    # drawn above the screen's own heading
    assert page.evaluate("""() => document.querySelector('.urgent').getBoundingClientRect().top <
                                   document.querySelector('h1.xtitle').getBoundingClientRect().top""")
    # an emergency answer: the cards give way to why they are hidden; the warning signs are on screen
    # with the level under the one answered yes (issue 11 section 1)
    expect(page.locator(".xcard")).to_have_count(0)
    expect(page.locator("[data-hidden='comparison']")).to_be_visible()
    expect(page.locator(".level-line[data-urgency='emergency']")).to_have_count(1)
    screenshot(page, "exam-fragment-urgent-from-file")
    ctx.close()


def test_scan_answer_redraws_the_cards_and_keeps_the_frame(browser: Browser, base_url: str) -> None:
    ctx, page = open_sized(browser, base_url, 1280, 800, "/exam?mode=clinic", "The five options at a glance")
    expect(option_card(page, "mild").locator(".status")).to_have_text("? Ask first")
    scan = page.locator(".st-key-exam_scan")
    expect(scan).to_contain_text(C.text("exam_scan_title").format(n=0, total=5))
    group = page.get_by_role("radiogroup", name="Does an MRI or CT scan")
    group.get_by_text("No", exact=True).click()
    wait_for_run(page)
    expect(option_card(page, "mild").locator(".status")).to_have_text("✕ Usually not suitable")
    expect(option_card(page, "mild")).to_contain_text("Changed")
    expect(scan).to_contain_text(C.text("exam_scan_title").format(n=1, total=5))
    # the change is named right at the questions too, so it is seen without looking up at the cards
    expect(scan.locator(".xchanged-here")).to_contain_text("MILD")
    # the sidebar (drawn by the router, outside the fragment) is still there
    expect(page.locator("[data-testid='stSidebar']")).to_have_count(1)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    ctx.close()
