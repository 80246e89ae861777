"""AppTest page tests: every page through the real router (app.py), with and without earlier state.

Covers the Foundation issue (every page renders, Compare shows the five options with cited figures,
the urgent stop on every page, resume link and answers file) and the "Your situation" issue
(answers narrow Compare: dimmed with a reason, the fit line changes, "show all equally" undoes it).
Figures and wording are read from the content where they are long; short ones are pinned here so
a silent change to a patient-facing number fails a test.
"""

from __future__ import annotations

import json
import re

import pytest

from decision_aid import state
from decision_aid.answers import Saved, encode_link
from decision_aid.assess import assess
from decision_aid.content.loader import load_content
from decision_aid.contract import OPTION_IDS

from .helpers import PAGES, all_text, open_page

C = load_content()

# Answers that leave nothing against any option (MILD needs the two scan answers).
ALL_FIT = {
    "walking_leg_pain_eased_by_sitting": "yes",
    "imaging_confirms_central_stenosis": "yes",
    "ligamentum_flavum_thickened": "yes",
}
# rules.yaml mild_cannot_lie_prone: MILD not_suitable (ESI and surgery become "discuss").
EXCLUDES_MILD = {**ALL_FIT, "can_lie_face_down_1h": "no"}
MILD_RULE = next(r for r in C.rules.rules if r.id == "mild_cannot_lie_prone")
MILD_REASON = " ".join(MILD_RULE.reason.split())
FITS_AFTER = len(assess(EXCLUDES_MILD, C).fitting())

FULL_STATE = {
    state.ANSWERS: dict(EXCLUDES_MILD, smoker="yes", symptom_duration="over_12_months"),
    state.VALUES: {"avoid_general_anesthesia": 4, "lasting_relief": 3, "short_recovery": 1},
    state.LEANING: "physical_therapy",
    state.ROLE: "together",
    state.SURE: {"know_benefits_risks": True, "clear_values": False},
    state.NOTES: "Ask about walking distance.",
}
URGENT_STATE = {state.ANSWERS: {"bladder_bowel_change": "yes", "smoker": "no"}}
URGENT_REASON = "You said you have new trouble with your bladder or bowel"
URGENT_MESSAGE = "Go to a hospital emergency department now"


def html_text(at) -> str:
    """The st.html blocks the page drew, without the style sheets."""
    bodies = (str(getattr(e.proto, "body", "")) for e in at.get("html"))
    return "\n".join(b for b in bodies if not b.lstrip().startswith("<style>"))


def header_cell(html: str, option_id: str) -> str:
    """The <th> of one option in the Compare grid (its status class, badge and reasons)."""
    m = re.search(rf'<th scope="col" class="opt[^"]*" data-option="{option_id}">.*?</th>', html, re.S)
    assert m, f"no grid column for {option_id}"
    return m.group(0)


def no_exception(at) -> None:
    assert [e.value for e in at.exception] == []


# --------------------------------------------------------------------------- every page renders

@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_no_state(page: str) -> None:
    at = open_page(page)
    no_exception(at)
    # the frame is drawn and the page drew its own title or heading
    assert at.title or at.markdown, page
    assert URGENT_MESSAGE not in html_text(at)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_earlier_answers_values_and_leaning(page: str) -> None:
    at = open_page(page, state=FULL_STATE)
    no_exception(at)
    # the state survives the page switch untouched
    assert at.session_state[state.ANSWERS] == FULL_STATE[state.ANSWERS]
    assert at.session_state[state.VALUES] == FULL_STATE[state.VALUES]
    assert at.session_state[state.LEANING] == "physical_therapy"


@pytest.mark.parametrize("page", PAGES)
def test_urgent_answer_shows_the_urgent_message_on_every_page(page: str) -> None:
    at = open_page(page, state=URGENT_STATE)
    no_exception(at)
    html = html_text(at)
    assert 'class="urgent urgent-emergency" role="alert"' in html
    assert "Go to an emergency department now" in html
    assert URGENT_MESSAGE in html
    assert URGENT_REASON in html          # names the answer that triggered it
    # it comes before anything the page itself draws: only style blocks precede it
    top = list(at.main)
    i = next(i for i, e in enumerate(top) if 'class="urgent ' in str(getattr(e.proto, "body", "")))
    assert all(type(e).__name__ == "SpecialBlock"   # the event container (styles, toasts)
               or (type(e).__name__ == "Html" and "<style>" in str(e.proto.body)) for e in top[:i]), \
        [type(e).__name__ for e in top[:i]]


