"""The decision record (issue 15 sections 3-5): every answer grouped as asked with "Not answered"
where blank (on the Summary page and in the PDF), the clinician part with the five elements of a
shared decision-making note (RCW 7.70.060), and the people around the patient (Ottawa guide)."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from decision_aid.answers import Saved
from decision_aid.assess import assess
from decision_aid.content.loader import load_content
from decision_aid.contract import QUESTIONS, RED_FLAG_QUESTIONS
from decision_aid.deliberation import ask_questions
from decision_aid.export import APP_VERSION, build_summary_pdf
from decision_aid.record import ELEMENTS, RecordInput, answer_groups, clinician_record, support_lines
from decision_aid.views import answers_html, clinician_record_html

C = load_content()
ROOT = Path(__file__).resolve().parents[2]
NO_FLAGS = Saved(
    answers={q: "no" for q in RED_FLAG_QUESTIONS} | {"smoker": "yes", "spondylolisthesis": "grade_1_stable"},
    values={"short_recovery": 4, "avoid_serious_risk": 3},
    leaning="physical_therapy",
    decision_role="together",
    sure={k: True for k in ("know_benefits_risks", "clear_values", "enough_support")} | {"sure_best_choice": False},
    expectations={"improve": {"physical_therapy": 70, "open_surgery": 40}},
    knowledge={"general_anesthesia": "open_surgery_only", "steroid_vs_numbing": "much_more"},
    support={"others_involved": True, "others_leaning": "open_surgery", "feel_pressure": True},
)
PRESSURE_QUESTION = "I feel pressure from someone to choose a certain option."


def _pdf_text(saved: Saved, **kw) -> str:
    reader = PdfReader(BytesIO(build_summary_pdf(saved, content=C, today=date(2026, 12, 4), **kw)))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# --- every answer, grouped as asked ----------------------------------------------------------------


def test_answer_groups_list_every_question_once_in_the_order_and_groups_asked():
    groups = answer_groups(C, NO_FLAGS.answers)
    assert [g.id for g in groups] == ["safety", "symptoms", "tried", "health", "scans", "pain"]
    assert [g.title for g in groups][0] == "Safety first"
    listed = [ln.question for g in groups for ln in g.lines]
    assert listed == [q.id for g in C.groups for q in C.questions if q.group == g.id]
    assert sorted(listed) == sorted(QUESTIONS)
    safety = {ln.question: ln.answer for ln in groups[0].lines}
    assert safety == {q: "No" for q in RED_FLAG_QUESTIONS}
    by_id = {ln.question: ln for g in groups for ln in g.lines}
    assert by_id["spondylolisthesis"].answer == next(ch.label for ch in C.question("spondylolisthesis").choices
                                                     if ch.value == "grade_1_stable")
    assert by_id["diabetes"].answer == "Not answered" and not by_id["diabetes"].answered


def test_summary_pdf_lists_every_answer_with_no_to_the_warning_signs_and_not_answered():
    text = _pdf_text(NO_FLAGS)
    assert "Everything I told the aid" in text
    for g in answer_groups(C, NO_FLAGS.answers):
        assert g.title in text
        for ln in g.lines:
            assert _flat(f"{ln.answer}: {ln.text}") in text, ln.question
    # the warning signs answered "no" are on paper, each with its question
    assert "No: Do you have new numbness around your genitals, bottom, or inner thighs?" in text
    assert "Not answered: Do you have diabetes?" in text


def test_an_empty_summary_pdf_says_not_answered_for_every_question():
    text = _pdf_text(Saved())
    assert text.count("Not answered: ") == len(QUESTIONS)


def test_answers_html_escapes_and_marks_blanks():
    html = answers_html(answer_groups(C, {"smoker": "yes"}))
    assert '<li data-question="smoker" class="answered"><strong>Yes:</strong> Do you smoke now?</li>' in html
    assert html.count('class="blank"') == len(QUESTIONS) - 1
    assert html.count("<h3>") == len(C.groups)


# --- the clinician part -----------------------------------------------------------------------------


def _record(saved: Saved, examined: str | None = None):
    return clinician_record(RecordInput(C, saved, assess(saved.answers, C), date(2026, 12, 4), APP_VERSION, examined))


def test_clinician_part_has_the_five_elements_in_order_and_says_it_is_a_template():
    rec = _record(NO_FLAGS)
    assert tuple(el.id for el in rec.elements) == ELEMENTS
    assert [el.title for el in rec.elements] == [
        "1. Shared decision making", "2. Options, benefits and risks we talked about", "3. Decision aid used",
        "4. What matters to the patient", "5. Questions, and what the patient chose"]
    assert "not legal advice" in rec.template_note and "RCW 7.70.060" in rec.template_note
    assert "has not been certified by Washington State" in rec.template_note
    lines = {el.id: "\n".join(el.lines) for el in rec.elements}
    assert "☐ The patient and I used shared decision making" in lines["sdm"]
    assert "together with the clinician" in lines["sdm"]
    for o in C.options:  # every option is a box to tick, and its status from the answers is named
        assert f"☐ {o.short_name}" in lines["options"]
    assert "Benefits and risks of each option discussed" in lines["options"]
    assert "Warning sign questions answered: 4 of 4" in lines["options"]
    assert f"content version {C.meta.content_version}" in lines["aid"] and "4 December 2026" in lines["aid"]
    assert "Rated most important: A short recovery (most important); Avoid rare but serious harm" \
        in lines["values"]
    assert "leaning towards: Physical therapy" in lines["values"]
    assert "SURE: 3 of 4 yes." in lines["values"] and "Knowledge check: 1 of 2 right." in lines["values"]
    assert "☐ The patient had the chance to ask questions" in lines["questions_choice"]
    assert "☐ The patient chose:" in lines["questions_choice"]
    assert "☐ The patient is still deciding." in lines["questions_choice"]


def test_examined_not_an_emergency_is_shown_only_when_given():
    assert _record(NO_FLAGS).examined is None
    assert "Exam record" not in clinician_record_html(_record(NO_FLAGS))
    rec = _record(NO_FLAGS, examined="Examined: not an emergency (Dr Lee, 4 December 2026)")
    assert rec.examined == "Examined: not an emergency (Dr Lee, 4 December 2026)"
    html = clinician_record_html(rec)
    assert "<strong>Exam record:</strong> Examined: not an emergency (Dr Lee, 4 December 2026)" in html
    # the PDF: the exam room's record (state.examined_record) for these very emergency answers
    emergency = Saved(answers={"bladder_bowel_change": "yes"})
    record = {"questions": ["bladder_bowel_change"], "at": "14:05 on 4 December 2026"}
    text = _pdf_text(emergency, examined=record)
    assert "Exam record: Examined: not an emergency. Recorded in the exam room at 14:05 on 4 December 2026" in text
    assert C.question("bladder_bowel_change").text.split("?")[0] in text
    assert "Exam record" not in _pdf_text(NO_FLAGS)
    assert "Exam record" not in _pdf_text(emergency)  # no record: none printed (and the options hidden)


def test_summary_pdf_carries_the_clinician_part():
    text = _pdf_text(NO_FLAGS)
    for el in _record(NO_FLAGS).elements:
        assert el.title in text
    assert "This is a template for your own note, not legal advice." in text


def test_an_urgent_level_is_an_alert_in_the_clinician_part():
    rec = _record(Saved(answers={"other_red_flags": "yes"}))
    assert rec.alerts and rec.alerts[0].startswith("Warning signs: ")
    assert _record(Saved()).alerts == ()


# --- the people around the patient ------------------------------------------------------------------


def test_support_lines_say_who_is_involved_their_leaning_and_pressure():
    assert support_lines(C, {}) == []
    assert support_lines(C, NO_FLAGS.support) == [
        "Someone else is involved in this choice.",
        "They lean towards: Open surgery (laminectomy).",
        "The patient feels pressure from someone to choose a certain option.",
    ]
    assert support_lines(C, {"others_involved": False, "feel_pressure": False}) == [
        "No one else is involved in this choice.", "The patient does not feel pressure from anyone."]


def test_feeling_pressure_adds_a_question_to_ask_and_a_line_for_the_clinician():
    a = assess({}, C)
    without = [q.text for q in ask_questions(C, {}, a, {"feel_pressure": False})]
    with_pressure = ask_questions(C, {}, a, {"feel_pressure": True})
    added = [q for q in with_pressure if q.text not in without]
    assert [q.id for q in added] == ["feel_pressure"] and added[0].text.startswith(PRESSURE_QUESTION)
    assert added[0].group == "answers"
    assert not any(q.text.startswith(PRESSURE_QUESTION) for q in ask_questions(C, {}, a))
    assert any("feels pressure from someone about this choice" in x for x in _record(NO_FLAGS).alerts)
    assert not _record(Saved(support={"feel_pressure": False})).alerts


def test_summary_pdf_shows_support_and_the_pressure_question():
    text = _pdf_text(NO_FLAGS)
    assert "The people around me" in text
    assert "They lean towards: Open surgery (laminectomy)." in text
    assert PRESSURE_QUESTION in text
    assert re.search(r"The people around me \W? ?Not answered yet\.", _pdf_text(Saved()))


def test_cli_summary_of_a_file_prints_its_guesses_knowledge_answers_and_support(tmp_path):
    """The answers file alone (no session) brings everything back onto paper."""
    path = tmp_path / "answers.json"
    path.write_text(NO_FLAGS.to_json())
    out = tmp_path / "summary.pdf"
    subprocess.run([sys.executable, "-m", "decision_aid", "summary", str(path), "-o", str(out)], cwd=ROOT,
                   check=True, capture_output=True, text=True, timeout=120)
    reader = PdfReader(str(out))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Expectations check not done yet" not in text
    assert "Your guess was 70 out of 100." in text  # the guess about physical therapy
    assert "Knowledge check: 1 of 2 right." in text  # the clinician part
    assert "They lean towards: Open surgery (laminectomy)." in text
    assert PRESSURE_QUESTION in text
