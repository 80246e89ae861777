"""Robustness in a real browser: urgent stop, damaged link, bad file upload. Clear messages, nothing
lost (answers still there), no traceback (no stException), no console errors."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from decision_aid.answers import Saved, encode_link
from decision_aid.content.loader import load_content

from .helpers import (
    ALL_FIT,
    answer,
    console_errors,
    fit_line,
    no_exception,
    open_app,
    screenshot,
    show_all_questions,
    wait_for_run,
)

C = load_content()

SAVED = Saved(answers=dict(ALL_FIT, can_lie_face_down_1h="no"), values={}, leaning=None, decision_role=None, sure={})
GOOD = encode_link(SAVED)


@pytest.fixture
def page(desktop_page: Page) -> Page:
    """These tests' page: a desktop-size tab of its own (conftest.py's desktop_page)."""
    return desktop_page


def _answers_kept(page: Page) -> None:
    """The 4 answers from SAVED are still there: Your situation counts them and the fit line holds."""
    page.get_by_role("link", name="Your situation").click()
    wait_for_run(page)
    expect(page.get_by_text("You have answered 4 of")).to_be_attached()
    expect(fit_line(page, 2)).to_be_attached()


def test_urgent_answer_stops_every_page(page: Page) -> None:
    errors = console_errors(page)
    open_app(page, "/situation")
    show_all_questions(page)
    answer(page, "bladder_bowel_change", "yes")
    alert = page.locator(".urgent[role='alert']")
    expect(alert).to_contain_text("Go to an emergency department now")
    expect(alert).to_contain_text("You said you have new trouble with your bladder or bowel")
    screenshot(page, "robust_urgent_situation")
    for link in ("Compare the options", "Your summary", "Exam room (one screen)", "Start"):
        page.get_by_role("link", name=link).click()
        wait_for_run(page)
        expect(page.locator(".urgent[role='alert']")).to_contain_text("Go to a hospital emergency department now")
        # the urgent stop is drawn above the page's own content
        top = page.evaluate("""() => {
            const u = document.querySelector('.urgent').getBoundingClientRect().top;
            const h = [...document.querySelectorAll('[data-testid="stMain"] h1')].map(e => e.getBoundingClientRect().top);
            return h.every(t => t > u);
        }""")
        assert top, link
    no_exception(page)
    assert list(errors) == []


def test_damaged_link_gives_a_clear_message_and_a_clean_start(page: Page) -> None:
    """Opening a URL is a new session in Streamlit, so a damaged link starts clean (the in-session
    case, answers kept, is tests/app/test_pages.py::test_damaged_link_shows_a_clear_error_and_keeps_answers)."""
    errors = console_errors(page)
    open_app(page, f"/compare?r={GOOD[:-3]}")
    msg = page.locator("[data-testid='stAlert']").filter(has_text="This link is damaged or incomplete")
    expect(msg).to_be_visible()
    expect(msg).to_contain_text("could not be opened")
    expect(msg).to_contain_text("You can start afresh below.")
    expect(page.locator(".fit-line")).to_contain_text(C.text("ui_fit_line_none").split(",")[0])  # nothing half-loaded
    screenshot(page, "robust_damaged_link")
    no_exception(page)
    assert list(errors) == []


def test_damaged_link_message_never_crashes(page: Page) -> None:
    errors = console_errors(page)
    for bad in ("x", "1." + "9" * 300, "%00%ff", "1.....", GOOD.replace(".", "-")):
        page.goto(f"/?r={bad}")
        wait_for_run(page)
        alert = page.locator("[data-testid='stAlert']").first
        expect(alert).to_contain_text("could not be opened")
        no_exception(page)
    assert list(errors) == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken.json", b'{"schema": "lss-decision-aid/answers", "version": 1, "answers": {', "The file is not valid JSON"),
        ("wrong.json", json.dumps({"schema": "lss-decision-aid/answers", "version": 1,
                                   "answers": {"smoker": "maybe"}}).encode(),
         "'answers.smoker' has value \"maybe\", which is not allowed; allowed values: yes, no."),
        ("big.json", b" " * (70 * 1024), "The file is too large"),
    ],
    ids=["broken-json", "bad-value", "over-64KB"],
)
def test_bad_file_upload_keeps_answers(page: Page, tmp_path, name: str, data: bytes, message: str) -> None:
    errors = console_errors(page)
    open_app(page, f"/?r={GOOD}")
    expect(page.get_by_text("Your saved answers were opened from the link (4 answers).")).to_be_visible()
    page.get_by_text("Pick up where you left off").first.click()
    f = tmp_path / name
    f.write_bytes(data)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(f))
    wait_for_run(page)
    alert = page.locator("[data-testid='stAlert']").filter(has_text="That file could not be opened")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(message)
    expect(alert).to_contain_text("Your current answers are kept.")
    screenshot(page, f"robust_upload_{name}")
    no_exception(page)
    _answers_kept(page)
    assert list(errors) == []


def test_file_over_the_server_limit_is_refused_by_the_uploader(page: Page, tmp_path) -> None:
    """server.maxUploadSize = 1 MB: a 2 MB file never reaches the app; the answers stay."""
    errors = console_errors(page)
    open_app(page, f"/?r={GOOD}")
    page.get_by_text("Pick up where you left off").first.click()
    f = tmp_path / "huge.json"
    f.write_bytes(b" " * (2 * 1024 * 1024))
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(f))
    wait_for_run(page)
    expect(page.locator("[data-testid='stFileUploader']").first).to_contain_text("File must be 1.0MB or smaller")
    expect(page.locator("[data-testid='stAlert']").filter(has_text="opened from the file")).to_have_count(0)
    no_exception(page)
    _answers_kept(page)
    assert [e for e in errors if "413" not in e] == []


def test_good_file_upload_replaces_answers(page: Page, tmp_path) -> None:
    open_app(page, "/")
    page.get_by_text("Pick up where you left off").first.click()
    f = tmp_path / "good.json"
    f.write_text(SAVED.to_json())
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(f))
    wait_for_run(page)
    # said at the top of the page and again right under the file picker (on a phone the top is off screen)
    expect(page.locator("#upload-note-start_upload")).to_have_text("Your answers were opened from the file (4 answers).")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text("Your answers were opened from the file (4 answers).")
    _answers_kept(page)
