"""The shortest home journey, counted (issue 13 section 1): from Start to a downloaded summary PDF,
clicking only what a patient must, on a phone. Each page or part a Next / Skip press opens is one
screen; the questions asked before Compare are counted with the warning signs as one (one screen of
four yes/no items, contract section 5: each is its own question id). The README states the numbers
this test keeps: 10 screens, 8 questions before Compare (11 answer rows, all optional).

Screenshots: test-artifacts/screenshots/short-path-<n>-<screen>.png (a tall phone viewport, so one
picture shows the whole screen)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from decision_aid.content.loader import load_content
from decision_aid.contract import RED_FLAG_QUESTIONS

from .helpers import MAIN, click_button, flat, no_exception, open_app, pdf_text, screenshot, wait_for_run

C = load_content()
MAX_SCREENS = 10
MAX_QUESTIONS_BEFORE_COMPARE = 8


def _questions_on_screen(page: Page) -> list[str]:
    """The question groups (radio groups) of this screen, by their label."""
    return [flat(t) for t in page.locator(f"{MAIN} [data-testid='stRadio'] [data-testid='stWidgetLabel']").all_inner_texts()]


def test_shortest_home_journey_start_to_printed_summary(browser: Browser, base_url: str) -> None:
    ctx = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 2400}, accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    screens: list[str] = []

    def screen(name: str, heading: str) -> None:
        wait_for_run(page)
        expect(page.locator(f"{MAIN} h2.part-title, {MAIN} h1").filter(has_text=heading).first).to_be_visible()
        no_exception(page)
        screens.append(name)
        screenshot(page, f"short-path-{len(screens):02d}-{name}")

    open_app(page, "/?mode=home")
    screen("start", "spinal stenosis")
    click_button(page, C.text("start_button_home"))
    screen("learn", C.text("learn_title"))
    click_button(page, "Next: Your situation →")

    # Your situation: the patient's own questions, then the part for the clinician is skipped
    asked: list[list[str]] = []
    screen("situation-warning-signs", C.groups[0].title)
    asked.append(_questions_on_screen(page))
    click_button(page, f"Next: {C.groups[1].title} →")
    screen("situation-symptoms", C.groups[1].title)
    asked.append(_questions_on_screen(page))
    click_button(page, f"Next: {C.groups[2].title} →")
    screen("situation-tried-health", C.groups[2].title)
    asked.append(_questions_on_screen(page))
    expect(page.get_by_role("button", name="Next: For your clinician (you can skip these) →")).to_be_visible()
    click_button(page, C.text("situation_skip_from_main"))

    # the warning signs are one screen of the four yes/no items the contract has, counted as one
    assert asked[0] == [flat(C.question(q).text) for q in RED_FLAG_QUESTIONS]
    questions = 1 + len(asked[1]) + len(asked[2])
    assert questions <= MAX_QUESTIONS_BEFORE_COMPARE, asked
    assert not any("scan report" in q for a in asked for q in a), "a scan question before Compare"

    screen("compare-options", "The options side by side")
    click_button(page, "Next: The numbers as pictures →")
    screen("compare-pictures", "The numbers as pictures")
    click_button(page, "Next: What matters to you →")
    screen("values", "Rate what matters to you")
    # nothing looks answered: no value chosen
    expect(page.locator(f"{MAIN} [data-testid='stRadio'] input:checked")).to_have_count(0)
    click_button(page, C.text("values_skip_step"))
    screen("check", "What do you expect?")
    expect(page.locator(f"{MAIN} [data-testid='stNumberInput'] input")).to_have_count(8)
    for box in page.locator(f"{MAIN} [data-testid='stNumberInput'] input").all():
        expect(box).to_have_value("")
    click_button(page, C.text("check_skip_step"))
    screen("summary", "Your summary")

    btn = page.get_by_role("button", name="Download the summary (PDF)")
    btn.scroll_into_view_if_needed()
    with page.expect_download() as dl:
        btn.click()
    data = Path(dl.value.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    text = flat(pdf_text(data))
    assert "Not answered" in text and all(o.name in text for o in C.options)

    assert len(screens) <= MAX_SCREENS, screens
    assert (len(screens), questions) == (10, 8), (screens, questions)   # the numbers in the README
    ctx.close()
