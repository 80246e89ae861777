"""Nothing lost, nothing surprising (issue 13 section 3) through the real router: the exam room's
"At home" returns to the step the patient was on, "See the full comparison" opens Compare's grid
part with Back to where it was pressed, "Start again" deletes nothing until confirmed, an empty
"Options to show" is said, an opened file is confirmed under its picker, and the resume link has a
"Copy link" button. The browser side (scroll, dialog, clipboard, phone layout) is in
tests/e2e/test_nothing_lost.py."""

from __future__ import annotations

import json

from decision_aid import state
from decision_aid.content.loader import load_content

from .helpers import all_text, open_page, press_next

C = load_content()


def _h1(at) -> list[str]:
    return [t.value for t in at.title]


def test_at_home_on_the_exam_screen_returns_to_the_home_step_with_the_answers() -> None:
    at = open_page("values", state={state.ANSWERS: {"smoker": "yes"}})
    assert _h1(at) == [C.text("values_title")]
    at.radio(key=state.MODE_WIDGET).set_value("clinic").run()
    assert _h1(at) == [] and C.text("exam_title") in all_text(at)      # the exam room's own heading
    at.radio(key=state.MODE_WIDGET).set_value("home").run()
    assert _h1(at) == [C.text("values_title")]                          # not the exam screen
    assert at.session_state[state.ANSWERS] == {"smoker": "yes"}


def test_at_home_with_no_home_step_seen_opens_start() -> None:
    at = open_page(None, query={"mode": "clinic"})
    assert C.text("exam_title") in all_text(at)
    at.radio(key=state.MODE_WIDGET).set_value("home").run()
    assert _h1(at) == [C.text("start_title")]


def test_see_full_comparison_opens_the_grid_part_and_back_returns_to_summary() -> None:
    at = open_page("compare")
    press_next(at, "compare")                       # the pictures part was seen last
    assert at.session_state[state.PART]["compare"] == 1
    at.switch_page("pages/summary.py").run()
    at.button(key="summary_full_comparison").click().run()
    assert _h1(at) == [C.text("compare_title")]
    assert at.session_state[state.PART]["compare"] == 0
    back = at.button(key="step_back_3")
    assert back.label == C.text("ui_step_back").format(step=C.text("ui_step_summary"))
    back.click().run()
    assert _h1(at) == [C.text("summary_title")]
    at.switch_page("pages/compare.py").run()       # from the menu: Back follows the steps again
    assert at.button(key="step_back_3").label == C.text("ui_step_back").format(step=C.text("ui_step_situation"))


def test_start_again_deletes_nothing_until_confirmed() -> None:
    at = open_page("situation", state={state.ANSWERS: {"smoker": "yes"}, state.VALUES: {"lasting_relief": 4}})
    at.button(key="sb_clear").click().run()
    assert at.session_state[state.CONFIRM_CLEAR] is True
    assert at.session_state[state.ANSWERS] == {"smoker": "yes"}          # asked, not deleted


def test_clearing_every_option_to_show_is_said() -> None:
    at = open_page("compare")
    assert C.text("compare_shown_none") not in all_text(at)
    at.button_group(key="compare_shown").set_value([]).run()
    assert C.text("compare_shown_none") in all_text(at)


def test_opened_file_is_confirmed_under_its_picker_once() -> None:
    at = open_page("summary", state={state.panel_widget("resume_summary"): True})   # the panel, opened
    doc = {"schema": "lss-decision-aid/answers", "version": 1, "answers": {"smoker": "yes"}}
    at.file_uploader(key="summary_upload").set_value(("a.json", json.dumps(doc).encode(), "application/json")).run()
    done = C.text("ui_upload_done").format(n=1)
    notes = [str(e.proto.body) for e in at.get("html") if str(e.proto.body).startswith("<p id=\"upload-note")]
    assert len(notes) == 1 and done in notes[0] and 'role="status"' in notes[0]
    at.run()
    assert not [e for e in at.get("html") if str(e.proto.body).startswith("<p id=\"upload-note")]


def test_resume_link_has_a_copy_button() -> None:
    at = open_page("summary", state={state.ANSWERS: {"smoker": "yes"}})
    buttons = [str(e.proto.body) for e in at.get("html") if 'class="copy-btn"' in str(e.proto.body)]
    assert len(buttons) == 1
    assert C.text("ui_copy_link") in buttons[0] and "/?r=" in buttons[0]