def test_urgent_message_names_each_red_flag_answered_yes() -> None:
    at = open_page("compare", state={state.ANSWERS: {"saddle_numbness": "yes", "other_red_flags": "yes"}})
    html = html_text(at)
    msgs = {f.question: " ".join(f.message.split()) for f in C.rules.red_flags}
    assert msgs["saddle_numbness"].startswith("You said you have new numbness around your genitals")
    assert msgs["saddle_numbness"] in html
    assert msgs["other_red_flags"] in html
    assert msgs["bladder_bowel_change"] not in html and URGENT_REASON not in html


# --------------------------------------------------------------------------- Compare

def test_compare_shows_all_five_options_with_their_names() -> None:
    at = open_page("compare")
    no_exception(at)
    html = html_text(at)
    for oid in OPTION_IDS:
        assert f'data-option="{oid}"' in html
    for name in ("MILD (minimally invasive lumbar decompression)", "Physical therapy", "Epidural steroid injection",
                 "Open surgery (laminectomy)", "No new treatment for now"):
        assert name in html


def test_compare_shows_open_surgery_figure_with_its_citation() -> None:
    at = open_page("compare")
    html = html_text(at)
    # options.yaml open_surgery.how_many_improve: 86.9 out of 100 aged 70+ after 1 year, Jakola 2010
    assert "In a study of people aged 70 or older, 87 out of 100 said the operation had helped them" in html
    m = re.search(r'<div class="fig" data-figure="surgery_helped_1y">.*?</div>', html, re.S)
    assert m, "figure surgery_helped_1y missing"
    fig = m.group(0)
    assert '<span class="fig-n">87 out of 100</span>' in fig
    assert "after 1 year" in fig
    assert "101 people aged 70 or older in one study in Norway" in fig
    assert "certainty not graded" in fig and "study that followed one group, 101 people" in fig
    # its source in the cell's one sources line, as a plain label (issue 13 section 4)
    rest = html[m.end():]
    cell_end = min(i for i in (rest.find("</td>"), rest.find("</section>")) if i >= 0)
    line = rest[:cell_end]
    assert 'class="chips-line"' in line and "Study of people 70 and over, 2010" in line


def test_compare_without_answers_says_nothing_is_narrowed_and_mild_asks_first() -> None:
    at = open_page("compare")
    html = html_text(at)
    # no count that reads like a verdict before any answer (issue 13 section 4)
    assert "No answers yet, so all five options are shown the same way." in html
    assert "options fit what you told us" not in html
    assert "You have not answered any questions yet, so nothing is narrowed." in all_text(at)
    mild = header_cell(html, "mild")
    assert "col-discuss" in mild and "Ask your clinician" in mild


def test_narrowing_dims_mild_with_its_reason_and_changes_the_fit_line() -> None:
    before = open_page("compare", state={state.ANSWERS: dict(ALL_FIT)})
    html = html_text(before)
    assert "5 of 5 options fit what you told us so far" in html
    assert "col-not_suitable" not in html

    assert MILD_RULE.status == "not_suitable" and MILD_RULE.options == ("mild",)
    assert FITS_AFTER == 2   # physical therapy and no new treatment
    after = open_page("compare", state={state.ANSWERS: dict(EXCLUDES_MILD)})
    no_exception(after)
    html = html_text(after)
    assert "2 of 5 options fit what you told us so far" in html
    mild = header_cell(html, "mild")
    assert 'class="opt col-not_suitable"' in mild
    assert "Usually not suitable for you" in mild
    assert MILD_REASON in re.sub(r"<[^>]+>", "", mild)  # visible text (glossary words are marked spans)
    assert 'data-rule="mild_cannot_lie_prone"' in mild
    # dimmed, never hidden: MILD's cells are still there, with the dimmed class
    assert re.search(r'<td class="col-not_suitable" data-label="MILD', html)
    assert "col-discuss" in header_cell(html, "epidural_steroid_injection")
    assert "col-consider" in header_cell(html, "physical_therapy")


