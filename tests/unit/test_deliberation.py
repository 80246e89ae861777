"""Deliberation logic: questions to ask (each trigger on and off), SURE scoring, value fits (same
shape for every option, no ranking), and the expectations check (comparable figures)."""

from __future__ import annotations

import pytest

from decision_aid.assess import assess
from decision_aid.content.loader import load_content
from decision_aid.contract import DISPLAY_ORDER, OPTION_IDS, SURE_ITEMS, VALUE_IDS
from decision_aid.deliberation import (
    ask_applies,
    ask_questions,
    expectation_feedback,
    expectation_problems,
    expectation_prompt,
    expectation_results,
    important_values,
    knowledge_score,
    questions_to_ask,
    sure_score,
    value_fits,
)

C = load_content()
ITEMS = {i.id: i for i in C.deliberation.ask}

# For every answer-triggered ask item: answers that switch it on, and answers that leave it off.
ANSWER_TRIGGERS = {
    "mri_ligament": ({"ligamentum_flavum_thickened": "unsure", "imaging_confirms_central_stenosis": "yes"},
                     {"ligamentum_flavum_thickened": "yes", "imaging_confirms_central_stenosis": "yes"}),
    "blood_thinner_plan": ({"blood_thinner": "can_pause"}, {"blood_thinner": "none"}),
    "ankle_blood_flow_test": ({"vascular_warning_signs": "yes"}, {"vascular_warning_signs": "no"}),
    "injection_timing": ({"injection_last_8_weeks": "yes"}, {"injection_last_8_weeks": "no"}),
    "last_shot_did_not_help": ({"tried_epidural_injection": "yes_no_help"}, {"tried_epidural_injection": "yes_helped"}),
    "fusion_question": ({"spondylolisthesis": "grade_1_stable"}, {"spondylolisthesis": "none"}),
    "smoking_and_surgery": ({"smoker": "yes"}, {"smoker": "no"}),
    "blood_sugar_after_shot": ({"diabetes": "controlled"}, {"diabetes": "none"}),
    "bone_strength": ({"osteoporosis": "yes"}, {"osteoporosis": "no"}),
    "anesthesia_safe_for_me": ({"high_anesthesia_risk": "unsure"}, {"high_anesthesia_risk": "no"}),
    "lying_face_down": ({"can_lie_face_down_1h": "no"}, {"can_lie_face_down_1h": "yes"}),
    "back_pain_worse": ({"worse_pain": "back"}, {"worse_pain": "leg"}),
}
# Items triggered by an option's status: answers that make it applicable, and answers that rule the
# option out (status not_suitable) so the item is off.
STATUS_TRIGGERS = {
    "mild_here_and_coverage": ({}, {"imaging_confirms_central_stenosis": "no"}),
}


def _ids(answers: dict[str, str]) -> list[str]:
    return [q.id for q in ask_questions(C, answers, assess(answers, C))]


def test_every_ask_item_has_a_trigger_test():
    conditional = {i.id for i in C.deliberation.ask if not i.always}
    tested = (set(ANSWER_TRIGGERS) | set(STATUS_TRIGGERS) | {"therapy_program", "how_many_shots", "surgery_stay_and_help"}
              # tests/unit/test_record.py::test_feeling_pressure_adds_a_question_to_ask_and_a_line_for_the_clinician
              | {"feel_pressure"})
    assert conditional == tested


@pytest.mark.parametrize("item_id", sorted(ANSWER_TRIGGERS))
def test_answer_trigger_on_and_off(item_id):
    on, off = ANSWER_TRIGGERS[item_id]
    assert item_id in _ids(on), f"{item_id} should be asked for {on}"
    assert item_id not in _ids(off), f"{item_id} should not be asked for {off}"


def test_blood_thinner_question_for_each_pause_answer():
    for value in ("can_pause", "cannot_pause", "unsure"):
        assert "blood_thinner_plan" in _ids({"blood_thinner": value})
    assert "blood_thinner_plan" not in _ids({})


def test_mri_question_asked_when_imaging_unanswered_and_off_when_both_known():
    assert "mri_ligament" in _ids({})
    assert "mri_ligament" not in _ids({"imaging_confirms_central_stenosis": "yes", "ligamentum_flavum_thickened": "yes"})


def test_mild_site_and_coverage_question_follows_mild_status():
    on, off = STATUS_TRIGGERS["mild_here_and_coverage"]
    assert assess(on, C).status("mild") in ("consider", "discuss")
    assert "mild_here_and_coverage" in _ids(on)
    assert assess(off, C).status("mild") == "not_suitable"
    assert "mild_here_and_coverage" not in _ids(off)
    text = next(q.text for q in ask_questions(C, on, assess(on, C)) if q.id == "mild_here_and_coverage")
    assert "Does this clinic do MILD?" in text and "Medicare or my insurance" in text


