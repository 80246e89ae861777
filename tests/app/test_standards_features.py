"""Features the standards page claims (content/standards.yaml), checked on the rendered pages."""

from __future__ import annotations

from html import escape

from decision_aid.content.loader import load_content
from tests.app.helpers import all_text, open_page, section_titles

C = load_content()


def test_learn_describes_the_condition_and_the_natural_course():
    text = all_text(open_page("learn"))
    assert "This is called lumbar spinal stenosis" in text or "lumbar spinal stenosis" in text
    assert C.text("learn_course_title") in text
    assert C.text("learn_course").split(".")[0] in text  # the disagreement about the natural course


def test_decision_is_stated_on_start():
    text = all_text(open_page("start"))
    assert C.meta.decision in text


def test_start_says_who_paid_and_that_nothing_is_stored():
    text = all_text(open_page("start"))
    assert C.meta.funding in text
    assert C.meta.conflicts in text
    assert C.text("start_privacy").split(".")[0] in text


def test_evidence_page_gives_version_dates_update_policy_funding_and_contributors():
    text = all_text(open_page("evidence"))
    m = C.meta
    assert m.content_version in text
    assert f"{m.review_due:%d %B %Y}" in text
    assert m.update_policy in text
    assert m.funding in text
    for person in m.contributors:
        assert person.name in text and person.qualification in text


def test_home_mode_shows_step_n_of_7_with_back_and_next():
    at = open_page("situation", state={"mode": "home"})
    assert "Step 3 of 7" in all_text(at)
    labels = [b.label for b in at.button]
    assert any(label.startswith("← Back") for label in labels)
    assert any(label.startswith("Next") for label in labels)


def test_standards_page_lists_every_criterion_and_the_reading_grades():
    text = all_text(open_page("standards"))
    for crit in C.standards.criteria:
        line = f"{crit.id}: {crit.criterion}"
        assert line in text or escape(line) in text
    assert "Reading level of each page" in text
    assert "SMOG" in text


def test_show_all_questions_choice_survives_a_page_switch():
    at = open_page("situation", state={"mode": "home"})
    at.toggle(key="situation_all").set_value(True).run()
    at.switch_page("pages/compare.py").run()
    at.switch_page("pages/situation.py").run()
    assert at.toggle(key="situation_all").value is True
    titles = section_titles(at) + [h.value for h in at.subheader]   # the clinician's groups: subheadings
    assert all(g.title in titles for g in C.groups)  # every group shown, not one at a time


def test_decision_is_stated_at_the_top_of_the_summary():
    at = open_page("summary")
    first = at.main.markdown[0].value
    assert C.text("summary_decision") in first and C.meta.decision in first


def test_evidence_page_says_how_the_evidence_was_found_and_chosen():
    text = all_text(open_page("evidence"))
    assert C.text("evidence_brief_title") in text
    for k in ("evidence_brief_scope", "evidence_brief_sources", "evidence_brief_search", "evidence_brief_flags"):
        assert " ".join(C.text(k).split()) in " ".join(text.split()), k
    assert C.text("evidence_brief_dates").format(checked=f"{C.meta.reviewed_on:%d %B %Y}") in text


def test_evidence_page_says_there_is_no_clinical_author_yet():
    assert not any(p.clinician for p in C.meta.contributors)
    text = all_text(open_page("evidence"))
    assert C.text("evidence_no_clinician") in text
    for p in C.meta.contributors:
        assert p.role in text


def test_standards_page_shows_met_only_for_criteria_whose_tests_passed_in_the_recorded_run(tmp_path, monkeypatch):
    from decision_aid import standards

    crit = C.standards.criteria
    outcomes = {n: "passed" for n in standards.named_tests(crit)}
    q1 = next(x for x in crit if x.id == "Q1")
    outcomes[q1.tests[0]] = "failed"
    f = tmp_path / "outcomes.json"
    f.write_text(standards.run_document(C.meta.content_version, outcomes), encoding="utf-8")
    monkeypatch.setattr(standards, "OUTCOMES_FILE", f)
    at = open_page("standards")
    text = all_text(at)
    q1_row = text[text.index("Q1: "):text.index("Q2: ")]
    assert C.text("standards_status_not_shown") in q1_row and C.text("standards_status_met") not in q1_row
    ipdas = [x for x in crit if x.group != "good_practice"]
    met = sum(1 for x in ipdas if x.status == "met" and q1.tests[0] not in x.tests)
    assert f"{met} of {len(ipdas)} IPDAS rules are met" in text
    assert C.text("standards_run").format(version=C.meta.content_version) in text


def test_standards_page_without_a_recorded_run_shows_no_tested_rule_as_met(tmp_path, monkeypatch):
    from decision_aid import standards

    monkeypatch.setattr(standards, "OUTCOMES_FILE", tmp_path / "missing.json")
    text = all_text(open_page("standards"))
    assert C.text("standards_run_missing") in " ".join(text.split()) or " ".join(
        C.text("standards_run_missing").split()) in " ".join(text.split())
    assert "0 of 35 IPDAS rules are met" in text