def test_what_changed_note_after_an_answer_changes_a_status() -> None:
    at = open_page("compare", state={state.ANSWERS: dict(ALL_FIT)})
    assert 'class="changed"' not in html_text(at)
    at.session_state[state.ANSWERS] = dict(EXCLUDES_MILD)
    at.run()
    html = html_text(at)
    assert "What changed after your last answers:" in html
    assert "<strong>MILD</strong>: was “Nothing against it in your answers so far”, now “Usually not suitable for you”." in html
    at.run()   # seen once: the note goes away when nothing changed
    assert "What changed after your last answers:" not in html_text(at)


def test_show_all_equally_removes_status_styling_and_keeps_answers() -> None:
    at = open_page("compare", state={state.ANSWERS: dict(EXCLUDES_MILD)})
    assert "col-not_suitable" in html_text(at)
    at.toggle(key="compare_show_all").set_value(True).run()
    no_exception(at)
    html = html_text(at)
    for cls in ("col-not_suitable", "col-discuss", "col-consider", 'class="status '):
        assert cls not in html
    assert "options fit what you told us" not in html
    assert "All five options are shown the same way." in all_text(at)
    assert at.session_state[state.ANSWERS] == EXCLUDES_MILD
    for oid in OPTION_IDS:
        assert f'data-option="{oid}"' in html
    at.toggle(key="compare_show_all").set_value(False).run()
    assert "col-not_suitable" in html_text(at)


def test_situation_answer_narrows_and_survives_a_page_switch() -> None:
    at = open_page("situation", state={state.ANSWERS: dict(ALL_FIT)})
    at.toggle(key="situation_all").set_value(True).run()
    at.radio(key=state.question_widget("can_lie_face_down_1h")).set_value("no").run()
    no_exception(at)
    assert at.session_state[state.ANSWERS]["can_lie_face_down_1h"] == "no"
    assert "2 of 5 options fit what you told us so far" in all_text(at)
    at.switch_page("pages/compare.py").run()
    assert "col-not_suitable" in header_cell(html_text(at), "mild")


# --------------------------------------------------------------------------- resume link

def test_valid_resume_link_restores_answers_values_and_leaning() -> None:
    saved = Saved(answers=dict(EXCLUDES_MILD), values={"lasting_relief": 4}, leaning="open_surgery",
                  decision_role=None, sure={})
    at = open_page("compare", query={"r": encode_link(saved)})
    no_exception(at)
    assert at.session_state[state.ANSWERS] == EXCLUDES_MILD
    assert at.session_state[state.VALUES] == {"lasting_relief": 4}
    assert at.session_state[state.LEANING] == "open_surgery"
    # the flash is shown on the run that applied the link (the first one, before the switch)
    assert "2 of 5 options fit" in html_text(at)


def test_resume_link_message_is_shown() -> None:
    saved = Saved(answers=dict(ALL_FIT), values={}, leaning=None, decision_role=None, sure={})
    at = open_page(None, query={"r": encode_link(saved)})
    assert [s.value for s in at.success] == ["Your saved answers were opened from the link (3 answers)."]


@pytest.mark.parametrize("code", ["1.0000100000.----4---.------.v1", "garbage", "9.abc.def.ghi.jk"])
def test_damaged_link_shows_a_clear_error_and_keeps_answers(code: str) -> None:
    at = open_page(None, state={state.ANSWERS: {"smoker": "yes"}}, query={"r": code})
    no_exception(at)
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    assert ("This link is damaged or incomplete, so it could not be opened" in errors[0]
            or "It was made by another version of this aid" in errors[0])
    assert errors[0].endswith("Your current answers are kept.")
    assert at.session_state[state.ANSWERS] == {"smoker": "yes"}


