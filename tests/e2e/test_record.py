"""Issue 15 sections 4-5 in a real browser: a resume link with expectation guesses, knowledge-check
answers and the people around the patient brings them all back, on Check and on Summary."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from decision_aid.answers import Saved, encode_link
from decision_aid.contract import RED_FLAG_QUESTIONS

from .helpers import console_errors, no_exception, open_app, radio_group, screenshot, wait_for_run

EVERYTHING = Saved(
    answers={q: "no" for q in RED_FLAG_QUESTIONS} | {"smoker": "yes"},
    leaning="physical_therapy",
    expectations={"improve": {"physical_therapy": 70, "open_surgery": 40}},
    knowledge={"general_anesthesia": "open_surgery_only", "steroid_vs_numbing": "much_more"},
    support={"others_involved": True, "others_leaning": "open_surgery", "feel_pressure": True},
)


@pytest.fixture
def page(desktop_page: Page) -> Page:
    """These tests' page: a desktop-size tab of its own (conftest.py's desktop_page)."""
    return desktop_page


def test_resume_link_brings_back_guesses_knowledge_and_support_on_check_and_summary(page: Page) -> None:
    errors = console_errors(page)
    open_app(page, f"/check?r={encode_link(EVERYTHING)}")
    main = page.locator("[data-testid='stMain']")
    expect(main).to_contain_text("Your guess was 70 out of 100.")  # part 1: the guesses came back
    page.get_by_text("Show all five parts on one page").click()
    wait_for_run(page)
    expect(radio_group(page, "Which of these treatments puts you fully to sleep").get_by_role("radio", name="Only open surgery")
           ).to_be_checked()
    expect(radio_group(page, "Is anyone else involved in this choice").get_by_role("radio", name="Yes")).to_be_checked()
    expect(radio_group(page, "Which option do they lean towards").get_by_role(
        "radio", name="Open surgery (laminectomy)")).to_be_checked()
    expect(radio_group(page, "Do you feel pressure from anyone").get_by_role("radio", name="Yes")).to_be_checked()
    expect(main).to_contain_text("It is your choice.")
    main.get_by_text("Is anyone else involved in this choice").scroll_into_view_if_needed()
    screenshot(page, "record_check_support")

    page.get_by_role("link", name="Your summary").click()
    wait_for_run(page)
    expect(main).not_to_contain_text("Expectations check: not done yet.")
    expect(main).not_to_contain_text("Quick questions: not done yet.")
    expect(main).to_contain_text("Your guess was 70 out of 100.")
    expect(main).to_contain_text("Someone else is involved in this choice.")
    expect(main).to_contain_text("They lean towards: Open surgery (laminectomy).")
    expect(main).to_contain_text("I feel pressure from someone to choose a certain option.")
    answers = main.locator(".all-answers")
    expect(answers.locator("li[data-question='saddle_numbness']")).to_contain_text("No:")
    expect(answers.locator("li[data-question='diabetes']")).to_contain_text("Not answered:")
    screenshot(page, "record_summary_answers", answers)
    no_exception(page)
    assert list(errors) == []


def test_exam_room_record_and_people_around_the_patient(page: Page) -> None:
    errors = console_errors(page)
    page.set_viewport_size({"width": 1440, "height": 1400})
    open_app(page, f"/exam?mode=clinic&r={encode_link(EVERYTHING)}")
    page.get_by_role("button", name="Print, record", exact=True).click()
    expect(radio_group(page, "Do you feel pressure from anyone").get_by_role("radio", name="Yes")).to_be_checked()
    record = page.locator(".clinician-record")
    expect(record).to_contain_text("not legal advice")
    expect(record.locator("section[data-element]")).to_have_count(5)
    expect(record).to_contain_text("The patient feels pressure from someone about this choice.")
    screenshot(page, "record_exam_room")
    no_exception(page)
    assert list(errors) == []
