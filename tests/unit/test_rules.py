"""The rules engine: every rule on both sides of its boundary, with "unsure" and unanswered, the
engine's invariants, the contract's assessment shape, and the brief's vignettes F1-F12.

Cases live in tests/cases/rules.yaml (one group per row of the brief's candidacy table) and
tests/cases/vignettes.yaml; a rule added to rules.yaml without explicit cases fails here.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from decision_aid.assess import assess, changes
from decision_aid.content.loader import load_content
from decision_aid.content.models import STATUS_ORDER, UNANSWERED
from decision_aid.contract import (
    CAUDA_EQUINA_QUESTIONS,
    OPTION_IDS,
    QUESTIONS,
    RED_FLAG_QUESTIONS,
    URGENCY_LEVELS,
)

CASES_DIR = Path(__file__).resolve().parents[1] / "cases"
CONTENT = load_content()
RULES = {r.id: r for r in CONTENT.rules.rules}
ALIAS = {
    "mild": "mild",
    "pt": "physical_therapy",
    "esi": "epidural_steroid_injection",
    "surgery": "open_surgery",
    "wait": "no_new_treatment",
}

_RULE_CASES = yaml.safe_load((CASES_DIR / "rules.yaml").read_text(encoding="utf-8"))
BASELINE: dict[str, str] = _RULE_CASES["baseline"]
GROUPS: list[dict[str, Any]] = _RULE_CASES["groups"]
VIGNETTES: dict[str, dict[str, Any]] = yaml.safe_load((CASES_DIR / "vignettes.yaml").read_text(encoding="utf-8"))


def _apply(base: dict[str, str], changes_: dict[str, str | None]) -> dict[str, str]:
    out = dict(base)
    for q, v in changes_.items():
        assert q in QUESTIONS, f"unknown question {q} in a test case"
        if v is None:
            out.pop(q, None)
        else:
            assert v in QUESTIONS[q], f"{q}: {v!r} is not a contract value"
            out[q] = v
    return out


def _fired(result) -> set[str]:
    return {r.rule for o in result.options.values() for r in o.reasons}


def _expected_statuses(expect: dict[str, Any]) -> dict[str, str]:
    statuses = {o: "consider" for o in OPTION_IDS}
    for alias, value in expect.items():
        statuses[ALIAS[alias]] = value[0] if isinstance(value, list) else value
    return statuses


# --------------------------------------------------------------------------------------------------
# The explicit case table covers every rule
# --------------------------------------------------------------------------------------------------


def test_baseline_gives_consider_for_every_option_and_no_reasons():
    assert set(BASELINE) == set(QUESTIONS), "the baseline answers every question"
    result = assess(BASELINE)
    assert {o: r.status for o, r in result.options.items()} == {o: "consider" for o in OPTION_IDS}
    assert _fired(result) == set()
    assert result.urgent is False


def test_every_rule_has_explicit_cases():
    listed = [r for g in GROUPS for r in g["rules"]]
    assert len(listed) == len(set(listed)), "a rule is listed in two groups"
    assert sorted(listed) == sorted(RULES), (
        f"rules without cases: {sorted(set(RULES) - set(listed))}; "
        f"cases for rules that no longer exist: {sorted(set(listed) - set(RULES))}"
    )
    for group in GROUPS:
        for rule_id in group["rules"]:
            rule = RULES[rule_id]
            cases = group["cases"]
            assert any(rule_id in c["fires"] for c in cases), f"{rule_id}: no case where it fires"
            assert any(rule_id not in c["fires"] for c in cases), f"{rule_id}: no case where it stays quiet"
            for cond in rule.when:
                asked = [c["set"] for c in cases if cond.question in c["set"]]
                assert any(s[cond.question] is None for s in asked), f"{rule_id}: no unanswered case for {cond.question}"
                if "unsure" in QUESTIONS[cond.question]:
                    assert any(s[cond.question] == "unsure" for s in asked), (
                        f"{rule_id}: no 'unsure' case for {cond.question}"
                    )


def _group_cases():
    for group in GROUPS:
        for case in group["cases"]:
            label = "+".join(f"{q}={v}" for q, v in case["set"].items())
            yield pytest.param(group, case, id=f"{label}")


@pytest.mark.parametrize(("group", "case"), list(_group_cases()))
def test_rule_case(group, case):
    answers = _apply(BASELINE, case["set"])
    result = assess(answers)
    got = {o: r.status for o, r in result.options.items()}
    assert got == _expected_statuses(case["expect"]), group["brief"]
    assert _fired(result) == set(case["fires"]), group["brief"]
    assert [u.question for u in result.urgent_reasons] == case.get("urgent", [])
    assert result.urgency == case.get("urgency", "none"), group["brief"]
    assert result.urgent is (result.urgency == "emergency")
    for rule_id in case["fires"]:
        for option in RULES[rule_id].options:
            assert rule_id in [r.rule for r in result.options[option].reasons]


# --------------------------------------------------------------------------------------------------
# Generated from the rule data: each condition, each allowed value and unanswered
# --------------------------------------------------------------------------------------------------


def _boundaries():
    for rule in CONTENT.rules.rules:
        for cond in rule.when:
            for value in QUESTIONS[cond.question] + (None,):
                yield pytest.param(rule, cond, value, id=f"{rule.id}:{cond.question}={value}")


@pytest.mark.parametrize(("rule", "cond", "value"), list(_boundaries()))
def test_rule_boundary_from_rule_data(rule, cond, value):
    """Only this condition varies; for match: all, the other conditions are made true."""
    answers = dict(BASELINE)
    others = [c for c in rule.when if c is not cond]
    if rule.match == "all":
        for c in others:
            hard = [v for v in c.is_in if v != UNANSWERED]
            answers[c.question] = hard[0]
    else:
        for c in others:  # the baseline must not trigger the other conditions of an 'any' rule
            assert BASELINE[c.question] not in c.is_in, (rule.id, c.question)
    answers = _apply(answers, {cond.question: value})
    should_fire = (value if value is not None else UNANSWERED) in cond.is_in
    result = assess(answers)
    for option in rule.options:
        ids = [r.rule for r in result.options[option].reasons]
        assert (rule.id in ids) is should_fire, (option, ids)
        if should_fire:
            assert STATUS_ORDER[result.options[option].status] >= STATUS_ORDER[rule.status]
    for option in set(OPTION_IDS) - set(rule.options):
        assert rule.id not in [r.rule for r in result.options[option].reasons]


# --------------------------------------------------------------------------------------------------
# Invariants (property-based)
# --------------------------------------------------------------------------------------------------

ANY_ANSWERS = st.fixed_dictionaries(
    {}, optional={q: st.sampled_from(values) for q, values in QUESTIONS.items()}
)
SOFT_ANSWERS = st.fixed_dictionaries(
    {}, optional={q: st.just("unsure") for q, values in QUESTIONS.items() if "unsure" in values}
)


@settings(max_examples=300, deadline=None)
@given(SOFT_ANSWERS)
def test_unanswered_or_unsure_never_gives_not_suitable(answers):
    result = assess(answers)
    assert all(r.status != "not_suitable" for r in result.options.values())
    assert result.urgent is False


@settings(max_examples=300, deadline=None)
@given(ANY_ANSWERS)
def test_not_suitable_always_rests_on_a_definite_answer(answers):
    result = assess(answers)
    for option, res in result.options.items():
        for reason in res.reasons:
            if reason.status != "not_suitable":
                continue
            rule = RULES[reason.rule]
            matched = [c for c in rule.when if answers.get(c.question, UNANSWERED) in c.is_in]
            assert matched and all(answers[c.question] != "unsure" for c in matched), (option, rule.id)


@settings(max_examples=300, deadline=None)
@given(ANY_ANSWERS)
def test_physical_therapy_and_no_new_treatment_are_never_not_suitable(answers):
    result = assess(answers)
    assert result.status("physical_therapy") != "not_suitable"
    assert result.status("no_new_treatment") != "not_suitable"


@settings(max_examples=300, deadline=None)
@given(ANY_ANSWERS)
def test_worst_status_wins_and_every_non_consider_status_has_sourced_reasons(answers):
    result = assess(answers)
    for option, res in result.options.items():
        if not res.reasons:
            assert res.status == "consider", option
            continue
        assert res.status == max((r.status for r in res.reasons), key=STATUS_ORDER.__getitem__)
        assert res.status != "consider"
        assert res.reasons[0].status == res.status, "the reason that set the status comes first"
        for r in res.reasons:
            assert r.rule in RULES
            assert r.text.strip() and r.text == RULES[r.rule].reason
            assert r.sources and all(k in CONTENT.references for k in r.sources), r.rule


@settings(max_examples=300, deadline=None)
@given(ANY_ANSWERS)
def test_red_flags_set_urgency_levels_naming_the_question(answers):
    """Contract section 5: yes to a cauda equina question -> emergency; unsure to one -> same_day;
    yes to other_red_flags -> soon; the highest level wins; urgent is true exactly for emergency."""
    result = assess(answers)
    raised = []
    for q in RED_FLAG_QUESTIONS:
        a = answers.get(q)
        if q in CAUDA_EQUINA_QUESTIONS and a in ("yes", "unsure"):
            raised.append((q, a, "emergency" if a == "yes" else "same_day"))
        elif q == "other_red_flags" and a == "yes":
            raised.append((q, a, "soon"))
    assert [(u.question, u.answer, u.level) for u in result.urgent_reasons] == raised
    want = min((lvl for *_, lvl in raised), key=URGENCY_LEVELS.index, default="none")
    assert result.urgency == want
    assert result.urgent is (want == "emergency")
    for u in result.urgent_reasons:
        assert u.text.strip() and u.sources and all(k in CONTENT.references for k in u.sources)
    if any(answers.get(q) == "yes" for q in RED_FLAG_QUESTIONS):  # C1: no option is simply "consider"
        assert all(r.status != "consider" for r in result.options.values())


@settings(max_examples=200, deadline=None)
@given(ANY_ANSWERS)
def test_assess_is_pure_and_deterministic(answers):
    before = copy.deepcopy(answers)
    first = assess(answers).to_json()
    assert answers == before
    assert assess(dict(reversed(list(answers.items())))).to_json() == first


def test_urgent_reason_texts_match_the_red_flag_content():
    result = assess({"worsening_leg_weakness": "yes", "saddle_numbness": "unsure", "other_red_flags": "yes"})
    flags = {f.question: f for f in CONTENT.rules.red_flags}
    assert [u.to_json() for u in result.urgent_reasons] == [
        {"rule": "red_flag_saddle_numbness", "question": "saddle_numbness", "answer": "unsure",
         "level": "same_day", "text": flags["saddle_numbness"].unsure_message,
         "sources": list(flags["saddle_numbness"].sources)},
        {"rule": "red_flag_worsening_leg_weakness", "question": "worsening_leg_weakness", "answer": "yes",
         "level": "emergency", "text": flags["worsening_leg_weakness"].message,
         "sources": list(flags["worsening_leg_weakness"].sources)},
        {"rule": "red_flag_other_red_flags", "question": "other_red_flags", "answer": "yes",
         "level": "soon", "text": flags["other_red_flags"].message,
         "sources": list(flags["other_red_flags"].sources)},
    ]
    assert result.urgency == "emergency" and result.urgent is True
    assert "leg weakness is new or getting worse" in flags["worsening_leg_weakness"].message


def test_emergency_message_sends_to_an_emergency_department_not_urgent_care():
    """Issue 11: urgent care usually cannot scan; the emergency level says so in plain words."""
    em = CONTENT.rules.urgency["emergency"]
    assert "emergency department now" in em.title.lower()
    assert "emergency department" in em.message and "urgent care" in em.message
    assert "not go to an urgent care" in em.message.lower() or "do not go to an urgent care" in em.message.lower()
    assert "doctor or a nurse line today" in CONTENT.rules.urgency["same_day"].title
    assert "next few days" in CONTENT.rules.urgency["soon"].title


def test_red_flag_questions_cover_the_brief_section_d():
    """Brief section D: new loss of genital feeling or sexual function goes with bladder and bowel;
    long-term steroids with the other red flags."""
    q = {x.id: " ".join(x.text.split()).lower() for x in CONTENT.questions}
    assert "genitals" in q["bladder_bowel_change"] and "sex" in q["bladder_bowel_change"]
    assert "steroid tablets" in q["other_red_flags"]
    for word in ("fever", "cancer", "weight loss", "fall", "night"):
        assert word in q["other_red_flags"], word


# --------------------------------------------------------------------------------------------------
# Contract section 5: the assessment JSON shape
# --------------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(ANY_ANSWERS)
def test_assessment_json_has_exactly_the_contract_shape(answers):
    doc = json.loads(json.dumps(assess(answers).to_json()))
    assert list(doc) == ["content_version", "urgency", "urgent", "urgent_reasons", "options"]
    assert doc["content_version"] == CONTENT.meta.content_version
    assert doc["urgency"] in URGENCY_LEVELS
    assert doc["urgent"] is (doc["urgency"] == "emergency")
    assert list(doc["options"]) == list(OPTION_IDS)
    for option in doc["options"].values():
        assert list(option) == ["status", "reasons"]
        assert option["status"] in ("consider", "discuss", "not_suitable")
        for reason in option["reasons"]:
            assert list(reason) == ["rule", "text", "sources"]
            assert isinstance(reason["rule"], str) and isinstance(reason["text"], str)
            assert isinstance(reason["sources"], list) and all(isinstance(s, str) for s in reason["sources"])
    for u in doc["urgent_reasons"]:
        assert list(u) == ["rule", "question", "answer", "level", "text", "sources"]
        assert u["level"] in URGENCY_LEVELS[:3] and u["answer"] in ("yes", "unsure")


def test_empty_answers_match_the_contract_example():
    doc = assess({}).to_json()
    assert doc == {
        "content_version": CONTENT.meta.content_version,
        "urgency": "none",
        "urgent": False,
        "urgent_reasons": [],
        "options": {
            "mild": {"status": "discuss", "reasons": [{
                "rule": "mild_needs_imaging_review",
                "text": RULES["mild_needs_imaging_review"].reason,
                "sources": ["MOTION-reg", "MIST-2.0"],
            }]},
            "physical_therapy": {"status": "consider", "reasons": []},
            "epidural_steroid_injection": {"status": "consider", "reasons": []},
            "open_surgery": {"status": "consider", "reasons": []},
            "no_new_treatment": {"status": "consider", "reasons": []},
        },
    }


def test_changes_lists_only_options_whose_status_moved():
    before = assess(BASELINE)
    after = assess(_apply(BASELINE, {"can_lie_face_down_1h": "no"}))
    assert changes(None, after) == []
    assert changes(before, after) == [
        ("mild", "consider", "not_suitable"),
        ("epidural_steroid_injection", "consider", "discuss"),
        ("open_surgery", "consider", "discuss"),
    ]
    assert after.fitting() == ["no_new_treatment", "physical_therapy"]  # display order


# --------------------------------------------------------------------------------------------------
# The brief's vignettes (section F)
# --------------------------------------------------------------------------------------------------


def test_all_twelve_vignettes_are_present_with_every_option():
    assert list(VIGNETTES) == [f"F{i}" for i in range(1, 13)]
    for name, v in VIGNETTES.items():
        assert set(v["expect"]) == set(ALIAS), name
        for alias, (status, why) in v["expect"].items():
            assert status in STATUS_ORDER and why.strip(), (name, alias)


@pytest.mark.parametrize("name", list(VIGNETTES))
def test_vignette(name):
    v = VIGNETTES[name]
    answers = _apply({}, v["answers"])
    result = assess(answers)
    got = {o: r.status for o, r in result.options.items()}
    want = _expected_statuses(v["expect"])
    assert got == want, {o: (got[o], [r.rule for r in result.options[o].reasons]) for o in OPTION_IDS}
    assert result.urgent is v["urgent"]
    assert [u.question for u in result.urgent_reasons] == v.get("urgent_reasons", [])


def test_vignette_reasons_name_the_brief_criteria():
    """The reasons shown are the ones the brief gives, not just any rule with the same status."""
    def rules_for(name: str, option: str) -> set[str]:
        return {r.rule for r in assess(VIGNETTES[name]["answers"]).options[option].reasons}

    assert rules_for("F2", "mild") == {"mild_blood_thinner_cannot_pause"}
    assert rules_for("F3", "mild") == {"mild_unstable_or_large_slip", "mild_needs_imaging_review"}
    assert rules_for("F5", "epidural_steroid_injection") == {"esi_repeat_after_no_help", "esi_diabetes"}
    assert rules_for("F9", "mild") == {"mild_prior_surgery_same_level"}
    assert rules_for("F10", "no_new_treatment") == {"vascular_check_needed"}
    assert rules_for("F11", "mild") == {
        "mild_no_central_stenosis", "mild_ligament_not_thickened", "mild_foraminal_or_bony"}
    assert rules_for("F12", "mild") == {"mild_cannot_lie_prone", "mild_needs_imaging_review"}
