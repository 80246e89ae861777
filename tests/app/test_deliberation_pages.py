"""AppTest: What matters to you, Check and Summary, with and without earlier state."""

from __future__ import annotations

import pytest

from decision_aid import state
from tests.app.helpers import all_text, open_page, press_next

FULL_STATE = {
    state.ANSWERS: {"blood_thinner": "can_pause", "imaging_confirms_central_stenosis": "no", "smoker": "yes"},
    state.VALUES: {"avoid_general_anesthesia": 4, "short_recovery": 3, "avoid_serious_risk": 1},
    state.LEANING: "physical_therapy",
    state.ROLE: "together",
    state.SURE: {"know_benefits_risks": True, "clear_values": True, "enough_support": True, "sure_best_choice": False},
    state.EXPECTATIONS: {"improve": {"physical_therapy": 90, "open_surgery": 85}},
    state.KNOWLEDGE: {"general_anesthesia": "open_surgery_only"},
}


def _html(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


@pytest.mark.parametrize("page", ["values", "check", "summary"])
def test_renders_without_earlier_state(page):
    at = open_page(page)
    assert not at.exception, at.exception
    text = all_text(at)
    if page == "values":
        # home mode, part 1 of 2: the ratings
        # a radio group per value with nothing chosen: never rated is not "not important"
        ratings = [r for r in at.radio if r.key and r.key.startswith("values_v_")]
        assert len(ratings) == 8
        assert [r.value for r in ratings] == [None] * 8
        assert ratings[0].label == ("Avoid being put fully to sleep (general anesthesia): "
                                    "how much does this matter to you?")
        assert ratings[0].options[-1] == "I'd rather not say"
        text = all_text(press_next(at, "values"))   # part 2 of 2: how the options fit
        assert "Rate something as **very important** or **most important**" in text
    elif page == "check":
        # home mode, part 1 of 5: expectations
        assert "Part 1 of 5: What do you expect?" in text
        # one empty box per option with a comparable figure: 4 for "improve", 4 for "more treatment"
        assert len(at.number_input) == 8
        assert [n.value for n in at.number_input] == [None] * 8
        assert at.number_input(key="check_exp_improve_physical_therapy").label == (
            "Physical therapy: out of 100 people, how many felt clearly better (a meaningful drop in symptoms), "
            "after 6 weeks?")
        assert "Part 3 of 5: How sure do you feel? (the SURE test)" in all_text(press_next(at, "check", 2))
        press_next(at, "check")   # part 4 of 5: leaning and role
        assert at.radio(key="check_leaning").value is None
        press_next(at, "check")   # part 5 of 5: the people around you
        assert "Part 5 of 5: The people around you" in all_text(at)
        assert at.radio(key="support_check_others_involved").value is None
    else:
        assert "You have not rated what matters to you yet." in text
        assert "Expectations check: not done yet." in text
        assert "- **Leaning towards:** not said yet" in text
        assert "Who can I call if my symptoms get worse" in text


@pytest.mark.parametrize("page", ["values", "check", "summary"])
def test_renders_with_earlier_state(page):
    at = open_page(page, state=FULL_STATE)
    assert not at.exception, at.exception


def test_values_seeded_show_the_right_fits():
    at = open_page("values", state=FULL_STATE)
    assert at.radio(key=state.value_widget("avoid_general_anesthesia")).value == 4
    assert at.radio(key=state.value_widget("short_recovery")).value == 3
    text = all_text(press_next(at, "values"))
    assert ("You said these matter most: **Avoid being put fully to sleep (general anesthesia)**; "
            "**A short recovery**.") in text
    html = _html(at)
    surgery = html[html.index('data-option="open_surgery"'):]
    surgery = surgery[:surgery.index("</section>")]
    assert "Works against: Avoid being put fully to sleep (general anesthesia)." in surgery
    assert "Works against: A short recovery." in surgery
    pt = html[html.index('data-option="physical_therapy"'):]
    pt = pt[:pt.index("</section>")]
    assert "Fits: Avoid being put fully to sleep (general anesthesia)." in pt and "Fits: A short recovery." in pt
    # "staying away from rare but serious harm" was rated 1: not among the fits
    assert "rare but serious harm" not in html
    for word in ("best option", "score", "rank"):
        assert word not in html.lower().replace("no score", "")


def test_values_change_is_kept_in_plain_state():
    at = open_page("values")
    at.radio(key=state.value_widget("lasting_relief")).set_value(4).run()
    assert at.session_state[state.VALUES] == {"lasting_relief": 4}
    assert "You said these matter most: **Relief that lasts a long time**." in all_text(press_next(at, "values"))


def test_check_sure_reading_and_next_steps():
    at = press_next(open_page("check", state=FULL_STATE), "check", 2)   # part 3: SURE
    text = all_text(at)
    assert "**3 of 4 yes: you may not feel sure yet. That is common, and it is fine to take more time.**" in text
    assert "Things that may help:" in text
    at.radio(key=state.sure_widget("sure_best_choice")).set_value("yes").run()
    assert at.session_state[state.SURE]["sure_best_choice"] is True
    text = all_text(at)
    assert "**4 of 4 yes: you feel sure about your choice.**" in text
    assert "Things that may help:" not in text


def test_check_expectations_show_guess_next_to_study():
    at = open_page("check", state=FULL_STATE)
    html = _html(at)
    assert ("Your guess was 90 out of 100. That is higher than what studies found: 63 out of 100 felt "
            "clearly better (a meaningful drop in symptoms), after 6 weeks.") in html
    assert "Your guess was 85 out of 100. That is close to what studies found: 87 out of 100" in html


def test_check_expectation_form_stores_guesses():
    at = open_page("check")
    at.number_input(key="check_exp_more_treatment_open_surgery").set_value(30)
    at.button(key="FormSubmitter:check_exp_more_treatment-Show what studies found").click().run()
    stored = at.session_state[state.EXPECTATIONS]["more_treatment"]
    assert stored["open_surgery"] == 30 and "epidural_steroid_injection" not in stored
    assert "That is higher than what studies found: 13 out of 100 had another operation, within 4 years." in _html(at)


def test_knowledge_feedback_is_immediate_and_sourced():
    at = press_next(open_page("check"), "check")   # part 2: quick questions
    at.radio(key="check_know_mild_vs_surgery_trial").set_value("yes_same").run()
    html = _html(at)
    assert "✕ Not quite." in html and "No trial has compared MILD with open surgery" in html
    assert 'class="chips"' in html
    assert "**0 of 1 right so far.**" in all_text(at)


def test_leaning_persists_across_a_page_switch():
    at = press_next(open_page("check"), "check", 3)   # part 4: leaning and role
    at.radio(key="check_leaning").set_value("not_sure").run()
    at.radio(key="check_role").set_value("clinician_decides").run()
    assert at.session_state[state.LEANING] == "not_sure"
    at.switch_page("pages/compare.py").run()
    at.switch_page("pages/check.py").run()
    assert not at.exception
    assert at.radio(key="check_leaning").value == "not_sure"
    assert at.radio(key="check_role").value == "clinician_decides"
    at.switch_page("pages/summary.py").run()
    text = all_text(at)
    assert "- **Leaning towards:** not sure yet" in text
    assert "- **How you want to decide:** I want my clinician to decide for me" in text


def test_summary_lists_statuses_questions_and_checks():
    at = open_page("summary", state=FULL_STATE)
    text, html = all_text(at), _html(at)
    mild = html[html.index('data-option="mild"'):]
    assert "Usually not suitable for you" in mild[:mild.index("</div>")]
    pt = html[html.index('data-option="physical_therapy"'):]
    assert "Nothing against it in your answers so far" in pt[:pt.index("</div>")]
    assert "Can my blood thinner be paused safely for a procedure" in text
    assert "Would stopping smoking change how much surgery could help me?" in text
    assert "**About my answers**" in text and "**For anyone making this choice**" in text
    # MILD is not suitable (no central narrowing): no question about where to get MILD
    assert "Does this clinic do MILD?" not in text
    assert "- **Avoid being put fully to sleep (general anesthesia)**: Most important" in text
    assert "- **Open surgery**: works against: avoid being put fully to sleep (general anesthesia), a short recovery." in text
    assert "Your guess was 90 out of 100. That is higher than what studies found" in text
    assert "1 of 1 right." in text
    assert "- **How sure you feel (SURE):** 3 of 4 yes: you may not feel sure yet." in text
    assert "- **Leaning towards:** Physical therapy" in text
    assert "Content version 2026.12.1" in text


def test_summary_notes_stay_in_session_only():
    at = open_page("summary", state=FULL_STATE)
    at.text_area(key="summary_notes").set_value("my knee").run()
    assert at.session_state[state.NOTES] == "my knee"
    link = at.code[0].value
    assert "knee" not in link and "?r=" in link
