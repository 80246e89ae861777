"""Issue 13 section 1, a shorter path that still narrows (AppTest): home mode asks the warning signs,
symptoms, what was tried and the main health questions first (8 questions before Compare, the
warning signs counted as one screen of yes/no items); the detail for the clinician is one part the
patient may skip; What matters and Check start with nothing chosen, may be skipped item by item or
as a whole, and an unset value or guess stays unset in the file and the link."""

from __future__ import annotations

from decision_aid import state
from decision_aid.answers import decode_link, parse_answers_bytes, resume_url
from decision_aid.content.loader import Content
from decision_aid.contract import RED_FLAG_QUESTIONS

from .helpers import all_text, open_page, press_next, section_titles


def _situation_radios(at) -> list[str]:
    return [r.key.removeprefix("situation_q_") for r in at.radio if r.key and r.key.startswith("situation_q_")]


def test_home_mode_asks_eight_questions_before_the_part_for_the_clinician(content: Content) -> None:
    at = open_page("situation")
    asked: list[list[str]] = []
    for _ in range(3):
        asked.append(_situation_radios(at))
        press_next(at, "situation")
    # part 1: every warning sign, on one screen of yes/no items; parts 2 and 3: one question each
    assert asked[0] == list(RED_FLAG_QUESTIONS)
    assert asked[1] == ["walking_leg_pain_eased_by_sitting", "symptom_duration", "symptom_severity"]
    assert asked[2] == ["tried_physical_therapy", "tried_epidural_injection", "blood_thinner", "high_anesthesia_risk"]
    assert 1 + len(asked[1]) + len(asked[2]) == 8   # the warning-sign screen counted as one
    # part 4 of 4: everything else, for the clinician, with "Skip these" at its top
    text = all_text(at)
    assert "Part 4 of 4: For your clinician (you can skip these)" in text
    rest = _situation_radios(at)
    assert sorted(rest + [q for a in asked for q in a]) == sorted(q.id for q in content.questions)
    assert {"imaging_confirms_central_stenosis", "spondylolisthesis", "worse_pain"} <= set(rest)
    assert [s.value for s in at.subheader] == [g.title for g in content.groups if g.for_clinician]
    at.button(key="situation_skip_top").click().run()
    assert [t.value for t in at.title] == ["Compare the options"]
    assert at.session_state[state.ANSWERS] == {}   # skipping stores nothing


def test_skip_from_the_last_own_part_goes_straight_to_compare_and_never_excludes() -> None:
    at = open_page("situation")
    press_next(at, "situation", 2)   # part 3: what was tried and the main health questions
    assert "You can skip them and go straight to the comparison." in all_text(at)
    at.radio(key=state.question_widget("tried_physical_therapy")).set_value("yes").run()
    at.button(key="situation_skip_main").click().run()
    assert [t.value for t in at.title] == ["Compare the options"]
    assert at.session_state[state.ANSWERS] == {"tried_physical_therapy": "yes"}
    # the scan questions left blank never rule an option out
    statuses = {o: v.status for o, v in at.session_state[state.ASSESSED][1].options.items()}
    assert "not_suitable" not in statuses.values(), statuses


def test_exam_room_shows_every_question_with_the_clinician_part_heading(content: Content) -> None:
    at = open_page("situation", state={state.MODE: "clinic"})
    assert len(_situation_radios(at)) == len(content.questions)
    assert "For your clinician (you can skip these)" in section_titles(at)
    assert not [b for b in at.button if b.key in ("situation_skip_top", "situation_skip_main")]


def test_values_start_unset_and_rather_not_say_stays_unset() -> None:
    at = open_page("values")
    assert "It is not counted as \"not important\"." in all_text(at)
    r = at.radio(key=state.value_widget("avoid_hospital_stay"))
    assert r.value is None
    r.set_value(0).run()
    assert at.session_state[state.VALUES] == {"avoid_hospital_stay": 0}   # "not important", chosen
    at.radio(key=state.value_widget("avoid_hospital_stay")).set_value(state.VALUE_SKIP).run()
    assert at.session_state[state.VALUES] == {}
    at.radio(key=state.value_widget("lasting_relief")).set_value(3).run()
    saved = state.saved(at.session_state)
    assert saved.values == {"lasting_relief": 3}
    # unset round-trips as unset: the file and the link carry only the value rated
    assert parse_answers_bytes(saved.to_json().encode()).values == {"lasting_relief": 3}
    code = resume_url("http://x", saved).split("r=")[1]
    assert decode_link(code).values == {"lasting_relief": 3}


def test_values_skip_this_step_goes_to_check() -> None:
    at = open_page("values")
    at.button(key="values_skip_step").click().run()
    assert [t.value for t in at.title] == ["Check and lean"]
    assert at.session_state[state.VALUES] == {}


def test_guesses_start_empty_and_skip_shows_the_studies_without_a_guess() -> None:
    at = open_page("check")
    assert at.number_input(key="check_exp_improve_physical_therapy").value is None
    at.number_input(key="check_exp_improve_physical_therapy").set_value(40)
    at.button(key="FormSubmitter:check_exp_improve-Show what studies found").click().run()
    # only the box typed in is a guess; the empty ones are no guess, not 50
    assert at.session_state[state.EXPECTATIONS]["improve"] == {"physical_therapy": 40}
    at.button(key="FormSubmitter:check_exp_improve-Skip the guesses: show what studies found").click().run()
    assert at.session_state[state.EXPECTATIONS]["improve"] == {}
    assert at.number_input(key="check_exp_improve_physical_therapy").value is None
    html = all_text(at)
    assert "Studies found: 63 out of 100 felt clearly better" in html and "Your guess was" not in html
    assert state.saved(at.session_state).expectations == {}   # nothing guessed: nothing in the file


def test_check_skip_this_step_goes_to_the_summary() -> None:
    at = open_page("check")
    at.button(key="check_skip_step").click().run()
    assert [t.value for t in at.title] == ["Your summary"]


def test_a_file_without_values_loads_with_nothing_rated() -> None:
    at = open_page("values", query={"r": resume_url("http://x", state.saved({})).split("r=")[1]})
    assert at.session_state[state.VALUES] == {}
    assert all(r.value is None for r in at.radio if r.key and r.key.startswith("values_v_"))
    press_next(at, "values")
    assert "Rate something as **very important** or **most important**" in all_text(at)