def test_damaged_link_with_a_bad_check_says_characters_were_lost() -> None:
    good = encode_link(Saved(answers=dict(ALL_FIT), values={}, leaning=None, decision_role=None, sure={}))
    damaged = good[:-2] + ("aa" if not good.endswith("aa") else "bb")
    at = open_page(None, query={"r": damaged})
    assert [e.value for e in at.error] == [
        "This link is damaged or incomplete, so it could not be opened. A check failed; maybe some characters "
        "were lost when copying it. You can start afresh below."]
    assert at.session_state[state.ANSWERS] == {}


def test_mode_clinic_opens_the_exam_room() -> None:
    at = open_page(None, query={"mode": "clinic"})
    no_exception(at)
    assert at.session_state[state.MODE] == "clinic"
    assert "The options at a glance" in all_text(at) or "Ask your clinician" in html_text(at)


# --------------------------------------------------------------------------- answers file

def _doc(answers: dict, **extra) -> bytes:
    return json.dumps({"schema": "lss-decision-aid/answers", "version": 1, "answers": answers, **extra}).encode()


def _upload(data: bytes, name: str = "answers.json"):
    at = open_page(None, state={state.ANSWERS: {"smoker": "yes"}, state.panel_widget("resume_start"): True})  # opened
    at.file_uploader(key="start_upload").set_value((name, data, "application/json")).run()
    no_exception(at)
    return at


def test_good_answers_file_replaces_the_answers() -> None:
    at = _upload(_doc(dict(EXCLUDES_MILD), values={"avoid_serious_risk": 4}))
    assert at.session_state[state.ANSWERS] == EXCLUDES_MILD
    assert at.session_state[state.VALUES] == {"avoid_serious_risk": 4}
    assert [s.value for s in at.success] == ["Your answers were opened from the file (4 answers)."]
    assert at.error == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "The file is not valid JSON. The problem is at line 1, column 2"),
        (b"\xff\xfe\x00bad", "The file is not a text file (it is not UTF-8)"),
        (_doc({"smoker": "maybe"}), "'answers.smoker' has value \"maybe\", which is not allowed; allowed values: yes, no."),
        (_doc({"no_such_question": "yes"}), "no_such_question"),
        (json.dumps({"schema": "other", "version": 1, "answers": {}}).encode(), "schema"),
        (b" " * (70 * 1024), "The file is too large (71,680 bytes); answers files are under 64 KB."),
    ],
    ids=["not-json", "not-utf8", "bad-value", "unknown-question", "wrong-schema", "oversize"],
)
def test_bad_answers_file_gives_a_clear_message_and_keeps_answers(data: bytes, message: str) -> None:
    at = _upload(data)
    assert at.session_state[state.ANSWERS] == {"smoker": "yes"}
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    text = errors[0]
    assert text.startswith("That file could not be opened: ")
    assert message in text
    assert text.endswith("Your current answers are kept.")


def test_bad_value_message_names_the_allowed_values() -> None:
    at = _upload(_doc({"smoker": "maybe"}))
    text = at.error[0].value
    assert "allowed values: yes, no." in text


def test_uploader_accepts_only_json() -> None:
    at = open_page(None)
    assert not at.get("file_uploader")   # folded: drawn only once the panel is opened
    at.session_state[state.panel_widget("resume_start")] = True
    at.run()
    up = at.file_uploader(key="start_upload")
    assert up.allowed_type == [".json"]
    assert up.label == "Open a saved answers file (.json)"


# --------------------------------------------------------------------------- Summary

def test_summary_shows_statuses_values_and_leaning_from_state() -> None:
    at = open_page("summary", state=FULL_STATE)
    no_exception(at)
    html, text = html_text(at), all_text(at)
    assert re.search(r'<div class="card col-not_suitable" data-option="mild">', html)
    assert MILD_REASON in re.sub(r"<[^>]+>", "", html)  # visible text (glossary words are marked spans)
    assert "**Leaning towards:** Physical therapy" in text
    assert C.meta.content_version in text
    # the notes are on screen and never in the resume link shown
    assert at.text_area(key="summary_notes").value == "Ask about walking distance."
    code = next(c.value for c in at.code)
    assert "walking" not in code.lower()
    assert encode_link(Saved(answers=FULL_STATE[state.ANSWERS], values=FULL_STATE[state.VALUES],
                             leaning="physical_therapy", decision_role="together",
                             sure=FULL_STATE[state.SURE])) in code
