"""Issue 15 sections 3-5 on the pages: everything the person did comes back from a link, Summary lists
every answer, the people around the patient on Check and in the exam room, and the clinician part in
clinic mode."""

from __future__ import annotations

from decision_aid import state
from decision_aid.answers import Saved, encode_link
from decision_aid.contract import IMAGING_QUESTIONS, QUESTIONS, RED_FLAG_QUESTIONS

from .helpers import all_text, open_page, press_next, section_heading_html

EVERYTHING = Saved(
    answers={q: "no" for q in RED_FLAG_QUESTIONS} | {"smoker": "yes"},
    values={"short_recovery": 4},
    leaning="physical_therapy",
    decision_role="together",
    sure={"clear_values": True},
    expectations={"improve": {"physical_therapy": 70, "open_surgery": 40}},
    knowledge={"general_anesthesia": "open_surgery_only", "steroid_vs_numbing": "much_more"},
    support={"others_involved": True, "others_leaning": "open_surgery", "feel_pressure": True},
)
LINK = encode_link(EVERYTHING)


def test_summary_after_resuming_shows_guesses_knowledge_and_support_done():
    at = open_page("summary", query={"r": LINK})
    assert not at.exception, at.exception
    text = all_text(at)
    assert "Expectations check: not done yet." not in text
    assert "Quick questions: not done yet." not in text
    assert "Your guess was 70 out of 100." in text
    assert "1 of 2" in text  # knowledge check score
    assert "- Someone else is involved in this choice." in text
    assert "- They lean towards: Open surgery (laminectomy)." in text
    assert "I feel pressure from someone to choose a certain option." in text  # a question to ask


def test_summary_lists_every_answer_grouped_with_not_answered():
    at = open_page("summary", query={"r": LINK})
    text = all_text(at)
    assert "Everything you told the aid" in text
    for q in RED_FLAG_QUESTIONS:
        assert f'<li data-question="{q}" class="answered"><strong>No:</strong>' in text
    assert text.count('class="blank"') == len(QUESTIONS) - len(EVERYTHING.answers)
    assert "<strong>Not answered:</strong> Do you have diabetes?" in text


def test_check_after_resuming_shows_the_guesses_and_the_people_around_you():
    at = open_page("check", query={"r": LINK})
    assert at.number_input(key="check_exp_improve_physical_therapy").value == 70
    assert "Your guess was 70 out of 100." in all_text(at)
    press_next(at, "check")  # part 2: the knowledge check, answers restored
    assert at.radio(key="check_know_general_anesthesia").value == "open_surgery_only"
    press_next(at, "check", 3)  # part 5: the people around you
    assert "Part 5 of 5: The people around you" in all_text(at)
    assert at.radio(key="support_check_others_involved").value == "yes"
    assert at.radio(key="support_check_others_leaning").value == "open_surgery"
    assert at.radio(key="support_check_feel_pressure").value == "yes"


def test_answering_the_support_questions_on_check_stores_them():
    at = open_page("check")
    press_next(at, "check", 4)
    assert at.radio(key="support_check_others_involved").value is None
    at.radio(key="support_check_others_involved").set_value("yes").run()
    at.radio(key="support_check_others_leaning").set_value("not_sure").run()
    at.radio(key="support_check_feel_pressure").set_value("no").run()
    assert at.session_state[state.SUPPORT] == {"others_involved": True, "others_leaning": "not_sure",
                                               "feel_pressure": False}
    at.radio(key="support_check_feel_pressure").set_value("yes").run()
    assert "It is your choice." in all_text(at)


def test_clinician_part_is_on_summary_in_clinic_mode_only():
    home = all_text(open_page("summary", query={"r": LINK}))
    assert "1. Shared decision making" not in home
    at = open_page("summary", query={"r": LINK, "mode": "clinic"})
    assert not at.exception, at.exception
    text = all_text(at)
    assert "For the clinician: shared decision-making record" in text
    for title in ("1. Shared decision making", "2. Options, benefits and risks we talked about",
                  "3. Decision aid used", "4. What matters to the patient", "5. Questions, and what the patient chose"):
        assert title in text
    assert "not legal advice" in text
    assert "The patient feels pressure from someone about this choice." in text


def test_exam_room_asks_about_the_people_around_the_patient_and_shows_the_record():
    at = open_page("exam", query={"mode": "clinic"}, state={state.EXAM_RECORD_PANEL: True})   # the pop-up, opened
    assert not at.exception, at.exception
    assert at.radio(key="support_exam_others_involved").value is None
    assert "4. What matters to the patient" in all_text(at)
    at.radio(key="support_exam_feel_pressure").set_value("yes").run()
    assert at.session_state[state.SUPPORT] == {"feel_pressure": True}
    assert "The patient feels pressure from someone about this choice." in all_text(at)


def _in_order(at) -> str:
    """What the main area drew, in the order drawn (headings, markdown and html blocks)."""
    out: list[str] = []

    def walk(node) -> None:
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for k in sorted(children):
                walk(children[k])
            return
        value = getattr(node, "value", None)
        body = getattr(getattr(node, "proto", None), "body", None)
        text = str(body if isinstance(body, str) and body else value if isinstance(value, str) else "")
        out.append(f"{getattr(node, 'type', '')}: {text}")

    walk(at.main)
    return "\n".join(out)


def test_summary_opens_with_what_to_do_and_repeats_earlier_pages_last():
    """Issue 13 section 5: the Summary opens with the handover (print, file, link), then the leaning,
    what matters and the questions to ask; options, every answer and the checks come last."""
    at = open_page("summary", query={"r": LINK})
    assert not at.exception, at.exception
    text = _in_order(at)
    from decision_aid.content.loader import load_content
    c = load_content()
    order = [section_heading_html(c.text(k)) for k in ("summary_take_title", "summary_sure_title", "summary_values_title",
                                              "summary_ask_title")]
    order += [f"markdown: ---\n\n**{c.text('summary_repeat_title')}"]   # the rule and the lead: one element
    order += [section_heading_html(c.text(k)) for k in ("summary_options_title", "summary_answers_title", "summary_checks_title")]
    at_ = [text.index(t) for t in order]
    assert at_ == sorted(at_), [t for _, t in sorted(zip(at_, order, strict=True))]
    assert c.text("summary_clin_brief_title") not in text   # home mode: no clinician block


def test_summary_in_clinic_mode_speaks_to_the_clinician_first_with_a_link_to_the_record():
    at = open_page("summary", query={"r": LINK, "mode": "clinic"})
    assert not at.exception, at.exception
    text = _in_order(at)
    from decision_aid.content.loader import load_content
    c = load_content()
    brief = text.index(c.text("summary_clin_brief_title"))
    take = text.index(section_heading_html(c.text("summary_take_title")))
    assert brief < take < text.index("1. Shared decision making")
    block = text[brief:take]
    lean = c.option("physical_therapy").short_name
    assert f"Leaning:</strong> {lean}" in block
    assert "Feels pressure from others:</strong> Yes" in block
    short_recovery = next(v.label for v in c.deliberation.values if v.id == "short_recovery")
    assert short_recovery in block                                   # the value that matters most
    assert c.question(IMAGING_QUESTIONS[0]).short in block           # scan questions not answered yet
    assert c.question(RED_FLAG_QUESTIONS[0]).short not in block      # warning signs all answered "no"
    assert 'href="#decision-record"' in block and 'id="decision-record"' in text