@pytest.mark.parametrize("item_id, option", [("therapy_program", "physical_therapy"),
                                              ("how_many_shots", "epidural_steroid_injection"),
                                              ("surgery_stay_and_help", "open_surgery")])
def test_option_status_items_follow_the_assessment(item_id, option):
    item = ITEMS[item_id]
    a = assess({}, C)
    assert a.status(option) == "consider"
    assert ask_applies(item, {}, a)

    class Ruled:  # an assessment where this option is not suitable
        def status(self, o):
            return "not_suitable" if o == option else "consider"

    assert not ask_applies(item, {}, Ruled())


def test_always_items_are_always_there_and_last():
    qs = ask_questions(C, {}, assess({}, C))
    general = [q.id for q in qs if q.group == "general"]
    assert general == ["recovery_for_me", "what_if_i_wait", "realistic_hopes", "who_to_call"]
    assert [q.group for q in qs][-4:] == ["general"] * 4


def test_covered_rule_questions_are_left_out_but_uncovered_ones_stay():
    answers = {"blood_thinner": "can_pause", "diabetes": "poorly_controlled"}
    qs = ask_questions(C, answers, assess(answers, C))
    ids = [q.id for q in qs]
    assert "blood_thinner_plan" in ids
    # the three narrower blood-thinner questions of the rules are covered by the one above
    for rule in ("mild_blood_thinner_plan", "esi_blood_thinner", "surgery_blood_thinner"):
        assert f"rule:{rule}" not in ids
    # a rule question that no content item covers is kept, with its sources
    q = next(q for q in qs if q.id == "rule:surgery_diabetes_poorly_controlled")
    assert q.text == "Should my diabetes be better controlled before surgery?"
    assert q.group == "answers" and q.sources


def test_no_duplicate_questions_and_texts_match():
    answers = {"vascular_warning_signs": "yes", "blood_thinner": "unsure", "can_lie_face_down_1h": "no",
               "worse_pain": "back", "osteoporosis": "yes"}
    a = assess(answers, C)
    texts = questions_to_ask(C, answers, a)
    assert len(texts) == len({t.lower().rstrip("?") for t in texts})
    assert texts == [q.text for q in ask_questions(C, answers, a)]
    assert not any("lie face down" in t.lower() and t.startswith("How long") for t in texts)


def test_covers_name_real_rules():
    rule_ids = {r.id for r in C.rules.rules}
    for item in C.deliberation.ask:
        assert set(item.covers) <= rule_ids, item.id


# --- SURE ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("yes", range(5))
def test_sure_score_counts_yes(yes):
    sure = {k: i < yes for i, k in enumerate(SURE_ITEMS)}
    s = sure_score(sure)
    assert (s.yes, s.answered, s.complete) == (yes, 4, True)
    assert s.sure is (yes == 4)
    if yes == 4:
        assert s.text == "4 of 4 yes: you feel sure about your choice."
    else:
        assert s.text.startswith(f"{yes} of 4 yes: you may not feel sure yet.")


def test_sure_partial_and_empty():
    s = sure_score({"know_benefits_risks": True, "clear_values": True, "enough_support": True})
    assert (s.yes, s.answered, s.complete, s.sure) == (3, 3, False, False)
    assert s.text.startswith("3 of 4 yes (1 not answered): you may not feel sure yet.")
    e = sure_score({})
    assert (e.yes, e.answered, e.sure, e.text) == (0, 0, False, "Not answered yet.")


def test_sure_next_steps_are_concrete():
    steps = C.deliberation.sure_next_steps
    assert len(steps) >= 3
    assert any("Compare" in s for s in steps) and any("questions" in s for s in steps)


# --- values --------------------------------------------------------------------------------------------


def test_value_fits_same_shape_for_every_option_and_no_ranking():
    values = {"avoid_general_anesthesia": 4, "short_recovery": 3, "lasting_relief": 1}
    fits = value_fits(C, values)
    assert list(fits) == list(DISPLAY_ORDER)  # display order, never sorted by fit
    for o, fo in fits.items():
        got = [f.value for f in fo.meets + fo.works_against + fo.mixed]
        assert sorted(got) == ["avoid_general_anesthesia", "short_recovery"], o
        assert all(f.sources for f in fo.meets + fo.works_against + fo.mixed)
    assert [f.value for f in fits["open_surgery"].works_against] == ["avoid_general_anesthesia", "short_recovery"]
    assert [f.value for f in fits["physical_therapy"].meets] == ["avoid_general_anesthesia", "short_recovery"]
    assert [f.value for f in fits["mild"].meets] == ["avoid_general_anesthesia"]
    assert [f.value for f in fits["mild"].mixed] == ["short_recovery"]  # "unknown" is shown as mixed/not known
    for fo in fits.values():  # no score or rank anywhere on the result
        assert not any(hasattr(fo, a) for a in ("score", "rank", "total", "best"))


def test_value_fits_empty_when_nothing_important():
    fits = value_fits(C, {"avoid_serious_risk": 2})
    assert all(not (fo.meets or fo.works_against or fo.mixed) for fo in fits.values())
    assert important_values({"avoid_serious_risk": 2}) == []


def test_important_values_most_important_first_in_contract_order():
    assert important_values({"strongest_evidence": 3, "avoid_hospital_stay": 4, "short_recovery": 4}) == [
        "avoid_hospital_stay", "short_recovery", "strongest_evidence"]


def test_every_value_has_a_fit_for_every_option():
    pairs = {(f.value, f.option) for f in C.deliberation.fits}
    assert pairs == {(v, o) for v in VALUE_IDS for o in OPTION_IDS}


# --- expectations and knowledge ---------------------------------------------------------------------


def test_expectation_figures_are_comparable_with_a_guess_out_of_100():
    assert expectation_problems(C) == []


def test_expectation_prompt_names_what_was_counted_and_when():
    assert expectation_prompt(C, "improve", "physical_therapy") == (
        "Physical therapy: out of 100 people, how many felt clearly better (a meaningful drop in symptoms), "
        "after 6 weeks?")
    assert expectation_prompt(C, "more_treatment", "no_new_treatment") == (
        "No new treatment for now: out of 100 people, how many had surgery later, within 8 years?")
    assert expectation_prompt(C, "improve", "mild") is None  # no checked figure: nothing to guess


def test_expectation_feedback_close_higher_and_no_figure():
    res = {r.option: r for r in expectation_results(C, "improve", {"physical_therapy": 70, "open_surgery": 40, "mild": 90})}
    assert res["physical_therapy"].figure.id == "pt_responders_6w"
    assert expectation_feedback(res["physical_therapy"]) == (
        "Your guess was 70 out of 100. That is close to what studies found: 63 out of 100 felt clearly "
        "better (a meaningful drop in symptoms), after 6 weeks.")
    assert expectation_feedback(res["open_surgery"]).startswith(
        "Your guess was 40 out of 100. That is lower than what studies found: 87 out of 100 said the "
        "operation had helped them, after 1 year.")
    assert res["mild"].guess is None  # a guess without a figure is not kept
    assert expectation_feedback(res["mild"]).startswith("The main MILD trial counted")


def test_knowledge_has_3_to_5_sourced_items_and_scores():
    items = C.deliberation.knowledge
    assert 3 <= len(items) <= 5
    assert all(k.sources and k.explanation for k in items)
    assert knowledge_score(C, {"general_anesthesia": "open_surgery_only", "steroid_vs_numbing": "much_more"}) == (1, 2)
    assert knowledge_score(C, {}) == (0, 0)


def test_an_unset_value_is_not_not_important_and_leaves_the_others_alone():
    """Issue 13 section 1: a value never rated, or "I'd rather not say", is absent; it is neither
    counted as "not important" nor as important, and the values that were rated work as before."""
    import json

    from decision_aid.answers import Saved, decode_link, encode_link, parse_answers_bytes
    from decision_aid.fhir import questionnaire_response

    values = {"avoid_general_anesthesia": 4}
    assert important_values(values) == ["avoid_general_anesthesia"]
    fits = value_fits(C, values)
    assert [f.value for f in fits["open_surgery"].works_against] == ["avoid_general_anesthesia"]
    saved = Saved(answers={}, values=values)
    # the answers file and the link carry the one rated value (never a 0 for the others), and the
    # other seven come back unset
    assert json.loads(saved.to_json())["values"] == values
    assert parse_answers_bytes(saved.to_json().encode()).values == values
    assert decode_link(encode_link(saved)).values == values
    # the FHIR record answers only the rated one
    qr = json.loads(questionnaire_response(saved, C).json())
    items = [i for g in qr["item"] if g["linkId"] == "values" for i in g["item"]]
    assert [i["linkId"] for i in items] == ["values.avoid_general_anesthesia"]
